/** Which configs read a changed data file (for analyze-on-save), and the parses the server keeps of each config text. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedConfigs } from '../../src/lsp/configDocuments';
import { DataChanges, findConfigFiles } from '../../src/lsp/dataChanges';

/** A workspace of configs: one at the root, one in models/ with extra datasets, one with an error, one in node_modules. */
function workspace() {
  const w = mkdtempSync(join(tmpdir(), 'drift-readers-'));
  for (const folder of ['data', 'models', 'node_modules/pkg', '.hidden'])
    mkdirSync(join(w, folder), { recursive: true });
  writeFileSync(join(w, 'drift.yaml'), 'reference: data/ref.csv\ncurrent: data/cur.csv\n');
  writeFileSync(
    join(w, 'models', 'churn.drift.yaml'),
    'reference: ../data/ref.csv\ncurrent: prod.csv\ndatasets:\n  test: ../data/test.csv\n',
  );
  writeFileSync(join(w, 'other.drift.yaml'), 'reference: data/cur.csv\ncurrent: data/cur.csv\ndrfit: {}\n');
  writeFileSync(
    join(w, 'node_modules', 'pkg', 'drift.yaml'),
    'reference: ../../data/ref.csv\ncurrent: ../../data/cur.csv\n',
  );
  writeFileSync(join(w, '.hidden', 'drift.yaml'), 'reference: ../data/ref.csv\ncurrent: ../data/cur.csv\n');
  writeFileSync(join(w, 'notes.yaml'), 'reference: data/ref.csv\n');
  return w;
}
const uri = (file: string) => pathToFileURL(file).toString();

describe('DataChanges.readersOf', () => {
  const w = workspace();
  const open: TextDocument[] = [];
  const changes = new DataChanges(() => open, new ParsedConfigs());
  changes.foldersChanged([{ uri: uri(w) }]);

  it('finds the configs reading a file through paths relative to each config, the extra datasets counted', async () => {
    expect((await changes.readersOf(join(w, 'data', 'ref.csv'))).sort()).toEqual(
      [uri(join(w, 'drift.yaml')), uri(join(w, 'models', 'churn.drift.yaml'))].sort(),
    );
    expect(await changes.readersOf(join(w, 'data', 'cur.csv'))).toEqual([uri(join(w, 'drift.yaml'))]);
    expect(await changes.readersOf(join(w, 'models', 'prod.csv'))).toEqual([
      uri(join(w, 'models', 'churn.drift.yaml')),
    ]);
    expect(await changes.readersOf(join(w, 'data', 'test.csv'))).toEqual([uri(join(w, 'models', 'churn.drift.yaml'))]);
  });

  it('leaves out configs with errors (they cannot run), dependencies and hidden folders, and files nobody reads', async () => {
    expect(await changes.readersOf(join(w, 'data', 'cur.csv'))).not.toContain(uri(join(w, 'other.drift.yaml')));
    expect(await changes.readersOf(join(w, 'elsewhere.csv'))).toEqual([]);
    expect(await findConfigFiles([w])).toHaveLength(3);
  });

  it("reads an open config's unsaved text, and counts an open config found by its first line", async () => {
    const marked = join(w, 'monitor.yaml');
    open.push(
      TextDocument.create(uri(join(w, 'drift.yaml')), 'yaml', 2, 'reference: data/other.csv\ncurrent: data/cur.csv\n'),
    );
    open.push(
      TextDocument.create(
        uri(marked),
        'yaml',
        1,
        '# drift-monitor\nreference: data/other.csv\ncurrent: data/test.csv\n',
      ),
    );
    expect((await changes.readersOf(join(w, 'data', 'other.csv'))).sort()).toEqual(
      [uri(join(w, 'drift.yaml')), uri(marked)].sort(),
    );
    expect(await changes.readersOf(join(w, 'data', 'ref.csv'))).toEqual([uri(join(w, 'models', 'churn.drift.yaml'))]);
    open.length = 0;
  });

  it('finds a config created since once the watcher reports it', async () => {
    writeFileSync(join(w, 'new.drift.yml'), 'reference: data/new.csv\ncurrent: data/cur.csv\n');
    expect(await changes.readersOf(join(w, 'data', 'new.csv'))).toEqual([]);
    const connection = {
      sendNotification: async () => undefined,
      console: { warn: () => undefined },
    } as unknown as Parameters<DataChanges['fileChanged']>[0];
    changes.fileChanged(connection, { uri: uri(join(w, 'new.drift.yml')), type: FileChangeType.Changed });
    expect(await changes.readersOf(join(w, 'data', 'new.csv'))).toEqual([]);
    changes.fileChanged(connection, { uri: uri(join(w, 'new.drift.yml')), type: FileChangeType.Created });
    expect(await changes.readersOf(join(w, 'data', 'new.csv'))).toEqual([uri(join(w, 'new.drift.yml'))]);
  });
});

describe('ParsedConfigs', () => {
  it('parses a config text once: the same result while the text stays, a new one for a new text', () => {
    const parsed = new ParsedConfigs();
    const first = parsed.of('file:///w/drift.yaml', 'reference: a.csv\ncurrent: b.csv\n');
    expect(parsed.of('file:///w/drift.yaml', 'reference: a.csv\ncurrent: b.csv\n')).toBe(first);
    expect(first.config?.reference.path).toBe('/w/a.csv');
    const edited = parsed.of('file:///w/drift.yaml', 'reference: a.csv\ncurrent: c.csv\n');
    expect(edited).not.toBe(first);
    expect(edited.config?.current.path).toBe('/w/c.csv');
    parsed.forget('file:///w/drift.yaml');
    expect(parsed.of('file:///w/drift.yaml', 'reference: a.csv\ncurrent: c.csv\n')).not.toBe(edited);
  });
});
