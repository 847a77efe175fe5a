/** The io main wraps the one it is given in: every write escaped, and the progress line's own control. */
import { describe, expect, it } from 'vitest';
import { safeIo } from '../../src/cli/io';

function captured(isTTY: boolean) {
  const written: string[] = [];
  const io = safeIo({
    stdout: { write: (text: string) => written.push(text), isTTY },
    stderr: { write: (text: string) => written.push(text), isTTY },
    env: {},
    cwd: '/',
    bundleFolder: '/',
  });
  return { io, written };
}

describe('safeIo', () => {
  it('escapes control characters in every write, on stdout and stderr', () => {
    const { io, written } = captured(false);
    io.stdout.write('col\x1b[2J\n');
    io.stderr.write('\x9b31m\r\n');
    expect(written).toEqual(['col\\x1b[2J\n', '\\x9b31m\\x0d\n']);
  });

  it('replaces the progress line with its own carriage return and erase, the text escaped', () => {
    const { io, written } = captured(true);
    expect(io.stderr.isTTY).toBe(true);
    io.stderr.replaceLine('Reading \x1b]0;x\x07.csv');
    io.stderr.replaceLine('');
    expect(written).toEqual(['\r\x1b[KReading \\x1b]0;x\\x07.csv', '\r\x1b[K']);
  });
});
