import { describe, expect, it } from 'vitest';
import { schemaDiagnosticsWanted } from '../../src/schemaDiagnostics';

describe('schemaDiagnosticsWanted', () => {
  it('leaves schema problems to the YAML extension only when it is there and validating (auto)', () => {
    expect(schemaDiagnosticsWanted('auto', { present: false, validates: true })).toBe(true);
    expect(schemaDiagnosticsWanted('auto', { present: true, validates: true })).toBe(false);
    expect(schemaDiagnosticsWanted('auto', { present: true, validates: false })).toBe(true);
    expect(schemaDiagnosticsWanted(undefined, { present: true, validates: true })).toBe(false);
  });

  it('follows an explicit choice whatever is installed', () => {
    for (const yaml of [
      { present: true, validates: true },
      { present: false, validates: true },
    ]) {
      expect(schemaDiagnosticsWanted('on', yaml)).toBe(true);
      expect(schemaDiagnosticsWanted('off', yaml)).toBe(false);
    }
  });
});
