import type { SolutionResponse } from './types';

/**
 * Test-time selection over the responses of one problem (or a subset of them, by index).
 *
 * - Majority vote: the answer given by the most responses. Ties go to the answer whose responses have the higher
 *   summed self-reward score (unscored responses add 0), then to the lexicographically smaller answer (JavaScript
 *   string order, i.e. by UTF-16 code units).
 * - Self-reward-weighted vote: the answer with the highest summed score. Ties go to the answer with more responses,
 *   then to the lexicographically smaller answer. No result when no response with an answer is scored.
 * - Best-of-N: the response with the highest score, among those with an answer when there are any; ties go to the
 *   lower response index. No result when no response is scored.
 *
 * A null answer (no extracted answer) never wins a vote; when every answer is null there is no result.
 */
export interface VoteResult {
  readonly answer: string;
  /** Responses that gave the answer. */
  readonly count: number;
  /** Their summed self-reward score. */
  readonly weight: number;
}

interface Tally {
  count: number;
  weight: number;
  scored: boolean;
}

function tally(responses: readonly SolutionResponse[], indices: readonly number[] | undefined): Map<string, Tally> {
  const votes = new Map<string, Tally>();
  const n = indices ? indices.length : responses.length;
  for (let j = 0; j < n; j++) {
    const r = responses[indices ? indices[j]! : j]!;
    if (r.pred === null) continue;
    let t = votes.get(r.pred);
    if (!t) votes.set(r.pred, (t = { count: 0, weight: 0, scored: false }));
    t.count++;
    if (r.score !== null) {
      t.weight += r.score;
      t.scored = true;
    }
  }
  return votes;
}

function pick(votes: Map<string, Tally>, first: 'count' | 'weight'): VoteResult | null {
  const second = first === 'count' ? 'weight' : 'count';
  let best: VoteResult | null = null;
  for (const [answer, t] of votes) {
    if (
      best === null ||
      t[first] > best[first] ||
      (t[first] === best[first] && (t[second] > best[second] || (t[second] === best[second] && answer < best.answer)))
    ) {
      best = { answer, count: t.count, weight: t.weight };
    }
  }
  return best;
}

export function majorityVote(responses: readonly SolutionResponse[], indices?: readonly number[]): VoteResult | null {
  return pick(tally(responses, indices), 'count');
}

export function selfRewardVote(responses: readonly SolutionResponse[], indices?: readonly number[]): VoteResult | null {
  const votes = tally(responses, indices);
  for (const t of votes.values()) if (t.scored) return pick(votes, 'weight');
  return null;
}

export function bestOfN(responses: readonly SolutionResponse[], indices?: readonly number[]): SolutionResponse | null {
  let best: SolutionResponse | null = null;
  const n = indices ? indices.length : responses.length;
  for (let j = 0; j < n; j++) {
    const r = responses[indices ? indices[j]! : j]!;
    if (r.score === null) continue;
    if (best === null) {
      best = r;
      continue;
    }
    const answered = r.pred !== null;
    const bestAnswered = best.pred !== null;
    if ((answered && !bestAnswered) || (answered === bestAnswered && (r.score > best.score! || (r.score === best.score && r.index < best.index)))) best = r;
  }
  return best;
}

/** Whether each answer is correct: true when any response giving it was judged correct, false when those judged were all wrong, null when none was judged. */
export function answerCorrectness(responses: readonly SolutionResponse[]): Map<string, boolean | null> {
  const verdicts = new Map<string, boolean | null>();
  for (const r of responses) {
    if (r.pred === null) continue;
    const seen = verdicts.get(r.pred);
    if (seen === true) continue;
    if (r.correct === true) verdicts.set(r.pred, true);
    else if (r.correct === false) verdicts.set(r.pred, false);
    else if (seen === undefined) verdicts.set(r.pred, null);
  }
  return verdicts;
}
