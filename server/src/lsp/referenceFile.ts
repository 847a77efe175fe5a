/**
 * The reference file a config's text names, as completion and hover read it (from the YAML
 * tokens, so that a config being typed still has one): its path as written and resolved, and
 * the format the run reads it in, from `format:` as the config's checks read it, else its name.
 */
import * as path from 'node:path';
import { declaredFormat } from '../engine/config/formats';
import { dataFormatOf, type DataFormat } from '../engine/data/dataFormat';
import { valueAt, type YamlToken } from './schemaNavigation';

export interface ReferenceFile {
  written: string;
  /** Absolute. */
  file: string;
  format: DataFormat;
}

export function referenceFile(tokens: readonly YamlToken[], configPath: string): ReferenceFile | undefined {
  const reference = valueAt(tokens, ['reference']);
  if (!reference) return undefined;
  // `format: parquet` for every file, or `format: {reference: parquet}` for this one.
  const format = valueAt(tokens, ['format'])?.text ?? { reference: valueAt(tokens, ['format', 'reference'])?.text };
  return {
    written: reference.text,
    file: path.resolve(path.dirname(configPath), reference.text),
    format: dataFormatOf(reference.text, declaredFormat(format, 'reference')),
  };
}
