/**
 * Workspace trust through the language server (dist/server.js over JSON-RPC), with a real webhook
 * and SMTP server on loopback: in Restricted Mode a config is validated and analyzed, but nothing
 * is sent, no retraining command is handed out, and no file outside the workspace folders is read;
 * once the client says the workspace is trusted, the same server sends the alerts.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-jsonrpc/node';
import { LspClient } from './lspClient';
import { mailServer, webhookServer, type MailServer, type WebhookServer } from '../engine/notify/servers';
import {
  DID_CHANGE_SETTINGS,
  GET_HISTORY,
  GET_NOTIFICATION_PASSWORD,
  GET_RETRAINING_COMMAND,
  RUN_ANALYSIS,
  type EmailAccount,
} from '../../src/protocol/messages';
import type { Report } from '../../src/protocol/report';

const fixtures = new URL('../../../test-fixtures/', import.meta.url).pathname;
const LOG_MESSAGE = 'window/logMessage';
/** What the stranger's config names in `header_env`: it must never reach the webhook untrusted. */
const SECRET = 'DRIFT_TEST_AWS_SECRET_ACCESS_KEY';

let client: LspClient | undefined;
let webhook: WebhookServer | undefined;
let mail: MailServer | undefined;

afterEach(async () => {
  await client?.stop();
  await webhook?.close();
  await mail?.close();
  client = webhook = mail = undefined;
});

/**
 * A workspace folder holding a copy of a demo, and beside it (outside the folder) a file of the
 * user's credentials, shaped as a CSV so that its lines would show as column names.
 */
function workspace(demo: 'demo' | 'demo-model'): { folder: string; outside: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'drift-trust-')));
  const folder = join(root, 'project');
  mkdirSync(folder);
  for (const file of ['reference.csv', 'current.csv', 'test.csv', 'drift.yaml'])
    if (existsSync(join(fixtures, demo, file))) copyFileSync(join(fixtures, demo, file), join(folder, file));
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'credentials'), 'aws_secret_access_key,github_token\nAKIAEXAMPLE,ghp_example\n');
  return { folder, outside: join(root, 'outside') };
}

/** The demo's config with `extra` after it, written and opened; its URI. */
async function openConfig(folder: string, extra: string, name = 'drift.yaml'): Promise<string> {
  const text = `${readFileSync(join(folder, 'drift.yaml'), 'utf8')}\n${extra}`;
  const file = join(folder, name);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  await client!.open(uri, text);
  return uri;
}

/** Channels to the loopback servers, the webhook with a header from the environment, no de-duplication. */
function channels(): string {
  return `notifications:\n  dedupe: false\n  webhook: { url: ${webhook!.url}, header_env: { X-A: ${SECRET} } }\n  email: { host: 127.0.0.1, port: ${mail!.port}, secure: false, from: drift@example.com, to: [ops@example.com], user_env: DRIFT_TEST_SMTP_USER, password_env: DRIFT_TEST_SMTP_PASSWORD }\n`;
}

/** Starts the server with the user's secrets in its environment, as the editor's would have them. */
async function start(settings: object, folder: string): Promise<LspClient> {
  Object.assign(process.env, { [SECRET]: 'the-users-secret', DRIFT_TEST_SMTP_USER: 'drift-bot' });
  try {
    const started = await LspClient.start(settings, folder);
    started.connection.onRequest('window/showMessageRequest', () => null);
    return started;
  } finally {
    delete process.env[SECRET];
    delete process.env.DRIFT_TEST_SMTP_USER;
  }
}

async function failure(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  const error = await request.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResponseError);
  return error as ResponseError<unknown>;
}

