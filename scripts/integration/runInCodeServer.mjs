// Runs the mocha integration suites inside code-server's Node extension host (a real VS Code), driven by headless Chromium.
// Usage: node scripts/integration/runInCodeServer.mjs [--timeout 300]
// Exit code: what the extension host reported (0 = every test passed), 124 on timeout, 2 when the harness itself failed.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { join } from 'node:path';
import { freePort, startCodeServer } from '../lib/codeServer.mjs';
import { repoRoot } from '../lib/repo.mjs';
import { toolchain as loadToolchain } from '../lib/toolchain.mjs';
import { startWorkbenchDriver } from './workbenchDriver.mjs';

const timeoutFlag = process.argv.indexOf('--timeout');
const timeoutS = timeoutFlag > 0 ? Number(process.argv[timeoutFlag + 1]) : 300;
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

const RESULTS_FILE = join(repoRoot, 'test-results', 'integration.json');
const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

// Each phase is a fresh code-server and extension host: `trusted` runs test/integration/*.test.js; `reattach` runs
// test/integration/reattach/ on the same workspace (runs started before must be found running again);
// `restricted` runs test/integration/restricted/ with workspace trust on and a new folder that is not trusted.
// Workbench chatter about services this offline machine cannot reach; VERBOSE=1 shows it.
const WORKBENCH_NOISE = /^\s*(\[AgentHost|\[ChatModelSelection|\[AccountPolicyGate|\[reconnection-grace-time|\[Service Worker|Resolv|Creating a socket|Updating additional builtin|Timed out waiting for authentication|getaddrinfo|\s+at )/;

const ALL_PHASES = [
  { name: 'trusted', args: ['--disable-workspace-trust'], workspace: 'shared' },
  { name: 'reattach', args: ['--disable-workspace-trust'], workspace: 'shared' },
  { name: 'restricted', args: [], userSettings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.enabled': true } },
];

// LASER_LAB_TEST_PHASES=trusted,reattach runs only those phases.
const PHASES = ALL_PHASES.filter((p) => !process.env.LASER_LAB_TEST_PHASES || process.env.LASER_LAB_TEST_PHASES.split(',').includes(p.name));

function newWorkspace() {
  const workspace = mkdtempSync(join(tmpdir(), 'laser-ws-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  return workspace;
}

async function runPhase(phase, workspace, toolchain, chromium) {
  const resultsFile = join(repoRoot, 'test-results', `integration-${phase.name}.json`);
  rmSync(resultsFile, { force: true });
  let page;
  const driver = startWorkbenchDriver({ page: () => page, screenshotDir, port: await freePort() });
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'laser-code-server-'));
  if (phase.userSettings) {
    mkdirSync(join(stateDir, 'user-data', 'User'), { recursive: true });
    writeFileSync(join(stateDir, 'user-data', 'User', 'settings.json'), JSON.stringify(phase.userSettings));
  }
  const server = await startCodeServer({
    toolchain, port, stateDir,
    // Without the smoke-test driver option the built workbench ignores the ?payload= development options.
    args: [...phase.args, '--vscode-option', 'enable-smoke-test-driver'],
    env: { LASER_LAB_DRIVER_URL: driver.url, LASER_LAB_TEST_RESULTS: resultsFile, LASER_LAB_TEST_PHASE: phase.name, LASER_LAB_TEST_PYTHON: toolchain.python },
  });
  console.log(`${elapsed()} [${phase.name}] code-server up on ${server.url}`);
  let browser;
  const cleanup = async () => {
    try {
      await browser?.close();
    } catch {
      // closing a crashed browser
    }
    server.stop();
    driver.close();
  };
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'integration', 'index.js'))],
      ['skipWelcome', 'true'],
    ];
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (process.env.VERBOSE || !WORKBENCH_NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    if (process.env.VERBOSE) page.on('console', (m) => console.log('[browser]', m.type(), m.text().slice(0, 400)));
    page.on('pageerror', (e) => console.log('[workbench error]', e.message.slice(0, 300)));
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    console.log(`${elapsed()} [${phase.name}] workbench opened`);
    const reported = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutS * 1000))]);
    const code = reported === 'timeout' ? 124 : Number(reported) | 0;
    console.log(`${elapsed()} [${phase.name}] extension host exit code ${code}`);
    if (code !== 0) console.log(`--- code-server log (tail) ---\n${readFileSync(server.log, 'utf8').split('\n').slice(-30).join('\n')}`);
    return { code, shots: driver.shots.length, results: existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 0, results: [] } };
  } finally {
    await cleanup();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function main() {
  const toolchain = loadToolchain();
  const { chromium } = createRequire(import.meta.url)(toolchain.playwrightCore);
  rmSync(RESULTS_FILE, { force: true });
  rmSync(screenshotDir, { recursive: true, force: true });
  const merged = { passed: 0, failed: 0, results: [] };
  let exitCode = 0;
  let shots = 0;
  const shared = newWorkspace();
  for (const phase of PHASES) {
    const workspace = phase.workspace === 'shared' ? shared : newWorkspace();
    const { code, results, shots: taken } = await runPhase(phase, workspace, toolchain, chromium);
    if (workspace !== shared) rmSync(workspace, { recursive: true, force: true });
    merged.passed += results.passed;
    merged.failed += results.failed;
    merged.results.push(...results.results.map((r) => ({ ...r, phase: phase.name })));
    shots += taken;
    exitCode ||= code;
  }
  stopLeftoverRuns(shared);
  rmSync(shared, { recursive: true, force: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(merged, null, 2));
  console.log(`${elapsed()} integration: ${merged.passed} passed, ${merged.failed} failed; ${shots} screenshots in ${screenshotDir}`);
  process.exit(exitCode);
}

/** Runs the suites started are stopped by them; a failed suite may leave one behind: end its process group. */
function stopLeftoverRuns(workspace) {
  const runs = join(workspace, '.laser', 'runs');
  for (const id of existsSync(runs) ? readdirSync(runs) : []) {
    try {
      const { pgid, pid } = JSON.parse(readFileSync(join(runs, id, 'run.json'), 'utf8'));
      for (const target of [pgid, pid]) if (target) process.kill(-target, 'SIGKILL');
    } catch {
      // not started, or already gone
    }
  }
}

process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
