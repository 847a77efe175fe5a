/**
 * Whether each perturbation fits the file: its column exists, holds numbers (or
 * probabilities, or categories) as the perturbation needs, the categories it names exist
 * (or, for a new one, do not), and shares lie in [0, 1]. Every problem names the file and
 * the column.
 */
import { didYouMean } from '../config/didYouMean';
import { isMissingValue } from '../data/missingValues';
import { MAX_NUMBER_LABELS } from '../data/numberLabels';
import { InputError } from '../inputError';
import type { ColumnFacts, FileFacts } from './columnFacts';
import { categoryMatcher } from './categoryMatch';
import { plural } from '../../protocol/text';
import { perturbationSpec, type Perturbation, type PerturbationKind } from './perturbation';

/** How many names a "no such column/category" message lists. */
const LISTED = 20;

/**
 * Throws an InputError on the first perturbation that does not fit `facts`, the file being
 * `file`. In order: a category added by an earlier --new-category counts as existing.
 */
export function checkPerturbations(perturbations: readonly Perturbation[], facts: FileFacts, file: string): void {
  const added = new Map<string, string[]>();
  for (const p of perturbations) {
    const column = facts.columns.get(p.column);
    if (!column) throw unknownColumn(p, facts.header, file);
    const problem = (message: string) =>
      new InputError(`${file}, column '${p.column}': ${message}`, { file, column: p.column });
    const categories = column.categories && [...column.categories, ...(added.get(p.column) ?? [])];
    switch (p.kind) {
      case 'shift':
      case 'scale':
        if (!column.numeric) throw problem(notNumeric(p.kind, column));
        break;
      case 'noise':
        if (!column.numeric) throw problem(notNumeric(p.kind, column));
        if (p.std < 0) throw problem(`the standard deviation of --noise must be 0 or more, not ${p.std}.`);
        break;
      case 'shift-probability':
        if (!column.numeric) throw problem(notNumeric(p.kind, column));
        if (column.min < 0 || column.max > 1)
          throw problem(
            `--shift-probability needs probabilities from 0 to 1, but the column holds numbers from ${column.min} to ${column.max}.`,
          );
        break;
      case 'swap':
        if (p.first === p.second) throw problem(`--swap needs two different categories, not '${p.first}' twice.`);
        for (const category of [p.first, p.second]) checkCategory(p.kind, category, categories, problem);
        break;
      case 'mix':
        checkShare(p.kind, p.share, problem);
        checkCategory(p.kind, p.category, categories, problem);
        break;
      case 'new-category':
        checkShare(p.kind, p.share, problem);
        if (isMissingValue(p.category))
          throw problem(`'${p.category}' would read as a missing value, not a category; --missing empties cells.`);
        if (categories?.some(categoryMatcher(p.category)))
          throw problem(
            `'${p.category}' is already a category of the column; --new-category adds one it does not hold (--mix raises the share of an existing one).`,
          );
        added.set(p.column, [...(added.get(p.column) ?? []), p.category]);
        break;
      case 'missing':
        checkShare(p.kind, p.share, problem);
        break;
      case 'flip-labels':
        checkShare(p.kind, p.share, problem);
        if (categories === undefined)
          throw problem(
            `--flip-labels changes a label to another class, but the column holds more than ${MAX_NUMBER_LABELS} distinct numbers: it is not a label column.`,
          );
        if (categories.length < 2)
          throw problem(
            `--flip-labels changes a label to another class, but the column holds ${categories.length === 0 ? 'no labels' : `only '${categories[0]}'`}.`,
          );
        break;
    }
  }
}

function unknownColumn(p: Perturbation, header: string[], file: string): InputError {
  const suggestion = didYouMean(p.column, header);
  const hint = suggestion === undefined ? `. Its columns are ${listed(header)}.` : ` (did you mean '${suggestion}'?).`;
  return new InputError(`${file} has no column '${p.column}', which --${p.kind} names${hint}`, {
    file,
    column: p.column,
  });
}

function notNumeric(kind: Perturbation['kind'], column: ColumnFacts): string {
  const holds =
    column.text !== undefined
      ? `text ('${column.text}')`
      : column.textCells > 0
        ? `text in ${plural(column.textCells, 'cell')}`
        : 'no numbers';
  return `--${kind} changes numbers, but the column holds ${holds}.`;
}

function checkShare(kind: Perturbation['kind'], share: number, problem: (message: string) => InputError): void {
  if (share < 0 || share > 1) throw problem(`the share of rows of --${kind} must be from 0 to 1, not ${share}.`);
}

function checkCategory(
  kind: Perturbation['kind'],
  category: string,
  categories: string[] | undefined,
  problem: (message: string) => InputError,
): void {
  if (categories === undefined)
    throw problem(
      `--${kind} names the category '${category}', but the column holds more than ${MAX_NUMBER_LABELS} distinct numbers, not categories.`,
    );
  if (categories.some(categoryMatcher(category))) return;
  const suggestion = didYouMean(category, categories);
  const hint =
    suggestion === undefined ? `. Its categories are ${listed(categories)}.` : ` (did you mean '${suggestion}'?).`;
  throw problem(`--${kind} names the category '${category}', which the column does not hold${hint}`);
}

/** 'a', 'b', … and 3 more. */
function listed(names: string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, LISTED).map((name) => `'${name}'`);
  if (names.length > LISTED) shown.push(`${names.length - LISTED} more`);
  return shown.join(', ');
}

/** The columns a perturbation of `kind` fits, by the rules above: what the editor command offers. */
export function columnsFor(kind: PerturbationKind, facts: FileFacts): string[] {
  const minimumCategories = kind === 'swap' || kind === 'flip-labels' ? 2 : 1;
  return facts.header.filter((name) => {
    const column = facts.columns.get(name)!;
    switch (perturbationSpec(kind).columns) {
      case 'numeric':
        return column.numeric;
      case 'probability':
        return column.numeric && column.min >= 0 && column.max <= 1;
      case 'categories':
        return column.categories !== undefined && column.categories.length >= minimumCategories;
      case 'any':
        return true;
    }
  });
}
