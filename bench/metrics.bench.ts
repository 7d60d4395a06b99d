// Throughput of the log parser on a synthetic 100k-step LaSeR log (~150 keys per line, verl ≥0.5 formatting, Ray
// prefix with colours), fed in 64 KiB chunks, against a naive split-based parser measured in the same run; and the
// metric store's memory per million points. Prints the ratios and writes out/bench/metrics.json. Run: npm run bench
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLogParser } from '../src/core/metrics/logParser';
import { MetricStore } from '../src/core/metrics/metricStore';

const STEPS = 100_000;
const POOL = 1_000;
const CHUNK = 64 * 1024;
const NAIVE_STEPS = 20_000;
const PREFIX = '\u001b[36m(TaskRunner pid=80211)\u001b[0m ';

/** The LaSeR fork's per-step keys, plus validation on two data sources, as verl prints them on a test step. */
function keySet(): { key: string; numpy: boolean; integer: boolean }[] {
  const keys: { key: string; numpy: boolean; integer: boolean }[] = [];
  const add = (key: string, numpy = false, integer = false) => keys.push({ key, numpy, integer });
  for (const k of ['entropy', 'pg_loss', 'pg_clipfrac', 'ppo_kl', 'pg_clipfrac_lower', 'kl_loss', 'kl_coef', 'self_reward_loss', 'grad_norm', 'self_reward_loss_coef', 'self_reward_kl_coef']) add(`actor/${k}`, true);
  for (const k of ['total_valid_solutions', 'valid_solutions_total_correct', 'total_valid_correct_solutions', 'total_valid_incorrect_solutions', 'valid_correct_solutions_total_correct', 'valid_incorrect_solutions_total_correct']) add(`actor/internal_reward_${k}`, true);
  add('actor/lr');
  for (const k of ['mfu/actor', 'max_memory_allocated_gb', 'max_memory_reserved_gb', 'cpu_memory_used_gb']) add(`perf/${k}`);
  add('training/global_step', false, true);
  add('training/epoch', false, true);
  for (const k of ['score', 'rewards', 'advantages', 'returns']) for (const s of ['mean', 'max', 'min']) add(`critic/${k}/${s}`);
  for (const k of ['response_length', 'prompt_length']) for (const s of ['mean', 'max', 'min', 'clip_ratio']) add(`${k}/${s}`);
  for (const k of ['generate_sequences', 'reshard', 'gen', 'reward', 'old_log_prob', 'ref', 'adv', 'update_actor', 'testing', 'save_checkpoint', 'step']) add(`timing_s/${k}`);
  for (const k of ['gen', 'ref', 'adv', 'update_actor']) add(`timing_per_token_ms/${k}`);
  add('perf/total_num_tokens', false, true);
  add('perf/time_per_step');
  add('perf/throughput');
  for (const source of ['math500', 'aime24']) {
    for (const variable of ['acc', 'reward']) {
      add(`val-core/${source}/${variable}/mean@8`, true);
      add(`val-aux/${source}/${variable}/std@8`, true);
      for (const n of [2, 4, 8]) for (const kind of ['best', 'worst', 'maj']) for (const s of ['mean', 'std']) add(`${kind === 'best' && n === 8 ? 'val-core' : 'val-aux'}/${source}/${variable}/${kind}@${n}/${s}`, true);
    }
  }
  for (const s of ['min', 'max', 'mean']) add(`val-aux/num_turns/${s}`, true);
  return keys;
}

/** Python's repr of a float (what pprint.pformat prints): shortest digits, exponent outside [1e-4, 1e16), "1.0" for integers. */
function pythonRepr(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  if (x !== 0 && (e < -4 || e >= 16)) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const fixed = String(x);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Per pool line, everything after the step number; the step is filled in per pass so steps keep increasing. */
function poolLines(keys: ReturnType<typeof keySet>): string[] {
  const next = random(7);
  return Array.from({ length: POOL }, () =>
    keys
      .map(({ key, numpy, integer }) => {
        const magnitude = 10 ** Math.floor(next() * 8 - 5);
        const value = integer ? String(Math.floor(next() * 900_000)) : pythonRepr((next() - 0.3) * magnitude);
        return ` - ${key}:${numpy ? `np.float64(${value})` : value}`;
      })
      .join(''),
  );
}

function passChunks(pool: readonly string[], pass: number): string[] {
  const text = pool.map((rest, i) => `${PREFIX}step:${pass * POOL + i}${rest}\n`).join('');
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK) chunks.push(text.slice(at, at + CHUNK));
  return chunks;
}

// eslint-disable-next-line no-control-regex -- the ESC byte is what colours look like
const NAIVE_ANSI = /\u001b\[[0-9;]*m/g;
const NAIVE_RAY = /^\(.*?pid=\d+.*?\)\s*/;
const NAIVE_NUMPY = /^np\.\w+\((.*)\)$/;

/** The obvious parser: split into lines, strip decoration with regexes, split on " - " and ":". */
function naiveParse(chunks: readonly string[], sink: { values: number }): void {
  let partial = '';
  for (const chunk of chunks) {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const raw of lines) {
      const line = raw.replace(NAIVE_ANSI, '').replace(NAIVE_RAY, '');
      if (!line.startsWith('step:')) continue;
      const [head, ...fields] = line.split(' - ');
      const values = new Map<string, number>();
      for (const field of fields) {
        const colon = field.lastIndexOf(':');
        values.set(field.slice(0, colon), Number(field.slice(colon + 1).replace(NAIVE_NUMPY, '$1')));
      }
      sink.values += values.size + Number(head!.slice(5)) * 0;
    }
  }
}

