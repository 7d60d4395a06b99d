// Runs the mocha integration suites inside code-server's Node extension host (a real VS Code), driven by headless Chromium.
// Usage: node scripts/integration/runInCodeServer.mjs [--timeout 300]
// Exit code: what the extension host reported (0 = every test passed), 124 on timeout, 2 when the harness itself failed.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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

async function main() {
  const toolchain = loadToolchain();
  const { chromium } = createRequire(import.meta.url)(toolchain.playwrightCore);
  const workspace = mkdtempSync(join(tmpdir(), 'laser-ws-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  rmSync(RESULTS_FILE, { force: true });

  let page;
  const driver = startWorkbenchDriver({ page: () => page, screenshotDir, port: await freePort() });
  const port = await freePort();
  const server = await startCodeServer({
    toolchain, port,
    // Without the smoke-test driver option the built workbench ignores the ?payload= development options.
    args: ['--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver'],
    env: { LASER_LAB_DRIVER_URL: driver.url, LASER_LAB_TEST_RESULTS: RESULTS_FILE, LASER_LAB_TEST_PYTHON: toolchain.python, LASER_LAB_TEST_WORKSPACE: workspace },
  });
  console.log(`${elapsed()} code-server up on ${server.url}`);
  let browser;
  const finish = async (code) => {
    try {
      await browser?.close();
    } catch {
      // closing a crashed browser
    }
    server.stop();
    driver.close();
    if (code !== 0) console.log(`--- code-server log (tail) ---\n${readFileSync(server.log, 'utf8').split('\n').slice(-30).join('\n')}`);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(server.dir, { recursive: true, force: true });
    console.log(`${elapsed()} extension host exit code ${code}; screenshots: ${driver.shots.length} in ${screenshotDir}`);
    process.exit(code);
  };
  process.on('SIGINT', () => finish(130));
  process.on('SIGTERM', () => finish(143));

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
  await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...(Array.isArray(args) ? args : [args])));
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
  if (process.env.VERBOSE) page.on('console', (m) => console.log('[browser]', m.type(), m.text().slice(0, 400)));
  page.on('pageerror', (e) => console.log('[workbench error]', e.message.slice(0, 300)));
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  console.log(`${elapsed()} workbench opened`);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutS * 1000))]);
  console.log(`${elapsed()} extension host reported: ${code}`);
  await finish(code === 'timeout' ? 124 : Number(code) | 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
