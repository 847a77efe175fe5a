/** The typed config's defaults are the ones the schema states (and completion and hover show). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/engine/config/parse';

const schema = JSON.parse(
  readFileSync(new URL('../../../../schemas/drift-monitor.schema.json', import.meta.url), 'utf8'),
);
const stated = (...keys: string[]) => keys.reduce((node, key) => node.properties[key], schema).default;

describe('the config defaults', () => {
  const { config, problems } = parseConfig(
    'reference: a.csv\ncurrent: b.csv\ncolumns: { timestamp: t }\nwindows: { every: 1d }\nretraining: { when: [dataset_drift] }\nnotifications: { webhook: { url: "https://example.com/hook" } }\n',
    '/data/drift.yaml',
  );

  it('are the schema defaults, key by key', () => {
    expect(problems).toEqual([]);
    expect(config!.drift.share).toBe(stated('drift', 'share'));
    expect(config!.drift.bins).toBe(stated('drift', 'bins'));
    expect(config!.windows!.reference).toBe(stated('windows', 'reference'));
    expect(config!.windows!.dynamicK).toBe(stated('windows', 'dynamic_k'));
    // retraining.min_rows has no fixed default: it depends on the reference (retrainingDecision.ts).
    expect([config!.retraining!.minRows, stated('retraining', 'min_rows')]).toEqual([undefined, undefined]);
    expect(config!.history.enabled).toBe(stated('history', 'enabled'));
    expect(config!.history.path).toBe(`/data/${stated('history', 'path')}`);
    expect(config!.notifications!.dedupe).toBe(stated('notifications', 'dedupe'));
    expect(config!.notifications!.webhook!.minSeverity).toBe(stated('notifications', 'min_severity'));
  });
});
