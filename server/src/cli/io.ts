/**
 * What the CLI reads from and writes to besides its files: given by the one entry that binds
 * it to the process (bin.ts), or by a test that runs the CLI in its own process.
 */
import { terminalText } from '../protocol/text';

export interface CliIo {
  /** The summary, listings and --help. */
  stdout: Writer;
  /** Errors, warnings, progress and what was sent where. */
  stderr: Writer;
  /** DRIFT_MONITOR_DEBUG, and the secrets the alert channels name (header_env, password_env). */
  env: NodeJS.ProcessEnv;
  /** Where relative paths on the command line start; they are shown as given. */
  cwd: string;
  /** The folder of the bundles (dist/): the report page script written into --html. */
  bundleFolder: string;
}

export interface Writer {
  write(text: string): unknown;
  /** A terminal: progress then updates one line instead of adding lines. */
  isTTY?: boolean;
}

/** A writer of the CLI's own: text shown with its control characters escaped, and the one control it sends itself. */
export interface SafeWriter extends Writer {
  /** On a terminal: replaces the current line with `text` (progress); with an empty text, clears it. */
  replaceLine(text: string): void;
}

export interface SafeIo extends CliIo {
  stdout: SafeWriter;
  stderr: SafeWriter;
}

/**
 * `io` with every write escaped (protocol/text.ts terminalText): main wraps the io it is
 * given in this first, so no output of the CLI's, in the terminal or in a test, bypasses it.
 */
export function safeIo(io: CliIo): SafeIo {
  return { ...io, stdout: safeWriter(io.stdout), stderr: safeWriter(io.stderr) };
}

function safeWriter(writer: Writer): SafeWriter {
  return {
    write: (text) => writer.write(terminalText(text)),
    isTTY: writer.isTTY,
    // Carriage return, then erase to the end of the line.
    replaceLine: (text) => writer.write(`\r\x1b[K${terminalText(text)}`),
  };
}
