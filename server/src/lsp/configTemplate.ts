/**
 * The text of a new drift.yaml: the two files, the special columns guessed from the header
 * names, every column with the kind sampled from the reference, and a comment on each key.
 * Pure, so it is unit-tested against the language server's own validation. The client's
 * "Create Monitoring Config…" asks for it (GET_CONFIG_TEMPLATE).
 */
import { yamlScalar } from './schemaNavigation';

export interface ColumnGuess {
  target?: string;
  prediction?: string;
  probability?: string;
  timestamp?: string;
}

/** A reference column and the kind its first rows suggest. */
export interface DetectedColumn {
  name: string;
  kind: 'numerical' | 'categorical' | 'timestamp' | 'unknown';
}

const TARGET = /^(target|label|labels|y|class|outcome|churn|churned|default|is_fraud|fraud|ground_truth|actual)$/i;
/** Second choice, as whole words: `is_churn`, `target_flag`, `true_label`. */
const TARGET_WORD = /(^|_)(target|label|churn|churned)(_|$)/i;
// Whole words between underscores, so `credit_score` or `update_count` stay features.
const PROBABILITY =
  /(^|_)(prob|proba|probability|probabilities|confidence)(_|$)|^(score|pred_score|model_score|prediction_score)$/i;
const PREDICTION = /(^|_)(pred|prediction|predicted|yhat|y_hat)(_|$)/i;
const TIMESTAMP = /(^|_)(time|date|timestamp|datetime|ts)(_|$)|_at$/i;
/** Identifiers: tested for drift they only ever say "every value is new". */
const IDENTIFIER = /^(id|uuid|guid|row_?id|index)$|(^|_)id$/i;

/** Guesses target, prediction, probability and timestamp from the header names; each column at most once. */
export function guessColumns(header: readonly string[]): ColumnGuess {
  const taken = new Set<string>();
  const pick = (test: (name: string) => boolean): string | undefined => {
    const found = header.find((name) => !taken.has(name) && test(name.trim()));
    if (found !== undefined) taken.add(found);
    return found;
  };
  // Probability before prediction: `pred_proba` is a probability, `predicted` a prediction.
  const probability = pick((n) => PROBABILITY.test(n));
  const prediction = pick((n) => PREDICTION.test(n));
  const timestamp = pick((n) => TIMESTAMP.test(n));
  const target = pick((n) => TARGET.test(n)) ?? pick((n) => TARGET_WORD.test(n));
  return { target, prediction, probability, timestamp };
}

/** `key: value   # comment`, the comments lined up. */
function commented(entry: string, comment: string): string {
  return `${entry.padEnd(33)} # ${comment}`;
}

/**
 * The config for comparing `current` with `reference` (paths relative to the config), given the
 * reference's columns. Identifier-like columns are excluded; the guessed columns are marked as
 * guesses for the user to check.
 */
export function configText(
  reference: string,
  current: string,
  columns: readonly DetectedColumn[],
  guess: ColumnGuess,
): string {
  const special = (key: keyof ColumnGuess, what: string): string =>
    guess[key] !== undefined
      ? commented(`  ${key}: ${yamlScalar(guess[key])}`, `${what} (guessed from the header; check it)`)
      : commented(`  # ${key}: <column>`, what);
  const guessed = new Set(Object.values(guess).filter((name) => name !== undefined));
  const identifiers = columns.filter((c) => !guessed.has(c.name) && IDENTIFIER.test(c.name.trim())).map((c) => c.name);
  const features = columns.filter((c) => !guessed.has(c.name) && !identifiers.includes(c.name));
  const featureLines =
    features.length > 0
      ? features.map(
          (c) =>
            `#   ${c.name.replace(/[\r\n]+/g, ' ')}: ${c.kind === 'unknown' ? 'no values in the first rows' : c.kind}`,
        )
      : ['#   (none found in the header)'];
  const specialLines = [
    special('target', 'the true label or value (target drift, performance)'),
    special('prediction', "the model's output (prediction drift)"),
    special('probability', "the model's score for the positive class"),
    special('timestamp', 'when each row happened (windows, change points); not tested for drift'),
  ];
  const exclude =
    identifiers.length > 0
      ? commented(
          `  exclude: [${identifiers.map(yamlScalar).join(', ')}]`,
          'identifiers: every value is new, so they always "drift"',
        )
      : commented('  # exclude: [id]', 'columns to leave out (ids, free text)');
  return `# drift-monitor
# Created by Drift Monitor: Create Monitoring Config. Features found in the reference
# (kinds from its first rows; list a column under columns.numerical or columns.categorical
# to fix its kind):
${featureLines.join('\n')}
${commented(`reference: ${yamlScalar(reference)}`, 'the data the model was validated on')}
${commented(`current: ${yamlScalar(current)}`, 'the data to compare with it (e.g. last month of production)')}

${guessed.size > 0 || identifiers.length > 0 ? 'columns:' : '# columns:'}
${specialLines.join('\n')}
${exclude}

drift:
${commented('  method: auto', 'KS / chi-square / z-test on small samples, Wasserstein / Jensen–Shannon on large ones')}
${commented('  share: 0.5', 'dataset drift when at least half of the input features drifted')}
`;
}
