import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { DEFAULT_SEVERITIES, severityMap } from '../../src/lsp/driftDiagnostics';

describe('severityMap', () => {
  it('maps high → error, moderate → warning, low → information by default', () => {
    expect(severityMap(undefined)).toEqual({
      high: DiagnosticSeverity.Error,
      moderate: DiagnosticSeverity.Warning,
      low: DiagnosticSeverity.Information,
    });
    expect(severityMap(undefined)).toEqual(DEFAULT_SEVERITIES);
  });

  it("takes the user's choice per level and ignores unknown names", () => {
    const chosen = severityMap({ high: 'warning', low: 'hint', moderate: 'loud' as 'error' });
    expect(chosen).toEqual({
      high: DiagnosticSeverity.Warning,
      moderate: DiagnosticSeverity.Warning,
      low: DiagnosticSeverity.Hint,
    });
  });
});
