/**
 * `drift-monitor analyze --html`: one self-contained page under a strict CSP, the report
 * embedded safely. The CLI runs in this process; the page script is the bundle dist/webview.js.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonForScript } from '../../src/engine/export/html';
import { runCli } from './runCli';

const fixture = (path: string) => new URL(`../../../test-fixtures/${path}`, import.meta.url).pathname;

async function exportHtml(config: string): Promise<{ html: string; report: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), 'drift-html-'));
  const html = join(dir, 'out.html');
  const json = join(dir, 'out.json');
  // Not recorded: the page then has no history to embed (webview/test/history.test.ts covers the page with one).
  const result = await runCli(['analyze', config, '--html', html, '--json', json, '--quiet', '--no-history']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { html: readFileSync(html, 'utf8'), report: JSON.parse(readFileSync(json, 'utf8')) };
}

/** The text of the embedded report element, as an HTML parser would end it: at the first `</script`. */
function embeddedJson(html: string): string {
  const open = /<script type="application\/json" id="report-data" nonce="[^"]+">/.exec(html);
  expect(open).not.toBeNull();
  const start = open!.index + open![0].length;
  return html.slice(start, html.toLowerCase().indexOf('</script', start));
}

describe('drift-monitor analyze --html', () => {
  for (const config of ['demo/drift.yaml', 'demo-model/drift.yaml', 'webview/xss/drift.yaml']) {
    it(`writes a CSP-locked page with the report embedded (${config})`, async () => {
      const { html, report } = await exportHtml(fixture(config));
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      expect(csp).toBeDefined();
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp!)?.[1];
      expect(nonce).toBeDefined();
      expect(nonce!.length).toBeGreaterThanOrEqual(22);
      expect(csp).toBe(
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`,
      );
      expect(csp).not.toContain('unsafe');

      // Every script and style element carries the nonce; there are exactly the two scripts.
      const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
      expect(scripts).toHaveLength(2);
      for (const tag of [...scripts, ...[...html.matchAll(/<style\b[^>]*>/gi)].map((m) => m[0])])
        expect(tag).toContain(`nonce="${nonce}"`);
      // Outside the script elements, no inline event handlers.
      expect(html.replace(/<script[\s\S]*?<\/script>/gi, '')).not.toMatch(/\son[a-z]+\s*=/i);

      // The embedded JSON cannot end or open an element, and parses back to the report.
      const json = embeddedJson(html);
      expect(json).not.toContain('<');
      expect(json.toLowerCase()).not.toContain('<script');
      expect(JSON.parse(json)).toEqual(report);
      // The page script is the bundle, without its source map reference.
      expect(html).not.toContain('sourceMappingURL');
    });
  }

  it('a fresh nonce per export', async () => {
    const a = (await exportHtml(fixture('demo/drift.yaml'))).html;
    const b = (await exportHtml(fixture('demo/drift.yaml'))).html;
    const nonce = (html: string) => /'nonce-([^']+)'/.exec(html)![1];
    expect(nonce(a)).not.toBe(nonce(b));
  });

  it('escapes <, U+2028 and U+2029 in the embedded JSON', () => {
    const value = { name: '</script><script>alert(1)</script><!--', sep: 'a\u2028b\u2029c' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('lists --html in --help', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toContain('--html FILE');
  });
});
