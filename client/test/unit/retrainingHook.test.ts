/**
 * The editor's retraining hook without VS Code: the trust rule, the words, the task and the
 * shell invocation it hands VS Code (run here for real, as VS Code would start it on Linux), on
 * commands as the language server answers them (its reasons and shell made by the server's own code).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RetrainingDecision } from '../../../server/src/protocol/report';
import {
  MANAGE_TRUST_COMMAND,
  RETRAIN_TASK_TYPE,
  retrainEndMessage,
  retrainingStep,
  retrainPrompt,
  retrainShellOptions,
  retrainTaskDefinition,
  retrainTaskName,
  untrustedMessage,
} from '../../src/retrainingHook';
import type { RetrainingCommand, RetrainingTask } from '../../../server/src/protocol/messages';
import { reasonsShown } from '../../../server/src/lsp/retraining';
import { retrainingShell } from '../../../server/src/engine/retraining/shell';

/** The command as the server answers GET_RETRAINING_COMMAND for `decision`, on `platform`. */
function task(
  decision: RetrainingDecision,
  command: RetrainingCommand,
  platform: NodeJS.Platform = process.platform,
): RetrainingTask {
  return { ...command, shell: retrainingShell(platform), reasonsShown: reasonsShown(decision) };
}
const line = (command: string): RetrainingCommand => ({ command, cwd: '/w', env: {}, auto: false, reason: 'r' });

const recommended: RetrainingDecision = {
  state: 'recommended',
  retrain: true,
  priority: 'high',
  minRows: 385,
  reasons: [
    'dataset drift: 6 of 10 input features drifted',
    'performance: f1 of v1 fell by 0.08, more than the 0.05 allowed.',
    'concept drift or input drift: errors rose while income (high) drifted, under drift.share',
  ],
};
const notRecommended: RetrainingDecision = {
  state: 'not-needed',
  retrain: false,
  priority: 'none',
  minRows: 385,
  reasons: ['no retraining condition is met (dataset_drift)'],
};
const blocked: RetrainingDecision = {
  ...recommended,
  state: 'blocked',
  retrain: false,
  labelsNeeded: 196,
  reasons: [...recommended.reasons, 'blocked: 189 labelled current rows, fewer than retraining.min_rows = 385'],
};
const asked = { auto: false };
const automatic = { auto: true };
const editor = { trusted: true, busy: false, onSave: false };

describe('retrainingStep: when the editor asks, runs or refuses', () => {
  it('does nothing without a recommendation or without a command', () => {
    expect(retrainingStep(notRecommended, automatic, editor)).toBe('none');
    expect(retrainingStep(recommended, null, editor)).toBe('none');
  });

  it('never runs or offers the command of a recommendation blocked by too few labels, even with auto', () => {
    expect(retrainingStep(blocked, automatic, editor)).toBe('none');
    expect(retrainingStep(blocked, asked, editor)).toBe('none');
  });

  it('asks by default, and runs without asking with retraining.auto', () => {
    expect(retrainingStep(recommended, asked, editor)).toBe('ask');
    expect(retrainingStep(recommended, automatic, editor)).toBe('run');
  });

  it('never runs or offers in Restricted Mode, auto or not', () => {
    expect(retrainingStep(recommended, automatic, { ...editor, trusted: false })).toBe('untrusted');
    expect(retrainingStep(recommended, asked, { ...editor, trusted: false, onSave: true })).toBe('untrusted');
  });

  it('asks rather than runs after an analyze-on-save re-run, so a command rewriting its data cannot loop', () => {
    expect(retrainingStep(recommended, automatic, { ...editor, onSave: true })).toBe('ask');
  });

  it('starts nothing while the same config is running or asking', () => {
    expect(retrainingStep(recommended, automatic, { ...editor, busy: true })).toBe('busy');
    expect(retrainingStep(recommended, asked, { ...editor, busy: true, trusted: false })).toBe('busy');
  });
});

