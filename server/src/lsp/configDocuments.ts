/**
 * Which YAML documents are monitoring configs: files named `drift.yaml`, `*.drift.yaml` or
 * `*.drift.yml`, and any YAML file whose first line is `# drift-monitor`.
 */
const CONFIG_NAME = /(^|[\\/])(drift\.yaml|[^\\/]+\.drift\.ya?ml)$/;
const MARKER = /^# drift-monitor\b/;

export function isDriftConfig(uri: string, text: string): boolean {
  const name = decodeURIComponent(uri.split(/[?#]/)[0]);
  if (CONFIG_NAME.test(name)) return true;
  return /\.ya?ml$/.test(name) && MARKER.test(text.replace(/^\uFEFF/, ''));
}
