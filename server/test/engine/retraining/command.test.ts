/** The retraining command a finished analysis calls for, its audit entry and its shell. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/engine/config/parse';
import type { Report, RetrainingState } from '../../../src/protocol/report';
import { auditEntry, outcomeText, retrainingCommand } from '../../../src/engine/retraining/command';
import { retrainingShell } from '../../../src/engine/retraining/shell';

const CONFIG = '/w/monitoring/drift.yaml';
const FILES = 'reference: data/ref.csv\ncurrent: data/cur.csv\n';
const config = (retraining: string) => parseConfig(`${FILES}retraining:\n${retraining}`, CONFIG).config!;
const hooked = config('  command: python train.py\n  cwd: ../training\n  env: { EPOCHS: 3 }\n');
/** A Report reduced to what the hook reads. */
const report = (state: RetrainingState): Report =>
  ({
    retraining: {
      state,
      retrain: state === 'recommended',
      priority: state === 'not-needed' ? 'none' : 'high',
      ...(state === 'blocked' && { labelsNeeded: 196 }),
      minRows: 385,
      reasons: ['dataset drift: 6 of 10 input features drifted', 'concept drift: errors rose.'],
    },
  }) as Report;

describe('retrainingCommand', () => {
  it("gives the command with the config's folder and env, plus the DRIFT_MONITOR_ variables", () => {
    expect(retrainingCommand(hooked, report('recommended'))).toEqual({
      command: 'python train.py',
      cwd: '/w/training',
      auto: false,
      reason: 'dataset drift: 6 of 10 input features drifted; concept drift: errors rose',
      env: {
        EPOCHS: '3',
        DRIFT_MONITOR_CONFIG: CONFIG,
        DRIFT_MONITOR_REFERENCE: '/w/monitoring/data/ref.csv',
        DRIFT_MONITOR_CURRENT: '/w/monitoring/data/cur.csv',
        DRIFT_MONITOR_PRIORITY: 'high',
        DRIFT_MONITOR_REASONS: 'dataset drift: 6 of 10 input features drifted\nconcept drift: errors rose.',
      },
    });
  });

  it('is null when retraining is not needed, or blocked by too few labels, or there is no command', () => {
    expect(retrainingCommand(hooked, report('not-needed'))).toBeNull();
    expect(retrainingCommand(hooked, report('blocked'))).toBeNull();
    expect(retrainingCommand(config('  min_rows: 10\n'), report('recommended'))).toBeNull();
  });
});

describe('the audit entry and the outcome', () => {
  const command = retrainingCommand(hooked, report('recommended'))!;
  const outcome = { startedAt: '2026-05-01T10:00:00.000Z', exitCode: 0, durationMs: 1234 };

  it('records what ran, where, why and how it ended', () => {
    expect(auditEntry(command, outcome, 'editor')).toEqual({
      ...outcome,
      command: 'python train.py',
      cwd: '/w/training',
      reason: command.reason,
      trigger: 'editor',
    });
    expect(auditEntry(command, outcome, 'cli', 7).runId).toBe(7);
  });

  it('says the exit code and the time taken', () => {
    expect(outcomeText(outcome)).toBe('exit code 0 after 1.2 s');
    expect(outcomeText({ exitCode: 2, durationMs: 95_400 })).toBe('exit code 2 after 95 s');
    expect(outcomeText({ exitCode: null, durationMs: 40 })).toBe(
      'no exit code (it did not start, or was stopped) after 0.0 s',
    );
  });
});

describe('retrainingShell', () => {
  it('is /bin/sh -c on Linux and macOS, whatever the user shell', () => {
    for (const platform of ['linux', 'darwin'] as const)
      expect(retrainingShell(platform, { SHELL: '/usr/bin/fish' })).toEqual({ executable: '/bin/sh', args: ['-c'] });
  });

  it("is cmd.exe (ComSpec's) /d /c on Windows", () => {
    expect(retrainingShell('win32', {})).toEqual({ executable: 'cmd.exe', args: ['/d', '/c'] });
    expect(retrainingShell('win32', { ComSpec: 'C:\\Windows\\system32\\cmd.exe' }).executable).toBe(
      'C:\\Windows\\system32\\cmd.exe',
    );
  });
});
