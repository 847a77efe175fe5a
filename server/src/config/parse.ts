/**
 * YAML text → config problems (with source ranges) and, when there are no errors,
 * the typed config. Pure: no file access, so the language server can run it on
 * every keystroke and the CLI on the file it read.
 */
import * as path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { DriftConfig } from './model';
import { DEFAULT_BINS, DEFAULT_DATASET_DRIFT_SHARE } from './model';
import { schemaProblems } from './schemaProblems';
import { semanticProblems } from './semanticProblems';

export interface ConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  /** Offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** A stable identifier for the kind of problem (for quick fixes and tests). */
  code: string;
  /** A replacement that would fix it (did-you-mean). */
  suggestion?: string;
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
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = document.errors.map((error) => ({
    message: error.message.split('\n')[0],
    severity: 'error',
    start: error.pos[0],
    end: Math.max(error.pos[1], error.pos[0] + 1),
    code: `yaml-${error.code}`,
  }));
  // Schema and semantic checks need a syntactically whole document; both are defensive about shapes.
  if (problems.length === 0) problems.push(...schemaProblems(document, text.length), ...semanticProblems(document));
  const parsed: ParsedConfig = { document, lineCounter, problems };
  if (!problems.some((problem) => problem.severity === 'error')) parsed.config = toDriftConfig(document.toJS(), configPath);
  return parsed;
}

/** The validated plain value → DriftConfig. Only called once the schema has accepted the value. */
function toDriftConfig(value: RawConfig, configPath: string): DriftConfig {
  const folder = path.dirname(configPath);
  const resolve = (written: string) => ({ path: path.resolve(folder, written), written });
  const columns = value.columns ?? {};
  const drift = value.drift ?? {};
  return {
    configPath,
    reference: resolve(value.reference),
    current: resolve(value.current),
    columns: {
      target: columns.target,
      prediction: columns.prediction,
      probability: columns.probability,
      timestamp: columns.timestamp,
      numerical: columns.numerical ?? [],
      categorical: columns.categorical ?? [],
      exclude: columns.exclude ?? [],
    },
    drift: {
      method: drift.method ?? 'auto',
      threshold: drift.threshold,
      thresholds: drift.thresholds ?? {},
      share: drift.share ?? DEFAULT_DATASET_DRIFT_SHARE,
      bins: drift.bins ?? DEFAULT_BINS,
      features: drift.features ?? {},
    },
  };
}

/** The shape the schema guarantees. */
interface RawConfig {
  reference: string;
  current: string;
  columns?: Partial<Omit<DriftConfig['columns'], 'numerical' | 'categorical' | 'exclude'>> &
    Partial<Pick<DriftConfig['columns'], 'numerical' | 'categorical' | 'exclude'>>;
  drift?: Partial<DriftConfig['drift']>;
}
