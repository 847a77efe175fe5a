/**
 * The editor on references that are not CSV, through the language server (dist/server.js over
 * JSON-RPC): a Parquet file (test-fixtures/lsp-formats/, written by DuckDB: numbers, strings,
 * a boolean, a timestamp, and a list, a struct and a map column the analysis skips) and a
 * reference profile of the same data (made by `drift-monitor profile`). Column names complete and are checked from the Parquet footer or
 * the profile, hover profiles the column, drift diagnostics stay on the config, and Create
 * Monitoring Config is told when a reference is large enough to save a profile of.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LSPErrorCodes } from 'vscode-languageserver/node';
import {
  DATA_CHANGED,
  GET_CSV_HEADER,
  RUN_ANALYSIS,
  SAVE_REFERENCE_PROFILE,
  type CsvHeaderResult,
} from '../../src/protocol/messages';
import { LspClient, type Diagnostic } from './lspClient';
import { cursorPosition } from './applyEdits';

const fixtures = new URL('../../../test-fixtures/lsp-formats/', import.meta.url).pathname;
const FIXTURES = ['reference.parquet', 'current.parquet', 'reference.csv', 'reference.profile.json'];

let client: LspClient | undefined;
let folder: string;

beforeAll(() => {
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'drift-formats-')));
  for (const file of FIXTURES) copyFileSync(join(fixtures, file), join(folder, file));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

let configs = 0;
/** Opens `text` as a new config in the folder (not written to disk); its URI. */
async function open(text: string): Promise<string> {
  const uri = pathToFileURL(join(folder, `c${++configs}.drift.yaml`)).toString();
  await client!.open(uri, text);
  return uri;
}

async function completion(marked: string): Promise<{ label: string; detail?: string }[]> {
  const { text, position } = cursorPosition(marked);
  const uri = await open(text);
  return client!.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
}

async function hover(marked: string): Promise<string | undefined> {
  const { text, position } = cursorPosition(marked);
  const uri = await open(text);
  const result = await client!.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
    textDocument: { uri },
    position,
  });
  return result?.contents.value;
}

/** The first validation diagnostics of `text` that have any drift-monitor problem in them. */
async function problems(text: string): Promise<Diagnostic[]> {
  const uri = pathToFileURL(join(folder, `c${++configs}.drift.yaml`)).toString();
  const published = client!.diagnostics(uri, (d) => d.length > 0);
  await client!.open(uri, text);
  return published;
}

const PARQUET = 'reference: reference.parquet\ncurrent: current.parquet\n';

