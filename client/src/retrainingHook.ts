/**
 * The editor's side of the retraining hook, without VS Code (so it is unit-tested): whether to
 * ask, run or refuse after an analysis, what the messages say, and the task that runs the
 * command. retrainingTasks.ts puts these in front of the user.
 */
import type { RetrainingDecision } from '../../server/src/protocol/report';
import type { RetrainingTask } from '../../server/src/protocol/messages';

/** The task type, declared under `contributes.taskDefinitions` in package.json. */
export const RETRAIN_TASK_TYPE = 'driftMonitor.retrain';

export interface RetrainTaskDefinition {
  type: typeof RETRAIN_TASK_TYPE;
  /** Absolute path of the config whose command the task runs. */
  config: string;
}

/** What follows an analysis. */
export type RetrainingStep =
  /** Nothing: retraining not needed, or blocked by too few labels, or no `retraining.command`. */
  | 'none'
  /** The config's command is still running from an earlier analysis. */
  | 'busy'
  /** Restricted Mode: say why nothing runs, and offer to manage workspace trust. */
  | 'untrusted'
  | 'ask'
  | 'run';

export interface EditorState {
  /** `vscode.workspace.isTrusted`. */
  trusted: boolean;
  /** A task for this config is running, or its message is still on screen. */
  busy: boolean;
  /** The analysis was re-run by analyze-on-save rather than asked for. */
  onSave: boolean;
}

/**
 * The trust rule: a command from the workspace runs only in a trusted workspace, whatever
 * `retraining.auto` says. `auto` runs it without asking after an analysis someone asked for;
 * after an analyze-on-save re-run it still asks, so a command that rewrites the data it
 * monitors cannot start itself over and over.
 */
export function retrainingStep(
  decision: RetrainingDecision,
  command: Pick<RetrainingTask, 'auto'> | null,
  state: EditorState,
): RetrainingStep {
  if (decision.state !== 'recommended' || !command) return 'none';
  if (state.busy) return 'busy';
  if (!state.trusted) return 'untrusted';
  return command.auto && !state.onSave ? 'run' : 'ask';
}

export const RUN = 'Run';
export const NOT_NOW = 'Not now';
export { MANAGE_TRUST, MANAGE_TRUST_COMMAND } from './restrictedMode';

/** "Retraining recommended: <reasons>. Run `<command>`?", with Run / Not now. */
export function retrainPrompt({ reasonsShown, command }: Pick<RetrainingTask, 'reasonsShown' | 'command'>): string {
  return `Retraining recommended: ${reasonsShown}. Run \`${command}\`?`;
}

/** Restricted Mode: why the command is not offered, with Manage Workspace Trust. */
export function untrustedMessage({ reasonsShown, command }: Pick<RetrainingTask, 'reasonsShown' | 'command'>): string {
  return `Retraining recommended: ${reasonsShown}. Drift Monitor runs \`${command}\` only in a trusted workspace, and this one is in Restricted Mode: trust it to run the command.`;
}

/** How a task ended, for a notification. */
export function retrainEndMessage(configLabel: string, failed: boolean, outcome: string, recorded: boolean): string {
  const log = recorded ? '; recorded in the audit log' : '';
  return failed
    ? `Retraining (${configLabel}) failed: ${outcome}${log}. Its output is in the terminal.`
    : `Retraining (${configLabel}) finished: ${outcome}${log}.`;
}

/** "Drift Monitor: retrain (models/drift.yaml)": the task and its terminal. */
export function retrainTaskName(configLabel: string): string {
  return `Drift Monitor: retrain (${configLabel})`;
}

export function retrainTaskDefinition(configPath: string): RetrainTaskDefinition {
  return { type: RETRAIN_TASK_TYPE, config: configPath };
}

/**
 * The options of the task's ShellExecution: the same shell as the CLI (the server's choice, not
 * the user's terminal shell), the command line passed to it whole, the config's folder and extra
 * environment.
 */
export function retrainShellOptions(command: Pick<RetrainingTask, 'shell' | 'cwd' | 'env'>): {
  executable: string;
  shellArgs: string[];
  cwd: string;
  env: Record<string, string>;
} {
  return { executable: command.shell.executable, shellArgs: command.shell.args, cwd: command.cwd, env: command.env };
}
