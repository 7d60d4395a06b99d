import { join, resolve } from 'node:path';
import { ModelFolderError } from '../scoring/modelFolder';
import { ScoringCancelled } from '../scoring/onnxScorer';
import { scoreSolutionsFile, ScoringError } from '../scoring/scoreSolutionsFile';
import type { ScoreSettings } from '../scoring/scoreSettings';
import { SolutionsFileError } from '../scoring/solutionsFile';
import type { CommandIo } from './runCommands';

const USAGE = 'usage: laser-lab score <file> --model <dir> [--token-id N] [--beta B] [--c-ref C] [--out <file>]\n';

export interface ScoreCommandOptions {
  readonly cwd?: string;
  readonly workerPath?: string;
}

type Parsed = { file: string; model: string; out?: string; settings: Partial<ScoreSettings> } | { error: string };

function parseArgs(args: readonly string[]): Parsed {
  const positional: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    if (!['--model', '--token-id', '--beta', '--c-ref', '--out'].includes(arg)) return { error: `unknown option ${arg}` };
    const value = args[++i];
    if (value === undefined) return { error: `${arg} needs a value` };
    values[arg] = value;
  }
  if (positional.length !== 1 || !values['--model']) return { error: positional.length > 1 ? 'one file at a time' : 'a file and --model are required' };
  const settings: Record<string, number> = {};
  for (const [flag, key, integer] of [['--token-id', 'tokenId', true], ['--beta', 'beta', false], ['--c-ref', 'cRef', false]] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 0))) return { error: `${flag} expects ${integer ? 'a token id' : 'a number'}, got "${text}"` };
    settings[key] = n;
  }
  return { file: positional[0]!, model: values['--model'], ...(values['--out'] ? { out: values['--out'] } : {}), settings };
}

/**
 * `laser-lab score <file> --model <dir> …`: scores a LaSeR eval JSONL with an exported ONNX model folder in a worker
 * thread; progress on stderr, a summary on stdout; the sidecar goes to `./.laser/scores/`, a scored copy to --out.
 */
export async function scoreCommand(args: readonly string[], io: CommandIo, options: ScoreCommandOptions = {}): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.err(`laser-lab score: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, parsed.file);
  let lastPercent = -1;
  try {
    const result = await scoreSolutionsFile({
      file, modelDir: resolve(cwd, parsed.model), laserDir: join(cwd, '.laser'), backend: 'onnx', settings: parsed.settings,
      ...(parsed.out ? { scoredCopy: resolve(cwd, parsed.out) } : {}),
      ...(options.workerPath ? { workerPath: options.workerPath } : {}),
      onProgress: (done, total) => {
        const percent = total ? Math.floor((100 * done) / total) : 100;
        if (percent === lastPercent) return;
        lastPercent = percent;
        io.err(`scoring: ${done}/${total} responses (${percent}%)\n`);
      },
    });
    const { sidecar } = result;
    for (const e of sidecar.lineErrors) io.err(`${file}:${e.line}: ${e.message}\n`);
    for (const line of sidecar.lines) {
      line.errors.forEach((e) => e && io.err(`${file}:${line.line}: ${e}\n`));
      line.truncated.forEach((t, j) => t && io.err(`${file}:${line.line}: response ${j} is longer than the model's context; cut from the left before scoring\n`));
    }
    const scores = sidecar.lines.flatMap((l) => l.scores).filter((s): s is number => s !== null);
    const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : Number.NaN;
    const { tokenId, beta, cRef } = sidecar.settings;
    io.out(`${result.cacheHit ? 'cached' : 'scored'}: ${sidecar.counts.scored} responses on ${sidecar.counts.lines} lines` +
      ` (token ${tokenId}, β ${beta}, c_ref ${cRef}); mean score ${Number.isNaN(mean) ? '—' : mean.toFixed(4)}` +
      `; ${sidecar.lineErrors.length} line error(s), ${sidecar.counts.responseErrors} response error(s), ${sidecar.counts.truncated} truncated\n`);
    io.out(`sidecar: ${result.sidecarPath}\n`);
    if (parsed.out) io.out(`scored copy: ${resolve(cwd, parsed.out)}\n`);
    return sidecar.counts.scored > 0 || sidecar.counts.lines === 0 ? 0 : 1;
  } catch (error) {
    const known = error instanceof ModelFolderError || error instanceof SolutionsFileError || error instanceof ScoringError || error instanceof ScoringCancelled;
    io.err(`laser-lab score: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
    return 1;
  }
}
