/**
 * `drift-monitor <args>` for the tests: `runCli` calls the CLI's main in this process with its
 * output captured (the tests of what it does), `spawnCli` runs the bundle dist/cli.js in a
 * child process as CI does (the smoke tests of the executable: exit codes, --help, a bad
 * config, one real analysis).
 */
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Where relative paths start; this process's working folder by default. */
  cwd?: string;
  /** spawnCli: kill the child after this long (ms), for a test of a hang that must not hang the suite. */
  timeout?: number;
}

/** The bundles, built by the global setup of the tiers that need them; --html reads the report page script from here. */
export const dist = new URL('../../../dist/', import.meta.url).pathname;

export async function runCli(args: string[], { env = {}, cwd = process.cwd() }: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...process.env, ...env },
    cwd,
    bundleFolder: dist,
  });
  return { code, stdout, stderr };
}

export function spawnCli(args: string[], { env = {}, cwd, timeout }: CliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [`${dist}cli.js`, ...args], {
    cwd,
    timeout,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The lines of a run's stderr other than its progress (which a slow machine may show): none are expected. */
export function stderrBesidesProgress(stderr: string): string[] {
  const progress = ['Reading ', 'Testing ', 'Model performance'];
  return stderr.split('\n').filter((line) => line && !progress.some((start) => line.startsWith(start)));
}
