/**
 * The import graph of the shipped code (server/src, client/src, webview/src) has no cycles,
 * type-only imports included: each layer can be read from the bottom up. The layer boundaries
 * themselves are lint rules (.eslint.config.mjs); here they are shown to catch a breach.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const SOURCES = ['server/src', 'client/src', 'webview/src'];
const EXTENSIONS = ['.ts', '.mts', '.mjs'];

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder)).flatMap((name) => {
    const relative = path.posix.join(folder, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return EXTENSIONS.some((extension) => name.endsWith(extension)) &&
      !name.endsWith('.d.ts') &&
      !name.endsWith('.d.mts')
      ? [relative]
      : [];
  });
}

/** Each file's imports of our own files (relative specifiers, resolved as the bundler resolves them). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
      const targets = importedFiles
        .map(({ fileName }) => fileName)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => {
          const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
          return ['', ...EXTENSIONS, '/index.ts']
            .map((extension) => base + extension)
            .find((candidate) => known.has(candidate));
        })
        .filter((target): target is string => target !== undefined);
      return [file, targets];
    }),
  );
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('finds a cycle, type-only or not, when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const parsed = importGraph(['server/src/protocol/messages.ts', 'server/src/protocol/report.ts']);
    expect(parsed.get('server/src/protocol/messages.ts')).toEqual(['server/src/protocol/report.ts']);
  });

  it('of server/src, client/src and webview/src has no cycles', () => {
    const files = SOURCES.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(cycles(importGraph(files))).toEqual([]);
  });
});

describe('the layer boundaries (lint)', () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, '.eslint.config.mjs') });

  /** The rules a snippet breaks when it stands at `filePath`. */
  async function broken(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result.messages.map((message) => message.ruleId ?? message.message);
  }

  it.each([
    [
      'the contract imports nothing of ours',
      'server/src/protocol/x.ts',
      "import type { Table } from '../engine/data/table';\nexport type T = Table;\n",
    ],
    [
      'the engine has no LSP types',
      'server/src/engine/x.ts',
      "import type { Range } from 'vscode-languageserver/node';\nexport type R = Range;\n",
    ],
    [
      'the engine does not import the CLI',
      'server/src/engine/x.ts',
      "import { main } from '../cli/main';\nexport const m = main;\n",
    ],
    [
      'the language server does not import the CLI',
      'server/src/lsp/x.ts',
      "import { main } from '../cli/main';\nexport const m = main;\n",
    ],
    [
      'the client imports the contract only',
      'client/src/x.ts',
      "import { parseConfig } from '../../server/src/engine/config/parse';\nexport const p = parseConfig;\n",
    ],
    [
      'the webview imports the contract only',
      'webview/src/x.ts',
      "import { ks } from '../../server/src/engine/stats/ks';\nexport const k = ks;\n",
    ],
  ])('%s', async (_rule, filePath, code) => {
    expect(await broken(filePath, code)).toContain('no-restricted-imports');
  });

  it('lets only the CLI write to the terminal', async () => {
    const printing = 'export function say(line: string): void {\n  process.stdout.write(line);\n}\n';
    expect(await broken('server/src/engine/x.ts', printing)).toContain('no-restricted-properties');
    expect(await broken('server/src/lsp/x.ts', "console.log('hi');\n")).toContain('no-console');
    expect(await broken('server/src/cli/x.ts', printing)).toEqual([]);
  });

  it('lets every layer import the contract', async () => {
    const code = (from: string) => `import type { Report } from '${from}/protocol/report';\nexport type R = Report;\n`;
    expect(await broken('client/src/x.ts', code('../../server/src'))).toEqual([]);
    expect(await broken('webview/src/x.ts', code('../../server/src'))).toEqual([]);
    expect(await broken('server/src/engine/x.ts', code('..'))).toEqual([]);
  });
});
