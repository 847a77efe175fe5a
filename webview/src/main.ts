/**
 * The report page. Renders a Report from the JSON embedded in the page
 * (`<script type="application/json" id="report-data">`) or posted by the
 * extension. Every string from the data goes in as text, never as HTML.
 */
import type { Report } from '../../server/src/protocol';

function render(report: Report): void {
  const root = document.getElementById('report') ?? document.body;
  root.replaceChildren();
  const title = document.createElement('h1');
  title.textContent = `Drift report: ${report.config}`;
  const verdict = document.createElement('p');
  verdict.textContent = `${report.dataset.drifted ? 'Dataset drift' : 'No dataset drift'}: ${report.dataset.driftedFeatures} of ${report.dataset.features} features drifted.`;
  const table = document.createElement('table');
  const header = table.createTHead().insertRow();
  for (const name of ['feature', 'role', 'kind', 'method', 'statistic', 'threshold', 'drifted', 'severity']) {
    const cell = document.createElement('th');
    cell.textContent = name;
    header.appendChild(cell);
  }
  const body = table.createTBody();
  for (const f of report.features) {
    const row = body.insertRow();
    for (const value of [f.name, f.role, f.kind, f.method, f.statistic ?? 'n/a', f.threshold, f.drifted ? 'yes' : 'no', f.severity]) row.insertCell().textContent = String(value);
  }
  root.append(title, verdict, table);
}

const embedded = document.getElementById('report-data');
if (embedded?.textContent) render(JSON.parse(embedded.textContent) as Report);
window.addEventListener('message', (event: MessageEvent<{ type: string; report?: Report }>) => {
  if (event.data?.type === 'report' && event.data.report) render(event.data.report);
});