describe('the messages', () => {
  it('asks with the first reasons, how many more, the priority and the command', () => {
    expect(retrainPrompt(task(recommended, line('python train.py')))).toBe(
      'Retraining recommended: dataset drift: 6 of 10 input features drifted; performance: f1 of v1 fell by 0.08, more than the 0.05 allowed (and 1 more), priority high. Run `python train.py`?',
    );
    expect(
      retrainPrompt(task({ ...recommended, reasons: ['concept drift: errors rose'], priority: 'low' }, line('make'))),
    ).toBe('Retraining recommended: concept drift: errors rose, priority low. Run `make`?');
  });

  it('names workspace trust and Restricted Mode when it will not run, with the command to manage trust', () => {
    const message = untrustedMessage(task(recommended, line('python train.py')));
    expect(message).toMatch(/^Retraining recommended: dataset drift/);
    expect(message).toContain('runs `python train.py` only in a trusted workspace, and this one is in Restricted Mode');
    expect(MANAGE_TRUST_COMMAND).toBe('workbench.trust.manage');
  });

  it('says how the task ended and whether the audit log has it', () => {
    expect(retrainEndMessage('models/drift.yaml', false, 'exit code 0 after 3.1 s', true)).toBe(
      'Retraining (models/drift.yaml) finished: exit code 0 after 3.1 s; recorded in the audit log.',
    );
    expect(retrainEndMessage('drift.yaml', true, 'exit code 2 after 0.4 s', false)).toBe(
      'Retraining (drift.yaml) failed: exit code 2 after 0.4 s. Its output is in the terminal.',
    );
  });
});

describe('the task', () => {
  const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

  it('is named after the config and typed as package.json declares', () => {
    expect(retrainTaskName('models/drift.yaml')).toBe('Drift Monitor: retrain (models/drift.yaml)');
    expect(retrainTaskDefinition('/w/drift.yaml')).toEqual({ type: RETRAIN_TASK_TYPE, config: '/w/drift.yaml' });
    const declared = packageJson.contributes.taskDefinitions.find(
      (definition: { type: string }) => definition.type === RETRAIN_TASK_TYPE,
    );
    expect(declared.required).toEqual(['config']);
  });

  it('declares limited support for untrusted workspaces, saying what is held back', () => {
    expect(packageJson.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(packageJson.capabilities.untrustedWorkspaces.description).toContain('retraining.command');
  });

  it("runs through the CLI's shell, not the user's, in the command's folder with its environment", () => {
    const command: RetrainingCommand = {
      command: 'make retrain',
      cwd: '/w/model',
      env: { EPOCHS: '3' },
      auto: false,
      reason: 'r',
    };
    expect(retrainShellOptions(task(recommended, command, 'linux'))).toEqual({
      executable: '/bin/sh',
      shellArgs: ['-c'],
      cwd: '/w/model',
      env: { EPOCHS: '3' },
    });
    expect(retrainShellOptions(task(recommended, command, 'win32'))).toMatchObject({
      shellArgs: ['/d', '/c'],
      cwd: '/w/model',
    });
  });

  it('hands the command line to the shell whole: started as VS Code starts it (shellArgs, then the line), shell syntax works and values stay values', () => {
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'drift-retrain-task-')));
    const line = `printf '%s|%s|' "$PWD" "$NOTE" && node -e "process.stdout.write(process.env.EPOCHS)"`;
    const command: RetrainingCommand = {
      command: line,
      cwd,
      env: { NOTE: `a "b" $HOME; c`, EPOCHS: '3' },
      auto: false,
      reason: 'r',
    };
    const options = retrainShellOptions(task(recommended, command));
    // ShellExecutionOptions.env is merged into the inherited environment.
    const result = spawnSync(options.executable, [...options.shellArgs, command.command], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${cwd}|a "b" $HOME; c|3`);
  });
});
