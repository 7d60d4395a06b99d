// The run supervisor, bundled to dist/supervisor.js and started detached by startRun: `node supervisor.js <run-dir>`.
import { superviseRun } from './superviseRun';

const runDir = process.argv[2];
if (!runDir) {
  process.stderr.write('usage: supervisor.js <run-dir>\n');
  process.exit(2);
}
superviseRun(runDir);
