// `npm run bench`: builds, then runs every bench/*.bench.ts (bundled to out/bench/) one after another.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, repoRoot } from '../scripts/lib/repo.mjs';

ensureDependencies();
build();
const dir = join(repoRoot, 'out', 'bench');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.js'))) {
  execFileSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
}
