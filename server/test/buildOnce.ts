/**
 * Vitest global setup: bundle dist/ once, so tests that spawn dist/cli.js or dist/server.js run
 * the code under test. Several tiers need it; when they run together, the first builds.
 */
import { execFileSync } from 'node:child_process';

const built = Symbol.for('drift-monitor.test.built');

export default function setup(): void {
  const state = globalThis as { [built]?: boolean };
  if (state[built]) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  state[built] = true;
}
