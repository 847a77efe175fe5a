/**
 * What each perturbation does to one cell of its column. A change is a function from a
 * cell's text to its new text, called once for every data row it applies to, in file order:
 * the rows a share picks (see RowChoice) and the noise drawn depend on nothing but the seed
 * and the row's place, so the same seed gives the same file.
 */
import { parseNumber } from '../data/numberParsing';
import { categoryMatcher } from './categoryMatch';
import type { ColumnFacts } from './columnFacts';
import type { Perturbation } from './perturbation';
import { RowChoice } from './rowChoice';

export type CellChange = (text: string) => string;

/**
 * The change `p` makes to the cells of `column` over `rows` rows, drawing from `random`.
 * checkPerturbations has made sure the column suits it.
 */
export function cellChange(p: Perturbation, column: ColumnFacts, rows: number, random: () => number): CellChange {
  switch (p.kind) {
    case 'shift':
      return numbers((x) => x + p.amount);
    case 'scale':
      return numbers((x) => x * p.factor);
    case 'noise': {
      const gaussian = standardNormal(random);
      // Written to about a thousandth of the noise, not to 15 digits: 45.308, not 45.3076585510605.
      const decimals = Math.min(15, Math.max(0, 3 - Math.floor(Math.log10(p.std))));
      return numbers((x) => {
        const y = x + p.std * gaussian();
        return y === x ? x : Number(y.toFixed(decimals));
      });
    }
    case 'shift-probability':
      return numbers((x) => Math.min(1, Math.max(0, x + p.amount)));
    case 'swap': {
      const [isFirst, isSecond] = [categoryMatcher(p.first), categoryMatcher(p.second)];
      const [first, second] = [label(column, p.first), label(column, p.second)];
      return (text) => (isFirst(text) ? second : isSecond(text) ? first : text);
    }
    case 'new-category':
      return chosenRows(p.share, rows, random, () => p.category);
    case 'mix': {
      const category = label(column, p.category);
      return chosenRows(p.share, rows, random, () => category);
    }
    case 'missing':
      return chosenRows(p.share, rows, random, () => '');
    case 'flip-labels':
      return chosenRows(p.share, rows, random, otherClass(column.categories!, random));
  }
}

/** Numbers changed by `f`; missing cells as they are, and a number `f` leaves alone keeps its spelling. */
function numbers(f: (x: number) => number): CellChange {
  return (text) => {
    const x = parseNumber(text);
    if (!Number.isFinite(x)) return text;
    const y = f(x);
    return y === x ? text : formatNumber(y);
  };
}

/** At most 15 significant digits: 0.1 + 0.2 is written 0.3, and every digit kept is one a double holds. */
function formatNumber(x: number): string {
  const shortest = String(x);
  // Sign, point and exponent included, 15 characters hold at most 15 digits (and rounding is slow).
  return shortest.length <= 15 ? shortest : String(Number(x.toPrecision(15)));
}

/** `change` on the rows a RowChoice of `share` picks, the other cells as they are. */
function chosenRows(share: number, rows: number, random: () => number, change: CellChange): CellChange {
  const choice = new RowChoice(share, rows, random);
  return (text) => (choice.next() ? change(text) : text);
}

/** A label's class changed to one of the others, each as likely; a missing label stays missing. */
function otherClass(classes: string[], random: () => number): CellChange {
  const matchers = classes.map(categoryMatcher);
  return (text) => {
    const current = matchers.findIndex((matches) => matches(text));
    if (current < 0) return text;
    const other = Math.floor(random() * (classes.length - 1));
    return classes[other >= current ? other + 1 : other];
  };
}

/** The column's own spelling of `category` ('1' for '1.0'), so that written cells look like the others. */
function label(column: ColumnFacts, category: string): string {
  return column.categories?.find(categoryMatcher(category)) ?? category;
}

/** Draws from N(0, 1) by the Box–Muller transform. */
function standardNormal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
