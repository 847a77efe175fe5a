/**
 * Checks the schema cannot express, on the config alone (no files): thresholds
 * that do not fit their method, contradictory column declarations, the retraining hook,
 * the alert channels, the data formats (formats.ts).
 * Checks against the CSV headers live with the data (they need file access).
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { METHODS, appliesTo, isDriftMethod, thresholdRange, type DriftMethod } from '../../protocol/methods';
import { notificationProblems } from '../notify/notificationsConfig';
import { retrainingProblems } from '../retraining/configProblems';
import { excerpt } from '../../protocol/text';
import { formatProblems } from './formats';
import { keyRange, locate, locateFrom, valueRange, type Located } from './nodes';
import { span, type ConfigProblem } from './problem';

export function semanticProblems(document: Document): ConfigProblem[] {
  return [
    ...thresholdProblems(document),
    ...columnProblems(document),
    ...binProblems(document),
    ...retrainingProblems(document),
    ...notificationProblems(document),
    ...formatProblems(document),
  ];
}

function thresholdProblems(document: Document): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const globalMethod = scalarAt(document, ['drift', 'method']) as string | undefined;
  const check = (name: string, { node, pair }: Located, method: string | undefined) => {
    if (!node || !isScalar(node) || typeof node.value !== 'number') return;
    const range = valueRange(node) ?? [0, 1];
    if (!method || method === 'auto') {
      problems.push({
        message: `\`${excerpt(name)}\` needs an explicit method: under \`auto\` the deciding test changes with the column (p-values and distances have different scales). Set \`method\` next to it, or use \`drift.thresholds.<method>\`.`,
        severity: 'error',
        ...span((pair && keyRange(pair)) ?? range),
        code: 'threshold-without-method',
      });
      return;
    }
    // An unknown method name is the schema's to report.
    const problem = isDriftMethod(method) ? thresholdRangeProblem(method, node.value) : undefined;
    if (problem)
      problems.push({
        message: `\`${excerpt(name)}\` ${problem}`,
        severity: 'error',
        ...span(range),
        code: 'threshold-out-of-range',
      });
  };
  check('drift.threshold', locate(document, ['drift', 'threshold']), globalMethod);
  for (const feature of features(document)) {
    const methodNode = feature.setting('method').node;
    const method = (isScalar(methodNode) ? (methodNode.value as string | undefined) : undefined) ?? globalMethod;
    check(`drift.features.${feature.name}.threshold`, feature.setting('threshold'), method);
  }
  return problems;
}

/** Why a threshold does not fit the method's scale, or undefined when it does. */
export function thresholdRangeProblem(method: DriftMethod, threshold: number): string | undefined {
  // Above 0 is the schema's to check.
  const { exclusiveMaximum, maximum } = thresholdRange(method);
  if (exclusiveMaximum !== undefined && threshold >= exclusiveMaximum)
    return `is a p-value threshold for ${method} and must be below ${exclusiveMaximum} (got ${threshold}); ${METHODS[method].defaultThreshold} is usual.`;
  if (maximum !== undefined && threshold > maximum)
    return `must be at most ${maximum} for ${method}, whose value lies in [0, ${maximum}] (got ${threshold}).`;
  return undefined;
}

function columnProblems(document: Document): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const numerical = new Set(sequenceItems(document, ['columns', 'numerical']).map((item) => String(item.value)));
  for (const item of sequenceItems(document, ['columns', 'categorical'])) {
    if (numerical.has(String(item.value))) {
      problems.push({
        message: `\`${excerpt(String(item.value))}\` is listed as both numerical and categorical.`,
        severity: 'error',
        ...span(valueRange(item) ?? [0, 1]),
        code: 'column-both-kinds',
      });
    }
  }
  const categorical = new Set(sequenceItems(document, ['columns', 'categorical']).map((item) => String(item.value)));
  const globalMethod = scalarAt(document, ['drift', 'method']) as string | undefined;
  for (const { name: feature, pair, setting } of features(document)) {
    const methodNode = setting('method').node;
    const method = isScalar(methodNode) ? String(methodNode.value) : globalMethod;
    if (!isDriftMethod(method)) continue;
    const kind = numerical.has(feature) ? 'numerical' : categorical.has(feature) ? 'categorical' : undefined;
    if (kind && !appliesTo(method, kind)) {
      const range = (methodNode && valueRange(methodNode)) ?? keyRange(pair) ?? [0, 1];
      problems.push({
        message: `${method} does not apply to \`${excerpt(feature)}\`, which is declared ${kind}.`,
        severity: 'error',
        ...span(range),
        code: 'method-kind-mismatch',
      });
    }
  }
  return problems;
}

function binProblems(document: Document): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { name: feature, setting } of features(document)) {
    const edges = scalarItems(setting('bins').node);
    for (let i = 1; i < edges.length; i++) {
      if (!(Number(edges[i].value) > Number(edges[i - 1].value))) {
        problems.push({
          message: `Bin edges of \`${excerpt(feature)}\` must increase: ${excerpt(String(edges[i].value))} follows ${excerpt(String(edges[i - 1].value))}.`,
          severity: 'error',
          ...span(valueRange(edges[i]) ?? [0, 1]),
          code: 'bins-not-increasing',
        });
      }
    }
  }
  return problems;
}

function scalarAt(document: Document, segments: string[]): unknown {
  const { node } = locate(document, segments);
  return isScalar(node) ? node.value : undefined;
}

/**
 * Each entry of `drift.features`, with a lookup of its settings that scans its own map only:
 * locating a setting from the root would scan every feature again, quadratic in their number.
 */
function features(document: Document): { name: string; pair: Pair; setting: (key: string) => Located }[] {
  const { node } = locate(document, ['drift', 'features']);
  if (!isMap(node)) return [];
  return node.items.filter(isPair).map((pair) => ({
    name: String(isScalar(pair.key) ? pair.key.value : pair.key),
    pair,
    setting: (key: string) => locateFrom(pair.value as Node | null, [key]),
  }));
}

function sequenceItems(document: Document, segments: string[]): (Node & { value: unknown })[] {
  return scalarItems(locate(document, segments).node);
}

function scalarItems(node: Node | undefined): (Node & { value: unknown })[] {
  return isSeq(node) ? node.items.filter(isScalar) : [];
}
