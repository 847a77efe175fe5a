/**
 * Who reports YAML syntax and schema problems in drift configs. The package contributes
 * `yamlValidation`, so Red Hat's YAML extension, when installed and validating, checks the
 * configs against the same schema; the language server then leaves those problems to it (no
 * two diagnostics for one mistake) and keeps offering its quick fixes on them. Everything the
 * schema cannot express (columns, files, methods for kinds, thresholds per method) is always
 * the server's.
 */

/** `driftMonitor.validation.schemaDiagnostics`. */
export type SchemaDiagnosticsChoice = 'auto' | 'on' | 'off';

export const RED_HAT_YAML = 'redhat.vscode-yaml';

export interface YamlExtensionState {
  /** Installed and enabled. */
  present: boolean;
  /** Its `yaml.validate` setting (default true). */
  validates: boolean;
}

/** Whether the language server publishes its YAML syntax and schema diagnostics. */
export function schemaDiagnosticsWanted(
  choice: SchemaDiagnosticsChoice | undefined,
  yaml: YamlExtensionState,
): boolean {
  if (choice === 'on') return true;
  if (choice === 'off') return false;
  return !(yaml.present && yaml.validates);
}
