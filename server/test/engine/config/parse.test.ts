import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../../src/engine/config/parse';
import { WINDOW_SPEC_PATTERN } from '../../../src/engine/windows/windowSpec';

const CONFIG = '/home/user/project/monitoring/drift.yaml';

/** The problems as [code, the text they point at, message]. */
function problems(text: string) {
  return parseConfig(text, CONFIG).problems.map((p) => [p.code, text.slice(p.start, p.end), p.message]);
}

describe('parseConfig', () => {
  it('accepts the minimal config, resolves paths next to the config and fills defaults', () => {
    const { config, problems } = parseConfig('reference: data/reference.csv\ncurrent: data/current.csv\n', CONFIG);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      configPath: CONFIG,
      reference: {
        path: path.resolve('/home/user/project/monitoring/data/reference.csv'),
        written: 'data/reference.csv',
        format: 'csv',
      },
      current: {
        path: path.resolve('/home/user/project/monitoring/data/current.csv'),
        written: 'data/current.csv',
        format: 'csv',
      },
      task: undefined,
      columns: { target: undefined, timestamp: undefined, numerical: [], categorical: [], exclude: [] },
      models: [],
      drift: {
        method: 'auto',
        threshold: undefined,
        thresholds: {},
        share: 0.5,
        correction: 'fdr',
        bins: 10,
        features: {},
      },
      performance: { positiveClass: undefined, baseline: undefined, maxDrop: {}, min: {}, max: {} },
      windows: undefined,
      datasets: [],
      retraining: { when: ['dataset_drift', 'performance_drop', 'concept_drift'] },
      history: { enabled: true, path: path.resolve('/home/user/project/monitoring/.drift-monitor/history.sqlite') },
    });
  });

  it('reads every optional key', () => {
    const text = `reference: r.csv
current: c.csv
decimal: ','
columns:
  target: y
  prediction: y_hat
  probability: p
  timestamp: ts
  numerical: [a]
  categorical: [b]
  exclude: [id]
drift:
  method: psi
  threshold: 0.2
  thresholds: { ks: 0.01 }
  share: 0.3
  correction: bonferroni
  bins: 20
  features:
    a: { method: ks, threshold: 0.001 }
    b: { bins: [1, 2.5] }
`;
    const { config, problems } = parseConfig(text, CONFIG);
    expect(problems).toEqual([]);
    expect(config?.decimal).toBe(',');
    expect(config?.columns).toEqual({
      target: 'y',
      timestamp: 'ts',
      numerical: ['a'],
      categorical: ['b'],
      exclude: ['id'],
    });
    expect(config?.models).toEqual([{ name: 'model', prediction: 'y_hat', probability: 'p' }]);
    expect(config?.drift).toEqual({
      method: 'psi',
      threshold: 0.2,
      thresholds: { ks: 0.01 },
      share: 0.3,
      correction: 'bonferroni',
      bins: 20,
      features: { a: { method: 'ks', threshold: 0.001 }, b: { bins: [1, 2.5] } },
    });
  });

  it('points an unknown key at the key, with did-you-mean', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  thresold: 0.1\n')).toEqual([
      ['unknown-key', 'thresold', 'Unknown key `thresold` in `drift`: did you mean `threshold`?'],
    ]);
    const [problem] = parseConfig('reference: r.csv\ncurrent: c.csv\ndrift:\n  thresold: 0.1\n', CONFIG).problems;
    expect(problem.suggestion).toBe('threshold');
  });

  it('lists the allowed keys when nothing is close', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\nzzz: 1\n')).toEqual([
      [
        'unknown-key',
        'zzz',
        'Unknown key `zzz`. Expected one of: reference, current, format, decimal, columns, drift, task, performance, windows, models, datasets, retraining, history, notifications.',
      ],
    ]);
  });

  it('points a bad enum value at the value, with did-you-mean', () => {
    const [[code, at, message]] = problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  method: kss\n');
    expect([code, at]).toEqual(['invalid-value', 'kss']);
    expect(message).toMatch(/^`kss` is not a valid `drift.method`: did you mean `ks`\? Allowed: auto, ks, psi/);
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  correction: bh\n')).toEqual([
      ['invalid-value', 'bh', '`bh` is not a valid `drift.correction`. Allowed: fdr, bonferroni, none.'],
    ]);
  });

  it('checks ranges on the value: drift.share in (0, 1], bins ≥ 2', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  share: 1.5\n  bins: 1\n')).toEqual([
      ['invalid-value', '1.5', '`drift.share` must be at most 1 (got 1.5).'],
      ['invalid-value', '1', '`drift.bins` must be at least 2 (got 1).'],
    ]);
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  share: 0\n')).toEqual([
      ['invalid-value', '0', '`drift.share` must be greater than 0 (got 0).'],
    ]);
  });

  it('reports wrong types in words', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ncolumns:\n  numerical: a\n')).toEqual([
      ['invalid-value', 'a', '`columns.numerical` must be a list, not text "a".'],
    ]);
  });

  it('reports a missing required key', () => {
    expect(problems('reference: r.csv\n')).toEqual([['missing-key', 'r', 'The config needs the key `current`.']]);
  });

  it('explains an empty config', () => {
    expect(problems('')[0][0]).toBe('empty-config');
    expect(problems('# just a comment\n')[0][0]).toBe('empty-config');
  });

  it('reports YAML syntax errors at their position and gives no config', () => {
    const text = 'reference: r.csv\ncurrent: [c.csv\n';
    const result = parseConfig(text, CONFIG);
    expect(result.config).toBeUndefined();
    expect(result.problems[0].code).toMatch(/^yaml-/);
    expect(result.problems[0].start).toBeGreaterThanOrEqual(text.indexOf('['));
  });

  it('reports duplicate keys', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ncurrent: d.csv\n')[0][0]).toBe('yaml-DUPLICATE_KEY');
  });

  it('needs an explicit method for a threshold', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  threshold: 0.1\n')[0].slice(0, 2)).toEqual([
      'threshold-without-method',
      'threshold',
    ]);
    expect(
      problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    a: { threshold: 0.1 }\n')[0].slice(0, 2),
    ).toEqual(['threshold-without-method', 'threshold']);
    expect(
      problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  method: ks\n  features:\n    a: { threshold: 0.01 }\n'),
    ).toEqual([]);
  });

  it('leaves an unknown method next to a threshold to the schema, without failing', () => {
    expect(
      problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  method: kss\n  threshold: 0.1\n').map(([code]) => code),
    ).toEqual(['invalid-value']);
  });

  it('keeps thresholds on their method’s scale', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  method: ks\n  threshold: 5\n')).toEqual([
      [
        'threshold-out-of-range',
        '5',
        '`drift.threshold` is a p-value threshold for ks and must be below 1 (got 5); 0.05 is usual.',
      ],
    ]);
    expect(
      problems(
        'reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    a: { method: jensenshannon, threshold: 1.2 }\n',
      )[0].slice(0, 2),
    ).toEqual(['threshold-out-of-range', '1.2']);
    // Jensen–Shannon in nats never exceeds √ln 2 ≈ 0.8326: a threshold above it could never fire.
    expect(
      problems(
        'reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    a: { method: jensenshannon, threshold: 0.9 }\n',
      )[0].slice(0, 2),
    ).toEqual(['threshold-out-of-range', '0.9']);
    expect(
      problems(
        'reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    a: { method: jensenshannon, threshold: 0.8 }\n',
      ),
    ).toEqual([]);
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  method: psi\n  threshold: 5\n')).toEqual([]);
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  thresholds: { ks: 1 }\n')[0].slice(0, 2)).toEqual([
      'invalid-value',
      '1',
    ]);
  });

  it('rejects a column declared both numerical and categorical', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ncolumns:\n  numerical: [a, b]\n  categorical: [b]\n')).toEqual([
      ['column-both-kinds', 'b', '`b` is listed as both numerical and categorical.'],
    ]);
  });

  it('rejects a method that cannot run on a declared column kind', () => {
    expect(
      problems(
        'reference: r.csv\ncurrent: c.csv\ncolumns:\n  numerical: [a]\ndrift:\n  features:\n    a: { method: chisquare }\n',
      ),
    ).toEqual([['method-kind-mismatch', 'chisquare', 'chisquare does not apply to `a`, which is declared numerical.']]);
  });

  it('needs bin edges to increase', () => {
    expect(problems('reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    a: { bins: [1, 3, 2] }\n')).toEqual([
      ['bins-not-increasing', '2', 'Bin edges of `a` must increase: 2 follows 3.'],
    ]);
  });

  it('reads the model-monitoring keys', () => {
    const text = `reference: r.csv
current: c.csv
task: classification
columns: { target: y, timestamp: ts }
models:
  - { name: v1, prediction: p1, probability: s1 }
  - { name: v2, prediction: p2 }
performance:
  positive_class: yes
  baseline: { f1: 0.8 }
  max_drop: { f1: 0.05 }
  min: { accuracy: 0.9 }
  max: { logLoss: 0.4 }
windows: { every: 1w, dynamic_k: 2.5 }
datasets: { test: data/test.csv }
retraining: { when: [performance_drop], min_rows: 500 }
`;
    const { config, problems } = parseConfig(text, CONFIG);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      task: 'classification',
      models: [
        { name: 'v1', prediction: 'p1', probability: 's1' },
        { name: 'v2', prediction: 'p2' },
      ],
      performance: {
        positiveClass: 'yes',
        baseline: { f1: 0.8 },
        maxDrop: { f1: 0.05 },
        min: { accuracy: 0.9 },
        max: { logLoss: 0.4 },
      },
      windows: { every: '1w', reference: false, dynamicK: 2.5 },
      datasets: [
        { name: 'test', written: 'data/test.csv', path: path.resolve('/home/user/project/monitoring/data/test.csv') },
      ],
      retraining: { when: ['performance_drop'], minRows: 500 },
    });
  });

  it('checks what the monitoring keys need and that limits fit their metric', () => {
    expect(
      problems('reference: r.csv\ncurrent: c.csv\nwindows: { every: 1d }\nperformance: { max_drop: { f1: 0.1 } }\n'),
    ).toEqual([
      [
        'performance-needs-columns',
        'performance',
        '`performance` needs `columns.target` (the truth) and a prediction column (`columns.prediction` or `models`).',
      ],
      ['windows-need-timestamp', 'windows', '`windows` needs `columns.timestamp` to put rows in time order.'],
    ]);
    const base = 'reference: r.csv\ncurrent: c.csv\ncolumns: { target: y, prediction: p }\n';
    expect(
      problems(base + 'performance:\n  min: { mae: 3 }\n  max: { f1: 0.5 }\n').map(([code, at]) => [code, at]),
    ).toEqual([
      ['floor-on-error-metric', 'mae'],
      ['ceiling-on-score-metric', 'f1'],
    ]);
    expect(problems(base + 'task: regression\nperformance: { max_drop: { f1: 0.1 } }\n')[0][0]).toBe(
      'metric-not-for-task',
    );
    expect(problems(base + 'models: [{ name: a, prediction: p }]\n')[0][0]).toBe('models-and-prediction');
    expect(
      problems('reference: r.csv\ncurrent: c.csv\nmodels: [{ name: a, prediction: p }, { name: a, prediction: q }]\n'),
    ).toEqual([['duplicate-model-name', 'a', 'Two models are called `a`: model names must differ.']]);
    expect(
      problems('reference: r.csv\ncurrent: c.csv\ncolumns: { timestamp: t }\nwindows: { every: fortnightly }\n')[0][0],
    ).toBe('invalid-value');
  });

  it('reports `models` that is not a list of named models as a schema problem, without throwing', () => {
    for (const models of ['-0', 'abc', '{ name: a }', '[null, 5, { prediction: p }]'])
      expect(problems(`reference: r.csv\ncurrent: c.csv\nmodels: ${models}\n`).length).toBeGreaterThan(0);
  });

  it('says what a window length may be, with examples, not the pattern that checks it', () => {
    const text = 'reference: r.csv\ncurrent: c.csv\ncolumns: { timestamp: t }\nwindows: { every: 1y }\n';
    expect(problems(text)).toEqual([
      [
        'invalid-value',
        '1y',
        "`windows.every`: '1y' is not a window size (there is no year unit: write 12mo for a year): write 1 to 9999 followed by h (hours), d (days), " +
          "w (weeks, Monday to Sunday) or mo (calendar months), as in 1h, 12h, 1d, 7d, 1w, 2w, 1mo, 3mo; or a number of rows, as in '5000 rows'.",
      ],
    ]);
  });

  it('accepts exactly the window lengths the engine parses (the schema repeats its pattern)', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../../schemas/drift-monitor.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.properties.windows.properties.every.pattern).toBe(WINDOW_SPEC_PATTERN);
  });
});
