/**
 * The CLI on model columns it cannot read and on a class new in the current file
 * (test-fixtures/model-columns/generate.py): each error names the file and the column on
 * stderr, with --quiet too, and in the summary's performance section; the new class is a
 * line of its own.
 */
import { describe, expect, it } from 'vitest';
import { runCli, stderrBesidesProgress } from './runCli';

const fixtures = new URL('../../../test-fixtures/model-columns/', import.meta.url).pathname;
const analyze = (folder: string, ...flags: string[]) =>
  runCli(['analyze', `${fixtures}${folder}/drift.yaml`, '--no-history', '--no-notify', ...flags]);

describe('drift-monitor analyze with bad model columns', () => {
  it('prints each error on stderr, naming the file and the column, even with --quiet; the exit code stays 0', async () => {
    const run = await analyze('word-predictions', '--quiet');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(stderrBesidesProgress(run.stderr)).toEqual([
      expect.stringMatching(
        /^drift-monitor: error: reference\.csv, column 'prediction': the predicted labels \('no', 'yes'\) share none with the target 'churned' \('0', '1'\)/,
      ),
      expect.stringMatching(/^drift-monitor: error: current\.csv, column 'prediction': /),
    ]);
  });

  it('shows the errors under Performance, and leaves the metrics they would make meaningless out of the table', async () => {
    const run = await analyze('percent-probabilities');
    const summary = run.stdout.split('\n');
    const errors = summary.filter((line) => line.startsWith('ERROR: '));
    expect(errors).toHaveLength(2);
    expect(errors[1]).toContain("current.csv, column 'probability': ");
    expect(errors[1]).toContain('If they are percentages, divide them by 100.');
    expect(summary.some((line) => /^model +logLoss/.test(line))).toBe(false);
    expect(summary.some((line) => /^model +rocAuc/.test(line))).toBe(true);
  });

  it('says that no metric could be computed rather than print an empty table', async () => {
    const run = await analyze('probability-as-prediction');
    const at = run.stdout.indexOf('Performance (classification');
    expect(at).toBeGreaterThan(0);
    const section = run.stdout.slice(at).split('\n\n')[0].split('\n');
    expect(section[1]).toBe('No metric could be computed: see the errors below.');
    expect(section.filter((line) => line.startsWith('ERROR: ')).length).toBe(2);
  });

  it('reports a class new in the current file on a line of its own, and the binary metrics as on the reference', async () => {
    const run = await analyze('new-class');
    const line = run.stdout.split('\n').find((l) => l.startsWith('NEW CLASS [moderate]: '));
    expect(line).toMatch(/'churned' has a class the reference does not: '2' on 7\.5% of current rows \(45 of 600\)\./);
    expect(run.stdout).toContain("Performance (classification, positive class '1'):");
  });
});