/** Waits for `done`, polling; the test's own timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const sentLines = () =>
  client!.notifications.filter(
    (n) => n.method === LOG_MESSAGE && (n.params as { message: string }).message.startsWith('Alert channels:'),
  );

describe('Restricted Mode', () => {
  it('analyzes, sends nothing, and sends the alerts once the workspace is trusted, without a restart', async () => {
    webhook = await webhookServer([200]);
    mail = await mailServer({ username: 'drift-bot', password: 'stored-password' });
    const { folder } = workspace('demo');
    client = await start({ workspaceTrusted: false }, folder);
    const asked: EmailAccount[] = [];
    client.connection.onRequest(GET_NOTIFICATION_PASSWORD, (account: EmailAccount) => {
      asked.push(account);
      return 'stored-password';
    });
    const uri = await openConfig(folder, channels());

    const restricted = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(restricted.alerts).toHaveLength(5);
    expect(restricted.heldBack).toEqual(['the alerts to the webhook', 'the alerts by e-mail']);
    expect(restricted.notes.at(-1)).toBe(
      'Restricted Mode held back the alerts to the webhook, the alerts by e-mail: trust the workspace to allow them.',
    );

    await client.connection.sendNotification(DID_CHANGE_SETTINGS, { workspaceTrusted: true });
    const trusted = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(trusted.heldBack).toBeUndefined();
    await until(() => sentLines().length === 2);
    // Without de-duplication, a send after the first run would show as a second request and mail.
    expect(webhook.requests).toHaveLength(1);
    expect(webhook.requests[0]!.headers['x-a']).toBe('the-users-secret');
    expect(mail.mails).toHaveLength(1);
    expect(asked).toEqual([{ host: '127.0.0.1', user: 'drift-bot' }]);
  }, 60_000);

  it('is where a server starts that was never told (another LSP client)', async () => {
    webhook = await webhookServer([200]);
    mail = await mailServer();
    const { folder } = workspace('demo');
    client = await start({ workspaceTrusted: undefined }, folder);
    const uri = await openConfig(folder, channels());
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(report.heldBack).toEqual(['the alerts to the webhook', 'the alerts by e-mail']);
    // A later request is answered after everything the run set off on the server's side.
    await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(sentLines()).toEqual([]);
    expect(webhook.requests).toEqual([]);
    expect(mail.mails).toEqual([]);
  }, 60_000);

  it('hands out no retraining command until trusted', async () => {
    const { folder } = workspace('demo-model');
    client = await start({ workspaceTrusted: false }, folder);
    const uri = await openConfig(folder, '', 'drift.yaml');
    const text = readFileSync(join(folder, 'drift.yaml'), 'utf8').replace(
      '  min_rows: 1000\n',
      '  min_rows: 1000\n  command: touch retrained\n',
    );
    await client.change(uri, text);
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(report.retraining.retrain).toBe(true);
    expect(report.heldBack).toEqual(['the retraining command']);
    expect(await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri })).toBeNull();

    await client.connection.sendNotification(DID_CHANGE_SETTINGS, { workspaceTrusted: true });
    expect(await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri })).toMatchObject({
      command: 'touch retrained',
    });
  }, 60_000);
});

describe("a stranger's config in an untrusted workspace", () => {
  const stranger = (reference: string) =>
    `reference: ${reference}\ncurrent: current.csv\nnotifications:\n  webhook: { url: ${webhook!.url}, header_env: { X-A: ${SECRET} } }\n  email: { host: 127.0.0.1, port: ${mail!.port}, secure: false, from: drift@example.com, to: [a@example.com], user_env: DRIFT_TEST_SMTP_USER, password_env: ${SECRET} }\n`;

  for (const [how, reference] of [
    ['by a relative path', '../outside/credentials'],
    ['through a symlink inside the folder', 'innocent.csv'],
  ] as const) {
    it(`reads nothing outside the folder named ${how}: a diagnostic on the key, a run that says why, no columns offered`, async () => {
      webhook = await webhookServer([200]);
      mail = await mailServer();
      const { folder, outside } = workspace('demo');
      symlinkSync(join(outside, 'credentials'), join(folder, 'innocent.csv'));
      writeFileSync(join(outside, 'keys.csv'), 'aws_secret_access_key\nAKIAEXAMPLE\n');
      client = await start({ workspaceTrusted: false }, folder);
      const uri = pathToFileURL(join(folder, 'stranger.drift.yaml')).toString();
      const text = `${stranger(reference)}columns:\n  exclude: []\n`;
      writeFileSync(join(folder, 'stranger.drift.yaml'), text);
      const published = client.diagnostics(uri, (d) => d.some((x) => x.message.startsWith('reference ')));
      await client.open(uri, text);
      const [diagnostic] = (await published).filter((d) => d.message.startsWith('reference '));
      expect(diagnostic!.message).toBe(
        `reference is outside the workspace folders, and is not read in Restricted Mode (trust the workspace to read it): ${reference} (looked in ${folder})`,
      );
      expect(diagnostic!.range.start).toEqual({ line: 0, character: 'reference: '.length });

      const error = await failure(client.connection.sendRequest(RUN_ANALYSIS, { uri }));
      expect(error.code).toBe(-32803);
      expect(error.message).toBe(
        `reference is outside the workspace folders, and is not read in Restricted Mode (trust the workspace to read it): ${reference}`,
      );

      // The reference's header would offer its "columns": the credentials' first line.
      const at = {
        textDocument: { uri },
        position: { line: text.split('\n').length - 2, character: '  exclude: ['.length },
      };
      const labels = async () =>
        (await client!.connection.sendRequest<{ label: string }[]>('textDocument/completion', at)).map((i) => i.label);
      expect(await labels()).not.toContain('aws_secret_access_key');
      const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 3 },
      });
      expect(JSON.stringify(hover)).not.toContain('aws_secret_access_key');

      // Nor are the names of the files beside it listed for the path being typed.
      await client.change(uri, `reference: ../outside/\n${text}`);
      const paths = { textDocument: { uri }, position: { line: 0, character: 'reference: ../outside/'.length } };
      const files = async () =>
        (await client!.connection.sendRequest<{ label: string }[]>('textDocument/completion', paths)).map(
          (i) => i.label,
        );
      expect(await files()).toEqual([]);

      // Trusted, the same server reads them: the tests above would see the columns and files if they leaked.
      await client.connection.sendNotification(DID_CHANGE_SETTINGS, { workspaceTrusted: true });
      expect(await files()).toEqual(['keys.csv']);
      await client.change(uri, text);
      expect(await labels()).toContain('aws_secret_access_key');
      expect(webhook.requests).toEqual([]);
      expect(mail.mails).toEqual([]);
    }, 60_000);
  }

  it('does not look outside the folder for retraining.cwd: no word on whether that folder exists', async () => {
    const { folder } = workspace('demo');
    client = await start({ workspaceTrusted: false }, folder);
    const uri = pathToFileURL(join(folder, 'drift.yaml')).toString();
    const published = client.diagnostics(uri, () => true);
    await openConfig(folder, `retraining:\n  command: make train\n  cwd: ../nowhere\n`);
    expect((await published).filter((d) => d.code === 'retraining-cwd-not-found')).toEqual([]);
    // Inside the folder it is checked as before.
    const inside = client.diagnostics(uri, (d) => d.some((x) => x.code === 'retraining-cwd-not-found'));
    // The file on disk holds the text opened: the same config, its folder moved inside.
    await client.change(
      uri,
      readFileSync(join(folder, 'drift.yaml'), 'utf8').replace('cwd: ../nowhere', 'cwd: nowhere'),
    );
    expect((await inside).find((d) => d.code === 'retraining-cwd-not-found')?.message).toMatch(
      /^`retraining.cwd` folder not found: nowhere/,
    );
  }, 60_000);

  it('records no run history outside the folder, says so on history.path, and shows none', async () => {
    const { folder, outside } = workspace('demo');
    client = await start({ workspaceTrusted: false }, folder);
    const history = join(outside, 'history.sqlite');
    const withWarning = client.diagnostics(pathToFileURL(join(folder, 'drift.yaml')).toString(), (d) =>
      d.some((x) => x.code === 'outside-workspace'),
    );
    const uri = await openConfig(folder, `history:\n  path: ../outside/history.sqlite\n`);
    const [warning] = (await withWarning).filter((x) => x.code === 'outside-workspace');
    expect(warning!.message).toBe(
      'history.path is outside the workspace folders, and is not read in Restricted Mode (trust the workspace to read it): ../outside/history.sqlite. Runs are not recorded until then.',
    );
    expect(warning!.severity).toBe(2);
    const report: Report = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(report.heldBack).toEqual(['the record in the run history (history.path is outside the workspace folders)']);
    expect(await client.connection.sendRequest(GET_HISTORY, { uri })).toEqual([]);
    expect(existsSync(history)).toBe(false);
  }, 60_000);
});

describe('editor runs that do not finish', () => {
  it('answers a run superseded by a newer one of the same config with a cancellation that says so', async () => {
    const { folder } = workspace('demo');
    client = await LspClient.start({}, folder);
    const uri = await openConfig(folder, '');
    const first = client.connection.sendRequest(RUN_ANALYSIS, { uri });
    const second = client.connection.sendRequest(RUN_ANALYSIS, { uri });
    const error = await failure(first);
    expect(error.code).toBe(-32800);
    expect(error.message).toBe(
      'Drift analysis stopped: a newer analysis of the same config started, and its results follow.',
    );
    expect((await second).features).toHaveLength(11);
  }, 60_000);

  it('answers a run that failed with RequestFailed and a message to show, not an internal error', async () => {
    const { folder } = workspace('demo');
    client = await LspClient.start({}, folder);
    // A config neither open nor on disk (deleted since the command was given).
    const gone = join(folder, 'deleted.drift.yaml');
    const error = await failure(client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(gone).toString() }));
    expect(error.code).toBe(-32803);
    expect(error.message).toBe(`${gone}: config not found.`);
    expect(client.alive).toBe(true);
  }, 60_000);
});
