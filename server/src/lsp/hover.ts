/**
 * Hover in a config: what a key means (from the schema), what a method name stands for,
 * and a profile of the reference data behind a column name.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { METHODS } from '../protocol/methods';
import type { DriftMethod } from '../protocol/report';
import { textLimitProblem } from '../engine/config/limits';
import { profileMarkdown, type ColumnProfileCache } from '../engine/data/columnProfiles';
import type { CsvHeaderCache } from '../engine/data/csvHeaders';
import {
  contextAt,
  expectsColumn,
  keysAreColumns,
  schemaAt,
  yamlTokens,
  type CursorContext,
  type SchemaNode,
} from './schemaNavigation';
import { referenceFile } from './referenceFile';

export async function hover(
  text: string,
  offset: number,
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
  profiles: Pick<ColumnProfileCache, 'get'>,
): Promise<Hover | null> {
  // A config beyond the limits is refused with a diagnostic; there is nothing to say about its parts.
  if (textLimitProblem(text)) return null;
  const context = contextAt(text, offset);
  if (!context || context.text === '') return null;
  const onColumn = context.kind === 'key' ? keysAreColumns(context.path.slice(0, -1)) : expectsColumn(context.path);
  const markdown = onColumn
    ? await columnMarkdown(text, context.text, configPath, headers, profiles)
    : context.kind === 'key'
      ? keyMarkdown(schemaAt(context.path))
      : methodMarkdown(context);
  if (!markdown) return null;
  const document = TextDocument.create('', 'yaml', 0, text);
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: document.positionAt(context.start), end: document.positionAt(context.end) },
  };
}

/** The key's description, default and allowed values. */
function keyMarkdown(schema: SchemaNode | undefined): string | undefined {
  if (!schema) return undefined;
  const allowed = schema.enum ?? schema.items?.enum;
  const parts = [
    schema.description,
    schema.default !== undefined ? `Default: \`${JSON.stringify(schema.default)}\`` : undefined,
    allowed ? `Allowed: ${allowed.map((value) => `\`${value}\``).join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** What a drift method named as a value decides by. */
function methodMarkdown(context: CursorContext): string | undefined {
  if (context.path.at(-1) !== 'method') return undefined;
  const info = METHODS[context.text as DriftMethod];
  if (!info)
    return context.text === 'auto' ? '`auto`: the method is picked by column type and sample size.' : undefined;
  const rule =
    info.thresholdKind === 'pValue'
      ? `drift when the p-value is below the threshold (default ${info.defaultThreshold})`
      : `drift when the value is at or above the threshold (default ${info.defaultThreshold})`;
  const columns =
    info.numerical && info.categorical
      ? 'numerical and categorical columns'
      : info.numerical
        ? 'numerical columns'
        : `categorical columns${info.binaryOnly ? ' with at most two categories' : ''}`;
  return `\`${context.text}\`: ${info.label}, for ${columns}; ${rule}.`;
}

/** A profile of the column in the reference file, or why there is none. */
async function columnMarkdown(
  text: string,
  column: string,
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
  profiles: Pick<ColumnProfileCache, 'get'>,
): Promise<string | undefined> {
  const reference = referenceFile(yamlTokens(text), configPath);
  if (!reference) return undefined;
  const { file, format } = reference;
  const header = await headers.get(file, format);
  if (!header.ok) return undefined;
  const { columns, schema } = header.header;
  const skipped = schema?.skipped.get(column);
  if (skipped !== undefined)
    return `\`${column}\` of \`${reference.written}\` is skipped by the analysis: it is ${skipped}.`;
  if (!columns.includes(column)) return `\`${column}\` is not a column of \`${reference.written}\`.`;
  // A Parquet footer's type, rows and null count hold for the whole file; a profile's figures are its own.
  const stated =
    schema?.format === 'parquet'
      ? { type: schema.types.get(column)!, rows: schema.rows, missing: schema.missing.get(column) }
      : undefined;
  try {
    return profileMarkdown(column, reference.written, await profiles.get(file, column, format), stated);
  } catch (error) {
    return `No profile of \`${column}\`: ${error instanceof Error ? error.message : String(error)}`;
  }
}