interface Timed {
  readonly seconds: number;
  readonly bytes: number;
  readonly lines: number;
  readonly values: number;
}

function measureParser(pool: readonly string[], passes: number): Timed {
  let seconds = 0;
  let bytes = 0;
  let values = 0;
  let lines = 0;
  const parser = createLogParser();
  for (let pass = 0; pass < passes; pass++) {
    const chunks = passChunks(pool, pass);
    const t0 = process.hrtime.bigint();
    for (const chunk of chunks) for (const record of parser.push(chunk)) values += record.values.size;
    if (pass === passes - 1) for (const record of parser.end()) values += record.values.size;
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    for (const chunk of chunks) bytes += Buffer.byteLength(chunk);
  }
  lines = parser.lines;
  if (parser.warnings.length > 0) throw new Error(`unexpected warnings: ${JSON.stringify(parser.warnings.slice(0, 3))}`);
  return { seconds, bytes, lines, values };
}

function measureNaive(pool: readonly string[], passes: number): Timed {
  let seconds = 0;
  let bytes = 0;
  const sink = { values: 0 };
  for (let pass = 0; pass < passes; pass++) {
    const chunks = passChunks(pool, pass);
    const t0 = process.hrtime.bigint();
    naiveParse(chunks, sink);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    for (const chunk of chunks) bytes += Buffer.byteLength(chunk);
  }
  return { seconds, bytes, lines: passes * POOL, values: sink.values };
}

// A collection before each memory reading, so that arrays left behind by growth are not counted.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function measureStore(keys: readonly string[]): { points: number; bytesPerPoint: number; memoryBytesPerMillion: number; arrayBuffersPerMillion: number; appendSeconds: number } {
  const store = new MetricStore();
  const steps = Math.ceil(1_000_000 / keys.length);
  collect();
  const before = process.memoryUsage().arrayBuffers;
  const t0 = process.hrtime.bigint();
  for (let step = 0; step < steps; step++) {
    store.append([{ step, values: new Map(keys.map((k, i) => [k, step * i])) }], 1_700_000_000_000 + step * 60_000);
  }
  const appendSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  collect();
  const arrayBuffers = process.memoryUsage().arrayBuffers - before;
  const million = store.pointCount / 1e6;
  return { points: store.pointCount, bytesPerPoint: MetricStore.bytesPerPoint, memoryBytesPerMillion: store.memoryBytes() / million, arrayBuffersPerMillion: arrayBuffers / million, appendSeconds };
}

const keys = keySet();
const pool = poolLines(keys);
measureParser(pool, 3);
measureNaive(pool, 3);
const parser = measureParser(pool, STEPS / POOL);
const naive = measureNaive(pool, NAIVE_STEPS / POOL);
if (parser.values !== parser.lines * keys.length) throw new Error(`parser read ${parser.values} values, expected ${parser.lines * keys.length}`);
if (naive.values !== naive.lines * keys.length) throw new Error(`naive parser read ${naive.values} values`);
const store = measureStore(keys.map((k) => k.key));

const mbPerSecond = (t: Timed) => t.bytes / 1e6 / t.seconds;
const result = {
  keysPerLine: keys.length,
  bytesPerLine: Math.round(parser.bytes / parser.lines),
  chunkBytes: CHUNK,
  parser: { lines: parser.lines, megabytes: parser.bytes / 1e6, seconds: parser.seconds, megabytesPerSecond: mbPerSecond(parser), linesPerSecond: parser.lines / parser.seconds },
  naive: { lines: naive.lines, megabytes: naive.bytes / 1e6, seconds: naive.seconds, megabytesPerSecond: mbPerSecond(naive), linesPerSecond: naive.lines / naive.seconds },
  speedupOverNaive: mbPerSecond(parser) / mbPerSecond(naive),
  store,
};
console.log(
  `log parser: ${result.parser.megabytesPerSecond.toFixed(0)} MB/s, ${Math.round(result.parser.linesPerSecond)} lines/s ` +
    `(${parser.lines} lines × ${keys.length} keys, ${result.bytesPerLine} B/line, ${(parser.bytes / 1e6).toFixed(0)} MB in ${CHUNK / 1024} KiB chunks); ` +
    `naive split parser: ${result.naive.megabytesPerSecond.toFixed(0)} MB/s; ratio ${result.speedupOverNaive.toFixed(2)}× faster`,
);
console.log(
  `metric store: ${store.bytesPerPoint} B/point stored, ${(store.memoryBytesPerMillion / 1e6).toFixed(1)} MB allocated per million points ` +
    `(array buffers measured: ${(store.arrayBuffersPerMillion / 1e6).toFixed(1)} MB); ${store.points} points appended in ${store.appendSeconds.toFixed(2)} s`,
);
const out = join(__dirname, '..', '..', 'out', 'bench');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'metrics.json'), JSON.stringify(result, null, 2));
