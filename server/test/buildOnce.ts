/** Vitest global setup: bundle dist/ once, so tests that spawn dist/cli.js or dist/server.js run the code under test. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
}
