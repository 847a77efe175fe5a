/**
 * The perturbations the drift simulator can make, as the command line and the editor command
 * write them: `--<kind> <column>=<argument>`, one column each, applied in the order given.
 */
import { InputError } from '../inputError';
import { parseNumber } from '../data/numberParsing';

export type Perturbation =
  | { kind: 'shift'; column: string; amount: number }
  | { kind: 'scale'; column: string; factor: number }
  | { kind: 'noise'; column: string; std: number }
  | { kind: 'swap'; column: string; first: string; second: string }
  | { kind: 'new-category'; column: string; category: string; share: number }
  | { kind: 'mix'; column: string; category: string; share: number }
  | { kind: 'missing'; column: string; share: number }
  | { kind: 'flip-labels'; column: string; share: number }
  | { kind: 'shift-probability'; column: string; amount: number };

export type PerturbationKind = Perturbation['kind'];

/** Which columns a perturbation takes, so that the editor command can offer the right ones. */
export type ColumnNeed = 'numeric' | 'probability' | 'categories' | 'any';

export interface PerturbationSpec {
  kind: PerturbationKind;
  /** What it does, for --help and the editor's menu. */
  summary: string;
  /** The argument after `column=`, as a pattern. */
  argument: string;
  /** A whole example flag. */
  example: string;
  columns: ColumnNeed;
}

/** Every perturbation, in the order --help and the editor's menu list them. */
export const PERTURBATIONS: readonly PerturbationSpec[] = [
  {
    kind: 'shift',
    summary: 'add a constant to every number of a numeric column',
    argument: 'amount',
    example: '--shift income=5000',
    columns: 'numeric',
  },
  {
    kind: 'scale',
    summary: 'multiply every number of a numeric column',
    argument: 'factor',
    example: '--scale income=1.3',
    columns: 'numeric',
  },
  {
    kind: 'noise',
    summary: 'add Gaussian noise of this standard deviation, in the column’s units',
    argument: 'std',
    example: '--noise age=2',
    columns: 'numeric',
  },
  {
    kind: 'swap',
    summary: 'swap two categories of a column everywhere',
    argument: 'first:second',
    example: '--swap channel=web:store',
    columns: 'categories',
  },
  {
    kind: 'new-category',
    summary: 'put a category the column does not have on a share of rows',
    argument: 'category:share',
    example: '--new-category channel=kiosk:0.1',
    columns: 'any',
  },
  {
    kind: 'mix',
    summary: 'put an existing category on a share of rows, changing the mix',
    argument: 'category:share',
    example: '--mix channel=store:0.3',
    columns: 'categories',
  },
  {
    kind: 'missing',
    summary: 'empty the cells of a share of rows',
    argument: 'share',
    example: '--missing income=0.2',
    columns: 'any',
  },
  {
    kind: 'flip-labels',
    summary: 'change a share of labels (or predictions) to another class',
    argument: 'share',
    example: '--flip-labels churned=0.1',
    columns: 'categories',
  },
  {
    kind: 'shift-probability',
    summary: 'add to a probability column, clamped to [0, 1]',
    argument: 'amount',
    example: '--shift-probability score=0.2',
    columns: 'probability',
  },
];

export function isPerturbationKind(name: string): name is PerturbationKind {
  return PERTURBATIONS.some((spec) => spec.kind === name);
}

export function perturbationSpec(kind: PerturbationKind): PerturbationSpec {
  return PERTURBATIONS.find((spec) => spec.kind === kind)!;
}

/**
 * The perturbation of `--<kind> <text>`, `text` being `column=argument`. Only the syntax is
 * checked here; whether the file has the column, the categories and the numbers is
 * checkPerturbations' job.
 */
export function parsePerturbation(kind: PerturbationKind, text: string): Perturbation {
  const equals = text.indexOf('=');
  if (equals <= 0) throw usage(kind, text);
  const column = text.slice(0, equals);
  const argument = text.slice(equals + 1);
  switch (kind) {
    case 'shift':
    case 'shift-probability':
      return { kind, column, amount: number(kind, column, argument) };
    case 'scale':
      return { kind, column, factor: number(kind, column, argument) };
    case 'noise':
      return { kind, column, std: number(kind, column, argument) };
    case 'missing':
    case 'flip-labels':
      return { kind, column, share: number(kind, column, argument) };
    case 'new-category':
    case 'mix': {
      // The share holds no colon, so the category may.
      const colon = argument.lastIndexOf(':');
      if (colon <= 0) throw usage(kind, text);
      return {
        kind,
        column,
        category: argument.slice(0, colon),
        share: number(kind, column, argument.slice(colon + 1)),
      };
    }
    case 'swap': {
      const parts = argument.split(':');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '')
        throw usage(kind, text, parts.length > 2 ? 'a category holding a colon cannot be swapped' : undefined);
      return { kind, column, first: parts[0], second: parts[1] };
    }
  }
}

/** `--shift income=5000`: the perturbation as its flag. */
export function describePerturbation(p: Perturbation): string {
  return `--${p.kind} ${p.column}=${argumentOf(p)}`;
}

function argumentOf(p: Perturbation): string {
  switch (p.kind) {
    case 'shift':
    case 'shift-probability':
      return String(p.amount);
    case 'scale':
      return String(p.factor);
    case 'noise':
      return String(p.std);
    case 'missing':
    case 'flip-labels':
      return String(p.share);
    case 'new-category':
    case 'mix':
      return `${p.category}:${p.share}`;
    case 'swap':
      return `${p.first}:${p.second}`;
  }
}

function number(kind: PerturbationKind, column: string, text: string): number {
  const value = parseNumber(text);
  if (Number.isFinite(value)) return value;
  const { argument, example } = perturbationSpec(kind);
  const what = argument === 'std' ? 'standard deviation' : argument.endsWith('share') ? 'share' : argument;
  throw new InputError(`--${kind} ${column}=…: the ${what} must be a number, not '${text}' (e.g. ${example}).`, {
    column,
  });
}

function usage(kind: PerturbationKind, text: string, why?: string): InputError {
  const { argument, example } = perturbationSpec(kind);
  return new InputError(`--${kind} takes column=${argument} (e.g. ${example}), not '${text}'${why ? `: ${why}` : ''}.`);
}
