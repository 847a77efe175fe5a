/**
 * Completion in a config: the keys that may go where the cursor is, the values a key takes
 * (methods, task, conditions, window lengths, booleans), column names from the reference
 * file's header (or schema) wherever a column is expected, and data file paths relative to the config.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { METHODS } from '../protocol/methods';
import { METRICS_OF_TASK, higherIsBetter } from '../protocol/metrics';
import type { DriftMethod, MetricName } from '../protocol/report';
import { textLimitProblem } from '../engine/config/limits';
import type { CsvHeaderCache } from '../engine/data/csvHeaders';
import { isDataFileName } from '../engine/data/dataFormat';
import {
  contextAt,
  expectsColumn,
  expectsFile,
  itemsAt,
  keysAreColumns,
  keysAt,
  samePath,
  schemaAt,
  yamlScalar,
  yamlTokens,
  type CursorContext,
  type YamlToken,
} from './schemaNavigation';
import { referenceFile } from './referenceFile';

/** Window lengths offered for `windows.every`; the schema's pattern allows any count. */
const WINDOW_LENGTHS: [string, string][] = [
  ['1h', 'hourly'],
  ['1d', 'daily'],
  ['1w', 'weekly, from Monday (UTC)'],
  ['1mo', 'calendar months'],
  ['5000 rows', 'every 5000 rows'],
];

/** A completion and what it replaces, when not all the text written at the cursor (a path's last segment). */
type Candidate = Omit<CompletionItem, 'textEdit' | 'insertText'> & { insertText?: string; replaces?: [number, number] };

export async function completions(
  text: string,
  offset: number,
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
  /** Whether the folder's files may be listed (Restricted Mode lists none outside the workspace). */
  mayList: (folder: string) => Promise<boolean> = async () => true,
): Promise<CompletionItem[]> {
  // A config beyond the limits is refused with a diagnostic; nothing written into it can be right.
  if (textLimitProblem(text)) return [];
  const context = contextAt(text, offset);
  if (!context) return [];
  const tokens = yamlTokens(text);
  const candidates =
    context.kind === 'key'
      ? await keyCandidates(text, context, tokens, configPath, headers)
      : await valueCandidates(text, offset, context, tokens, configPath, headers, mayList);
  const document = TextDocument.create('', 'yaml', 0, text);
  // Right after `key:`, `-` or `,` what is inserted needs a space before it.
  const pad = context.start === context.end && /[:,-]/.test(text[context.start - 1] ?? '') ? ' ' : '';
  return candidates.map(({ replaces = [context.start, context.end], insertText, ...item }) => {
    const newText = pad + (insertText ?? item.label);
    const range = { start: document.positionAt(replaces[0]), end: document.positionAt(replaces[1]) };
    return { ...item, insertText: newText, textEdit: { range, newText } };
  });
}

async function keyCandidates(
  text: string,
  context: CursorContext,
  tokens: YamlToken[],
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
): Promise<Candidate[]> {
  const parent = context.path.slice(0, -1);
  const written = new Set(
    keysAt(tokens, parent)
      .filter((key) => key.start !== context.start)
      .map((key) => key.text),
  );
  // Retyping a key that already has its colon replaces the name only.
  const suffix = /^[ \t]*:/.test(text.slice(context.end)) ? '' : ': ';
  if (keysAreColumns(parent)) {
    const columns = await referenceColumns(tokens, configPath, headers);
    return columns
      .filter(({ label }) => !written.has(label))
      .map((column) => ({ ...column, insertText: `${yamlScalar(column.label)}${suffix}` }));
  }
  const properties = schemaAt(parent)?.properties ?? {};
  return Object.entries(properties)
    .filter(([key]) => !written.has(key))
    .map(([key]) => {
      const detail = metricDetail(parent, key);
      const description = schemaAt([...parent, key])?.description;
      return {
        label: key,
        kind: CompletionItemKind.Property,
        ...(detail && { detail }),
        ...(description && { documentation: { kind: MarkupKind.Markdown, value: description } }),
        insertText: `${key}${suffix}`,
      };
    });
}

