/**
 * schemas/report.schema.json against every kind of report the engine writes: each drift config
 * under test-fixtures/, the demo model streamed, sampled and in row windows, and reports with
 * empty and edge sections (no model, regression, multiclass, a column with no current values,
 * infinities, a single category). The schema is written by hand, so it is held strict: every
 * closed shape says `additionalProperties: false`, and a field the schema lacks fails here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../../src/engine/analysis/analyze';
import { loadConfig } from '../../src/engine/config/load';
import type { Report } from '../../src/protocol/report';
import { reportSchema, reportValidator } from '../reportValidator';

const fixtures = new URL('../../../test-fixtures/', import.meta.url).pathname;

/** Every drift config under test-fixtures/: `drift.yaml` or `*.drift.yaml` / `.yml`. */
function fixtureConfigs(folder = fixtures): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : fixtureConfigs(full);
    return /(^|\.)drift\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/** A report as it reaches a reader: through JSON, so NaN and infinities are null. */
function asJson(report: Report): unknown {
  return JSON.parse(JSON.stringify(report));
}

let validate: ValidateFunction;
const folder = mkdtempSync(join(tmpdir(), 'drift-report-schema-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(() => {
  validate = reportValidator();
});

function expectValid(report: Report): void {
  validate(asJson(report));
  expect(validate.errors ?? []).toEqual([]);
}

/** A config in the temporary folder, its files named by absolute path or written beside it. */
async function reportOf(
  yaml: string,
  files: Record<string, string> = {},
  options: AnalyzeOptions = {},
): Promise<Report> {
  const name = `config-${readdirSync(folder).length}.yaml`;
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  writeFileSync(join(folder, name), yaml);
  return analyze(await loadConfig(join(folder, name)), options);
}

describe('the report schema is closed', () => {
  it('says of every object with properties whether others may appear', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if ((schema.properties || schema.type === 'object') && schema.additionalProperties === undefined) open.push(at);
      for (const [key, child] of Object.entries(schema)) walk(child, `${at}/${key}`);
    };
    walk(reportSchema, '#');
    expect(open).toEqual([]);
  });

  it('rejects a field it does not describe, at the top, in a feature and in a test result', async () => {
    const report = asJson(await analyze(await loadConfig(join(fixtures, 'demo/drift.yaml')))) as Record<string, any>;
    for (const change of [
      (r: any) => (r.extra = 1),
      (r: any) => (r.features[0].extra = 1),
      (r: any) => (r.features[0].tests.ks.extra = 1),
      (r: any) => delete r.features[0].tests.ks.method,
    ]) {
      const broken = structuredClone(report);
      change(broken);
      expect(validate(broken)).toBe(false);
    }
  });
});

describe('every drift config under test-fixtures', () => {
  const configs = fixtureConfigs();

  it('finds the fixtures', () => {
    expect(configs.map((config) => config.slice(fixtures.length)).sort()).toEqual([
      'columns/all-missing.drift.yaml',
      'columns/identifiers-declared.drift.yaml',
      'columns/identifiers.drift.yaml',
      'columns/missing-in-current.drift.yaml',
      'columns/text-cell.drift.yaml',
      'decimal-comma/drift.yaml',
      'demo-model/drift.yaml',
      'demo/drift.yaml',
      'model-columns/new-class/drift.yaml',
      'model-columns/percent-probabilities/drift.yaml',
      'model-columns/probability-as-prediction/drift.yaml',
      'model-columns/word-predictions/drift.yaml',
      'parquet/drift.yaml',
      'retraining-blocked/drift.yaml',
      'risk/five-high.drift.yaml',
      'risk/one-high-one-moderate.drift.yaml',
      'risk/one-low.drift.yaml',
      'risk/severe.drift.yaml',
      'risk/stable.drift.yaml',
      'webview/xss/drift.yaml',
      'windows/drift.yaml',
    ]);
  });

  it.each(configs.map((config) => [config.slice(fixtures.length), config]))('%s', async (_, config) => {
    expectValid(await analyze(await loadConfig(config)));
  });
});

