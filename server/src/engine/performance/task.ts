import type { Column } from '../data/column';
import { plural } from '../../protocol/text';

/** A numeric target with at most this many distinct whole numbers is taken for classes. */
const MAX_CLASS_VALUES = 20;

/**
 * Whether a target is classes or a quantity, when the config does not say: a text
 * (categorical) target is classification; a numeric one is classification when every value
 * is a whole number and there are at most 20 distinct values (0/1, ratings 1–5, class ids),
 * else regression. The same spirit as sklearn's `type_of_target`, which calls integer-valued
 * floats 'binary'/'multiclass' and others 'continuous', with a cap on the count of classes.
 * The reason says in plain words what was seen.
 */
export function inferTask(target: Column): { task: 'classification' | 'regression'; reason: string } {
  const name = `'${target.name}'`;
  if (target.kind === 'categorical') return { task: 'classification', reason: `inferred: ${name} holds text labels` };
  const sorted = target.values.filter((value) => !Number.isNaN(value)).sort();
  const fraction = sorted.find((value) => !Number.isInteger(value));
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const count = plural(distinct, 'distinct value');
  if (fraction !== undefined) {
    return {
      task: 'regression',
      reason: `inferred: ${name} is numeric with ${count}, not all whole numbers (e.g. ${fraction})`,
    };
  }
  if (distinct > MAX_CLASS_VALUES) {
    return {
      task: 'regression',
      reason: `inferred: ${name} is numeric with ${count} (more than ${MAX_CLASS_VALUES} for classes)`,
    };
  }
  return {
    task: 'classification',
    reason: `inferred: ${name} holds whole numbers with ${count} (at most ${MAX_CLASS_VALUES}), taken as classes`,
  };
}
