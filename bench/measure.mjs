/** Timing one command as a whole process: wall clock, and peak RSS from GNU time when the machine has it. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const TIME = '/usr/bin/time';
/** Checked at each use: the bench may install GNU time once it has started. */
export function haveTime() {
  return existsSync(TIME);
}
const root = new URL('..', import.meta.url).pathname;

/**
 * One run of a command: wall clock here; peak RSS and CPU time (user + system, of every
 * thread: steadier than the wall clock on a machine shared with other work) from GNU time's
 * own output file, the tool's stderr staying its own.
 */
export function measure(command) {
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const rssFile = join(root, 'bench', 'results', 'time.out');
  const wrapped = haveTime() ? [TIME, '-f', '%M %U %S', '-o', rssFile, ...command] : command;
  const started = performance.now();
  const run = spawnSync(wrapped[0], wrapped.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
  const [kib, user, system] = haveTime()
    ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
    : [Number.NaN];
  return {
    seconds,
    rssMiB: Number.isFinite(kib) ? kib / 1024 : null,
    cpuSeconds: Number.isFinite(user + system) ? user + system : null,
  };
}

/** Runs of one command as median and range of the wall clock, and median peak RSS and CPU time (null without GNU time). */
export function summarize(samples) {
  const seconds = samples.map((s) => s.seconds);
  const known = (key) => samples.map((s) => s[key] ?? null).filter((x) => x !== null);
  return {
    seconds: median(seconds),
    min: Math.min(...seconds),
    max: Math.max(...seconds),
    rssMiB: known('rssMiB').length ? median(known('rssMiB')) : null,
    cpuSeconds: known('cpuSeconds').length ? median(known('cpuSeconds')) : null,
  };
}

export function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
