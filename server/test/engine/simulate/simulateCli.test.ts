/** `drift-monitor simulate` as a user runs it, in a folder of their data: the CLI run in this process. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/runCli';

const demoReference = new URL('../../../../test-fixtures/demo/reference.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'drift-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(demoReference, join(dir, 'reference.csv'));

/** Runs the CLI in the temp folder, so that paths in its output are the short ones given. */
const run = (...args: string[]) => runCli(args, { cwd: dir });

describe('drift-monitor simulate', () => {
  it('writes the perturbed copy and says what changed, exit 0', async () => {
    const { code, stdout, stderr } = await run(
      'simulate',
      'reference.csv',
      '--out',
      'shifted.csv',
      '--shift',
      'income=5000',
      '--missing',
      'age=0.1',
      '--seed',
      '3',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // income has 91 missing cells in the demo reference, which a shift leaves alone.
    expect(stdout).toBe(
      [
        'Wrote shifted.csv: a copy of reference.csv, 5,000 data rows (seed 3).',
        '  --shift income=5000  4,909 cells changed',
        '  --missing age=0.1    500 cells changed',
        '',
      ].join('\n'),
    );
    const [header, first] = readFileSync(join(dir, 'shifted.csv'), 'utf8').split('\r\n');
    const [, reference] = readFileSync(demoReference, 'utf8').split('\r\n');
    expect(header).toBe(
      'age,income,credit_score,loan_amount,employment_type,region,num_accounts,has_mortgage,default,predicted_default,default_probability',
    );
    expect(first.split(',')[1]).toBe(String(Number(reference.split(',')[1]) + 5000));
    expect(first.split(',').slice(2)).toEqual(reference.split(',').slice(2));
  });

  it('says from which row it perturbed with --from-row', async () => {
    const { code, stdout } = await run(
      'simulate',
      'reference.csv',
      '--out',
      'late.csv',
      '--from-row',
      '4001',
      '--flip-labels',
      'default=0.5',
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Wrote late.csv: a copy of reference.csv, 5,000 data rows (seed 1).',
        'Perturbed from data row 4,001 on: 1,000 data rows.',
        '  --flip-labels default=0.5  500 cells changed',
        '',
      ].join('\n'),
    );
    const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\r\n');
    expect(lines('late.csv').slice(0, 4001)).toEqual(lines('reference.csv').slice(0, 4001));
  });

  it('gives the same bytes for the same seed, other bytes for another', async () => {
    const flags = ['--noise', 'age=3', '--flip-labels', 'default=0.1'];
    expect((await run('simulate', 'reference.csv', '--out', 'a.csv', ...flags, '--seed', '5')).code).toBe(0);
    expect((await run('simulate', 'reference.csv', '--out', 'b.csv', ...flags, '--seed', '5')).code).toBe(0);
    expect((await run('simulate', 'reference.csv', '--out', 'c.csv', ...flags, '--seed', '6')).code).toBe(0);
    const [a, b, c] = ['a.csv', 'b.csv', 'c.csv'].map((name) => readFileSync(join(dir, name)));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('rehearses a CI gate: analyze --fail-on drift exits 1 on the drifted copy, 0 on an unperturbed one', async () => {
    writeFileSync(join(dir, 'drift.yaml'), 'reference: reference.csv\ncurrent: current.csv\ndrift:\n  share: 0.05\n');
    expect((await run('simulate', 'reference.csv', '--out', 'current.csv', '--scale', 'income=1.5')).code).toBe(0);
    expect((await run('analyze', 'drift.yaml', '--fail-on', 'drift', '--quiet')).code).toBe(1);
    const unchanged = await run('simulate', 'reference.csv', '--out', 'current.csv');
    expect(unchanged.stdout).toBe('Wrote current.csv: an unchanged copy of reference.csv, 5,000 data rows (seed 1).\n');
    expect((await run('analyze', 'drift.yaml', '--fail-on', 'drift', '--quiet')).code).toBe(0);
  });

  it('lists every perturbation with --help', async () => {
    const { code, stdout } = await run('simulate', '--help');
    expect(code).toBe(0);
    for (const flag of [
      '--shift',
      '--scale',
      '--noise',
      '--swap',
      '--new-category',
      '--mix',
      '--missing',
      '--flip-labels',
      '--shift-probability',
      '--seed',
      '--from-row',
    ])
      expect(stdout).toContain(flag);
    expect((await run('--help')).stdout).toContain('drift-monitor simulate <in.csv> --out <out.csv>');
  });

  it('exits 2 with the message alone for bad input', async () => {
    const unknown = await run('simulate', 'reference.csv', '--out', 'x.csv', '--shift', 'incme=1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      "drift-monitor: reference.csv has no column 'incme', which --shift names (did you mean 'income'?).\n",
    );
    const share = await run('simulate', 'reference.csv', '--out', 'x.csv', '--missing', 'income=2');
    expect(share.stderr).toBe(
      "drift-monitor: reference.csv, column 'income': the share of rows of --missing must be from 0 to 1, not 2.\n",
    );
    const seed = await run('simulate', 'reference.csv', '--out', 'x.csv', '--seed', '1.5');
    expect(seed.code).toBe(2);
    expect(seed.stderr).toBe("drift-monitor: --seed takes a whole number from 0 to 4294967295, not '1.5'.\n");
    const noOut = await run('simulate', 'reference.csv', '--shift', 'income=1');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('drift-monitor simulate <in.csv> --out <out.csv>');
    const unknownFlag = await run('simulate', 'reference.csv', '--out', 'x.csv', '--drift', 'income=1');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toBe(
      "drift-monitor: Unknown option '--drift'.\nUsage: drift-monitor simulate <in.csv> --out <out.csv> [perturbations…] [--seed N] [--from-row N]\ndrift-monitor simulate --help lists every option.\n",
    );
    const typo = await run('simulate', 'reference.csv', '--out', 'x.csv', '--shfit', 'income=1');
    expect(typo.stderr).toMatch(/^drift-monitor: Unknown option '--shfit'\. Did you mean '--shift'\?\n/);
  });

  it('refuses --out naming the input, leaving it as it was', async () => {
    const before = readFileSync(join(dir, 'reference.csv'));
    const { code, stderr } = await run('simulate', 'reference.csv', '--out', './reference.csv', '--shift', 'income=1');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'drift-monitor: ./reference.csv is the input file itself; write the simulated copy to another file.\n',
    );
    expect(readFileSync(join(dir, 'reference.csv')).equals(before)).toBe(true);
  });
});
