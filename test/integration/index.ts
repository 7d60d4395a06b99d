// Loaded by the extension host through extensionTestsPath (code-server in CI, @vscode/test-electron on desktops).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // LASER_LAB_TEST_GREP=<regexp> runs only the tests whose full title matches (while working on one feature).
  const grep = process.env.LASER_LAB_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));
  // Phases other than the first run their own folder of suites (see scripts/integration/runInCodeServer.mjs).
  const phase = process.env.LASER_LAB_TEST_PHASE ?? 'trusted';
  const dir = phase === 'trusted' ? __dirname : join(__dirname, phase);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(dir, file));
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.LASER_LAB_TEST_RESULTS;
      if (file) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify({ passed: results.filter((r) => r.state === 'passed').length, failed: failures, results }, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: err.message }));
  });
}
