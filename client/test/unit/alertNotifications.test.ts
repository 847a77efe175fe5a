/**
 * The editor's notification of new high alerts and the stored SMTP password, outside VS Code, on a
 * real Report of a copy of the demo made by the bundled CLI. workspaceState, SecretStorage and the
 * message box exist only inside VS Code: here they are in-memory stand-ins with the same interface,
 * and the fingerprints come from the language server's handler of GET_ALERT_FINGERPRINTS, called directly.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InputBoxOptions, Memento } from 'vscode';
import type { Report } from '../../../server/src/protocol/report';
import { alertFingerprints } from '../../../server/src/lsp/alertFingerprints';
import {
  AlertNotifications,
  OPEN_REPORT,
  SHOWN_ALERTS_KEY,
  alertNotificationText,
  highAlerts,
  newAlerts,
  notificationPasswordKey,
  setNotificationPassword,
  storedNotificationPassword,
} from '../../src/alertNotifications';

const root = new URL('../../../', import.meta.url).pathname;

/** A copy of the demo analyzed by dist/cli.js: the folder, the config's URI and its Report. */
function analyzedDemo(): { dir: string; configUri: string; report: Report } {
  const dir = mkdtempSync(join(tmpdir(), 'drift-alerts-'));
  for (const file of ['drift.yaml', 'reference.csv', 'current.csv'])
    copyFileSync(join(root, 'test-fixtures/demo', file), join(dir, file));
  const json = join(dir, 'report.json');
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist/cli.js'), 'analyze', join(dir, 'drift.yaml'), '--json', json, '--quiet'],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return {
    dir,
    configUri: pathToFileURL(join(dir, 'drift.yaml')).toString(),
    report: JSON.parse(readFileSync(json, 'utf8')) as Report,
  };
}

class MemoryMemento implements Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** The message boxes shown, answered with `answer`, and the reports opened. */
function recordingUi(answer: string | undefined) {
  const shown: { message: string; actions: string[] }[] = [];
  const opened: string[] = [];
  return {
    shown,
    opened,
    ui: {
      warn: async (message: string, ...actions: string[]) => {
        shown.push({ message, actions });
        return answer;
      },
      openReport: (configUri: string) => opened.push(configUri),
      fingerprints: alertFingerprints,
    },
  };
}

const demo = analyzedDemo();
const FIRST_HIGH = "'income' drifted: mean 57440 → 71770 (normed Wasserstein 0.523, threshold 0.1).";

describe('the notification of new high alerts', () => {
  let state: MemoryMemento;
  beforeEach(() => {
    state = new MemoryMemento();
  });

  it('shows the high alerts of a first run with Open Report, which opens the report', async () => {
    const { shown, opened, ui } = recordingUi(OPEN_REPORT);
    await new AlertNotifications(state, ui).analysisFinished(demo.configUri, demo.report);
    expect(shown).toEqual([
      { message: `Drift Monitor: 4 new high alerts in drift.yaml: ${FIRST_HIGH} (and 3 more)`, actions: [OPEN_REPORT] },
    ]);
    expect(opened).toEqual([demo.configUri]);
    expect(state.get<string[]>(SHOWN_ALERTS_KEY)).toHaveLength(4);
  });

  it('does not show the same alerts on the same data again, and does not open the report unasked', async () => {
    const { shown, opened, ui } = recordingUi(undefined);
    const notifications = new AlertNotifications(state, ui);
    await notifications.analysisFinished(demo.configUri, demo.report);
    await notifications.analysisFinished(demo.configUri, demo.report);
    expect(shown).toHaveLength(1);
    expect(opened).toEqual([]);
  });

  it('shows them again once the data changed', async () => {
    const { shown, ui } = recordingUi(undefined);
    const { dir, configUri, report } = analyzedDemo();
    const notifications = new AlertNotifications(state, ui);
    await notifications.analysisFinished(configUri, report);
    // A blank line: the same analysis, but not the same file.
    appendFileSync(join(dir, 'current.csv'), '\r\n');
    await notifications.analysisFinished(configUri, report);
    expect(shown).toHaveLength(2);
    expect(state.get<string[]>(SHOWN_ALERTS_KEY)).toHaveLength(8);
  });

  it('shows nothing for a report without high alerts', async () => {
    const { shown, ui } = recordingUi(OPEN_REPORT);
    const calm = { ...demo.report, alerts: demo.report.alerts.filter((a) => a.severity !== 'high') };
    expect(calm.alerts).toHaveLength(1);
    await new AlertNotifications(state, ui).analysisFinished(demo.configUri, calm);
    expect(shown).toEqual([]);
  });
});

