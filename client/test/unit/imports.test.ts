/**
 * The client is VS Code glue and requests to the language server: of our own code it imports
 * only itself and the contract (server/src/protocol), which imports nothing of ours. Followed
 * through every relative import, type-only ones included, from each client module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('../../../', import.meta.url).pathname);
const clientSource = join(root, 'client', 'src');
const contract = join(root, 'server', 'src', 'protocol');

/** The relative module specifiers of a TypeScript file: import and export froms, dynamic imports and requires. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g),
  ].map((m) => m[1]!);
  return specifiers;
}

function resolveModule(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')])
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  return base;
}

/** Every file reachable from `start` through relative imports, with the file that first imported it. */
function reachable(start: string[]): Map<string, string> {
  const seen = new Map<string, string>(start.map((file) => [file, '(client entry)']));
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (!file.endsWith('.ts') || !existsSync(file)) continue;
    for (const specifier of relativeImports(file)) {
      const target = resolveModule(file, specifier);
      if (seen.has(target)) continue;
      seen.set(target, file);
      queue.push(target);
    }
  }
  return seen;
}

const inside = (file: string, folder: string) => !relative(folder, file).startsWith('..');

describe('what the client imports of ours', () => {
  it('is only the client itself and the contract', () => {
    const clientFiles = readdirSync(clientSource, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(clientSource, name));
    expect(clientFiles.length).toBeGreaterThan(10);
    const outside = [...reachable(clientFiles)]
      .filter(([file]) => !inside(file, clientSource) && !inside(file, contract))
      .map(([file, importer]) => `${relative(root, importer)} imports ${relative(root, file)}`);
    expect(outside).toEqual([]);
  });

  it('would catch an import of the engine, the language server or the webview (the scanner sees them)', () => {
    const scanned = relativeImports(join(root, 'server', 'src', 'lsp', 'server.ts')).map((specifier) =>
      resolveModule(join(root, 'server', 'src', 'lsp', 'server.ts'), specifier),
    );
    expect(scanned.some((file) => inside(file, join(root, 'server', 'src', 'engine')))).toBe(true);
    expect(relativeImports(join(root, 'server', 'src', 'engine', 'export', 'html.ts'))).toContain(
      '../../../../webview/src/styles',
    );
  });
});
