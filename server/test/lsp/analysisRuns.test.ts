/** AnalysisRuns' start hook: what a finished run will need can be prepared while it runs. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configOf } from '../../src/engine/config/load';
import { parseConfig } from '../../src/engine/config/parse';
import { AnalysisRuns, type RunOptions } from '../../src/lsp/analysisRuns';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
const configPath = join(demo, 'drift.yaml');

/** As the server runs a config: parsed once, its typed result (or its errors) handed to the run. */
async function runText(text: string, options: RunOptions) {
  return new AnalysisRuns().run(
    'file:///demo/drift.yaml',
    configOf(parseConfig(text, configPath), 'drift.yaml'),
    options,
  );
}

describe('AnalysisRuns.run', () => {
  it('calls onStart once with the config, before the analysis reports any progress', async () => {
    const events: string[] = [];
    const run = await runText(readFileSync(configPath, 'utf8'), {
      onStart: (config) => events.push(`start: ${basename(config.current.path)}`),
      onProgress: ({ stage }) => events.push(stage),
    });
    expect(events[0]).toBe('start: current.csv');
    expect(events.filter((event) => event.startsWith('start'))).toHaveLength(1);
    expect(events.slice(1)).toContain('testing');
    expect(run.report.current.path).toBe('current.csv');
  });

  it('does not call onStart when the config cannot be read', async () => {
    let started = false;
    await expect(runText('reference: [', { onStart: () => (started = true) })).rejects.toThrow();
    expect(started).toBe(false);
  });
});
