/**
 * The report page. Renders a Report from the JSON embedded in the page
 * (`<script type="application/json" id="report-data">`) or posted by the
 * extension (`{ type: 'report', report }`), and again on each new message; the config's run
 * history the same two ways (`history-data`; `{ type: 'history', history }` or `{ type:
 * 'history', problem }` when it cannot be read), drawn by the History section.
 * Every string from the data goes in as text (textContent), never as HTML.
 */
import type { FeatureDrift, HistoryRun, Report } from '../../server/src/protocol/report';
import type { FromReportPage, ToReportPage } from '../../server/src/protocol/webviewMessages';
import { applyTheme, destroyCharts } from './charts';
import type { PageContext, PageHistory } from './context';
import { alerts } from './sections/alerts';
import { distribution } from './sections/distribution';
import { driftChart } from './sections/driftChart';
import { featureTable } from './sections/featureTable';
import { header } from './sections/header';
import { history } from './sections/history';
import { kpis } from './sections/kpis';
import { performance } from './sections/performance';
import { quality } from './sections/quality';
import { trends } from './sections/trends';
import { readTheme } from './theme';

/** The selection of the page on screen; set by each render. */
let selectFeature: ((name: string) => void) | undefined;
/** The run history of the page's config, once known; kept across renders (it comes after the report). */
let pageHistory: PageHistory | undefined;
/** Hands a new history to the page on screen; set by each render. */
let showHistory: ((known: PageHistory) => void) | undefined;

export function render(report: Report): void {
  destroyCharts();
  let root = document.getElementById('report');
  if (!root) {
    root = document.createElement('main');
    root.id = 'report';
    document.body.append(root);
  }
  root.replaceChildren();
  document.title = `Drift report: ${report.config}`;
  const theme = readTheme();
  applyTheme(theme);

  const listeners: ((f: FeatureDrift) => void)[] = [];
  const historyListeners: ((known: PageHistory) => void)[] = [];
  const byName = new Map(report.features.map((f) => [f.name, f]));
  const ctx: PageContext = {
    report,
    theme,
    select(name) {
      const feature = byName.get(name);
      if (!feature) return;
      root.dataset.selected = name;
      for (const listener of listeners) listener(feature);
    },
    onSelect(listener) {
      listeners.push(listener);
    },
    reveal(column) {
      ctx.select(column);
      if (vscode) vscode.postMessage({ type: 'revealColumn', column });
      // The HTML export has no editor to open the CSV in: it shows the column's distribution instead.
      else if (byName.has(column)) document.getElementById('section-distribution')?.scrollIntoView();
    },
    onHistory(listener) {
      historyListeners.push(listener);
    },
  };

  selectFeature = (name) => ctx.select(name);
  showHistory = (known) => {
    for (const listener of historyListeners) listener(known);
  };

  const sections = [
    header,
    kpis,
    driftChart,
    featureTable,
    distribution,
    performance,
    trends,
    history,
    alerts,
    quality,
  ];
  for (const make of sections) {
    const node = make(ctx);
    if (node) root.append(node);
  }
  // Start on the column that drifted most.
  const top = [...report.features].sort((a, b) => b.score - a.score)[0];
  if (top) ctx.select(top.name);
  if (pageHistory) showHistory(pageHistory);
  root.dataset.rendered = String(Number(root.dataset.rendered ?? 0) + 1);
}

/** The report on screen as JSON, so that the same report posted again (panel revealed, feature selected) is not redrawn. */
let onScreen: string | undefined;

function renderSafely(report: Report): void {
  const json = JSON.stringify(report);
  if (json === onScreen) return;
  onScreen = json;
  try {
    render(report);
  } catch (error) {
    const root = document.getElementById('report') ?? document.body;
    const message = document.createElement('pre');
    message.textContent = `Cannot show this report: ${(error as Error).message}`;
    root.replaceChildren(message);
    throw error;
  }
}

/** Inside a VS Code webview only: the API to keep state across reloads and talk to the extension. */
declare function acquireVsCodeApi(): {
  getState(): unknown;
  setState(state: unknown): void;
  postMessage(message: FromReportPage): void;
};
const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

/**
 * What VS Code keeps for the page across hiding and window reloads: the config, from which the
 * panel is restored, and the report on screen, which a restarted language server no longer has.
 */
interface PageState {
  configUri: string;
  report?: Report;
  history?: PageHistory;
}

/** The history on screen as JSON, so that the same history posted again is not redrawn. */
let historyOnScreen: string | undefined;

function receiveHistory(known: PageHistory): void {
  pageHistory = known;
  const json = JSON.stringify(known);
  if (json === historyOnScreen) return;
  historyOnScreen = json;
  showHistory?.(known);
}

const embedded = document.getElementById('report-data');
const embeddedHistory = document.getElementById('history-data');
const kept = vscode?.getState() as PageState | undefined;
// The HTML export of a recorded run embeds its history; a restored panel has the one it kept.
if (embeddedHistory?.textContent) pageHistory = { runs: JSON.parse(embeddedHistory.textContent) as HistoryRun[] };
else if (kept?.history) pageHistory = kept.history;
if (embedded?.textContent) renderSafely(JSON.parse(embedded.textContent) as Report);
// Shown again after being hidden, or after a reload: draw the last report at once; the extension may post a newer one.
else if (kept?.report) renderSafely(kept.report);
window.addEventListener('message', (event: MessageEvent<ToReportPage>) => {
  const message = event.data;
  if (message?.type === 'report' && message.report) {
    if (vscode && typeof message.configUri === 'string')
      vscode.setState({
        configUri: message.configUri,
        report: message.report,
        history: pageHistory,
      } satisfies PageState);
    renderSafely(message.report);
  } else if (message?.type === 'empty') {
    if (vscode && typeof message.configUri === 'string')
      vscode.setState({ configUri: message.configUri } satisfies PageState);
    onScreen = undefined;
    pageHistory = historyOnScreen = undefined;
    destroyCharts();
    const root = document.getElementById('report') ?? document.body;
    const note = document.createElement('p');
    note.textContent = 'No analysis of this config yet: run Drift Monitor: Run Drift Analysis.';
    root.replaceChildren(note);
  } else if (
    message?.type === 'history' &&
    ('history' in message ? Array.isArray(message.history) : typeof message.problem === 'string')
  ) {
    const known: PageHistory = 'history' in message ? { runs: message.history } : { problem: message.problem };
    const state = vscode?.getState() as PageState | undefined;
    if (vscode && state && state.configUri === message.configUri)
      vscode.setState({ ...state, history: known } satisfies PageState);
    receiveHistory(known);
  } else if (message?.type === 'select' && typeof message.feature === 'string') {
    selectFeature?.(message.feature);
    document.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'center' });
  }
});
// Tell the extension the listener is in place, so it posts the report (again, after the panel was hidden and reloaded).
vscode?.postMessage({ type: 'ready' });
