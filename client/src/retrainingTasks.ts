/**
 * The retraining hook in the editor: after an analysis that recommends retraining, offer to
 * run the config's `retraining.command` (or run it at once with `retraining.auto`) as a VS Code
 * task, its output in a terminal; never in Restricted Mode. When the task's process ends, the
 * run goes into the audit log through the language server. The decisions and words are in
 * retrainingHook.ts.
 */
import {
  Disposable,
  ShellExecution,
  Task,
  TaskPanelKind,
  TaskRevealKind,
  TaskScope,
  Uri,
  commands,
  tasks,
  window,
  workspace,
  type LogOutputChannel,
  type TaskExecution,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type Report, type AuditEntry } from '../../server/src/protocol/report';
import { retrainingNotRun } from '../../server/src/protocol/text';
import {
  MANAGE_TRUST,
  MANAGE_TRUST_COMMAND,
  NOT_NOW,
  RETRAIN_TASK_TYPE,
  RUN,
  retrainEndMessage,
  retrainPrompt,
  retrainShellOptions,
  retrainTaskDefinition,
  retrainTaskName,
  retrainingStep,
  untrustedMessage,
  type RetrainTaskDefinition,
} from './retrainingHook';
import {
  GET_RETRAINING_COMMAND,
  RETRAINING_ENDED,
  type GetRetrainingCommandParams,
  type RetrainingEndedParams,
  type RetrainingEndedResult,
  type RetrainingTask,
} from '../../server/src/protocol/messages';

/** A task started and not yet seen to end, by the config's path (one per config at a time). */
interface RunningTask {
  uri: string;
  label: string;
  command: RetrainingTask;
  trigger: AuditEntry['trigger'];
  /** The analysis that recommended it. */
  reportGeneratedAt: string;
  startedAt: string;
  started: number;
}

export class RetrainingTasks implements Disposable {
  private readonly running = new Map<string, RunningTask>();
  /** Configs whose message is still on screen: analyze-on-save does not stack another. */
  private readonly asking = new Set<string>();
  /** Recommendations refused in Restricted Mode, offered again once the workspace is trusted. */
  private readonly awaitingTrust = new Map<string, Report>();
  private readonly disposables: Disposable[];

  constructor(
    private readonly client: Promise<LanguageClient>,
    private readonly output: LogOutputChannel,
  ) {
    this.disposables = [
      tasks.onDidEndTaskProcess((event) => void this.ended(event.execution, event.exitCode ?? null)),
      // Fires after the process end (then nothing is left to record), or alone when the process never started.
      tasks.onDidEndTask((event) => void this.ended(event.execution, null)),
    ];
  }

  /** After an analysis of the config at `uri`: ask, run, or say why not. Never rejects (problems go to the log). */
  async afterAnalysis(uri: string, report: Report, { onSave }: { onSave: boolean }): Promise<void> {
    try {
      await this.offer(uri, report, onSave);
    } catch (error) {
      this.output.error(`Retraining hook of ${uri}: ${(error as Error).message}`);
    }
  }

  private async offer(uri: string, report: Report, onSave: boolean): Promise<void> {
    if (report.retraining.state !== 'recommended') {
      // Blocked by too few labels: nothing runs, and the log says why (the status bar and the
      // report say it too).
      if (report.retraining.state === 'blocked')
        this.output.info(`${workspace.asRelativePath(Uri.parse(uri))}: ${retrainingNotRun(report.retraining)}`);
      return;
    }
    // Restricted Mode: the server hands out no command (the report's heldBack says so, and the
    // notification offers to manage trust); it is offered once the workspace is trusted.
    if (!workspace.isTrusted) {
      this.awaitingTrust.set(uri, report);
      return;
    }
    const params: GetRetrainingCommandParams = { uri };
    const command = await (await this.client).sendRequest(GET_RETRAINING_COMMAND, params);
    const file = Uri.parse(uri);
    const label = workspace.asRelativePath(file);
    const busy = this.running.has(file.fsPath) || this.asking.has(uri);
    const step = retrainingStep(report.retraining, command, { trusted: workspace.isTrusted, busy, onSave });
    if (step === 'none' || !command) return;
    if (step === 'busy') {
      this.output.info(
        `Retraining of ${label} recommended again; its command is still running, or its message still open.`,
      );
    } else if (step === 'untrusted') {
      // Trust withdrawn since (VS Code reloads the window then): the rule holds whatever the server answered.
      this.awaitingTrust.set(uri, report);
      const answer = await this.question(uri, () => window.showWarningMessage(untrustedMessage(command), MANAGE_TRUST));
      if (answer === MANAGE_TRUST) await commands.executeCommand(MANAGE_TRUST_COMMAND);
    } else if (step === 'run') {
      this.output.info(`Retraining ${label} without asking (retraining.auto): ${command.command}`);
      await this.start(uri, label, command, 'auto', report.generatedAt);
    } else {
      const answer = await this.question(uri, () =>
        window.showInformationMessage(retrainPrompt(command), RUN, NOT_NOW),
      );
      if (answer === RUN) await this.start(uri, label, command, 'editor', report.generatedAt);
    }
  }

