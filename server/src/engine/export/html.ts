/**
 * The report as one self-contained HTML file: the bundled report page (dist/webview.js) and its
 * stylesheet inlined under a strict Content-Security-Policy, and the Report embedded as JSON (with,
 * for a recorded run, the config's run history for the History view).
 *
 * CSP: `default-src 'none'`; scripts and styles only with this file's random nonce; images only
 * as data: URLs. Chart.js needs no inline styles: it sizes canvases through the CSSOM
 * (`element.style.x = …`), which CSP does not govern, so style-src stays nonce-only.
 * Nothing from the report is written as markup: the page renders it with textContent, and the
 * JSON has every `<` (and U+2028/U+2029) escaped so no value can close its script element.
 */
import { randomBytes } from 'node:crypto';
import { REPORT_CSS } from '../../../../webview/src/styles';
import type { Report, HistoryRun } from '../../protocol/report';
import { reportPageShell as pageShell } from '../../protocol/reportPage';

/** JSON safe inside `<script type="application/json">`: no `<` at all, so no `</script` or `<!--`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The bundle as script text: without its source map comment, and unable to end its element early. */
function scriptText(script: string): string {
  const text = script.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
  // `<\/script` means the same in JS strings, templates, regexes and comments; `<!--` would
  // change how the HTML parser reads the rest of the element and has no safe rewrite.
  if (/<!--/.test(text)) throw new Error('The report page script contains "<!--" and cannot be inlined.');
  return text.replace(/<\/(script)/gi, '<\\/$1');
}

export function reportHtml(report: Report, webviewScript: string, history?: HistoryRun[]): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `img-src data:`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
  const historyData = history
    ? `<script type="application/json" id="history-data" nonce="${nonce}">${jsonForScript(history)}</script>\n`
    : '';
  const scripts = `<script type="application/json" id="report-data" nonce="${nonce}">${jsonForScript(report)}</script>
${historyData}<script nonce="${nonce}">
${scriptText(webviewScript)}
</script>`;
  return reportPageShell(csp, nonce, scripts);
}

/** The report page with its stylesheet inlined under `nonce`: the export, and the page tests load it. */
export function reportPageShell(csp: string, nonce: string, scripts: string): string {
  return pageShell(csp, `<style nonce="${nonce}">${REPORT_CSS}</style>`, scripts);
}
