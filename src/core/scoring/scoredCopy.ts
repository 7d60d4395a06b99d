import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { ScoreOutcome } from './scoreOutcome';
import type { SolutionsLine } from './solutionsFile';

/**
 * The file's text with `self_rewarding_scores` and `policy_model_logprobs` set on every scored line (plus
 * `self_rewarding_errors` / `self_rewarding_truncated` where they apply); other lines are copied unchanged.
 */
export function scoredCopyText(text: string, lines: readonly SolutionsLine[], outcome: ScoreOutcome): string {
  const parsed = new Map(lines.map((l) => [l.line, l]));
  const scored = new Map(outcome.lines.map((l) => [l.line, l]));
  return text.split(/\r?\n/).map((raw, index) => {
    const line = parsed.get(index + 1);
    const scores = scored.get(index + 1);
    if (!line?.record || !scores) return raw;
    return JSON.stringify({
      ...line.record,
      self_rewarding_scores: scores.scores,
      policy_model_logprobs: scores.logprobs,
      ...(scores.errors.some((e) => e !== null) ? { self_rewarding_errors: scores.errors } : {}),
      ...(scores.truncated.some(Boolean) ? { self_rewarding_truncated: scores.truncated } : {}),
    });
  }).join('\n');
}

/** Written next to its final name first, then renamed: an existing file is never left half-written. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
