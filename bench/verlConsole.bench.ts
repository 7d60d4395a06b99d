// Throughput of the verl console-line parser against splitting the same lines on " - " (the least any parser does).
// Prints the ratio and writes out/bench/verlConsole.json. Run: npm run bench
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVerlConsoleLine } from '../src/core/metrics/verlConsole';

const KEYS = ['actor/self_reward_loss', 'critic/score/mean', 'response_length/mean', 'actor/pg_loss', 'actor/entropy', 'actor/grad_norm', 'timing_s/step', 'actor/internal_reward_total_valid_solutions'];
const lines = Array.from({ length: 20_000 }, (_, step) =>
  `\u001b[36m(TaskRunner pid=2817)\u001b[0m step:${step} - ${KEYS.map((k, i) => `${k}:${(Math.sin(step + i) * 10).toFixed(6)}`).join(' - ')}`,
);

function time(fn: () => number): { ms: number; sink: number } {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 7; round++) {
    const t0 = process.hrtime.bigint();
    sink += fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: best, sink };
}

const baseline = time(() => lines.reduce((n, line) => n + line.split(' - ').length, 0));
const parser = time(() => lines.reduce((n, line) => n + (parseVerlConsoleLine(line)?.values.size ?? 0), 0));
const result = {
  lines: lines.length,
  baselineMs: baseline.ms,
  parserMs: parser.ms,
  ratio: parser.ms / baseline.ms,
  parserLinesPerSecond: Math.round(lines.length / (parser.ms / 1000)),
};
console.log(`verl console parser: ${result.parserLinesPerSecond} lines/s; ${result.ratio.toFixed(2)}× the time of a bare split (baseline ${baseline.ms.toFixed(1)} ms, parser ${parser.ms.toFixed(1)} ms, ${lines.length} lines)`);
const out = join(__dirname, '..', '..', 'out', 'bench');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'verlConsole.json'), JSON.stringify(result, null, 2));
