/**
 * `drift-monitor analyze --retrain` on the demo model (whose report recommends retraining),
 * with a real command; the audit log read back from the history file it writes. The CLI runs
 * in this process, except where the command's own output is the point: the command shares the
 * CLI's terminal, so those tests run the bundled dist/cli.js in a child process, as CI does.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../../src/engine/history/audit';
import { readRuns } from '../../../src/engine/history/readRuns';
import { reasonsLine } from '../../../src/engine/retraining/command';
import { runCli, spawnCli } from '../../cli/runCli';

const demoModel = new URL('../../../../test-fixtures/demo-model/', import.meta.url).pathname;

/** Writes marker.json in its folder: where it ran and what it got from the environment. */
const MARKER_SCRIPT = `require('fs').writeFileSync('marker.json', JSON.stringify({ cwd: process.cwd(), env: process.env }))`;
/** Through the shell: `&&`, quotes and output that must reach the CLI's stdout. */
const MARKER_COMMAND = `node -e "${MARKER_SCRIPT}" && echo "retrained: it's done"`;

const run = (...args: string[]) => runCli(args);
/** In a terminal of its own, which the command's output shares. */
const runInTerminal = (...args: string[]) => spawnCli(args);

/**
 * A config in a fresh folder over the demo model's data (the report recommends retraining at
 * high priority), or over its reference file twice (`recommends: false`), with `retraining` lines added.
 */
function project(retraining: string, { recommends = true } = {}) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'drift-retrain-cli-')));
  const current = recommends ? 'current.csv' : 'reference.csv';
  const yaml = readFileSync(join(demoModel, 'drift.yaml'), 'utf8')
    .replace('reference: reference.csv', `reference: ${join(demoModel, 'reference.csv')}`)
    .replace('current: current.csv', `current: ${join(demoModel, current)}`)
    .replace('test: test.csv', `test: ${join(demoModel, 'test.csv')}`)
    .replace('  min_rows: 1000\n', `  min_rows: 1000\n${retraining}`);
  const config = join(dir, 'drift.yaml');
  writeFileSync(config, yaml);
  return { dir, config, history: join(dir, '.drift-monitor', 'history.sqlite') };
}

const command = (line: string) => `  command: ${JSON.stringify(line)}\n`;

