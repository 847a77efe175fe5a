/**
 * The report page's stylesheet. Inlined (with the CSP nonce) by the HTML export and the webview.
 * VS Code's theme variables first, plain-browser fallbacks second; charts read the --dm-* values.
 * High contrast themes (and only they) set --vscode-contrastBorder and --vscode-contrastActiveBorder:
 * with them every border takes the contrast colour, and hovered, selected and focused things get
 * an outline in the active one (transparent elsewhere).
 */
export const REPORT_CSS = `
:root {
  --dm-bg: var(--vscode-editor-background, #ffffff);
  --dm-fg: var(--vscode-editor-foreground, #1f2328);
  --dm-muted: var(--vscode-descriptionForeground, #59636e);
  --dm-border: var(--vscode-contrastBorder, var(--vscode-panel-border, #d0d7de));
  --dm-active-border: var(--vscode-contrastActiveBorder, transparent);
  --dm-focus: var(--vscode-contrastActiveBorder, var(--vscode-focusBorder, #0969da));
  --dm-link: var(--vscode-textLink-foreground, #0969da);
  --dm-grid: var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.25));
  --dm-card: var(--vscode-editorWidget-background, #f6f8fa);
  --dm-hover: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12));
  --dm-selected: var(--vscode-list-activeSelectionBackground, rgba(9, 105, 218, 0.15));
  --dm-input-bg: var(--vscode-input-background, #ffffff);
  --dm-input-fg: var(--vscode-input-foreground, #1f2328);
  --dm-red: var(--vscode-charts-red, #d1242f);
  --dm-orange: var(--vscode-charts-orange, #d4760b);
  --dm-yellow: var(--vscode-charts-yellow, #bf8700);
  --dm-green: var(--vscode-charts-green, #1a7f37);
  --dm-blue: var(--vscode-charts-blue, #0969da);
  --dm-purple: var(--vscode-charts-purple, #8250df);
  --dm-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
}
html, body { background: var(--dm-bg); color: var(--dm-fg); font-family: var(--dm-font); font-size: 13px; margin: 0; }
#report { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 20px; margin: 8px 0; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 0 0 10px; border-bottom: 1px solid var(--dm-border); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 14px 0 6px; overflow-wrap: anywhere; }
.section { margin: 22px 0; }
.muted { color: var(--dm-muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.meta dt { color: var(--dm-muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-weight: 600; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: var(--dm-card); border: 1px solid var(--dm-border); border-radius: 6px; padding: 10px 14px; min-width: 140px; }
.card .label { color: var(--dm-muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: 600; margin-top: 2px; }
.card .detail { color: var(--dm-muted); font-size: 12px; }
.card ul.risk-components { margin: 4px 0 0; padding-left: 16px; font-size: 12px; }
.chart-box { position: relative; height: 280px; margin: 8px 0; }
.chart-box.small { height: 220px; }
/* Charts whose axes share a scale (ROC: both rates 0–1): as tall as wide. */
.chart-box.square { height: auto; aspect-ratio: 1; max-width: 420px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 12px; }
table.data { border-collapse: collapse; margin: 6px 0; width: 100%; }
table.data th, table.data td { border-bottom: 1px solid var(--dm-border); padding: 3px 8px; text-align: left; vertical-align: top; }
table.data td { font-variant-numeric: tabular-nums; }
table.data th { color: var(--dm-muted); font-weight: 600; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
table.sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
table.features tbody tr { cursor: pointer; }
table.features tbody tr:hover { background: var(--dm-hover); outline: 1px dashed var(--dm-active-border); outline-offset: -1px; }
table.features tbody tr.selected { background: var(--dm-selected); outline: 1px solid var(--dm-active-border); outline-offset: -1px; }
:focus-visible { outline: 1px solid var(--dm-focus); outline-offset: -1px; }
/* Names wrap at their separators (<wbr>), and break inside a word only when one is wider than the column can be. */
table.features td:first-child { overflow-wrap: break-word; min-width: 6em; }
.table-scroll { overflow-x: auto; }
.filter, .control { background: var(--dm-input-bg); color: var(--dm-input-fg); border: 1px solid var(--dm-border); padding: 4px 6px; width: 260px; margin-bottom: 4px; }
button.link { background: none; border: none; padding: 0; color: var(--dm-link); font: inherit; text-align: left; text-decoration: underline; cursor: pointer; overflow-wrap: anywhere; }
.badge { display: inline-block; border-radius: 8px; padding: 0 7px; font-size: 11px; font-weight: 600; color: #fff; border: 1px solid var(--vscode-contrastBorder, transparent); }
.badge-high { background: var(--dm-red); }
.badge-moderate { background: var(--dm-orange); }
.badge-low { background: var(--dm-yellow); }
.badge-none { background: var(--dm-green); }
.badge-yes { background: var(--dm-red); }
.badge-no { background: var(--dm-green); }
.alert-message { margin: 0; }
.recommendation { color: var(--dm-muted); margin: 2px 0 0; }
ul.reasons { margin: 4px 0; padding-left: 20px; }
.empty { color: var(--dm-muted); font-style: italic; }
.change-point { font-weight: 600; }
`;
