/**
 * The config's `format:` key: how each data file is read when its name does not say it
 * (data/dataFormat.ts). One format for every file (`format: parquet`) or one per file
 * (`format: {reference: profile, current: csv.gz}`), keyed by `reference`, `current` and the
 * names under `datasets`; a format given wins over the name. The checks here need no file:
 * a key naming no file, a profile anywhere but the reference, a name saying another format.
 */
import { isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { excerpt } from '../../protocol/text';
import { formatInName, isDataFormat, type DataFormat } from '../data/dataFormat';
import { didYouMean } from './didYouMean';
import { keyRange, locate, valueRange } from './nodes';
import { isName, plainValue, record } from './plainData';
import { span, type ConfigProblem } from './problem';

/**
 * The format `format:` (its plain value, `written`) gives the file under `key`: `reference`,
 * `current` or a dataset's name; undefined when it gives none.
 */
export function declaredFormat(written: unknown, key: string): DataFormat | undefined {
  if (isDataFormat(written)) return written;
  const own = record(written)[key];
  return isDataFormat(own) ? own : undefined;
}

/** A data file of the config: the key it is under for `format:`, where it is written, and its path. */
interface NamedFile {
  key: string;
  /** `reference`, `current`, `datasets.test`: as messages name it. */
  label: string;
  node: Node | undefined;
  written: string;
}

export function formatProblems(document: Document): ConfigProblem[] {
  const { node: format } = locate(document, ['format']);
  const raw = record(plainValue(document));
  const files = namedFiles(document, raw);
  const rowFiles = files.filter((file) => file.label !== 'reference');
  // One format for every file: a profile there is one mistake, however many files it reads.
  if (isScalar(format) && format.value === 'profile' && rowFiles.length > 0)
    return [
      problem(
        format,
        'error',
        'profile-not-reference',
        `\`format: profile\` would read \`${excerpt(rowFiles[0].label)}\` as a reference profile too, and only the reference can be one: give the reference's format alone, \`format: {reference: profile}\`.`,
      ),
    ];
  return [
    ...(isMap(format) ? unknownKeys(format, files) : []),
    ...rowFiles.flatMap((file) => profileProblems(file, format, raw.format)),
    ...files.flatMap((file) => nameProblems(file, format, raw.format)),
  ];
}

function namedFiles(document: Document, raw: Record<string, unknown>): NamedFile[] {
  const files: NamedFile[] = [];
  for (const key of ['reference', 'current'])
    if (isName(raw[key])) files.push({ key, label: key, node: locate(document, [key]).node, written: raw[key] });
  for (const [name, written] of Object.entries(record(raw.datasets)))
    if (isName(written))
      files.push({ key: name, label: `datasets.${name}`, node: locate(document, ['datasets', name]).node, written });
  return files;
}

/** Keys of `format: {…}` that name no data file of the config. */
function unknownKeys(format: YAMLMap, files: NamedFile[]): ConfigProblem[] {
  const known = files.map((file) => file.key);
  return format.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || known.includes(key)) return [];
    const suggestion = didYouMean(key, known);
    const message = `\`format.${excerpt(key)}\` names no data file of this config${suggestion ? `: did you mean \`${suggestion}\`?` : `. Its keys are \`reference\`, \`current\` and the names under \`datasets\`.`}`;
    return [
      {
        message,
        severity: 'error' as const,
        ...span(keyRange(pair) ?? [0, 1]),
        code: 'format-unknown-file',
        ...(suggestion !== undefined && { suggestion }),
      },
    ];
  });
}

/** A file that must hold rows (the current file, a dataset) given as a profile, by `format:` or by its name. */
function profileProblems(file: NamedFile, format: Node | undefined, written: unknown): ConfigProblem[] {
  const declared = declaredFormat(written, file.key);
  if (declared === 'profile')
    return [
      problem(
        isMap(format) ? ownValue(format, file.key) : format,
        'error',
        'profile-not-reference',
        `\`${excerpt(file.label)}\` cannot be a reference profile: only the reference can. It needs rows: \`csv\`, \`csv.gz\` or \`parquet\`.`,
      ),
    ];
  if (declared === undefined && formatInName(file.written) === 'profile')
    return [
      problem(
        file.node,
        'error',
        'profile-not-reference',
        `\`${excerpt(file.label)}\` names a reference profile (${excerpt(file.written)}), and only the reference can be one: \`${excerpt(file.label)}\` needs rows (a CSV, gzip CSV or Parquet file).`,
      ),
    ];
  return [];
}

/**
 * A format given against the one the file's name says: the format wins, as it is there to
 * read a file whose name is wrong, but a slip (`format: parquet` over a `.csv`) is more likely.
 */
function nameProblems(file: NamedFile, format: Node | undefined, written: unknown): ConfigProblem[] {
  const declared = declaredFormat(written, file.key);
  const named = formatInName(file.written);
  if (declared === undefined || named === undefined || named === declared) return [];
  return [
    problem(
      isMap(format) ? ownValue(format, file.key) : format,
      'warning',
      'format-differs-from-name',
      `\`${excerpt(file.label)}\` is read as \`${declared}\` (\`format\`), though its name ${excerpt(file.written)} says \`${named}\`.`,
    ),
  ];
}

function problem(
  node: Node | undefined,
  severity: ConfigProblem['severity'],
  code: string,
  message: string,
): ConfigProblem {
  return { message, severity, ...span((node && valueRange(node)) ?? [0, 1]), code };
}

/** The value of `key` in `map`: the format it gives one file. */
function ownValue(map: YAMLMap, key: string): Node | undefined {
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return (pair?.value as Node | null | undefined) ?? undefined;
}
