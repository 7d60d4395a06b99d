import type { SolutionProblem } from './types';
import { answerCorrectness, bestOfN, majorityVote, selfRewardVote } from './voting';

export type Agreement = 'agree' | 'disagree' | 'partial' | 'unscored';

export interface ProblemSummary {
  /** Responses. */
  readonly n: number;
  /** Responses the self-reward predicts correct (score > threshold). */
  readonly predictedCorrect: number;
  /** Responses with a score. */
  readonly scored: number;
  /** Responses the verifier judged correct. */
  readonly verifierCorrect: number;
  /** Responses with a verifier verdict. */
  readonly judged: number;
  readonly best: { readonly index: number; readonly score: number; readonly correct: boolean | null } | null;
  readonly majority: { readonly answer: string; readonly correct: boolean | null } | null;
  readonly srVote: { readonly answer: string; readonly correct: boolean | null } | null;
  /**
   * Self-reward prediction against the verifier over the responses that have both: all the same → agree, none →
   * disagree, some → partial; no such response → unscored.
   */
  readonly agreement: Agreement;
}

export function summarizeProblem(p: SolutionProblem, threshold: number): ProblemSummary {
  let predictedCorrect = 0;
  let scored = 0;
  let verifierCorrect = 0;
  let judged = 0;
  let compared = 0;
  let agreeing = 0;
  for (const r of p.responses) {
    if (r.score !== null) {
      scored++;
      if (r.score > threshold) predictedCorrect++;
    }
    if (r.correct !== null) {
      judged++;
      if (r.correct) verifierCorrect++;
    }
    if (r.score !== null && r.correct !== null) {
      compared++;
      if (r.score > threshold === r.correct) agreeing++;
    }
  }
  const verdicts = answerCorrectness(p.responses);
  const majority = majorityVote(p.responses);
  const srVote = selfRewardVote(p.responses);
  const best = bestOfN(p.responses);
  return {
    n: p.responses.length,
    predictedCorrect,
    scored,
    verifierCorrect,
    judged,
    best: best ? { index: best.index, score: best.score!, correct: best.correct } : null,
    majority: majority ? { answer: majority.answer, correct: verdicts.get(majority.answer) ?? null } : null,
    srVote: srVote ? { answer: srVote.answer, correct: verdicts.get(srVote.answer) ?? null } : null,
    agreement: compared === 0 ? 'unscored' : agreeing === compared ? 'agree' : agreeing === 0 ? 'disagree' : 'partial',
  };
}

const MAX_ANSWER = 12;

function mark(correct: boolean | null): string {
  return correct === null ? '' : correct ? ' ✓' : ' ✗';
}

/** An answer on one line, at most 12 characters (longer ones end in "…"). */
export function shortAnswer(answer: string): string {
  const flat = answer.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_ANSWER ? `${flat.slice(0, MAX_ANSWER - 1)}…` : flat;
}

const AGREEMENT_MARK: Readonly<Record<Agreement, string>> = { agree: ' ✓', disagree: ' ✗', partial: ' ≠', unscored: '' };

/**
 * The after-text of a problem's line, parts joined by " · ":
 * - `SR p/s` + mark: p of the s scored responses predicted correct; the mark compares those predictions with the
 *   verifier: ✓ all agree, ✗ none agree, ≠ some disagree (no mark without verdicts). `SR unscored` when no score.
 * - `ver c/j`: c of the j judged responses correct by the verifier (left out when nothing was judged).
 * - `best 0.93 ✓`: the best-of-N response's score (2 decimals) and its verdict (left out when unscored).
 * - `maj 42 ✓`: the majority answer and whether it is correct; `maj —` when no response has an answer.
 * - `SR-vote 42 ✓`: the self-reward-weighted vote (left out when unscored).
 * Answers are shortened by shortAnswer; a verdict mark is left out when it is unknown.
 */
export function decorationText(s: ProblemSummary): string {
  const parts = [s.scored === 0 ? 'SR unscored' : `SR ${s.predictedCorrect}/${s.scored}${AGREEMENT_MARK[s.agreement]}`];
  if (s.judged > 0) parts.push(`ver ${s.verifierCorrect}/${s.judged}`);
  if (s.best) parts.push(`best ${s.best.score.toFixed(2)}${mark(s.best.correct)}`);
  parts.push(s.majority ? `maj ${shortAnswer(s.majority.answer)}${mark(s.majority.correct)}` : 'maj —');
  if (s.srVote) parts.push(`SR-vote ${shortAnswer(s.srVote.answer)}${mark(s.srVote.correct)}`);
  return parts.join(' · ');
}
