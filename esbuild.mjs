// Bundles the eight entry points into dist/. `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const watch = process.argv.includes('--watch');

/** Evaluates the CommonJS bundle of `entry`: its exports, and the files it was built from. */
async function bundledExports(entry) {
  const { outputFiles, metafile } = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: 'node',
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  return { exports: module.exports, inputs: Object.keys(metafile.inputs).map((input) => resolve(input)) };
}

// The config's schema validator compiled now rather than at every start of the CLI and the
// server (server/src/engine/config/configValidator.ts): ajv's standalone code of the same
// schema, made once per build (with --watch, again when the schema changes).
const precompiledValidator = {
  name: 'precompiled-config-validator',
  setup(build) {
    let module;
    build.onStart(() => {
      module = undefined;
    });
    build.onLoad({ filter: /[\\/]configValidator\.ts$/ }, async ({ path }) => {
      module ??= bundledExports(path);
      const { exports, inputs } = await module;
      return {
        contents: `${exports.validatorSource()}\nexport function configValidator() { return validate; }\n`,
        loader: 'js',
        resolveDir: dirname(path),
        watchFiles: inputs,
      };
    });
  },
};

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  target: 'node20',
  plugins: [precompiledValidator],
};

const builds = [
  // Extension host side: CommonJS, `vscode` is provided by the editor at run time. Minified, as it
  // loads when the editor starts (the source map keeps stack traces readable).
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    minify: true,
  },
  // Language server: started by the client over IPC, or by any LSP client with --stdio.
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs' },
  // Worker threads of the server and the CLI: the analysis (server/src/engine/analysis/analyze.ts), testing columns beside it
  // (server/src/engine/analysis/parallelDrift.ts), and reading one CSV (server/src/engine/data/readInWorker.ts).
  {
    ...common,
    entryPoints: ['server/src/engine/analysis/analyzeWorker.ts'],
    outfile: 'dist/analyzeWorker.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: ['server/src/engine/analysis/featureWorker.ts'],
    outfile: 'dist/featureWorker.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: ['server/src/engine/data/readWorker.ts'],
    outfile: 'dist/readWorker.js',
    platform: 'node',
    format: 'cjs',
  },
  // Building a reference profile for the language server (server/src/lsp/saveProfile.ts).
  {
    ...common,
    entryPoints: ['server/src/lsp/saveProfileWorker.ts'],
    outfile: 'dist/saveProfileWorker.js',
    platform: 'node',
    format: 'cjs',
  },
  // Headless front end over the same engine.
  {
    ...common,
    entryPoints: ['server/src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The report page, for the webview and the standalone HTML export.
  {
    ...common,
    entryPoints: ['webview/src/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// sql.js (the run history's SQLite) loads its WebAssembly from next to the bundles (server/src/engine/history/sqlite.ts).
await mkdir('dist', { recursive: true });
await copyFile('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

// The report page's stylesheet (webview/src/styles.ts) as dist/report.css, which the editor's panel
// links beside dist/webview.js; the HTML export inlines the same text. Written once per run (with
// --watch, at the start).
async function writeReportStylesheet() {
  await writeFile('dist/report.css', (await bundledExports('webview/src/styles.ts')).exports.REPORT_CSS);
}
await writeReportStylesheet();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
