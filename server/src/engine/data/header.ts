/** The header line of a CSV: column names, checked against each other and the config. */
import { didYouMean } from '../config/didYouMean';
import { InputError } from '../inputError';
import { detachText } from './cellText';

/** How many column names a "no such column" message lists. */
const LISTED_COLUMNS = 20;

/**
 * The column names of the header cells on file line `line`. An empty cell is named
 * `Unnamed: i` with `i` its 0-based position, as pandas does (a trailing delimiter makes one),
 * so the file still reads and the name can be excluded in the config. Names are kept as
 * written, spaces included. Throws on a name used twice and on a `required` name the header
 * lacks.
 */
export function headerNames(cells: string[], required: readonly string[], file: string, line: number): string[] {
  const names = columnNames(cells);
  checkUnique(names, file, line);
  checkRequired(names, required, file, line);
  return names;
}

/** The names of the header cells, unchecked: the editor's header peek and the reader name columns alike. */
export function columnNames(cells: string[]): string[] {
  return cells.map((cell, i) => (cell === '' ? `Unnamed: ${i}` : detachText(cell)));
}

function checkUnique(names: string[], file: string, line: number): void {
  const positions = new Map<string, number[]>();
  for (const [i, name] of names.entries()) {
    const seen = positions.get(name);
    if (seen) seen.push(i + 1);
    else positions.set(name, [i + 1]);
  }
  for (const [name, columns] of positions) {
    if (columns.length === 1) continue;
    throw new InputError(
      `${file} line ${line}: the column name '${name}' appears ${columns.length} times (columns ${listWords(columns.map(String))}); column names must be unique.`,
      {
        file,
        line,
        column: name,
      },
    );
  }
}

/** Throws, naming what is near, when `names` (a file's columns; `line` their header line, if any) lack a `required` name. */
export function checkRequired(names: string[], required: readonly string[], file: string, line?: number): void {
  const present = new Set(names);
  const absent = required.filter((name) => !present.has(name));
  if (absent.length === 0) return;
  let unmatched = false;
  const described = absent.map((name) => {
    const suggestion = didYouMean(name, names);
    if (suggestion === undefined) unmatched = true;
    return suggestion === undefined ? `'${name}'` : `'${name}' (did you mean '${suggestion}'?)`;
  });
  const message = [`${file} has no column ${listWords(described)}, which the config names.`];
  if (unmatched) message.push(`Its columns are ${listWords(quotedNames(names))}.`);
  throw new InputError(message.join(' '), { file, line, column: absent[0] });
}

/** The names quoted, cut to the first LISTED_COLUMNS. */
function quotedNames(names: string[]): string[] {
  const listed = names.slice(0, LISTED_COLUMNS).map((name) => `'${name}'`);
  if (names.length > LISTED_COLUMNS) listed.push(`${names.length - LISTED_COLUMNS} more`);
  return listed;
}

/** 'a', 'a and b', 'a, b and c'. */
function listWords(words: string[]): string {
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Pairs of names that read as one but are two columns: they differ only in letter case,
 * surrounding spaces or Unicode normalization (é as one character or as e and an accent).
 * A config naming one of them then easily means the other. One sentence per pair, for the
 * report's notes.
 */
export function lookAlikeNames(names: string[], file: string): string[] {
  const notes: string[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = name.trim().normalize('NFC').toLowerCase();
    const other = seen.get(key);
    if (other === undefined) seen.set(key, name);
    else
      notes.push(
        `${file} has columns '${other}' and '${name}', which differ only in ${howTheyDiffer(other, name)}: they are two columns.`,
      );
  }
  return notes;
}

function howTheyDiffer(a: string, b: string): string {
  if (a.trim() === b.trim()) return 'surrounding spaces';
  if (a.normalize('NFC') === b.normalize('NFC')) return 'Unicode normalization (NFC)';
  if (a.toLowerCase() === b.toLowerCase()) return 'letter case';
  return 'letter case, surrounding spaces or Unicode normalization';
}
