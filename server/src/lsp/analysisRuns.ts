/**
 * Analyses started from the editor: at most one per config at a time (a new run cancels
 * the older one), and the last finished Report of each config. A cancelled or failed run
 * leaves the previous Report in place.
 */
import * as path from 'node:path';
import { analyze } from '../engine/analysis/analyze';
import type { DriftConfig } from '../engine/config/model';
import type { Report } from '../protocol/report';
import { DEFAULT_EXACT_ROWS, type StreamingOption } from '../engine/analysis/streaming';
import type { AnalysisProgress } from '../engine/analysis/progress';

/** With no row limit (maxRowsInteractive 0), files too large for memory are streamed, as by the CLI's default. */
const EDITOR_STREAMING: StreamingOption = { mode: 'auto', exactRows: DEFAULT_EXACT_ROWS };

/** The reason a run stops when a newer run of the same config starts. */
export class RunSuperseded extends Error {
  constructor() {
    super('superseded by a newer run');
    this.name = 'RunSuperseded';
  }
}

export interface FinishedRun {
  report: Report;
  config: DriftConfig;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
  /** Called as the analysis starts: what the result will need can be prepared meanwhile. */
  onStart?: (config: DriftConfig) => void;
  maxRows?: number;
}

export class AnalysisRuns {
  private readonly finished = new Map<string, FinishedRun>();
  private readonly running = new Map<string, AbortController>();

  /** Analyzes the config of `uri` (parsed from its text by the caller), sampling past `maxRows` rows per file; rejects with the abort reason when cancelled (RunSuperseded when a newer run started). */
  async run(uri: string, config: DriftConfig, options: RunOptions = {}): Promise<FinishedRun> {
    this.running.get(uri)?.abort(new RunSuperseded());
    const controller = new AbortController();
    this.running.set(uri, controller);
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    try {
      const analysis = analyze(config, {
        signal,
        onProgress: options.onProgress,
        configShown: path.basename(config.configPath),
        maxRows: options.maxRows,
        streaming: EDITOR_STREAMING,
      });
      options.onStart?.(config);
      const report = await analysis;
      signal.throwIfAborted();
      const run = { report, config };
      this.finished.set(uri, run);
      return run;
    } finally {
      if (this.running.get(uri) === controller) this.running.delete(uri);
    }
  }

  last(uri: string): FinishedRun | undefined {
    return this.finished.get(uri);
  }

  /** The configs whose last run read `file` (an absolute path). */
  readersOf(file: string): string[] {
    return [...this.finished]
      .filter(([, run]) =>
        [run.config.reference.path, run.config.current.path, ...run.config.datasets.map((d) => d.path)].includes(file),
      )
      .map(([uri]) => uri);
  }
}
