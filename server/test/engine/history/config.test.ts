/** The `history` config key: defaults, paths resolved next to the config, validation, hover docs. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver/node';
import { ColumnProfileCache } from '../../../src/engine/data/columnProfiles';
import { CsvHeaderCache } from '../../../src/engine/data/csvHeaders';
import { hover } from '../../../src/lsp/hover';
import { parseConfig } from '../../../src/engine/config/parse';

const CONFIG = '/home/user/project/monitoring/drift.yaml';
const FILES = 'reference: r.csv\ncurrent: c.csv\n';

const history = (text: string) => parseConfig(FILES + text, CONFIG).config?.history;
const problems = (text: string) =>
  parseConfig(FILES + text, CONFIG).problems.map((p) => [p.code, (FILES + text).slice(p.start, p.end), p.message]);

describe('history', () => {
  it('is on by default, in .drift-monitor/history.sqlite next to the config', () => {
    expect(history('')).toEqual({
      enabled: true,
      path: path.resolve('/home/user/project/monitoring/.drift-monitor/history.sqlite'),
    });
  });

  it('takes a path relative to the config, or absolute, and can be turned off', () => {
    expect(history('history:\n  path: ../runs/drift.sqlite\n')).toEqual({
      enabled: true,
      path: path.resolve('/home/user/project/runs/drift.sqlite'),
    });
    expect(history('history: { path: /var/drift/h.sqlite, enabled: false }\n')).toEqual({
      enabled: false,
      path: path.resolve('/var/drift/h.sqlite'),
    });
  });

  it('rejects unknown keys, wrong types and an empty path, pointing at them', () => {
    expect(problems('history:\n  enable: false\n')).toEqual([
      ['unknown-key', 'enable', 'Unknown key `enable` in `history`: did you mean `enabled`?'],
    ]);
    expect(problems('history:\n  enabled: sometimes\n').map(([code, at]) => [code, at])).toEqual([
      ['invalid-value', 'sometimes'],
    ]);
    expect(problems('history:\n  path: ""\n').map(([code, at]) => [code, at])).toEqual([['invalid-value', '""']]);
    expect(parseConfig(FILES + 'history: yes\n', CONFIG).config).toBeUndefined();
  });

  it('documents its keys on hover, from the schema', async () => {
    const text = FILES + 'history:\n  path: h.sqlite\n';
    const result = await hover(text, text.indexOf('path: h'), CONFIG, new CsvHeaderCache(), new ColumnProfileCache());
    expect((result?.contents as MarkupContent).value).toMatch(
      /^The history file, relative to this file or absolute \(default `.drift-monitor\/history.sqlite`\)/,
    );
  });
});
