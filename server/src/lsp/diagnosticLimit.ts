/**
 * The most diagnostics a config shows at once. A hostile or generated config can hold tens of
 * thousands of problems (40,000 unknown excluded columns made a 15 MB message and 160 MB of
 * server memory); past the first thousand nobody reads them, so the rest wait until those are
 * fixed, and one line at the top says so. The quick fixes still see every problem.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { formatCount } from '../protocol/text';

export const MAX_CONFIG_DIAGNOSTICS = 1_000;

/** `diagnostics` as published: all of them, or the first MAX_CONFIG_DIAGNOSTICS (errors first) and a line counting the rest. */
export function shownDiagnostics(diagnostics: Diagnostic[], limit = MAX_CONFIG_DIAGNOSTICS): Diagnostic[] {
  if (diagnostics.length <= limit) return diagnostics;
  const errorsFirst = [...diagnostics].sort(
    (a, b) => (a.severity ?? DiagnosticSeverity.Error) - (b.severity ?? DiagnosticSeverity.Error),
  );
  const summary: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Showing ${formatCount(limit)} of ${formatCount(diagnostics.length)} problems in this config: fix these to see the rest.`,
    severity: DiagnosticSeverity.Information,
    source: 'drift-monitor',
    code: 'more-problems',
  };
  return [summary, ...errorsFirst.slice(0, limit)];
}
