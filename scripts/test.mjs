// `npm test`: every suite — lint, typecheck, unit (node:test), tools (node:test), python (pytest), integration
// (mocha inside code-server's extension host). Ends with "N passed, N failed"; exits non-zero when anything failed.
// Usage: node scripts/test.mjs [unit|tools|python|integration ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, repoRoot } from './lib/repo.mjs';
import { toolchain } from './lib/toolchain.mjs';

const ALL = ['lint', 'typecheck', 'unit', 'tools', 'python', 'integration'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const results = join(repoRoot, 'test-results');
const totals = { passed: 0, failed: 0 };
const lines = [];

function run(command, args, options = {}) {
  const child = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
  process.stdout.write(child.stdout ?? '');
  process.stderr.write(child.stderr ?? '');
  return { code: child.status ?? 1, out: `${child.stdout ?? ''}${child.stderr ?? ''}` };
}

function count(name, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  lines.push(`${name}: ${passed} passed, ${failed} failed`);
}

/** A check with no test count of its own (lint, typecheck) counts as one test. */
function check(name, { code }) {
  count(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

function nodeTests(name, dir) {
  const files = existsSync(dir) ? [dir] : [];
  const { code, out } = run(process.execPath, ['--test', '--test-reporter=tap', ...files]);
  const passed = Number(/^# pass (\d+)/m.exec(out)?.[1] ?? 0);
  const failed = Number(/^# fail (\d+)/m.exec(out)?.[1] ?? 0);
  count(name, passed, code !== 0 && failed === 0 ? 1 : failed);
}

const suites = {
  lint: () => check('lint', run(process.execPath, [join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'])),
  typecheck: () => {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const a = run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json']);
    const b = run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.webview.json']);
    check('typecheck', { code: a.code || b.code });
  },
  unit: () => nodeTests('unit', join(repoRoot, 'out', 'test', 'unit')),
  tools: () => nodeTests('tools', join(repoRoot, 'test', 'tools')),
  python: () => {
    const { python } = toolchain();
    const xml = join(results, 'pytest.xml');
    rmSync(xml, { force: true });
    const { code } = run(python, ['-m', 'pytest', '-q', 'test/python', `--junitxml=${xml}`]);
    const suite = existsSync(xml) ? readFileSync(xml, 'utf8') : '';
    const attr = (n) => Number(new RegExp(`<testsuite[^>]* ${n}="(\\d+)"`).exec(suite)?.[1] ?? 0);
    const failed = attr('failures') + attr('errors');
    const passed = attr('tests') - failed - attr('skipped');
    // pytest exits 5 when it collected nothing: that is a failure here, not a pass.
    count('python', passed, code !== 0 && failed === 0 ? 1 : failed);
  },
  integration: () => {
    const file = join(results, 'integration.json');
    rmSync(file, { force: true });
    const { code } = run(process.execPath, [join(repoRoot, 'scripts', 'integration', 'runInCodeServer.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
    const report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 0 };
    count('integration', report.passed, code !== 0 && report.failed === 0 ? 1 : report.failed);
  },
};

mkdirSync(results, { recursive: true });
ensureDependencies();
build();
for (const name of wanted) {
  if (!suites[name]) throw new Error(`unknown suite "${name}"; choose from ${ALL.join(', ')}`);
  console.log(`\n=== ${name} ===`);
  suites[name]();
}
console.log(`\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
