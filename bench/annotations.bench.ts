// What the editor does with a LaSeR eval file of 10k problems × 32 responses (generated deterministically in a temp
// dir): index its lines and decorate every line (parse + summarize + decoration text), decorate only a visible
// window of 60 lines once the index exists, and compute the hover of one line; against the baseline of reading the
// whole file and JSON.parse-ing every line, measured in the same run. Prints the ratios and writes
// out/bench/annotations.json. Run: npm run bench
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexLines, lineCount, readLine } from '../src/core/solutions/lineIndex';
import { parseSolutionLine } from '../src/core/solutions/parseSolutions';
import { decorationText, shortAnswer, summarizeProblem } from '../src/core/solutions/summary';
import type { SolutionProblem } from '../src/core/solutions/types';

const PROBLEMS = 10_000;
const RESPONSES = 32;
const WINDOW = 60;
const THRESHOLD = 0.5;
const REPEATS = 5;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A LaSeR eval line: a response is a few hundred characters of LaTeX-flavoured reasoning ending in \boxed{…}. */
function writeFile(path: string): void {
  const next = random(42);
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < PROBLEMS; i++) {
      const a = 2 + Math.floor(next() * 20);
      const x = Math.floor(next() * 100);
      const b = Math.floor(next() * 50);
      const answer = String(x);
      const responses: string[] = [];
      const preds: (string | null)[] = [];
      const accs: boolean[] = [];
      const scores: number[] = [];
      const rate = next();
      for (let j = 0; j < RESPONSES; j++) {
        const ok = next() < rate;
        const none = !ok && next() < 0.1;
        const pred = ok ? answer : String(x + 1 + Math.floor(next() * 5));
        responses.push(
          `We need $x$ with $${a}x + ${b} = ${a * x + b}$. Subtract ${b} from both sides: $$${a}x = ${a * x}.$$ ` +
            `Dividing by ${a} gives $$x = \\frac{${a * x}}{${a}}.$$ Checking: $${a} \\cdot ${pred} + ${b} = ${a * Number(pred) + b}$, ` +
            `which ${ok ? 'matches' : 'we accept'}. ${none ? 'So the answer is about ' + pred + '.' : `Therefore the answer is $\\boxed{${pred}}$.`}`,
        );
        preds.push(none ? null : pred);
        accs.push(ok);
        scores.push(none ? 0 : Math.round((ok ? 0.4 + 0.6 * next() : 0.6 * next()) * 1e6) / 1e6);
      }
      const record = { problem: `Find $x$ such that $${a}x + ${b} = ${a * x + b}$.`, answer, responses, pred_answers: preds, acc_list: accs, model: 'bench', self_rewarding_scores: scores };
      writeSync(fd, `${JSON.stringify(record)}\n`);
    }
  } finally {
    closeSync(fd);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(repeats: number, body: () => number): { ms: number; check: number } {
  const runs: number[] = [];
  let check = 0;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    check = body();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(runs), check };
}

function decorate(buf: Buffer, index: Float64Array, from: number, to: number): number {
  let chars = 0;
  for (let i = from; i < to; i++) {
    const parsed = parseSolutionLine(readLine(buf, index, i), i, 'laser-eval');
    if (parsed.kind !== 'problem') throw new Error(`line ${i}: ${parsed.kind === 'issue' ? parsed.issue.message : 'skipped'}`);
    chars += decorationText(summarizeProblem(parsed.problem, THRESHOLD)).length;
  }
  return chars;
}

