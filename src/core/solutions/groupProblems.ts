import type { SolutionProblem } from './types';

/**
 * verl dumps hold one response per line. For voting and test-time scaling, lines with the same prompt are one
 * problem: every line with an identical `problem` text (consecutive or not) joins the first one, in file order, and
 * responses are numbered again. Other formats are returned as they are.
 */
export function groupProblems(problems: readonly SolutionProblem[]): SolutionProblem[] {
  const byText = new Map<string, { line: number; problem: string; answer: string | null; responses: SolutionProblem['responses'][number][] }>();
  for (const p of problems) {
    let group = byText.get(p.problem);
    if (!group) byText.set(p.problem, (group = { line: p.line, problem: p.problem, answer: p.answer, responses: [] }));
    if (group.answer === null) group.answer = p.answer;
    for (const r of p.responses) group.responses.push({ ...r, index: group.responses.length });
  }
  return [...byText.values()];
}
