/**
 * The test tiers, each a vitest project that runs alone (`npm run test:<name>`); `npm test`
 * runs them all. Each gets only the global setup it needs: the build of dist/ for those that
 * run the bundles (spawned servers and CLI, worker threads, the report page script), Chromium
 * for those that drive a browser. Run together, the tiers go in three rounds, so that the
 * browsers and code-server do not share two cores with the rest: unit and integration, then
 * browser and bench, then editor.
 */
import { defineConfig } from 'vitest/config';

const build = 'server/test/buildOnce.ts';
const chromium = 'webview/test/ensureChromium.ts';

/** Tests that talk to real processes, servers or worker bundles: they run in the integration tier. */
const integration = [
  // The language server over JSON-RPC (dist/server.js).
  'server/test/lsp/**/*.test.ts',
  'server/test/engine/history/lsp.test.ts',
  'server/test/engine/notify/editor.test.ts',
  'server/test/engine/retraining/lsp.test.ts',
  'client/test/unit/historyMessages.test.ts',
  // dist/cli.js in child processes: the executable's smoke tests, runs from separate processes,
  // the retraining command's own output, reports made by the CLI for the client's tests.
  'server/test/cli/executable.test.ts',
  'server/test/cli/parquetExecutable.test.ts',
  'server/test/engine/history/cli.test.ts',
  'server/test/engine/retraining/cli.test.ts',
  'client/test/unit/alertNotifications.test.ts',
  'client/test/unit/exportFormats.test.ts',
  // The report page script (dist/webview.js) written into --html.
  'server/test/cli/htmlExport.test.ts',
  'server/test/cli/retrainingBlocked.test.ts',
  // Real webhook and SMTP servers on loopback.
  'server/test/engine/notify/notify.test.ts',
  'server/test/engine/notify/cli.test.ts',
  'server/test/engine/notify/secrets.test.ts',
  // Worker threads from dist/, and writers in separate processes.
  'server/test/engine/analysis/parallelDrift.test.ts',
  'server/test/engine/monitoring/threads.test.ts',
  'server/test/engine/data/readInWorker.test.ts',
  'server/test/engine/history/faults.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        // The contract, the engine and the client's modules from their sources, the CLI in this process.
        test: {
          name: 'unit',
          include: ['server/test/**/*.test.ts', 'client/test/unit/**/*.test.ts'],
          exclude: [...integration, 'server/test/bench/**'],
        },
      },
      { extends: true, test: { name: 'integration', include: integration, globalSetup: [build] } },
      // The report page in headless Chromium.
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['webview/test/**/*.test.ts'],
          globalSetup: [build, chromium],
          sequence: { groupOrder: 1 },
        },
      },
      // The packaged extension in code-server (VS Code), driven in headless Chromium; it builds and packages itself.
      {
        extends: true,
        test: {
          name: 'editor',
          include: ['client/test/e2e/**/*.test.ts'],
          // One code-server at a time: each file packages the extension and starts its own.
          fileParallelism: false,
          globalSetup: [chromium],
          sequence: { groupOrder: 2 },
        },
      },
      // The benchmark scripts on small inputs (bench/*.mjs run dist/cli.js).
      {
        extends: true,
        test: {
          name: 'bench',
          include: ['server/test/bench/**/*.test.ts'],
          globalSetup: [build],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