async function valueCandidates(
  text: string,
  offset: number,
  context: CursorContext,
  tokens: YamlToken[],
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
  mayList: (folder: string) => Promise<boolean>,
): Promise<Candidate[]> {
  const { path: at } = context;
  const inList = typeof at.at(-1) === 'number';
  const listed = new Set(
    inList
      ? itemsAt(tokens, at.slice(0, -1))
          .filter((item) => item.start !== context.start)
          .map((item) => item.text)
      : [],
  );
  if (expectsColumn(at))
    return (await referenceColumns(tokens, configPath, headers))
      .filter(({ label }) => !listed.has(label))
      .map((column) => ({ ...column, insertText: yamlScalar(column.label) }));
  if (expectsFile(at)) return fileCandidates(text, offset, context, configPath, mayList);
  if (samePath(at, ['windows', 'every']))
    return WINDOW_LENGTHS.map(([label, detail]) => ({ label, detail, kind: CompletionItemKind.Value }));
  const schema = schemaAt(at);
  if (schema?.enum) {
    return schema.enum
      .map(String)
      .filter((value) => !listed.has(value))
      .map((value) => {
        const detail = methodDetail(at, value);
        return { label: value, kind: CompletionItemKind.EnumMember, ...(detail && { detail }) };
      });
  }
  if (schema?.type === 'boolean') return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Value }));
  return [];
}

/**
 * The reference's columns with their kinds (sampled from a CSV; stated by a Parquet file, with
 * its type, or by a profile); none while the reference cannot be read. Columns the analysis
 * skips (a Parquet file's nested ones) are not offered.
 */
async function referenceColumns(
  tokens: YamlToken[],
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
): Promise<Candidate[]> {
  const reference = referenceFile(tokens, configPath);
  if (!reference) return [];
  const result = await headers.get(reference.file, reference.format);
  if (!result.ok) return [];
  const { header } = result;
  const parquetType = (column: string) =>
    header.schema?.format === 'parquet' ? ` · ${header.schema.types.get(column)}` : '';
  return header.columns.map((column) => ({
    label: column,
    kind: CompletionItemKind.Field,
    detail: `${header.kinds.get(column)}${parquetType(column)}`,
  }));
}

/**
 * The data files (CSV, gzip CSV, Parquet, profiles) and folders in the folder of the path typed so far (relative to the config's
 * folder); each replaces the path's last segment. A folder asks for completion again.
 */
async function fileCandidates(
  text: string,
  offset: number,
  context: CursorContext,
  configPath: string,
  mayList: (folder: string) => Promise<boolean>,
): Promise<Candidate[]> {
  const quote = /^["']/.test(text[context.start] ?? '') ? 1 : 0;
  const closed = quote && context.end - context.start > 1 && text[context.end - 1] === text[context.start] ? 1 : 0;
  const typed = text.slice(context.start + quote, Math.max(offset, context.start + quote));
  const folderPart = typed.slice(0, Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\')) + 1);
  const folder = path.resolve(path.dirname(configPath), folderPart);
  if (!(await mayList(folder))) return [];
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const showHidden = typed.slice(folderPart.length).startsWith('.');
  const listed = await Promise.all(
    entries
      .filter((entry) => showHidden || !entry.name.startsWith('.'))
      .map(async (entry) => ({ name: entry.name, directory: await isDirectory(folder, entry) })),
  );
  const replaces: [number, number] = [context.start + quote + folderPart.length, context.end - closed];
  const folders = listed
    .filter((entry) => entry.directory)
    .map(({ name }) => ({
      label: `${name}/`,
      kind: CompletionItemKind.Folder,
      replaces,
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    }));
  const files = listed
    .filter((entry) => !entry.directory && isDataFileName(entry.name))
    .map(({ name }) => ({ label: name, kind: CompletionItemKind.File, replaces }));
  const byName = (a: Candidate, b: Candidate) => a.label.localeCompare(b.label);
  return [...folders.sort(byName), ...files.sort(byName)];
}

/** Follows a symbolic link to tell whether it leads to a folder (data folders often are links). */
async function isDirectory(folder: string, entry: Dirent): Promise<boolean> {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return (await stat(path.join(folder, entry.name))).isDirectory();
  } catch {
    return false;
  }
}

function methodDetail(at: readonly (string | number)[], value: string): string | undefined {
  if (at.at(-1) !== 'method') return undefined;
  return value === 'auto' ? 'by column type and sample size' : METHODS[value as DriftMethod]?.label;
}

/** `classification · higher is better` for a metric key under `performance`. */
function metricDetail(parent: readonly (string | number)[], key: string): string | undefined {
  if (parent.length !== 2 || parent[0] !== 'performance') return undefined;
  const metric = key as MetricName;
  const task = METRICS_OF_TASK.classification.includes(metric) ? 'classification' : 'regression';
  return `${task} · ${higherIsBetter(metric) ? 'higher' : 'lower'} is better`;
}