describe('drift-monitor analyze --retrain', () => {
  it('runs the command in retraining.cwd with retraining.env and the report in DRIFT_MONITOR_*, streams its output, and records it', async () => {
    const { dir, config, history } = project(
      `${command(MARKER_COMMAND)}  cwd: model\n  env:\n    MODEL_NAME: churn\n    EPOCHS: 20\n    NOTE: "it's \\"quoted\\" $HOME; rm -rf x"\n`,
    );
    mkdirSync(join(dir, 'model'));
    const { code, stdout, stderr } = runInTerminal('analyze', config, '--retrain');
    expect(stderr).not.toMatch(/drift-monitor:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Retraining recommended \(priority high\):$/m);
    expect(stdout).toContain(`Retraining recommended: running \`${MARKER_COMMAND}\` in ${join(dir, 'model')}\n`);
    // The command's own output, in order, between ours.
    expect(stdout).toMatch(
      /running `[^\n]*\nretrained: it's done\nRetraining command finished: exit code 0 after \d+\.\d s; recorded in the audit log \(/,
    );

    const marker = JSON.parse(readFileSync(join(dir, 'model', 'marker.json'), 'utf8')) as {
      cwd: string;
      env: Record<string, string>;
    };
    expect(marker.cwd).toBe(join(dir, 'model'));
    // Values reach the command as they are: no shell sees them.
    expect(marker.env).toMatchObject({ MODEL_NAME: 'churn', EPOCHS: '20', NOTE: `it's "quoted" $HOME; rm -rf x` });
    expect(marker.env).toMatchObject({
      DRIFT_MONITOR_CONFIG: config,
      DRIFT_MONITOR_CURRENT: join(demoModel, 'current.csv'),
      DRIFT_MONITOR_REFERENCE: join(demoModel, 'reference.csv'),
      DRIFT_MONITOR_PRIORITY: 'high',
    });
    expect(marker.env.DRIFT_MONITOR_REASONS.split('\n').some((reason) => reason.startsWith('concept drift'))).toBe(
      true,
    );
    // The rest of the environment is inherited.
    expect(marker.env.PATH).toBe(process.env.PATH);

    const audit = await readAudit(history);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ command: MARKER_COMMAND, cwd: join(dir, 'model'), exitCode: 0, trigger: 'cli' });
    expect(audit[0].reason).toBe(reasonsLine(marker.env.DRIFT_MONITOR_REASONS.split('\n')));
    expect(audit[0].reason).not.toContain('.;');
    expect(Date.parse(audit[0].startedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(audit[0].durationMs).toBeGreaterThan(0);
    // Linked to the analysis that recommended it, in the same history.
    const [analysis] = await readRuns(history, config);
    expect(audit[0].runId).toBe(analysis.id);
  });

  it("runs in the config's folder without cwd, and records every run, with --no-history too (unlinked)", async () => {
    const { dir, config, history } = project(command(`node -e "${MARKER_SCRIPT}"`));
    expect(await run('analyze', config, '--retrain', '--quiet')).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(join(dir, 'marker.json'), 'utf8')).cwd).toBe(dir);
    expect((await run('analyze', config, '--retrain', '--quiet', '--no-history')).code).toBe(0);
    const audit = await readAudit(history);
    expect(audit.map((entry) => entry.cwd)).toEqual([dir, dir]);
    expect(audit.map((entry) => entry.runId)).toEqual([(await readRuns(history, config))[0].id, undefined]);
  });

  it('exits 4 when the command fails, over the 1 of --fail-on, and records its exit code', async () => {
    const { config, history } = project(command('echo training >&2; exit 3'));
    const { code, stdout, stderr } = runInTerminal('analyze', config, '--retrain', '--fail-on', 'alert:high');
    expect(code).toBe(4);
    expect(stderr).toContain('training\n');
    expect(stderr).toMatch(
      /^drift-monitor: the retraining command failed: exit code 3 after \d+\.\d s; recorded in the audit log \(.*history\.sqlite\)\.$/m,
    );
    expect(stdout).not.toContain('Retraining command finished');
    expect((await readAudit(history)).map((entry) => entry.exitCode)).toEqual([3]);
  });

  it('exits 4 when the command is not found (the shell says 127)', async () => {
    const { config } = project(command('no-such-retraining-program --now'));
    const { code, stderr } = runInTerminal('analyze', config, '--retrain', '--quiet');
    expect(code).toBe(4);
    expect(stderr).toMatch(/not found/);
    expect(stderr).toContain('the retraining command failed: exit code 127');
  });

  it('records nothing with history.enabled: false, and only warns when the history cannot be written', async () => {
    const off = project(`${command('exit 0')}history:\n  enabled: false\n`);
    const { code, stdout } = await run('analyze', off.config, '--retrain');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Retraining command finished: exit code 0 after \d+\.\d s; not recorded \(history\.enabled is false\)\.$/m,
    );
    expect(existsSync(off.history)).toBe(false);

    const blocked = project(`${command('exit 0')}history:\n  path: blocked/history.sqlite\n`);
    writeFileSync(join(blocked.dir, 'blocked'), 'a file where the history folder should be');
    const result = await run('analyze', blocked.config, '--retrain');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `drift-monitor: warning: the retraining was not recorded in the audit log: Cannot create the folder of the run history ${join(blocked.dir, 'blocked', 'history.sqlite')}`,
    );
    expect(result.stdout).toMatch(/^Retraining command finished: exit code 0 after \d+\.\d s\.$/m);
  });

  it('keeps the analysis exit code when the command succeeds', async () => {
    const { config } = project(command('exit 0'));
    expect((await run('analyze', config, '--retrain', '--fail-on', 'alert:high', '--quiet')).code).toBe(1);
    expect((await run('analyze', config, '--retrain', '--quiet')).code).toBe(0);
  });

  it('runs nothing without --retrain, even when retraining is recommended', async () => {
    const { dir, config, history } = project(`${command(`node -e "${MARKER_SCRIPT}"`)}  auto: true\n`);
    const { code, stdout } = await run('analyze', config);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Retraining recommended \(priority high\):$/m);
    expect(stdout).not.toContain('Retraining recommended: running');
    expect(existsSync(join(dir, 'marker.json'))).toBe(false);
    expect(await readAudit(history)).toEqual([]);
  });

  it('runs nothing when the report does not recommend retraining, and says so', async () => {
    const { dir, config, history } = project(command(`node -e "${MARKER_SCRIPT}"`), { recommends: false });
    const { code, stdout } = await run('analyze', config, '--retrain');
    expect(code).toBe(0);
    expect(stdout).toContain('No retraining needed: the retraining command was not run.\n');
    expect(existsSync(join(dir, 'marker.json'))).toBe(false);
    expect(await readAudit(history)).toEqual([]);
  });

  it('says there is nothing to run without retraining.command, exit 2, before analyzing', async () => {
    const { config } = project('');
    const { code, stdout, stderr } = await run('analyze', config, '--retrain');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `drift-monitor: --retrain: ${config} has no \`retraining.command\`, so there is nothing to run. Add the command that retrains the model under \`retraining:\` (see the README, "Retraining hook").\n`,
    );
  });

  it('names a retraining.cwd that does not exist, exit 2, and runs nothing', async () => {
    const { dir, config } = project(`${command(`node -e "${MARKER_SCRIPT}"`)}  cwd: training\n`);
    const { code, stdout, stderr } = await run('analyze', config, '--retrain');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`drift-monitor: ${config}: \`retraining.cwd\` folder not found: training (looked in ${dir})\n`);
    expect(existsSync(join(dir, 'training'))).toBe(false);
  });

  it('documents --retrain and exit code 4 in the usage', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('[--retrain]');
    expect(stdout).toMatch(/4 the retraining command failed \(with --retrain/);
  });
});