/** The hover's table, as the editor's hover provider writes it (without the editor's MarkdownString wrapper). */
function hoverMarkdown(problem: SolutionProblem): string {
  const summary = summarizeProblem(problem, THRESHOLD);
  const mark = (v: boolean | null) => (v === null ? '—' : v ? '✓' : '✗');
  let md = `**Line ${problem.line + 1}** · ${summary.n} responses · reference answer \`${shortAnswer(problem.answer ?? '')}\`\n\n`;
  md += `| # | answer | verifier | score | SR > ${THRESHOLD} | length |\n|---:|:---|:---:|---:|:---:|---:|\n`;
  for (const r of problem.responses) {
    md += `| ${r.index} | ${r.pred === null ? '*none*' : `\`${shortAnswer(r.pred)}\``} | ${mark(r.correct)} | ${r.score === null ? '—' : r.score.toFixed(3)} | ${r.score === null ? '—' : mark(r.score > THRESHOLD)} | ${r.length} |\n`;
  }
  return `${md}\n${decorationText(summary)}`;
}

const dir = mkdtempSync(join(tmpdir(), 'laser-annotations-bench-'));
try {
  const file = join(dir, 'eval.jsonl');
  const g0 = process.hrtime.bigint();
  writeFile(file);
  const generateSeconds = Number(process.hrtime.bigint() - g0) / 1e9;
  const bytes = statSync(file).size;

  // Baseline: the whole file as one string, split, JSON.parse per line.
  const baseline = time(REPEATS, () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    let n = 0;
    for (const line of lines) if (line !== '') n += (JSON.parse(line) as { responses: unknown[] }).responses.length;
    return n;
  });
  if (baseline.check !== PROBLEMS * RESPONSES) throw new Error(`baseline read ${baseline.check} responses`);

  const indexOnly = time(REPEATS, () => lineCount(indexLines(readFileSync(file))));
  if (indexOnly.check !== PROBLEMS) throw new Error(`indexed ${indexOnly.check} lines`);

  // Everything the editor does for a whole file: read, index, then parse + summarize + decorate every line.
  const full = time(REPEATS, () => {
    const buf = readFileSync(file);
    const index = indexLines(buf);
    return decorate(buf, index, 0, lineCount(index));
  });

  // With the file read and indexed once, decorating the visible window in the middle.
  const buf = readFileSync(file);
  const index = indexLines(buf);
  const indexInMemory = time(REPEATS, () => lineCount(indexLines(buf)));
  const middle = Math.floor(PROBLEMS / 2);
  const windowed = time(REPEATS * 20, () => decorate(buf, index, middle, middle + WINDOW));

  // Hover on one line: read it from the index, parse, summarize, write the table.
  const hover = time(REPEATS * 100, () => {
    const parsed = parseSolutionLine(readLine(buf, index, middle), middle, 'laser-eval');
    return parsed.kind === 'problem' ? hoverMarkdown(parsed.problem).length : 0;
  });
  if (hover.check === 0) throw new Error('hover produced nothing');

  const result = {
    problems: PROBLEMS,
    responsesPerProblem: RESPONSES,
    megabytes: bytes / 1e6,
    bytesPerLine: Math.round(bytes / PROBLEMS),
    generateSeconds,
    repeats: REPEATS,
    baselineReadAndParseMs: baseline.ms,
    indexMs: indexOnly.ms,
    indexInMemoryMs: indexInMemory.ms,
    indexAndDecorateAllMs: full.ms,
    decorateWindowMs: windowed.ms,
    windowLines: WINDOW,
    hoverMs: hover.ms,
    ratios: {
      indexVsBaseline: baseline.ms / indexOnly.ms,
      decorateAllVsBaseline: full.ms / baseline.ms,
      windowVsBaseline: baseline.ms / windowed.ms,
      hoverVsBaseline: baseline.ms / hover.ms,
    },
  };
  console.log(
    `annotations: ${PROBLEMS} problems × ${RESPONSES} responses, ${(bytes / 1e6).toFixed(0)} MB (${result.bytesPerLine} B/line); ` +
      `baseline read + JSON.parse per line ${baseline.ms.toFixed(0)} ms`,
  );
  console.log(
    `  read + index lines: ${indexOnly.ms.toFixed(0)} ms (${result.ratios.indexVsBaseline.toFixed(1)}× faster than the baseline; the index alone ${indexInMemory.ms.toFixed(0)} ms); ` +
      `index + decorate every line: ${full.ms.toFixed(0)} ms (${result.ratios.decorateAllVsBaseline.toFixed(2)}× the baseline's time)`,
  );
  console.log(
    `  decorate a ${WINDOW}-line window from the index: ${windowed.ms.toFixed(2)} ms (${result.ratios.windowVsBaseline.toFixed(0)}× faster than the baseline); ` +
      `hover of one line: ${hover.ms.toFixed(3)} ms (${result.ratios.hoverVsBaseline.toFixed(0)}× faster)`,
  );
  const out = join(__dirname, '..', '..', 'out', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'annotations.json'), JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
