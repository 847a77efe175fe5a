/**
 * The messages between the extension and the report page (the webview), in both directions.
 * Part of the contract: types only, data and never markup. The page renders every string as text.
 */
import type { HistoryRun, Report } from './report';

/** From the extension to the page. */
export type ToReportPage =
  /** The report to draw for the config; the page keeps it as its state across reloads. */
  | { type: 'report'; report: Report; configUri: string }
  /** The config was never analyzed: the page says how to run it. */
  | { type: 'empty'; configUri: string }
  /** Select a feature (from a quick fix or an alert), as if clicked in the table. */
  | { type: 'select'; feature: string }
  /** The config's recorded runs for the History view, or why they could not be read. */
  | ({ type: 'history'; configUri: string } & ({ history: HistoryRun[] } | { problem: string }));

/** From the page to the extension. */
export type FromReportPage =
  /** The page's listener is in place: post the report (again, after the panel was hidden and reloaded). */
  | { type: 'ready' }
  /** The user asked to see a column's header cell in the current CSV. */
  | { type: 'revealColumn'; column: string };
