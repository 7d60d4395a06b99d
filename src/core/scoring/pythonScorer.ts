import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPythonModule } from '../python/runPythonModule';
import type { LineScores, ScoreOutcome } from './scoreOutcome';
import type { ScoreSettings } from './scoreSettings';
import type { SolutionsLine } from './solutionsFile';

export type PythonBackend = 'transformers' | 'vllm';

export interface PythonScoreOptions {
  readonly python: string;
  /** Folder holding the `laser_lab` package. */
  readonly packageRoot: string;
  readonly backend: PythonBackend;
  readonly device?: string;
  readonly batchTokens?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

const numbers = (v: unknown): (number | null)[] | undefined =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : null)) : undefined;

/**
 * Scores a HF checkpoint folder with `python -m laser_lab.score` (argv, no shell) into a temp file, then reads the
 * scored lines back into the same shape as the ONNX path. `lines` is the same file as parsed here: the worker writes
 * one output line per non-blank input line, in order.
 */
export async function scoreWithPython(inputPath: string, lines: readonly SolutionsLine[], modelDir: string, settings: ScoreSettings,
  options: PythonScoreOptions): Promise<ScoreOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'laser-score-'));
  const out = join(dir, 'scored.jsonl');
  try {
    const args = [
      '--model', modelDir, '--input', inputPath, '--out', out, '--backend', options.backend,
      '--token-id', String(settings.tokenId), '--beta', String(settings.beta), '--c-ref', String(settings.cRef),
      ...(options.device ? ['--device', options.device] : []),
      ...(options.batchTokens ? ['--batch-tokens', String(options.batchTokens)] : []),
    ];
    await runPythonModule(
      { python: options.python, module: 'laser_lab.score', args, packageRoot: options.packageRoot, timeoutMs: 7 * 24 * 3600_000, ...(options.signal ? { signal: options.signal } : {}) },
      (event) => {
        if (event.event === 'progress') options.onProgress?.(event.done, event.total);
      },
    );
    const written = (await readFile(out, 'utf8')).split(/\r?\n/).filter((l) => l.trim());
    if (written.length !== lines.length) throw new Error(`python -m laser_lab.score wrote ${written.length} lines for ${lines.length} input lines`);
    const scored: LineScores[] = [];
    let truncatedCount = 0;
    let responseErrors = 0;
    lines.forEach((line, k) => {
      if (!line.record) return;
      const record = JSON.parse(written[k]!) as Record<string, unknown>;
      const n = line.record.responses.length;
      const scores = numbers(record.self_rewarding_scores) ?? new Array<null>(n).fill(null);
      const errors = Array.isArray(record.self_rewarding_errors)
        ? record.self_rewarding_errors.map((e: unknown) => (typeof e === 'string' ? e : null))
        : new Array<null>(n).fill(null);
      const truncated = Array.isArray(record.self_rewarding_truncated) ? record.self_rewarding_truncated.map((t: unknown) => t === true) : new Array<boolean>(n).fill(false);
      truncatedCount += truncated.filter(Boolean).length;
      responseErrors += errors.filter((e) => e !== null).length;
      scored.push({ line: line.line, scores, logprobs: numbers(record.policy_model_logprobs) ?? new Array<null>(n).fill(null), errors, truncated });
    });
    return {
      lines: scored,
      lineErrors: lines.filter((l) => !l.record).map((l) => ({ line: l.line, message: l.error ?? 'cannot be scored' })),
      counts: { lines: lines.length, scored: scored.reduce((sum, l) => sum + l.scores.filter((s) => s !== null).length, 0), responseErrors, truncated: truncatedCount },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
