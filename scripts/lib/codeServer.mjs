// Starts code-server (a real VS Code: workbench + Node extension host) in its own process group, and stops the whole group.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    get(`http://127.0.0.1:${port}/healthz`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/**
 * @param {{ toolchain: { node24: string, codeServer: string }, port: number, stateDir?: string, args?: string[], env?: Record<string,string> }} options
 */
export async function startCodeServer({ toolchain, port, stateDir, args = [], env = {} }) {
  const dir = stateDir ?? mkdtempSync(join(tmpdir(), 'laser-code-server-'));
  for (const sub of ['user-data', 'extensions', 'xdg']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'auth: none\n');
  const log = join(dir, 'server.log');
  const child = spawn(
    toolchain.codeServer,
    [
      '--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'user-data'), '--extensions-dir', join(dir, 'extensions'),
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-getting-started-override', ...args,
    ],
    {
      detached: true,
      stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')],
      env: {
        ...process.env, ...env,
        PATH: `${dirname(toolchain.node24)}:${process.env.PATH}`,
        XDG_CONFIG_HOME: join(dir, 'xdg'), XDG_DATA_HOME: join(dir, 'xdg'), XDG_CACHE_HOME: join(dir, 'xdg'),
      },
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let i = 0; !(await healthy(port)); i++) {
    if (child.exitCode !== null || i > 600) {
      stop();
      throw new Error(`code-server did not start; log:\n${readFileSync(log, 'utf8').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid, port, dir, log, url: `http://127.0.0.1:${port}/`, stop, exited: new Promise((r) => child.on('exit', r)) };
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. */
export function installVsix({ toolchain, stateDir, vsix }) {
  return new Promise((resolve, reject) => {
    const child = spawn(toolchain.codeServer, ['--extensions-dir', join(stateDir, 'extensions'), '--user-data-dir', join(stateDir, 'user-data'), '--install-extension', vsix, '--force'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${dirname(toolchain.node24)}:${process.env.PATH}`, XDG_CONFIG_HOME: join(stateDir, 'xdg'), XDG_DATA_HOME: join(stateDir, 'xdg') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`installing ${vsix} failed (${code}):\n${out}`))));
  });
}