describe('the demo model in other modes', () => {
  const demoModel = join(fixtures, 'demo-model/drift.yaml');

  it('streamed', async () => {
    const report = await analyze(await loadConfig(demoModel), { streaming: { mode: 'on', exactRows: 500 } });
    expect(report.reference.streamed).toBe(true);
    expectValid(report);
  });

  it('sampled', async () => {
    const report = await analyze(await loadConfig(demoModel), { maxRows: 1_000 });
    expect(report.reference.sampledFrom).toBe(6_000);
    expectValid(report);
  });

  it('in row windows with the reference windowed too', async () => {
    const text = readFileSync(demoModel, 'utf8')
      .replace('every: 1w', "every: '500 rows'\n  reference: true")
      .replace(
        /(reference|current|test): (\w+\.csv)/g,
        (_, key, file) => `${key}: ${join(fixtures, 'demo-model', file)}`,
      );
    const report = await reportOf(text);
    expect(report.windows?.current.length).toBeGreaterThan(3);
    expect(report.windows?.reference?.length).toBeGreaterThan(3);
    expectValid(report);
  });
});

describe('reports with empty and edge sections', () => {
  const performance = (file: string) => join(fixtures, 'performance', file);

  it('no model, no timestamp: the demo pair without target or prediction', async () => {
    const report = await reportOf(
      `reference: ${join(fixtures, 'demo/reference.csv')}\ncurrent: ${join(fixtures, 'demo/current.csv')}\n`,
    );
    expect(report.performance).toBeNull();
    expect(report.windows).toBeNull();
    expectValid(report);
  });

  it('regression', async () => {
    const report = await reportOf(
      `reference: ${performance('regression.csv')}\ncurrent: ${performance('regression.csv')}\ncolumns:\n  target: target\n  prediction: prediction\n`,
    );
    expect(report.task).toBe('regression');
    expectValid(report);
  });

  it('multiclass classification, labels as text and as numbers', async () => {
    for (const file of ['multiclass_strings.csv', 'multiclass_numbers.csv']) {
      const report = await reportOf(
        `reference: ${performance(file)}\ncurrent: ${performance(file)}\ncolumns:\n  target: target\n  prediction: prediction\n`,
      );
      expect(report.task).toBe('classification');
      expectValid(report);
    }
  });

  it('data quality findings', async () => {
    const report = await reportOf(
      `reference: ${join(fixtures, 'quality/reference.csv')}\ncurrent: ${join(fixtures, 'quality/current.csv')}\n`,
    );
    expectValid(report);
  });

  it('a column with no current values, one category only, infinities, a binary column, declared kinds and overrides', async () => {
    const rows = (shift: number, emptyColumn: boolean) =>
      Array.from({ length: 200 }, (_, i) =>
        [
          ((i * 7919) % 200) / 10 + shift,
          emptyColumn ? '' : i % 13,
          'same',
          i % 2 ? 'yes' : 'no',
          i % 40 === 0 ? 'inf' : i / 7,
          i % 5,
        ].join(','),
      );
    const header = 'x,gone,constant,flag,wide,level';
    const report = await reportOf(
      'reference: edge-reference.csv\ncurrent: edge-current.csv\ncolumns:\n  categorical: [level]\ndrift:\n  features:\n    x: { method: psi, bins: [5, 10, 15] }\n    wide: { method: ks }\n',
      {
        'edge-reference.csv': [header, ...rows(0, false)].join('\n') + '\n',
        'edge-current.csv': [header, ...rows(3, true)].join('\n') + '\n',
      },
    );
    expect(report.features.map((f) => f.name)).not.toContain('gone');
    expect(report.quality.findings.find((f) => f.column === 'gone')?.kind).toBe('all-missing');
    expectValid(report);
  });

  it('no column left to test', async () => {
    const report = await reportOf(
      'reference: none-reference.csv\ncurrent: none-current.csv\ncolumns:\n  exclude: [a, b]\n',
      { 'none-reference.csv': 'a,b\n1,x\n2,y\n', 'none-current.csv': 'a,b\n1,x\n' },
    );
    expect(report.features).toEqual([]);
    expectValid(report);
  });

  it("what the editor's Restricted Mode held back", async () => {
    const report = await reportOf('reference: held-reference.csv\ncurrent: held-current.csv\n', {
      'held-reference.csv': 'a,b\n1,x\n2,y\n',
      'held-current.csv': 'a,b\n3,x\n4,x\n',
    });
    expectValid({ ...report, heldBack: ['the alerts to the webhook', 'the retraining command'] });
    validate(asJson({ ...report, heldBack: [1] } as unknown as Report));
    expect(validate.errors?.[0]?.instancePath).toBe('/heldBack/0');
  });

  it('two rows a side', async () => {
    const report = await reportOf('reference: tiny-reference.csv\ncurrent: tiny-current.csv\n', {
      'tiny-reference.csv': 'a,b\n1,x\n2,y\n',
      'tiny-current.csv': 'a,b\n3,x\n4,x\n',
    });
    expectValid(report);
  });
});
