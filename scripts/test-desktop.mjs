// `npm run test:desktop`: the same integration suites in desktop VS Code through @vscode/test-electron
// (downloads a VS Code build on first use; for machines with a display and access to VS Code downloads).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build, ensureDependencies, repoRoot } from './lib/repo.mjs';

ensureDependencies();
build();
const workspace = mkdtempSync(join(tmpdir(), 'laser-ws-'));
cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { LASER_LAB_TEST_RESULTS: join(repoRoot, 'test-results', 'integration-desktop.json'), LASER_LAB_TEST_PYTHON: process.env.LASER_LAB_TEST_PYTHON ?? 'python3' },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
