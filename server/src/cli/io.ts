/**
 * What the CLI reads from and writes to besides its files: given by the one entry that binds
 * it to the process (bin.ts), or by a test that runs the CLI in its own process.
 */
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