describe('a Parquet reference', () => {
  it('completes its columns with their kinds and types from the footer, leaving out the nested ones', async () => {
    client = await LspClient.start({}, folder);
    const items = await completion(`${PARQUET}columns:\n  numerical: [|]\n`);
    expect(items.map((item) => [item.label, item.detail])).toEqual([
      ['age', 'numerical · DOUBLE'],
      ['income', 'numerical · INT_64'],
      ['region', 'categorical · UTF8'],
      ['active', 'categorical · BOOLEAN'],
      ['bonus', 'numerical · INT_32'],
      ['signed_up', 'timestamp · TIMESTAMP(MICROS)'],
    ]);
  });

  it('checks column names with did-you-mean, names a skipped column and why, and a declared kind against the stored type', async () => {
    client = await LspClient.start({}, folder);
    const found = await problems(
      `${PARQUET}columns:\n  numerical: [incom, region]\n  categorical: [tags]\ndrift:\n  features:\n    active: { method: ks }\n`,
    );
    expect(found.map((d) => [d.code, d.message])).toEqual([
      ['unknown-column', 'Column `incom` is not in reference.parquet: did you mean `income`?'],
      ['skipped-column', 'Column `tags` of reference.parquet is skipped by the analysis: it is a list column.'],
      [
        'declared-numerical-has-text',
        'Column `region` is declared numerical, but reference.parquet stores it as UTF8, not as numbers.',
      ],
      [
        'method-kind-mismatch',
        'ks does not apply to `active`, which is stored as BOOLEAN in reference.parquet: the run falls back to auto. Methods for categories: chisquare, ztest, psi, jensenshannon, kl, hellinger.',
      ],
    ]);
  });

  it('gives a file that is not Parquet a message naming it, and completes nothing from it', async () => {
    client = await LspClient.start({}, folder);
    writeFileSync(join(folder, 'broken.parquet'), 'age,income\n1,2\n');
    const [problem] = await problems('reference: broken.parquet\ncurrent: current.parquet\n');
    expect(problem.message).toBe(
      `reference is not a Parquet file: it does not start with the PAR1 marker: broken.parquet (looked in ${folder})`,
    );
    expect(await completion('reference: broken.parquet\ncolumns:\n  numerical: [|]\n')).toEqual([]);
  });

  it('hovers a column with its Parquet type, the rows and nulls of the footer, and the profile of its values', async () => {
    client = await LspClient.start({}, folder);
    const bonus = csvColumn('bonus').map(Number);
    const markdown = await hover(`${PARQUET}columns:\n  numerical: [bon|us]\n`);
    const [summary, , figures] = markdown!.split('\n');
    expect(summary).toBe('**bonus** in `reference.parquet`: numerical (INT_32), 300 rows, 30 missing (10.0%)');
    expect(figures).toContain(`min ${Math.min(...bonus)} · max ${Math.max(...bonus)}`);
    expect((await hover(`${PARQUET}columns:\n  categorical: [reg|ion]\n`))!.split('\n')[0]).toBe(
      '**region** in `reference.parquet`: categorical (UTF8), 300 rows, 0 missing',
    );
  });

  it('puts drift diagnostics on the config entry only: a Parquet file has no header cell', async () => {
    client = await LspClient.start({}, folder);
    const text = `${PARQUET}drift:\n  features:\n    income: { method: ks }\n`;
    const uri = await open(text);
    const onConfig = client.diagnostics(uri, (d) => d.some((each) => each.code === 'ks'));
    await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    const drifted = (await onConfig).filter((d) => d.code === 'ks');
    expect(drifted.map((d) => [d.message.split(':')[0], d.range.start.line, d.relatedInformation])).toEqual([
      ["Feature 'income' drifted", 4, undefined],
    ]);
    expect(client.published.filter((p) => p.uri.endsWith('.parquet'))).toEqual([]);
  });

  it('hovers a skipped column with why it is skipped', async () => {
    client = await LspClient.start({}, folder);
    expect(await hover(`${PARQUET}columns:\n  exclude: [addr|ess]\n`)).toBe(
      '`address` of `reference.parquet` is skipped by the analysis: it is a struct column.',
    );
  });

  it('answers its header without cells, a timestamp as such, and says no more than the client needs', async () => {
    client = await LspClient.start({}, folder);
    const header = await client.connection.sendRequest(GET_CSV_HEADER, {
      file: pathToFileURL(join(folder, 'reference.parquet')).toString(),
    });
    expect(header).toEqual({
      columns: [
        { name: 'age', kind: 'numerical' },
        { name: 'income', kind: 'numerical' },
        { name: 'region', kind: 'categorical' },
        { name: 'active', kind: 'categorical' },
        { name: 'bonus', kind: 'numerical' },
        { name: 'signed_up', kind: 'timestamp' },
      ],
    });
  });
});

describe('data files of every format', () => {
  it('are offered as paths, Parquet and profiles beside CSV', async () => {
    client = await LspClient.start({}, folder);
    writeFileSync(join(folder, 'notes.txt'), 'not data\n');
    writeFileSync(join(folder, 'train.csv.gz'), '');
    writeFileSync(join(folder, 'train.profile.json'), '{}');
    const labels = (await completion('reference: |')).map((item) => item.label);
    expect(labels).toEqual(
      expect.arrayContaining(['current.parquet', 'reference.parquet', 'train.csv.gz', 'train.profile.json']),
    );
    expect(labels).not.toContain('notes.txt');
  });

  it('tell analyze-on-save of the configs reading a Parquet file rewritten on disk', async () => {
    const config = join(folder, 'watched.drift.yaml');
    writeFileSync(config, PARQUET);
    client = await LspClient.start({}, folder);
    const parquet = pathToFileURL(join(folder, 'current.parquet')).toString();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: parquet, type: 2 }],
    });
    await until(() => client!.notifications.some((n) => n.method === DATA_CHANGED.method));
    expect(client.notifications.find((n) => n.method === DATA_CHANGED.method)?.params).toEqual({
      file: parquet,
      configs: [pathToFileURL(config).toString()],
    });
    rmSync(config);
  });
});

