/**
 * YAML text → config problems (with source ranges) and, when there are no errors,
 * the typed config. Pure: no file access, so the language server can run it on
 * every keystroke and the CLI on the file it read.
 */
import * as path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { DriftConfig, ModelColumns, RetrainingCondition } from './model';
import { DEFAULT_DYNAMIC_K } from '../../protocol/bands';
import {
  DEFAULT_BINS,
  DEFAULT_CORRECTION,
  DEFAULT_DATASET_DRIFT_SHARE,
  DEFAULT_HISTORY_PATH,
  SINGLE_MODEL_NAME,
} from './model';
import { monitoringProblems } from './monitoringProblems';
import { toNotifications, type RawNotifications } from '../notify/notificationsConfig';
import { schemaProblems } from './schemaProblems';
import { semanticProblems } from './semanticProblems';
import type { MetricValues } from '../../protocol/report';
import { addDuplicateKeyErrors } from './duplicateKeys';
import { aliasProblem, textLimitProblem } from './limits';
import { plainValue } from './plainData';
import { span, type ConfigProblem } from './problem';
import { dataFormatOf, type DataFormat } from '../data/dataFormat';
import { declaredFormat } from './formats';

/** Problems any JSON-Schema YAML validator finds too (Red Hat's YAML extension, via `yamlValidation`). */
const SCHEMA_CODES = new Set(['unknown-key', 'missing-key', 'invalid-value']);

/** A YAML syntax error or a breach of schemas/drift-monitor.schema.json, as opposed to the checks only this server makes. */
export function isSchemaProblem(problem: ConfigProblem): boolean {
  return problem.code.startsWith('yaml-') || SCHEMA_CODES.has(problem.code);
}

export interface ParsedConfig {
  document: Document.Parsed;
  lineCounter: LineCounter;
  problems: ConfigProblem[];
  /** Present when there are no errors. */
  config?: DriftConfig;
}

export function parseConfig(text: string, configPath: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const beyondLimits = textLimitProblem(text);
  if (beyondLimits) return refused(beyondLimits, text);
  // Repeated keys are found in linear time by addDuplicateKeyErrors, not by the library's pairwise check.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  addDuplicateKeyErrors(document);
  const aliasBomb = document.errors.length === 0 ? aliasProblem(document) : undefined;
  if (aliasBomb) return refused(aliasBomb, text);
  const problems: ConfigProblem[] = document.errors.map((error) => ({
    message: error.message.split('\n')[0],
    severity: 'error',
    ...span(error.pos),
    code: `yaml-${error.code}`,
  }));
  // Schema and semantic checks need a syntactically whole document; both are defensive about shapes.
  if (problems.length === 0)
    problems.push(
      ...schemaProblems(document, text.length),
      ...semanticProblems(document),
      ...monitoringProblems(document),
    );
  const parsed: ParsedConfig = { document, lineCounter, problems };
  if (!problems.some((problem) => problem.severity === 'error'))
    parsed.config = toDriftConfig(plainValue(document) as RawConfig, configPath);
  return parsed;
}

/**
 * A config refused for a limit, with an empty document in place of the one it would make, so
 * that nothing downstream (checks against the data, the editor's assists) walks it.
 */
function refused(problem: ConfigProblem, text: string): ParsedConfig {
  // The lines up to the problem's, without parsing what may be too large to parse.
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0 && at < problem.start; at = text.indexOf('\n', at + 1))
    lineCounter.addNewLine(at + 1);
  return { document: parseDocument(''), lineCounter, problems: [problem] };
}

/** The validated plain value → DriftConfig. Only called once the schema has accepted the value. */
function toDriftConfig(value: RawConfig, configPath: string): DriftConfig {
  const folder = path.dirname(configPath);
  /** The file under `key` (`reference`, `current`, a dataset's name), read as `format:` or its name says. */
  const resolve = (written: string, key: string) => ({
    path: path.resolve(folder, written),
    written,
    format: dataFormatOf(written, declaredFormat(value.format, key)),
  });
  const columns = value.columns ?? {};
  const drift = value.drift ?? {};
  const performance = value.performance ?? {};
  const singleModel = columns.prediction
    ? [{ name: SINGLE_MODEL_NAME, prediction: columns.prediction, probability: columns.probability }]
    : [];
  return {
    configPath,
    reference: resolve(value.reference, 'reference'),
    current: resolve(value.current, 'current'),
    task: value.task,
    decimal: value.decimal,
    columns: {
      target: columns.target,
      timestamp: columns.timestamp,
      numerical: columns.numerical ?? [],
      categorical: columns.categorical ?? [],
      exclude: columns.exclude ?? [],
    },
    models: value.models ?? singleModel,
    drift: {
      method: drift.method ?? 'auto',
      threshold: drift.threshold,
      thresholds: drift.thresholds ?? {},
      share: drift.share ?? DEFAULT_DATASET_DRIFT_SHARE,
      correction: drift.correction ?? DEFAULT_CORRECTION,
      bins: drift.bins ?? DEFAULT_BINS,
      features: drift.features ?? {},
    },
    performance: {
      // YAML reads `positive_class: true` as a boolean and `1` as a number; labels are text.
      positiveClass: performance.positive_class === undefined ? undefined : String(performance.positive_class),
      baseline: performance.baseline,
      maxDrop: performance.max_drop ?? {},
      min: performance.min ?? {},
      max: performance.max ?? {},
    },
    windows: value.windows && {
      every: value.windows.every,
      reference: value.windows.reference ?? false,
      dynamicK: value.windows.dynamic_k ?? DEFAULT_DYNAMIC_K,
    },
    datasets: Object.entries(value.datasets ?? {}).map(([name, written]) => ({ name, ...resolve(written, name) })),
    retraining: {
      when: value.retraining?.when ?? ['dataset_drift', 'performance_drop', 'concept_drift'],
      ...(value.retraining?.min_rows !== undefined && { minRows: value.retraining.min_rows }),
      ...(value.retraining?.command !== undefined && {
        hook: {
          command: value.retraining.command,
          cwd: path.resolve(folder, value.retraining.cwd ?? '.'),
          // YAML reads `PORT: 8080` as a number; the environment holds text.
          env: Object.fromEntries(
            Object.entries(value.retraining.env ?? {}).map(([name, written]) => [name, String(written)]),
          ),
          auto: value.retraining.auto ?? false,
        },
      }),
    },
    history: {
      enabled: value.history?.enabled ?? true,
      path: path.resolve(folder, value.history?.path ?? DEFAULT_HISTORY_PATH),
    },
    ...(value.notifications && { notifications: toNotifications(value.notifications) }),
  };
}

/** The shape the schema guarantees. */
interface RawConfig {
  reference: string;
  current: string;
  format?: DataFormat | Record<string, DataFormat>;
  task?: DriftConfig['task'];
  decimal?: DriftConfig['decimal'];
  columns?: Partial<DriftConfig['columns']> & { prediction?: string; probability?: string };
  models?: ModelColumns[];
  drift?: Partial<DriftConfig['drift']>;
  performance?: {
    positive_class?: string | number | boolean;
    baseline?: MetricValues;
    max_drop?: MetricValues;
    min?: MetricValues;
    max?: MetricValues;
  };
  windows?: { every: string; reference?: boolean; dynamic_k?: number };
  datasets?: Record<string, string>;
  retraining?: {
    when?: RetrainingCondition[];
    min_rows?: number;
    command?: string;
    cwd?: string;
    env?: Record<string, string | number | boolean>;
    auto?: boolean;
  };
  history?: { enabled?: boolean; path?: string };
  notifications?: RawNotifications;
}
