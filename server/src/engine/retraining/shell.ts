/**
 * The shell that runs `retraining.command`, the same in the editor (a VS Code task) and the
 * CLI (Node's `spawn` with `shell`): /bin/sh, or cmd.exe on Windows, never the user's
 * interactive shell, so a command that works in CI works in the editor. The command goes to
 * the shell as one argument, exactly as written in the config: nothing is spliced into it
 * (the report's paths and reasons reach it as environment variables), so no value from the
 * data can change what runs.
 */
export interface RetrainingShell {
  executable: string;
  /** The arguments before the command line (the editor's task passes them; Node adds its own). */
  args: string[];
}

export function retrainingShell(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): RetrainingShell {
  return platform === 'win32'
    ? { executable: env.ComSpec ?? 'cmd.exe', args: ['/d', '/c'] }
    : { executable: '/bin/sh', args: ['-c'] };
}
