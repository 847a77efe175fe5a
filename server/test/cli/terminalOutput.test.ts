/**
 * Bytes from files reach the terminal as text, never as commands: a CSV header with ESC and
 * OSC sequences, or a binary file given as data, printed their control bytes as they were.
 * The CLI runs in this process; what it prints must hold no control character but newline
 * and tab (the progress line's own, on a terminal only, is tested in io.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

// eslint-disable-next-line no-control-regex -- what must not be printed
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function project(files: Record<string, string | Buffer>, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'drift-cli-terminal-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'drift.yaml'), yaml);
  return join(dir, 'drift.yaml');
}

const rows = (n: number, shift: number) => Array.from({ length: n }, (_, i) => `${i + shift},${i % 3}`).join('\n');

describe('what the CLI prints', () => {
  it('shows the ESC and OSC sequences of a CSV header escaped, in the summary', async () => {
    // Red text, and an OSC 0 that would retitle the terminal window.
    const header = 'inc\x1b[31mome,\x1b]0;pwned\x07age';
    const config = project(
      { 'ref.csv': `${header}\n${rows(200, 0)}\n`, 'cur.csv': `${header}\n${rows(200, 50)}\n` },
      'reference: ref.csv\ncurrent: cur.csv\n',
    );
    const { code, stdout, stderr } = await runCli(['analyze', config, '--no-history', '--no-notify']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROLS);
    expect(stderr).not.toMatch(CONTROLS);
    expect(stdout).toContain('inc\\x1b[31mome');
    expect(stdout).toContain('\\x1b]0;pwned\\x07age');
  });

  it("shows a binary file's bytes escaped in the error about it", async () => {
    // Valid UTF-8 (U+009B written as c2 9b), so that the bytes reach the message; invalid bytes stop at the UTF-8 check.
    const binary = Buffer.from([
      0x7f, 0x45, 0x4c, 0x46, 0x02, 0x1b, 0x5b, 0x32, 0x4a, 0xc2, 0x9b, 0x00, 0x0a, 0x01, 0x02,
    ]);
    const config = project(
      { 'ref.bin': binary, 'cur.csv': `a,b\n${rows(10, 0)}\n` },
      'reference: ref.bin\ncurrent: cur.csv\n',
    );
    const { code, stdout, stderr } = await runCli(['analyze', config, '--no-history', '--no-notify']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('ref.bin');
    expect(stderr).not.toMatch(CONTROLS);
    expect(stderr).toContain('\\x1b[2J');
  });

  it('names invalid UTF-8: an error for the header, a note for the cells, the analysis printed', async () => {
    const bad = project(
      {
        'ref.csv': Buffer.concat([Buffer.from('re'), Buffer.from([0xff]), Buffer.from(`gion,n\n${rows(200, 0)}\n`)]),
        'cur.csv': `region,n\n${rows(200, 0)}\n`,
      },
      'reference: ref.csv\ncurrent: cur.csv\n',
    );
    const header = await runCli(['analyze', bad, '--no-history', '--no-notify']);
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('ref.csv line 1, column 3: the header is not valid UTF-8 (byte 0xff)');
    const latin1 = project(
      {
        'ref.csv': Buffer.concat([
          Buffer.from(`city,n\n${rows(200, 0)}\nZ`),
          Buffer.from([0xfc]),
          Buffer.from('rich,1\n'),
        ]),
        'cur.csv': `city,n\n${rows(200, 0)}\n`,
      },
      'reference: ref.csv\ncurrent: cur.csv\n',
    );
    const cells = await runCli(['analyze', latin1, '--no-history', '--no-notify']);
    expect(cells.code).toBe(0);
    expect(cells.stdout).toContain('note: ref.csv is not valid UTF-8 from line 202, column 2 (byte 0xfc)');
  });
});
