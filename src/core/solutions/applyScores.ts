import type { SolutionProblem } from './types';

/**
 * Overlays scores from a sidecar cache: `scoresByLine.get(problem.line)[i]` becomes response i's score (null: not
 * scored). Problems without an entry, and responses past the end of their entry, keep their own scores. The input is
 * not changed.
 */
export function applyScores(problems: readonly SolutionProblem[], scoresByLine: ReadonlyMap<number, readonly (number | null)[]>): SolutionProblem[] {
  return problems.map((problem) => {
    const scores = scoresByLine.get(problem.line);
    if (!scores) return problem;
    return {
      ...problem,
      responses: problem.responses.map((r) => (r.index < scores.length ? { ...r, score: scores[r.index] ?? null } : r)),
    };
  });
}
