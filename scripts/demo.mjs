// `npm run demo [-- --port 8123]`: LaSeR Lab in a real VS Code (code-server) on a demo workspace.
// Builds and packages the extension, installs the .vsix into a cached code-server, prints the URL, and on
// Ctrl-C or SIGTERM stops every process it started.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { repoRoot } from './lib/repo.mjs';
import { toolchain as loadToolchain } from './lib/toolchain.mjs';
import { packageVsix } from './package.mjs';

const portFlag = process.argv.indexOf('--port');
const port = Number(portFlag > 0 ? process.argv[portFlag + 1] : (process.env.PORT ?? 8123));
const cache = process.env.LASER_LAB_CACHE ?? join(homedir(), '.cache', 'laser-lab');
const stateDir = join(cache, 'demo-code-server');
const workspace = join(cache, 'demo-workspace');

let server;
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  server?.stop();
  Promise.race([server?.exited, new Promise((r) => setTimeout(r, 5000))]).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function main() {
  const toolchain = loadToolchain();
  const vsix = packageVsix();
  mkdirSync(stateDir, { recursive: true });
  console.log(await installVsix({ toolchain, stateDir, vsix }));

  // Refreshes the demo's profiles, scripts and example runs; runs started in the demo stay.
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true, force: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify({ 'laser.pythonPath': toolchain.python }, null, 2)}\n`);
  const userSettings = join(stateDir, 'user-data', 'User', 'settings.json');
  mkdirSync(dirname(userSettings), { recursive: true });
  writeFileSync(userSettings, `${JSON.stringify({ 'workbench.startupEditor': 'readme', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'git.openRepositoryInParentFolders': 'never' }, null, 2)}\n`);
  if (stopping) return;
  rmSync(join(stateDir, 'user-data', 'code-server-ipc.sock'), { force: true });
  server = await startCodeServer({ toolchain, port, stateDir, args: ['--disable-workspace-trust'] });
  if (stopping) return server.stop();
  console.log(`\nLaSeR Lab demo: ${server.url}?folder=${encodeURIComponent(workspace)}\n(workspace ${workspace}; open the URL in a browser, Ctrl-C stops the demo)`);
  await server.exited;
  if (!stopping) {
    console.error(`code-server exited; its log: ${server.log}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