  /** A message with buttons, counted as open (see `asking`) until answered or dismissed. */
  private async question(uri: string, show: () => Thenable<string | undefined>): Promise<string | undefined> {
    this.asking.add(uri);
    try {
      return await show();
    } finally {
      this.asking.delete(uri);
    }
  }

  private async start(
    uri: string,
    label: string,
    command: RetrainingTask,
    trigger: AuditEntry['trigger'],
    reportGeneratedAt: string,
  ): Promise<void> {
    const file = Uri.parse(uri);
    const task = new Task(
      retrainTaskDefinition(file.fsPath),
      workspace.getWorkspaceFolder(file) ?? TaskScope.Workspace,
      retrainTaskName(label),
      'Drift Monitor',
      new ShellExecution(command.command, retrainShellOptions(command)),
    );
    task.presentationOptions = {
      reveal: TaskRevealKind.Always,
      panel: TaskPanelKind.Dedicated,
      clear: true,
      showReuseMessage: false,
    };
    // Registered before the task starts: a quick command can end before executeTask resolves.
    this.running.set(file.fsPath, {
      uri,
      label,
      command,
      trigger,
      reportGeneratedAt,
      startedAt: new Date().toISOString(),
      started: Date.now(),
    });
    try {
      await tasks.executeTask(task);
    } catch (error) {
      this.running.delete(file.fsPath);
      this.output.error(`Cannot start the retraining task of ${label}: ${(error as Error).message}`);
      void window.showErrorMessage(`Cannot start the retraining task of ${label}: ${(error as Error).message}`);
    }
  }

  /** Records a run of ours in the audit log and says how it ended. */
  private async ended(execution: TaskExecution, exitCode: number | null): Promise<void> {
    const definition = execution.task.definition as Partial<RetrainTaskDefinition>;
    if (definition.type !== RETRAIN_TASK_TYPE || !definition.config) return;
    const run = this.running.get(definition.config);
    if (!run) return;
    this.running.delete(definition.config);
    const params: RetrainingEndedParams = {
      uri: run.uri,
      command: run.command,
      startedAt: run.startedAt,
      exitCode,
      durationMs: Date.now() - run.started,
      trigger: run.trigger,
      reportGeneratedAt: run.reportGeneratedAt,
    };
    let ended: RetrainingEndedResult;
    try {
      ended = await (await this.client).sendRequest(RETRAINING_ENDED, params);
    } catch (error) {
      // Without the server there is no record, and no words for the outcome either.
      this.cannotRecord(run.label, (error as Error).message);
      return;
    }
    const { recorded, outcome, problem } = ended;
    if (problem !== undefined) this.cannotRecord(run.label, problem);
    const failed = exitCode !== 0;
    const message = retrainEndMessage(run.label, failed, outcome, recorded);
    this.output.info(message);
    void (failed ? window.showWarningMessage(message) : window.showInformationMessage(message));
  }

  private cannotRecord(label: string, problem: string): void {
    this.output.error(`Cannot record the retraining of ${label} in the audit log: ${problem}`);
    void window.showErrorMessage(`Cannot record the retraining of ${label} in the audit log: ${problem}`);
  }

  /** The workspace was trusted, and the server told: the commands held back are offered now. */
  trustGranted(): void {
    const waiting = [...this.awaitingTrust];
    this.awaitingTrust.clear();
    for (const [uri, report] of waiting) void this.afterAnalysis(uri, report, { onSave: false });
  }

  dispose(): void {
    Disposable.from(...this.disposables).dispose();
  }
}
