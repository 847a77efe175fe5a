/** The one rule for what counts as a drift config, which the extension and the language server both apply. */
import { describe, expect, it } from 'vitest';
import { isDriftConfig, isDriftConfigName } from '../../src/protocol/driftConfigs';

describe('isDriftConfig', () => {
  it('takes drift.yaml, *.drift.yaml and *.drift.yml by name, whatever they hold', () => {
    for (const uri of [
      'file:///w/drift.yaml',
      'file:///w/models/churn.drift.yaml',
      'file:///w/churn.drift.yml',
      'file:///w/my%20model.drift.yaml',
    ])
      expect(isDriftConfig(uri, ''), uri).toBe(true);
    for (const uri of [
      'file:///w/drift.yml',
      'file:///w/notdrift.yaml',
      'file:///w/drift.yaml.bak',
      'file:///w/churn.drift.json',
      'file:///w/.drift.yaml/x.yaml',
    ])
      expect(isDriftConfig(uri, 'reference: a.csv\n'), uri).toBe(false);
  });

  it('takes any YAML file whose first line is `# drift-monitor`, after a byte order mark and with CRLF line ends', () => {
    expect(isDriftConfig('file:///w/monitor.yaml', '# drift-monitor\nreference: a.csv\n')).toBe(true);
    expect(isDriftConfig('file:///w/monitor.yml', '# drift-monitor config\r\nreference: a.csv\r\n')).toBe(true);
    expect(isDriftConfig('file:///w/monitor.yaml', '\uFEFF# drift-monitor\r\nreference: a.csv\r\n')).toBe(true);
    expect(isDriftConfig('file:///w/monitor.yaml', '# drift-monitor\r')).toBe(true);
    // The first line only, and the marker as a whole word.
    expect(isDriftConfig('file:///w/monitor.yaml', 'reference: a.csv\n# drift-monitor\n')).toBe(false);
    expect(isDriftConfig('file:///w/monitor.yaml', '# drift-monitoring\n')).toBe(false);
    expect(isDriftConfig('file:///w/monitor.yaml', ' # drift-monitor\n')).toBe(false);
    // Not YAML by name or by the editor's language.
    expect(isDriftConfig('file:///w/notes.txt', '# drift-monitor\n')).toBe(false);
  });

  it('takes an unsaved YAML editor by its marker, and no other scheme', () => {
    expect(isDriftConfig('untitled:Untitled-1', '# drift-monitor\n', 'yaml')).toBe(true);
    expect(isDriftConfig('untitled:Untitled-1', '# drift-monitor\n', 'plaintext')).toBe(false);
    expect(isDriftConfig('git:/w/drift.yaml?%7B%7D', '')).toBe(false);
    expect(isDriftConfig('vscode-userdata:/settings/drift.yaml', '')).toBe(false);
  });

  it('says the same of the first line alone as of the whole text (the extension passes the first line)', () => {
    const text = '\uFEFF# drift-monitor\r\nreference: a.csv\r\ncurrent: b.csv\r\n';
    expect(isDriftConfig('file:///w/m.yaml', text.split('\n')[0]!)).toBe(isDriftConfig('file:///w/m.yaml', text));
  });

  it('names configs by file name alone, for paths and URIs alike', () => {
    expect(
      ['/w/drift.yaml', 'C:\\w\\churn.drift.yml', 'file:///w/a.drift.yaml', 'drift.yaml'].map(isDriftConfigName),
    ).toEqual([true, true, true, true]);
    expect(['/w/drift.yml', '/w/a.yaml', '/w/drift.yaml/data.csv'].map(isDriftConfigName)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
