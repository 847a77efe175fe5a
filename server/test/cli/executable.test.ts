/**
 * The executable as CI runs it: the bundle dist/cli.js in a child process, its shebang, its
 * exit codes and what it prints. What the commands do is tested in this process (cli.test.ts
 * and the engine's cli tests); here, that the bundle starts, runs one real analysis on its
 * worker threads, and hands the CLI's exit code to the process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dist, spawnCli, stderrBesidesProgress } from './runCli';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;

function tempConfig(yaml: string): string {
  const config = join(mkdtempSync(join(tmpdir(), 'drift-cli-bin-')), 'drift.yaml');
  writeFileSync(config, yaml);
  return config;
}

describe('dist/cli.js', () => {
  it('starts with a shebang, so that npm can link it as the drift-monitor command', () => {
    expect(readFileSync(join(dist, 'cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('analyzes the demo: the summary on stdout, the report with --json, exit 0', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'drift-cli-bin-')), 'report.json');
    const { code, stdout, stderr } = spawnCli(['analyze', join(demo, 'drift.yaml'), '--json', json, '--no-history']);
    // Progress lines may appear on stderr when the machine is slow; nothing else may.
    expect(stderrBesidesProgress(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^income +feature +numerical +wasserstein +0\.52\d* +0\.1 +DRIFT +high$/m);
    expect(JSON.parse(readFileSync(json, 'utf8')).features.length).toBe(11);
  });

  it('exits 1 with --fail-on alert:high when a high alert exists', () => {
    expect(
      spawnCli(['analyze', join(demo, 'drift.yaml'), '--fail-on', 'alert:high', '--quiet', '--no-history']),
    ).toMatchObject({ code: 1, stdout: '' });
  });

  it('exits 2 on a bad config, with its line and column on stderr', () => {
    const config = tempConfig(
      `reference: ${join(demo, 'reference.csv')}\ncurrent: ${join(demo, 'current.csv')}\ndrfit:\n  share: 0.3\n`,
    );
    const { code, stdout, stderr } = spawnCli(['analyze', config]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${config} line 3, column 1`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with the usage on an unknown option, 0 with --help', () => {
    const wrong = spawnCli(['analyze', join(demo, 'drift.yaml'), '--bogus']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Usage:');
    const help = spawnCli(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Exit codes: 0 done, 1 drift or alert (with --fail-on)');
  });

  it('names a named pipe given as a data file or as the config, instead of waiting on it forever', () => {
    const folder = mkdtempSync(join(tmpdir(), 'drift-cli-bin-'));
    const pipe = join(folder, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const config = join(folder, 'drift.yaml');
    writeFileSync(config, `reference: ${pipe}\ncurrent: ${join(demo, 'current.csv')}\n`);
    // Before the fix the child never ended: the bounded wait kills it (code null).
    const asData = spawnCli(['analyze', config, '--no-history', '--quiet'], { timeout: 20_000 });
    expect(asData).toMatchObject({ code: 2, stdout: '' });
    expect(asData.stderr).toContain(`${pipe} is a named pipe, not a CSV file.`);
    const asConfig = spawnCli(['analyze', pipe, '--no-history', '--quiet'], { timeout: 20_000 });
    expect(asConfig).toMatchObject({ code: 2, stdout: '' });
    expect(asConfig.stderr).toContain(`${pipe} is a named pipe, not a file.`);
  });
});
