// Paths of the cached toolchain (code-server, Node 24, playwright-core, the Python venv), installing it when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo.mjs';

const FILE = join(repoRoot, '.toolchain.json');

/** @returns {{ node24: string, codeServer: string, playwrightCore: string, python: string }} */
export function toolchain({ python = true } = {}) {
  // The setup script is idempotent and fast when everything is cached; running it always keeps versions in step.
  execFileSync('bash', [join(repoRoot, 'scripts', 'setup-toolchain.sh'), ...(python ? [] : ['--no-python'])], { stdio: 'inherit' });
  if (!existsSync(FILE)) throw new Error(`${FILE} was not written by scripts/setup-toolchain.sh`);
  return JSON.parse(readFileSync(FILE, 'utf8'));
}
