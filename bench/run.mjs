// `npm run bench`: builds, then runs every bench/*.bench.ts (bundled to out/bench/) one after another.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, repoRoot } from '../scripts/lib/repo.mjs';

ensureDependencies();
build();
const dir = join(repoRoot, 'out', 'bench');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.js'))) {
  execFileSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
}
// Append-to-draw latency is measured inside the real VS Code by the integration suite (test/integration/liveMetrics.test.ts).
const latency = join(repoRoot, 'test-results', 'append-to-draw.json');
if (existsSync(latency)) {
  copyFileSync(latency, join(dir, 'append-to-draw.json'));
  const { medianMs, maxMs, appends } = JSON.parse(readFileSync(latency, 'utf8'));
  console.log(`append → drawn in the Metrics webview (last integration run): median ${medianMs} ms, max ${maxMs} ms over ${appends} appends`);
}