describe('Create Monitoring Config on a large reference', () => {
  it('is told a Parquet reference of over a million rows is large, from its footer alone', async () => {
    const file = join(folder, 'large.parquet');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(
      `COPY (SELECT range AS id, range % 7 AS day FROM range(1000001)) TO '${file}' (FORMAT parquet)`,
    );
    client = await LspClient.start({}, folder);
    const header = (await client.connection.sendRequest(GET_CSV_HEADER, {
      file: pathToFileURL(file).toString(),
    })) as Extract<CsvHeaderResult, { columns: unknown }>;
    expect(header.large).toBe('has 1,000,001 rows');
    const small = (await client.connection.sendRequest(GET_CSV_HEADER, {
      file: pathToFileURL(join(folder, 'reference.parquet')).toString(),
    })) as Extract<CsvHeaderResult, { columns: unknown }>;
    expect(small.large).toBeUndefined();
  });

  it('estimates a CSV reference over a million rows as large from its first chunk', async () => {
    const file = join(folder, 'large.csv');
    writeFileSync(file, `id,day\n${Array.from({ length: 1_100_000 }, (_, i) => `${i % 10},${i % 7}`).join('\n')}\n`);
    client = await LspClient.start({}, folder);
    const header = (await client.connection.sendRequest(GET_CSV_HEADER, {
      file: pathToFileURL(file).toString(),
    })) as Extract<CsvHeaderResult, { columns: unknown }>;
    expect(header.large).toMatch(/^has about 1,\d{3},\d{3} rows$/);
  });
});

describe('in Restricted Mode', () => {
  it('reads no Parquet footer outside the workspace folders', async () => {
    const workspace = join(folder, 'project');
    mkdirSync(workspace, { recursive: true });
    client = await LspClient.start({ workspaceTrusted: false }, workspace);
    const uri = pathToFileURL(join(workspace, 'drift.yaml')).toString();
    const published = client.diagnostics(uri, (d) => d.length > 0);
    await client.open(
      uri,
      'reference: ../reference.parquet\ncurrent: ../current.parquet\ncolumns:\n  numerical: [incom]\n',
    );
    const found = await published;
    expect(found.map((d) => d.code)).toEqual(['file-unreadable', 'file-unreadable']);
    expect(found[0].message).toMatch(/^reference is outside the workspace folders/);
    const { text, position } = cursorPosition('reference: ../reference.parquet\ncolumns:\n  numerical: [|]\n');
    await client.change(uri, text);
    expect(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })).toEqual(
      [],
    );
  });
});

/** A reference profile of reference.csv, saved by the server as Create Monitoring Config asks it to. */
async function saveProfile(source = 'reference.csv', output = 'saved.profile.json'): Promise<unknown> {
  return client!.connection.sendRequest(SAVE_REFERENCE_PROFILE, {
    file: pathToFileURL(join(folder, source)).toString(),
    output: pathToFileURL(join(folder, output)).toString(),
  });
}

/** The CSV fixture's column `name`, as numbers (missing cells left out) or as texts. */
function csvColumn(name: string): string[] {
  const [header, ...lines] = readFileSync(join(folder, 'reference.csv'), 'utf8').trim().split('\n');
  const index = header.split(',').indexOf(name);
  return lines.map((line) => line.split(',')[index]).filter((cell) => cell !== '');
}

