/**
 * A configured method a reference profile cannot run, warned of in the config through the
 * language server (dist/server.js over JSON-RPC), in the words of the report's method reason:
 * a rank test on a column the profile knows through its KLL sketch, a test of categories past
 * its cap; columns the profile counted value by value keep every method
 * (test-fixtures/lsp-profile-sketch/, a profile made by `drift-monitor profile`).
 */
import { copyFileSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ANALYSIS } from '../../src/protocol/messages';
import { NOT_FROM_PROFILE } from '../../src/protocol/text';
import { LspClient, type Diagnostic } from './lspClient';

const fixtures = new URL('../../../test-fixtures/lsp-profile-sketch/', import.meta.url).pathname;

let client: LspClient | undefined;
let folder: string;

beforeAll(() => {
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'drift-profile-methods-')));
  for (const file of ['reference.profile.json', 'current.csv']) copyFileSync(join(fixtures, file), join(folder, file));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

let configs = 0;
/** The config's URI and its first diagnostics that hold any problem. */
async function problems(text: string): Promise<{ uri: string; found: Diagnostic[] }> {
  const uri = pathToFileURL(join(folder, `c${++configs}.drift.yaml`)).toString();
  const published = client!.diagnostics(uri, (d) => d.length > 0);
  await client!.open(uri, text);
  return { uri, found: await published };
}

const PROFILE = 'reference: reference.profile.json\ncurrent: current.csv\n';
const WHERE = 'is not available from the reference profile reference.profile.json for';

describe('a method a reference profile cannot run', () => {
  it('is warned of on drift.method for a sketched column and on a feature past the cap, not for exact columns', async () => {
    client = await LspClient.start({}, folder);
    const text = `${PROFILE}drift:\n  method: mannwhitney\n  features:\n    merchant: { method: chisquare }\n    visits: { method: cramervonmises }\n`;
    const { uri, found } = await problems(text);
    expect(found.map((d) => [d.code, d.severity, d.range.start.line, d.message])).toEqual([
      [
        'method-kind-mismatch',
        2,
        3,
        'mannwhitney does not apply to `channel`, which holds text in reference.profile.json: it falls back to auto.',
      ],
      [
        'not-from-profile',
        2,
        5,
        `chisquare ${WHERE} \`merchant\`: ${NOT_FROM_PROFILE.categories(1000)}; the run leaves the column undecided.`,
      ],
      [
        'not-from-profile',
        2,
        3,
        `mannwhitney ${WHERE} \`amount\`: it ${NOT_FROM_PROFILE.rankTests}; the run decides by the auto rule instead.`,
      ],
    ]);
    // The cap's reason is the report's own, word for word, with the profile's count.
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    const merchant = report.features.find((f) => f.name === 'merchant')!;
    expect(merchant.methodReason).toContain(`not available from a profile: ${NOT_FROM_PROFILE.categories(1000)}`);
    expect(report.features.find((f) => f.name === 'amount')!.method).not.toBe('mannwhitney');
    expect(report.features.find((f) => f.name === 'visits')!.method).toBe('cramervonmises');
  });

  it('is warned of on a feature’s own rank test over a sketched column', async () => {
    client = await LspClient.start({}, folder);
    const { found } = await problems(`${PROFILE}drift:\n  features:\n    amount: { method: andersondarling }\n`);
    expect(found.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'not-from-profile',
        4,
        `andersondarling ${WHERE} \`amount\`: it ${NOT_FROM_PROFILE.rankTests}; the run decides by the auto rule instead.`,
      ],
    ]);
  });

  it('is warned of on drift.method for a categorical column past the cap, not for a sketched one a distance can read', async () => {
    client = await LspClient.start({}, folder);
    const { found } = await problems(`${PROFILE}drift:\n  method: psi\n`);
    expect(found.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'not-from-profile',
        3,
        `psi ${WHERE} \`merchant\`: ${NOT_FROM_PROFILE.categories(1000)}; the run leaves the column undecided.`,
      ],
    ]);
  });
});
