/**
 * The language server as fuzz.test.ts drives it: a server in a folder of its own (the small CSVs of
 * test-fixtures/lsp beside its config), every request sent with a timeout, each answer classed as
 * answered (a result or an error response), unanswered, or lost with the server, and the server's
 * memory read from /proc.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc/node';
import { RUN_ANALYSIS } from '../../src/protocol/messages';
import { type Random, SEED_CONFIGS } from './fuzzEdits';
import { LspClient } from './lspClient';

/** Generous: an answer this late is a hang, whatever the machine's load. */
export const REQUEST_TIMEOUT_MS = 20_000;

const lspFixtures = new URL('../../../test-fixtures/lsp/', import.meta.url).pathname;

/** Memory of a process in kB: its resident set now (VmRSS) and the most it has held (VmHWM). */
export interface Memory {
  rssKb: number;
  peakKb: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
}

/** Why the server failed a step: it went down, or it left a request unanswered. */
export class ServerFailure extends Error {}

export class FuzzSession {
  /** How the server process ended, once it has. */
  exit: string | undefined;
  /** Settles (rejects) when the server process ends: no request is answered after that. */
  private readonly ended: Promise<never>;
  /** How many diagnostics had been published when the last change was sent. */
  private publishedBeforeChange = 0;
  /** Whether the folder holds a failing edit, kept for its replay. */
  private keep = false;

  private constructor(
    readonly client: LspClient,
    /** The workspace folder: the config, and the CSVs it names. */
    readonly folder: string,
    readonly configUri: string,
  ) {
    this.ended = new Promise<never>((_, reject) =>
      client.process.on('exit', (code, signal) => {
        this.exit = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new ServerFailure(`the server ${this.exit}`));
      }),
    );
    this.ended.catch(() => undefined);
  }

  /** A server with `drift.yaml` open (the third seed config), its validation and one analysis done. */
  static async start(): Promise<FuzzSession> {
    const folder = mkdtempSync(join(tmpdir(), 'drift-fuzz-'));
    const workspace = join(folder, 'workspace');
    mkdirSync(workspace);
    for (const file of ['reference.csv', 'current.csv', 'bom.csv', 'empty.csv', 'quoted-semicolon.csv'])
      copyFileSync(join(lspFixtures, file), join(workspace, file));
    const client = await LspClient.start(undefined, workspace);
    const session = new FuzzSession(client, workspace, pathToFileURL(join(workspace, 'drift.yaml')).toString());
    await client.open(session.configUri, SEED_CONFIGS[2]!);
    await session.validated();
    const report = await session.answered('the first analysis', session.runAnalysis());
    if (report instanceof ResponseError) throw new Error(`the normal analysis failed: ${report.message}`);
    return session;
  }

  get pid(): number {
    return this.client.process.pid!;
  }

  memory(): Memory {
    return memoryOf(this.pid);
  }

  runAnalysis(uri = this.configUri) {
    return this.client.connection.sendRequest(RUN_ANALYSIS, { uri });
  }

  /**
   * The answer to `request`: its result, or the error response the server sent (an answer too).
   * Throws a ServerFailure when the server went down or did not answer in time.
   */
  async answered<T>(what: string, request: Promise<T>): Promise<T | ResponseError> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ServerFailure(`not answered within ${REQUEST_TIMEOUT_MS / 1000} s`)),
        REQUEST_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([request, late, this.ended]);
    } catch (error) {
      if (error instanceof ResponseError) return error;
      throw new ServerFailure(`${what}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends `text` as the config's new content, then every editor request on it, and waits for all
   * the answers. The requests are sent at positions drawn from `random` (some past the end of a
   * line or of the text: the editor sends those too), or all at the offset `at`.
   */
  async edit(text: string, random: Random, at?: number): Promise<void> {
    this.publishedBeforeChange = this.client.published.length;
    await this.client.change(this.configUri, text);
    const textDocument = { uri: this.configUri };
    const lines = text.split(/\r\n|\r|\n/);
    const position = () => {
      if (at !== undefined) {
        const before = text.slice(0, at).split(/\r\n|\r|\n/);
        return { line: before.length - 1, character: before.at(-1)!.length };
      }
      const line = random.below(lines.length + 1);
      return { line, character: random.below((lines[line]?.length ?? 0) + 2) };
    };
    const [start, end] = [position(), position()].sort((a, b) => a.line - b.line || a.character - b.character);
    const shown = [...this.client.published].reverse().find((p) => p.uri === this.configUri)?.diagnostics ?? [];
    const { connection } = this.client;
    await Promise.all([
      this.answered('hover', connection.sendRequest('textDocument/hover', { textDocument, position: position() })),
      this.answered(
        'completion',
        connection.sendRequest('textDocument/completion', { textDocument, position: position() }),
      ),
      this.answered('documentSymbol', connection.sendRequest('textDocument/documentSymbol', { textDocument })),
      this.answered(
        'codeAction',
        connection.sendRequest('textDocument/codeAction', {
          textDocument,
          range: { start, end },
          context: { diagnostics: shown },
        }),
      ),
      this.answered('codeLens', connection.sendRequest('textDocument/codeLens', { textDocument })),
    ]);
  }

  /**
   * Waits for diagnostics on the config published since the last change: its validation (the
   * first change after an analysis also publishes at once, without the analysis's diagnostics,
   * so the tests wait on other changes).
   */
  async validated(): Promise<void> {
    const since = this.publishedBeforeChange;
    let poll: NodeJS.Timeout | undefined;
    const published = new Promise<void>((resolve) => {
      poll = setInterval(() => {
        if (this.client.published.slice(since).some((p) => p.uri === this.configUri)) resolve();
      }, 5);
    });
    try {
      await this.answered('the validation', published);
    } finally {
      clearInterval(poll);
    }
  }

  /** Saves `text` in the folder, which is then kept; returns its path. */
  save(name: string, text: string): string {
    const saved = join(this.folder, name);
    writeFileSync(saved, text);
    this.keep = true;
    return saved;
  }

  /** Stops the server, or kills it when it does not stop (a hung server answers no shutdown). */
  async stop(): Promise<void> {
    if (!this.exit) {
      const stopped = this.client.stop().then(() => true);
      const gaveUp = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000));
      if (!(await Promise.race([stopped.catch(() => false), gaveUp]))) this.client.process.kill('SIGKILL');
    }
    this.client.connection.dispose();
    // The session's folder holds the workspace and what a hostile input put beside it.
    if (!this.keep) rmSync(dirname(this.folder), { recursive: true, force: true });
  }
}
