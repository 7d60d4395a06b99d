import { decorationText, summarizeProblem } from '../../core/solutions/summary';
import type { SolutionProblem } from '../../core/solutions/types';
import type { ProblemDetail, ProblemRow } from '../../protocol/inspector';

/** The problem statement in the list is cut to this many characters. */
const ROW_PROBLEM_CHARS = 240;
const ROWS_PER_SLICE = 200;

export function problemRow(problem: SolutionProblem, threshold: number): ProblemRow {
  const s = summarizeProblem(problem, threshold);
  const flat = problem.problem.replace(/\s+/g, ' ').trim();
  return {
    line: problem.line,
    problem: flat.length > ROW_PROBLEM_CHARS ? `${flat.slice(0, ROW_PROBLEM_CHARS - 1)}…` : flat,
    n: s.n,
    predictedCorrect: s.predictedCorrect,
    verifierCorrect: s.judged > 0 ? s.verifierCorrect : null,
    agreement: s.agreement,
    majorityCorrect: s.majority?.correct ?? null,
    srVoteCorrect: s.srVote?.correct ?? null,
    label: decorationText(s),
  };
}

export function problemDetail(problem: SolutionProblem): ProblemDetail {
  return {
    line: problem.line,
    problem: problem.problem,
    answer: problem.answer,
    responses: problem.responses.map(({ index, text, pred, correct, score, length }) => ({ index, text, pred, correct, score, length })),
  };
}

/** Rows of every problem, giving the event loop a turn every few hundred problems. */
export async function problemRows(problems: readonly SolutionProblem[], threshold: number): Promise<ProblemRow[]> {
  const rows: ProblemRow[] = [];
  for (let i = 0; i < problems.length; i++) {
    if (i > 0 && i % ROWS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    rows.push(problemRow(problems[i]!, threshold));
  }
  return rows;
}
