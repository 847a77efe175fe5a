/** Test helpers for the editor-assistance functions: cursors marked in text, edits applied to text. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const FIXTURES = fileURLToPath(new URL('../../../test-fixtures/lsp-assist', import.meta.url));
/** A config next to the fixture CSVs; it need not exist. */
export const CONFIG_PATH = path.join(FIXTURES, 'drift.yaml');
export const CONFIG_URI = 'file:///home/user/project/drift.yaml';

/** The text without its `|`, and the offset where the `|` was. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error(`no cursor in ${JSON.stringify(marked)}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The text without its `|`, and the line and character where the `|` was (an LSP position). */
export function cursorPosition(marked: string): { text: string; position: { line: number; character: number } } {
  const { text, offset } = cursor(marked);
  const before = marked.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before.at(-1)!.length } };
}

/** The text after `edits`, which refer to positions in the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(CONFIG_URI, 'yaml', 0, text), [...edits]);
}

/** The text after the edits a workspace edit makes to `uri` (and it must make none elsewhere). */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri = CONFIG_URI): string {
  const changes = edit?.changes ?? {};
  const elsewhere = Object.keys(changes).filter((target) => target !== uri);
  if (elsewhere.length) throw new Error(`edits to other documents: ${elsewhere.join(', ')}`);
  return applyEdits(text, changes[uri] ?? []);
}