describe('which alerts are new', () => {
  /** The server's fingerprints of the demo's high alerts, on its files or (swapped) on other data. */
  const fingerprintsOf = (alerts = highAlerts(demo.report), swapped = false) =>
    alertFingerprints({
      uri: demo.configUri,
      reference: swapped ? demo.report.current.path : demo.report.reference.path,
      current: swapped ? demo.report.reference.path : demo.report.current.path,
      alerts,
    });

  it('leaves out the alerts already shown, one by one, and the ones below high', async () => {
    const high = highAlerts(demo.report);
    const fingerprints = await fingerprintsOf(high);
    const all = newAlerts(high, fingerprints, new Set());
    expect(all.map(({ alert }) => alert.subject)).toEqual(['income', 'loan_amount', 'default_probability', 'model']);
    expect(new Set(all.map(({ fingerprint }) => fingerprint)).size).toBe(4);
    const rest = newAlerts(high, fingerprints, new Set([all[0].fingerprint, all[2].fingerprint]));
    expect(rest.map(({ alert }) => alert.subject)).toEqual(['loan_amount', 'model']);
  });

  it('tells the same alert on other data apart', async () => {
    const high = highAlerts(demo.report);
    const [onDemo] = newAlerts(high, await fingerprintsOf(high), new Set());
    const [onOther] = newAlerts(high, await fingerprintsOf(high, true), new Set());
    expect(onDemo.alert).toEqual(onOther.alert);
    expect(onDemo.fingerprint).not.toBe(onOther.fingerprint);
  });

  it('words one alert and several', () => {
    const [first, second] = demo.report.alerts;
    expect(alertNotificationText('drift.yaml', [first])).toBe(
      `Drift Monitor: a new high alert in drift.yaml: ${FIRST_HIGH}`,
    );
    expect(alertNotificationText('churn.drift.yaml', [first, second])).toBe(
      `Drift Monitor: 2 new high alerts in churn.drift.yaml: ${FIRST_HIGH} (and 1 more)`,
    );
  });
});

describe('Set Notification Password', () => {
  class MemorySecrets {
    readonly values = new Map<string, string>();
    async get(key: string) {
      return this.values.get(key);
    }
    async store(key: string, value: string) {
      this.values.set(key, value);
    }
    async delete(key: string) {
      this.values.delete(key);
    }
  }
  const asked: InputBoxOptions[] = [];
  const answering = (answer: string | undefined) => async (options: InputBoxOptions) => {
    asked.push(options);
    return answer;
  };

  const account = { host: 'smtp.example.com', user: 'drift-bot' };

  it("stores the password typed in a hidden input for the config's host and user, and gives it for that account", async () => {
    const secrets = new MemorySecrets();
    expect(await storedNotificationPassword(secrets, account)).toBeNull();
    expect(await setNotificationPassword(secrets, answering('s3cret'), account)).toBe(
      "Notification password of drift-bot at smtp.example.com stored in the editor's secret storage.",
    );
    expect(asked.at(-1)).toMatchObject({ password: true });
    expect(asked.at(-1)!.prompt).toContain('drift-bot at smtp.example.com');
    expect([...secrets.values.keys()]).toEqual([notificationPasswordKey(account)]);
    expect(await storedNotificationPassword(secrets, account)).toBe('s3cret');
    // Host names without case, as DNS compares them.
    expect(await storedNotificationPassword(secrets, { host: 'SMTP.Example.com', user: 'drift-bot' })).toBe('s3cret');
  });

  it('never offers the password to another host or another user', async () => {
    const secrets = new MemorySecrets();
    await setNotificationPassword(secrets, answering('s3cret'), account);
    expect(await storedNotificationPassword(secrets, { host: 'attacker.example', user: 'drift-bot' })).toBeNull();
    expect(await storedNotificationPassword(secrets, { host: 'smtp.example.com', user: 'someone-else' })).toBeNull();
    // A host and user that would run together in a naive key do not meet.
    expect(await storedNotificationPassword(secrets, { host: 'smtp.example.com/drift', user: 'bot' })).toBeNull();
    expect(notificationPasswordKey({ host: 'a/b', user: 'c' })).not.toBe(
      notificationPasswordKey({ host: 'a', user: 'b/c' }),
    );
  });

  it('asks for the host and user when no config names them', async () => {
    const secrets = new MemorySecrets();
    const answers = ['smtp.example.com', 'drift-bot', 's3cret'];
    const ask = async (options: InputBoxOptions) => {
      asked.push(options);
      return answers.shift();
    };
    await setNotificationPassword(secrets, ask, null);
    expect(asked.slice(-3).map((options) => options.password === true)).toEqual([false, false, true]);
    expect(await storedNotificationPassword(secrets, account)).toBe('s3cret');
  });

  it('keeps the stored one when cancelled and removes it when left empty', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(notificationPasswordKey(account), 'old');
    expect(await setNotificationPassword(secrets, answering(undefined), account)).toBeUndefined();
    expect(secrets.values.get(notificationPasswordKey(account))).toBe('old');
    expect(await setNotificationPassword(secrets, answering(''), account)).toBe(
      'The stored notification password of drift-bot at smtp.example.com was removed.',
    );
    expect(secrets.values.size).toBe(0);
  });
});
