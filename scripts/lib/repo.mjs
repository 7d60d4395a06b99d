import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `npm ci` when node_modules is missing or older than package-lock.json, so the README commands work on a fresh clone. */
export function ensureDependencies() {
  const lock = readFileSync(join(repoRoot, 'package-lock.json'));
  const stamp = join(repoRoot, 'node_modules', '.laser-lab-lock-hash');
  const hash = createHash('sha256').update(lock).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('[deps] npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  writeFileSync(stamp, hash);
}

export function build({ production = false } = {}) {
  execFileSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), ...(production ? ['--production'] : [])], { cwd: repoRoot, stdio: 'inherit' });
}