describe('a reference profile', () => {
  const PROFILE = 'reference: reference.profile.json\ncurrent: current.parquet\n';

  it('is saved by the server as the command line makes it, byte for byte, in one piece', async () => {
    client = await LspClient.start({}, folder);
    const made = readFileSync(join(folder, 'reference.profile.json'));
    expect(await saveProfile()).toEqual({ bytes: made.length, rows: 300, columns: 6 });
    expect(readFileSync(join(folder, 'saved.profile.json'))).toEqual(made);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('completes its columns with the kinds it holds, and checks names with did-you-mean', async () => {
    client = await LspClient.start({}, folder);
    const items = await completion(`${PROFILE}columns:\n  categorical: [|]\n`);
    expect(items.map((item) => [item.label, item.detail])).toEqual([
      ['age', 'numerical'],
      ['income', 'numerical'],
      ['region', 'categorical'],
      ['active', 'categorical'],
      ['bonus', 'numerical'],
      ['signed_up', 'categorical'],
    ]);
    const [problem] = await problems(`${PROFILE}columns:\n  numerical: [incme]\n`);
    expect(problem.message).toBe('Column `incme` is not in reference.profile.json: did you mean `income`?');
  });

  it("hovers a column with the profile's own figures: rows, missing, mean, quartiles, top categories", async () => {
    client = await LspClient.start({}, folder);
    const bonus = csvColumn('bonus').map(Number);
    const markdown = await hover(`${PROFILE}columns:\n  numerical: [bon|us]\n`);
    const [summary, , figures, , quartiles] = markdown!.split('\n');
    expect(summary).toBe('**bonus** in `reference.profile.json`: numerical, 300 rows, 30 missing (10.0%)');
    const mean = bonus.reduce((a, b) => a + b, 0) / bonus.length;
    expect(figures).toMatch(new RegExp(`^mean ${mean.toPrecision(4).replace('.', '\\.')}`));
    expect(figures).toContain(`min ${Math.min(...bonus)} · max ${Math.max(...bonus)}`);
    // Fewer distinct numbers than the profile counts exactly: its quartiles are values of the column, without error.
    const [q1, median, q3] = quartiles.replace('quartiles ', '').split(' · ').map(Number);
    const sorted = [...bonus].sort((a, b) => a - b);
    for (const [q, value] of [
      [0.25, q1],
      [0.5, median],
      [0.75, q3],
    ]) {
      const rank = q * sorted.length;
      expect(sorted.slice(Math.floor(rank) - 1, Math.ceil(rank) + 1)).toContain(value);
    }
    const regions = csvColumn('region');
    const count = (value: string) => regions.filter((region) => region === value).length;
    const table = (await hover(`${PROFILE}columns:\n  categorical: [reg|ion]\n`))!.split('\n');
    expect(table.slice(0, 3)).toEqual([
      '**region** in `reference.profile.json`: categorical, 300 rows, 0 missing',
      '',
      '4 categories:',
    ]);
    const rows = table.slice(6).map((line) => line.split(' | ').map((cell) => cell.replace(/^\| | \|$/g, '')));
    expect(rows.map(([value, rowCount]) => [value, Number(rowCount)])).toEqual(
      ['north', 'south', 'east', 'west'].map((value) => [value, count(value)]).sort((a, b) => +b[1] - +a[1]),
    );
  });

  it('stands as the reference of an analysis, its drift diagnostics on the config', async () => {
    client = await LspClient.start({}, folder);
    const text = `${PROFILE}drift:\n  features:\n    income: { method: wasserstein }\n`;
    const uri = await open(text);
    const onConfig = client.diagnostics(uri, (d) => d.some((each) => each.code === 'wasserstein'));
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(report.reference.path).toBe('reference.profile.json');
    const [drifted] = (await onConfig).filter((d) => d.code === 'wasserstein');
    expect([drifted.message.split(':')[0], drifted.range.start.line]).toEqual(["Feature 'income' drifted", 4]);
    expect(client.published.filter((p) => !p.uri.endsWith('.drift.yaml'))).toEqual([]);
  });

  it('is not saved in Restricted Mode, and a cancelled save leaves nothing', async () => {
    client = await LspClient.start({ workspaceTrusted: false }, folder);
    const refused = await saveProfile('reference.csv', 'restricted.profile.json').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ResponseError);
    expect((refused as ResponseError<unknown>).message).toBe(
      'A reference profile is not saved in Restricted Mode: trust the workspace to save one.',
    );
    expect(existsSync(join(folder, 'restricted.profile.json'))).toBe(false);
    await client.stop();

    client = await LspClient.start({}, folder);
    writeFileSync(
      join(folder, 'long.csv'),
      `id,day\n${Array.from({ length: 1_000_000 }, (_, i) => `${i},${i % 7}`).join('\n')}\n`,
    );
    let reading = false;
    client.connection.onNotification('$/progress', () => {
      reading = true;
    });
    const source = new CancellationTokenSource();
    const saving = client.connection
      .sendRequest(
        SAVE_REFERENCE_PROFILE,
        {
          file: pathToFileURL(join(folder, 'long.csv')).toString(),
          output: pathToFileURL(join(folder, 'long.profile.json')).toString(),
          workDoneToken: 'save',
        },
        source.token,
      )
      .catch((error: unknown) => error);
    // Cancelled once the worker is reading: the server said so in its progress.
    await until(() => reading);
    source.cancel();
    const error = (await saving) as ResponseError<unknown>;
    expect(error.code).toBe(LSPErrorCodes.RequestCancelled);
    expect(error.message).toBe('Saving the reference profile was cancelled; nothing was written.');
    expect(readdirSync(folder).filter((name) => name.startsWith('long.profile'))).toEqual([]);
  });
});

/** Waits for `done`, polling; the test's own timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}
