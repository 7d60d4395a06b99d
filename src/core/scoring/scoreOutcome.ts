import { selfRewardScore, type ScoreSettings } from './scoreSettings';
import type { SolutionsLine } from './solutionsFile';
import type { ScoreItem } from './scoreWorkerProtocol';

/** One scorable line's results, one entry per response (null where that response was not scored). */
export interface LineScores {
  readonly line: number;
  readonly scores: readonly (number | null)[];
  readonly logprobs: readonly (number | null)[];
  /** Why a response was not scored (null where it was). */
  readonly errors: readonly (string | null)[];
  /** The sequence was longer than the model's context and cut from the left before scoring. */
  readonly truncated: readonly boolean[];
}

export interface LineError {
  readonly line: number;
  readonly message: string;
}

export interface ScoreOutcome {
  readonly lines: readonly LineScores[];
  /** Lines that could not be scored at all. */
  readonly lineErrors: readonly LineError[];
  readonly counts: { readonly lines: number; readonly scored: number; readonly responseErrors: number; readonly truncated: number };
}

export interface ScoreSlot {
  readonly line: number;
  readonly response: number;
}

/** The (problem, response) pairs to score, and where each result goes. */
export function scoreItems(lines: readonly SolutionsLine[]): { items: ScoreItem[]; slots: ScoreSlot[] } {
  const items: ScoreItem[] = [];
  const slots: ScoreSlot[] = [];
  for (const line of lines) {
    if (!line.record) continue;
    line.record.responses.forEach((response, j) => {
      if (line.responseErrors.has(j) || typeof response !== 'string') return;
      items.push({ problem: line.record!.problem, response });
      slots.push({ line: line.line, response: j });
    });
  }
  return { items, slots };
}

export function assembleOutcome(lines: readonly SolutionsLine[], slots: readonly ScoreSlot[], logprobs: readonly number[],
  truncated: readonly boolean[], settings: ScoreSettings): ScoreOutcome {
  const byLine = new Map<number, { scores: (number | null)[]; logprobs: (number | null)[]; errors: (string | null)[]; truncated: boolean[] }>();
  let responseErrors = 0;
  for (const line of lines) {
    if (!line.record) continue;
    const n = line.record.responses.length;
    byLine.set(line.line, {
      scores: new Array<number | null>(n).fill(null), logprobs: new Array<number | null>(n).fill(null),
      errors: Array.from({ length: n }, (_, j) => line.responseErrors.get(j) ?? null), truncated: new Array<boolean>(n).fill(false),
    });
    responseErrors += line.responseErrors.size;
  }
  slots.forEach((slot, k) => {
    const entry = byLine.get(slot.line)!;
    entry.logprobs[slot.response] = logprobs[k]!;
    entry.scores[slot.response] = selfRewardScore(logprobs[k]!, settings);
    if (truncated[k]) entry.truncated[slot.response] = true;
  });
  return {
    lines: [...byLine].map(([line, e]) => ({ line, ...e })),
    lineErrors: lines.filter((l) => !l.record).map((l) => ({ line: l.line, message: l.error ?? 'cannot be scored' })),
    counts: { lines: lines.length, scored: slots.length, responseErrors, truncated: truncated.filter(Boolean).length },
  };
}
