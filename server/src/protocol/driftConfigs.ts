/**
 * What counts as a drift config: a file named `drift.yaml`, `*.drift.yaml` or `*.drift.yml`, or a
 * YAML document whose first line is `# drift-monitor` (after a byte order mark, if any). Saved
 * files and unsaved (untitled) editors count; other schemes (a diff's `git:` side, say) do not.
 *
 * Part of the contract because the extension and the language server both apply it, the extension
 * synchronously on every editor switch (the context key, the status bar), where a round trip to the
 * server would not do. Pure; imports nothing.
 */

/** The files found by name, as a glob for file watchers and workspace searches. */
export const CONFIG_GLOB = '{**/drift.yaml,**/*.drift.yaml,**/*.drift.yml}';

const CONFIG_NAME = /(^|[\\/])(drift\.yaml|[^\\/]+\.drift\.ya?ml)$/;
const YAML_NAME = /\.ya?ml$/i;
const MARKER = /^\uFEFF?# drift-monitor\b/;
const SCHEMES = /^(file|untitled):/;

/** Whether a path or URI names a config by its file name alone. */
export function isDriftConfigName(file: string): boolean {
  return CONFIG_NAME.test(decodeURIComponent(file.split(/[?#]/)[0]!));
}

/**
 * Whether the document at `uri` is a drift config. `text` is its text, or at least its first
 * line; `languageId` the editor's language of it, which makes an untitled document YAML.
 */
export function isDriftConfig(uri: string, text: string, languageId?: string): boolean {
  if (!SCHEMES.test(uri)) return false;
  const name = decodeURIComponent(uri.split(/[?#]/)[0]!);
  if (CONFIG_NAME.test(name)) return true;
  return (YAML_NAME.test(name) || languageId === 'yaml') && MARKER.test(text);
}
