/**
 * "No contradictions", as a check a test can run on any Report: no line a user reads says
 * something another line of the same report denies. It reads the report only, the way a
 * person would, and knows nothing of how the engine made it.
 *
 * Rules (each contradiction names its rule and the line at fault):
 * - headline: the dataset verdict agrees with the feature table (counts, share, drift.share)
 *   and with the alerts (one per drifted column, a dataset alert exactly with dataset drift);
 * - diagnosis: its flags agree with the dataset and feature verdicts; it names every drifted
 *   input and output column and every model whose errors rose; no line (diagnosis, alert or
 *   retraining reason) says the inputs did not move, or that nothing drifted, while some did;
 * - risk: the level is the one its score earns, the score is the sum of its components, none
 *   means no alert at all, and high has at least two alerts of moderate severity or more;
 * - retraining: the state (not needed, recommended, recommended but blocked) agrees with its reasons.
 */
import type { Report } from '../src/protocol/report';
import { formatNumber, plural, RISK_LEVELS } from '../src/protocol/text';

export type Rule = 'headline' | 'diagnosis' | 'inputs-said-stable' | 'risk' | 'retraining';

export interface Contradiction {
  rule: Rule;
  /** Where in the report, and what contradicts what. */
  what: string;
}

/** Sentences that say the inputs stayed put, or that nothing moved at all. */
const INPUTS_STABLE =
  /inputs? (did not|didn't) move|inputs? stayed|inputs? (were|are|stayed) (stable|put|within)|no input feature drifted|no data, prediction or concept drift|^no drift\b/i;
/** Advice that takes a changed relation for granted, as wrong with drifted inputs as saying they stayed. */
const RELATION_CHANGED = /^the relation between inputs and target changed:/i;
const NOTHING_MOVED = /^no (data, prediction or concept )?drift\b/i;
/** The diagnosis names at most this many columns and counts the rest. */
const NAMED_COLUMNS = 8;

export function contradictions(report: Report): Contradiction[] {
  return [
    ...headline(report),
    ...diagnosis(report),
    ...inputsSaidStable(report),
    ...risk(report),
    ...retraining(report),
  ];
}

function headline({ features, dataset, alerts }: Report): Contradiction[] {
  const found: Contradiction[] = [];
  const say = (what: string) => found.push({ rule: 'headline', what });
  const inputs = features.filter((f) => f.role === 'feature');
  const drifted = inputs.filter((f) => f.drifted);
  if (dataset.features !== inputs.length)
    say(`dataset counts ${dataset.features} input features, the table ${inputs.length}`);
  if (dataset.driftedFeatures !== drifted.length)
    say(`dataset says ${dataset.driftedFeatures} input features drifted, the table ${drifted.length}`);
  const share = inputs.length > 0 ? drifted.length / inputs.length : 0;
  if (Math.abs(dataset.share - share) > 1e-12) say(`dataset share ${dataset.share}, the table's ${share}`);
  const datasetDrift = inputs.length > 0 && share >= dataset.threshold;
  if (dataset.drifted !== datasetDrift)
    say(
      `dataset drift is ${dataset.drifted} with ${drifted.length} of ${inputs.length} drifted, drift.share ${dataset.threshold}`,
    );
  for (const f of features) {
    if (f.drifted === (f.severity === 'none')) say(`'${f.name}' is drifted=${f.drifted} with severity ${f.severity}`);
    const alerted = alerts.some((a) => a.subject === f.name && a.kind.endsWith('-drift') && a.kind !== 'concept-drift');
    if (alerted !== f.drifted) say(`'${f.name}' is drifted=${f.drifted} but has ${alerted ? 'a' : 'no'} drift alert`);
  }
  if (alerts.some((a) => a.kind === 'dataset-drift') !== dataset.drifted)
    say(
      `dataset drift is ${dataset.drifted} but the dataset-drift alert ${dataset.drifted ? 'is missing' : 'is there'}`,
    );
  return found;
}

function diagnosis({ features, dataset, concept }: Report): Contradiction[] {
  const found: Contradiction[] = [];
  const say = (what: string) => found.push({ rule: 'diagnosis', what });
  const d = concept.diagnosis;
  const text = d.explanation.join('\n');
  const drifted = (role: (r: string) => boolean) => features.filter((f) => role(f.role) && f.drifted);
  const inputs = drifted((r) => r === 'feature');
  const outputs = drifted((r) => r === 'prediction' || r === 'probability');
  if (d.dataDrift !== dataset.drifted) say(`diagnosis.dataDrift ${d.dataDrift}, dataset drift ${dataset.drifted}`);
  if (d.predictionDrift !== outputs.length > 0)
    say(`diagnosis.predictionDrift ${d.predictionDrift} with ${outputs.length} drifted output columns`);
  const unnamed = (columns: { name: string }[]) => columns.filter((c) => !names(text, c.name)).map((c) => c.name);
  const missingInputs = unnamed(inputs);
  if (missingInputs.length > Math.max(0, inputs.length - NAMED_COLUMNS))
    say(`the diagnosis does not name the drifted inputs ${missingInputs.join(', ')}`);
  for (const name of unnamed([...outputs, ...drifted((r) => r === 'target')]))
    say(`the diagnosis does not name the drifted column '${name}'`);
  for (const e of concept.models.filter((m) => m.errorsRose))
    if (!text.includes(`errors of ${e.model} rose`))
      say(`the errors of ${e.model} rose; the diagnosis does not say so`);
  const anything = features.some((f) => f.drifted) || concept.models.some((m) => m.errorsRose);
  for (const line of d.explanation.filter((l) => NOTHING_MOVED.test(l) && anything))
    say(`"${line}" while ${features.filter((f) => f.drifted).length} columns drifted`);
  if (d.explanation.length === 0) say('the diagnosis is empty');
  return found;
}

/** Every line a user reads that could speak of the inputs: the diagnosis, the alerts and their advice, the retraining reasons. */
function inputsSaidStable(report: Report): Contradiction[] {
  const drifted = report.features.filter((f) => f.role === 'feature' && f.drifted).map((f) => f.name);
  if (drifted.length === 0) return [];
  const lines = [
    ...report.concept.diagnosis.explanation.map((line) => ['diagnosis', line]),
    ...report.alerts.map((a) => ['alert', a.message]),
    ...report.retraining.reasons.map((reason) => ['retraining reason', reason]),
  ].filter(([, line]) => INPUTS_STABLE.test(line));
  const advice = report.alerts
    .map((a) => ['alert advice', a.recommendation])
    .filter(([, line]) => RELATION_CHANGED.test(line));
  return [...lines, ...advice].map(([where, line]) => ({
    rule: 'inputs-said-stable' as const,
    what: `${where} "${line}" while ${drifted.join(', ')} drifted`,
  }));
}

function risk({ risk, alerts }: Report): Contradiction[] {
  const found: Contradiction[] = [];
  const say = (what: string) => found.push({ rule: 'risk', what });
  const earned = (['high', 'moderate', 'low', 'none'] as const).find((level) => risk.score >= RISK_LEVELS[level].from);
  if (risk.level !== earned) say(`risk ${risk.score} is level ${risk.level}, the levels give ${earned}`);
  if (risk.level === 'none' && alerts.length > 0) say(`risk level none with ${plural(alerts.length, 'alert')}`);
  if (risk.level !== 'none' && alerts.length === 0) say(`risk level ${risk.level} with no alert`);
  const serious = alerts.filter((a) => a.severity !== 'low').length;
  if (risk.level === 'high' && serious < 2) say(`risk level high with ${serious} alerts of moderate severity or more`);
  const sum = risk.components.reduce((total, c) => total + c.points, 0);
  const score = sum > 0 ? Math.max(1, Math.round(sum)) : 0;
  if (score !== risk.score) say(`risk ${risk.score}, its components add up to ${formatNumber(sum)}`);
  for (const c of risk.components.filter((c) => c.points < 0 || c.points > c.max))
    say(`${c.name} has ${c.points} points of ${c.max}`);
  return found;
}

function retraining({ retraining: r }: Report): Contradiction[] {
  const noCondition = (reason: string) => reason.startsWith('no retraining condition is met');
  const blocked = (reason: string) => reason.startsWith('blocked:');
  const conditions = r.reasons.filter((x) => !noCondition(x) && !blocked(x));
  const say = (header: string) => [
    { rule: 'retraining' as const, what: `"${header}" over the reasons ${r.reasons.join('; ')}` },
  ];
  if (r.state === 'not-needed' && (r.retrain || !r.reasons.every(noCondition))) return say('No retraining needed');
  if (r.state !== 'not-needed' && (r.priority === 'none' || conditions.length === 0 || r.reasons.some(noCondition)))
    return say(`Retraining ${r.state} (priority ${r.priority})`);
  if (r.state === 'recommended' && (!r.retrain || r.reasons.some(blocked)))
    return say(`Retraining recommended (priority ${r.priority})`);
  if (r.state === 'blocked' && (r.retrain || !r.labelsNeeded || !r.reasons.some(blocked)))
    return say(`Retraining recommended, blocked (priority ${r.priority})`);
  return [];
}

/** Whether `text` names the column as a word of its own ('f1' is not named by 'f10'). */
function names(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w])${escaped}($|[^\\w])`).test(text);
}
