/** What `drift-monitor analyze` prints, writes and exits with: the CLI run in this process (executable.test.ts runs the bundle). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli, stderrBesidesProgress } from './runCli';
import { notAWindowSize } from '../../src/engine/windows/windowSpec';

const demoDir = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
const demoConfig = join(demoDir, 'drift.yaml');
const demoModelConfig = new URL('../../../test-fixtures/demo-model/drift.yaml', import.meta.url).pathname;

const run = (...args: string[]) => runCli(args);

function tempConfig(yaml: string): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'drift-cli-'));
  const config = join(dir, 'drift.yaml');
  writeFileSync(config, yaml);
  return { dir, config };
}

const demoFiles = `reference: ${join(demoDir, 'reference.csv')}\ncurrent: ${join(demoDir, 'current.csv')}\n`;

describe('drift-monitor analyze', () => {
  it('prints a one-screen summary table and the dataset verdict, exit 0', async () => {
    const { code, stdout, stderr } = await run('analyze', demoConfig);
    // Progress lines may appear on stderr when the machine is slow; nothing else may.
    expect(stderrBesidesProgress(stderr)).toEqual([]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`Drift Monitor: ${demoConfig}`);
    expect(stdout).toMatch(/^feature +role +kind +method +statistic +threshold +drifted +severity$/m);
    expect(stdout).toMatch(/^income +feature +numerical +wasserstein +0\.52\d* +0\.1 +DRIFT +high$/m);
    expect(stdout).toMatch(/^age +feature +numerical +wasserstein +0\.039\d* +0\.1 +no +none$/m);
    expect(stdout).toMatch(/input features drifted/);
    expect(lines.length).toBeLessThan(60);
  });

  it('writes the report with --json and one row per feature with --csv', async () => {
    const { dir } = tempConfig('');
    const json = join(dir, 'report.json');
    const csv = join(dir, 'report.csv');
    const { code } = await run('analyze', demoConfig, '--json', json, '--csv', csv, '--quiet');
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.features.length).toBe(11);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.feature)).toEqual(report.features.map((f: { name: string }) => f.name));
    expect(Number(rows.find((r) => r.feature === 'income')!.ks_p_value)).toBeCloseTo(
      report.features.find((f: { name: string }) => f.name === 'income').tests.ks.pValue,
      15,
    );
  });

  it('exits 1 with --fail-on drift when the dataset drifted, 0 when it did not', async () => {
    const strict = tempConfig(demoFiles + 'drift:\n  share: 0.3\n');
    expect((await run('analyze', strict.config, '--fail-on', 'drift', '--quiet')).code).toBe(1);
    expect((await run('analyze', strict.config, '--quiet')).code).toBe(0);
    const lenient = tempConfig(demoFiles + 'drift:\n  share: 0.9\n');
    expect((await run('analyze', lenient.config, '--fail-on', 'drift', '--quiet')).code).toBe(0);
  });

  it('prints the performance table, the top alerts and the retraining decision for a model', async () => {
    const { code, stdout } = await run('analyze', demoModelConfig);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Performance \(classification, positive class '1'\):$/m);
    expect(stdout).toMatch(/^model +metric +reference +current +change +test$/m);
    expect(stdout).toMatch(/^v1 +f1 +0\.3725 +0\.29\d* +-0\.0\d+ +0\.36\d*$/m);
    expect(stdout).toMatch(/^Risk \d+\/100 \((low|moderate|high)\)\. \S.*$/m);
    expect(stdout).toMatch(/^ {2}points: input drift [\d.]+\/30, .*, time windows [\d.]+\/10\.$/m);
    expect(stdout).toMatch(/^\d+ alerts, top 5:$/m);
    expect(stdout).toMatch(/^Retraining recommended \(priority high\):$/m);
    expect(stdout).toMatch(/^Concept drift or input drift: errors of v1 rose/m);
  });

  it('exits 1 with --fail-on alert:high when a high alert exists, 0 when there is none', async () => {
    expect((await run('analyze', demoModelConfig, '--fail-on', 'alert:high', '--quiet')).code).toBe(1);
    const same = tempConfig(
      `reference: ${join(demoDir, 'reference.csv')}\ncurrent: ${join(demoDir, 'reference.csv')}\n`,
    );
    expect((await run('analyze', same.config, '--fail-on', 'alert:low', '--quiet')).code).toBe(0);
  });

  it('exits 2 naming every missing data file, without a stack trace', async () => {
    const { config } = tempConfig('reference: nowhere.csv\ncurrent: nowhere-either.csv\n');
    const { code, stderr } = await run('analyze', config);
    expect(code).toBe(2);
    expect(stderr).toContain('nowhere.csv: file not found.');
    expect(stderr).toContain('nowhere-either.csv: file not found.');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a config error with its line and column and a suggestion', async () => {
    const { config } = tempConfig(demoFiles + 'drfit:\n  share: 0.3\n');
    const { code, stderr } = await run('analyze', config);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config} line 3, column 1`);
    expect(stderr).toContain('did you mean `drift`?');
  });

  it('says what a window length may be, with examples, as the editor does', async () => {
    const { config } = tempConfig(demoFiles + 'columns: { timestamp: t }\nwindows: { every: 1y }\n');
    const { code, stderr } = await run('analyze', config);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config} line 4, column 19: \`windows.every\`: ${notAWindowSize('1y')}`);
    expect(stderr).not.toContain('pattern');
  });

  it('exits 2 when columns.exclude names a column neither file has, with a did-you-mean', async () => {
    const { config } = tempConfig(demoFiles + 'columns:\n  exclude: [incom]\n');
    const { code, stderr } = await run('analyze', config);
    expect(code).toBe(2);
    expect(stderr).toContain("columns.exclude names 'incom' (did you mean 'income'?), which neither");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a missing config file', async () => {
    const { code, stderr } = await run('analyze', '/no/such/drift.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('/no/such/drift.yaml');
  });

  it('explains its usage: exit 2 on a wrong call, exit 0 with --help', async () => {
    const wrong = await run('analyse', demoConfig);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown command 'analyse'");
    expect((await run()).stderr).toContain('Usage:');
    expect((await run('analyze', demoConfig, '--fail-on', 'always')).stderr).toContain(
      "--fail-on takes 'drift', 'alert:low', 'alert:moderate', 'alert:high' or 'never', not 'always'.",
    );
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 done, 1 drift or alert (with --fail-on)');
  });

  it('answers an unknown or incomplete option with a did-you-mean and one usage line, not the whole help', async () => {
    const usage = (command: string) =>
      expect.stringMatching(
        new RegExp(`\\nUsage: drift-monitor ${command} <[^\\n]*\\n[^\\n]* lists every option\\.\\n$`),
      );
    const typo = await run('analyze', demoConfig, '--htm', 'out.html');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^drift-monitor: Unknown option '--htm'\. Did you mean '--html'\?\n/);
    expect(typo.stderr).toEqual(usage('analyze'));
    expect(typo.stderr).not.toContain('Exit codes');
    const far = await run('analyze', demoConfig, '--colour');
    expect(far.stderr).toMatch(/^drift-monitor: Unknown option '--colour'\.\nUsage: drift-monitor analyze /);
    const missing = await run('analyze', demoConfig, '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^drift-monitor: --json needs a value\.\nUsage: drift-monitor analyze /);
    const history = await run('history', demoConfig, '--jsn');
    expect(history.stderr).toMatch(/^drift-monitor: Unknown option '--jsn'\. Did you mean '--json'\?\n/);
    expect(history.stderr).toEqual(usage('history'));
  });
});

describe('drift-monitor analyze --max-rows', () => {
  it('analyzes a uniform sample of N rows of each larger file and says so in the summary and the report', async () => {
    const { dir } = tempConfig('');
    const json = join(dir, 'report.json');
    const { code, stdout } = await run('analyze', demoConfig, '--max-rows', '1000', '--json', json);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'reference reference.csv (1,000 of 5,000 rows, sampled)   current current.csv (1,000 of 3,000 rows, sampled)',
    );
    expect(stdout).toMatch(
      /^note: Sampled: 1,000 of 5,000 reference rows and 1,000 of 3,000 current rows \(uniform random sample, seed 1; limit 1,000 rows /m,
    );
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.reference).toMatchObject({ rows: 1_000, sampledFrom: 5_000 });
    expect(report.current).toMatchObject({ rows: 1_000, sampledFrom: 3_000 });
    expect((await run('--help')).stdout).toContain('--max-rows N');
  });

  it('exits 2 on a --max-rows that is not a whole number above 0', async () => {
    for (const bad of ['0', '-5', '1.5', 'many', '1e3', '']) {
      const { code, stdout, stderr } = await run('analyze', demoConfig, `--max-rows=${bad}`);
      expect(code, bad).toBe(2);
      expect(stderr).toBe(`drift-monitor: --max-rows takes a whole number of rows above 0, not '${bad}'.\n`);
      expect(stdout).toBe('');
    }
  });
});

describe('drift-monitor analyze --stream', () => {
  it('streams every file above --exact-rows and says so in the summary and the report', async () => {
    const { dir } = tempConfig('');
    const json = join(dir, 'report.json');
    const { code, stdout } = await run('analyze', demoConfig, '--stream', 'on', '--exact-rows', '4000', '--json', json);
    expect(code).toBe(0);
    // The reference (5,000 rows) is streamed; the current file (3,000) fits and is read whole.
    expect(stdout).toContain(
      'reference reference.csv (5,000 rows, streamed; sample of 4,000)   current current.csv (3,000 rows)',
    );
    expect(stdout).toMatch(
      /^note: Streamed reference \(5,000 rows\), as streaming was asked for: the drift tests read every row/m,
    );
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.reference).toMatchObject({ rows: 4_000, sampledFrom: 5_000, streamed: true });
    expect(report.current).toEqual({ path: 'current.csv', rows: 3_000, columns: report.current.columns });
    expect(report.features.find((f: { name: string }) => f.name === 'income').cdfError).toBeGreaterThan(0);
  });

  it('reads the demo whole in auto mode, as with --stream off', async () => {
    const { dir } = tempConfig('');
    const [auto, off] = await Promise.all(
      ['auto', 'off'].map(async (mode) => {
        const json = join(dir, `${mode}.json`);
        expect((await run('analyze', demoConfig, '--stream', mode, '--json', json)).code).toBe(0);
        const report = JSON.parse(readFileSync(json, 'utf8'));
        delete report.generatedAt;
        return report;
      }),
    );
    expect(auto).toEqual(off);
    expect(auto.reference.streamed).toBeUndefined();
  });

  it('exits 2 on a bad --stream or --exact-rows, or --max-rows with streaming', async () => {
    const cases: [string[], string][] = [
      [['--stream', 'maybe'], "--stream takes 'auto', 'on' or 'off', not 'maybe'."],
      [['--exact-rows', '0'], "--exact-rows takes a whole number of rows above 0, not '0'."],
      [
        ['--max-rows', '100', '--stream', 'on'],
        '--max-rows analyzes a sample; it does not go with --stream on or --exact-rows.',
      ],
      [
        ['--max-rows', '100', '--exact-rows', '50'],
        '--max-rows analyzes a sample; it does not go with --stream on or --exact-rows.',
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await run('analyze', demoConfig, ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toBe(`drift-monitor: ${message}\n`);
      expect(stdout).toBe('');
    }
    expect((await run('--help')).stdout).toContain('--stream auto|on|off');
  });
});
