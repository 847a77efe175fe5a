/** What every section gets: the report, the theme, and the shared feature selection. */
import type { FeatureDrift, Report, HistoryRun } from '../../server/src/protocol/report';
import type { Theme } from './theme';

export interface PageContext {
  report: Report;
  theme: Theme;
  /** Select a feature everywhere (table row, distribution explorer). */
  select(name: string): void;
  /** Sections that follow the selection register here. */
  onSelect(listener: (feature: FeatureDrift) => void): void;
  /** Show a CSV column: in VS Code the extension opens the current file at its header; the page selects it. */
  reveal(column: string): void;
  /** The config's run history, each time it is known anew (after the report: the extension reads it once the report is shown). */
  onHistory(listener: (history: PageHistory) => void): void;
}

/** What the page knows of the history: the runs, or why they could not be read. */
export type PageHistory = { runs: HistoryRun[] } | { problem: string };
