import { DETECT_WITHIN, parseSolutionLine, type ParsedSolutions } from '../../core/solutions/parseSolutions';
import type { ParseIssue, SolutionFormat, SolutionProblem } from '../../core/solutions/types';

/** Lines parsed between yields, so a file of tens of MB never holds the extension host for more than a few ms. */
export const LINES_PER_SLICE = 200;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * parseSolutionLines, giving the event loop a turn every LINES_PER_SLICE lines. The same result: the first recognised
 * record fixes the format, non-blank lines before it are read again with that format for their issues, and a file
 * with no record among its first DETECT_WITHIN non-blank lines is not read further.
 */
export async function parseInSlices(count: number, lineAt: (i: number) => string): Promise<ParsedSolutions> {
  let format: SolutionFormat | undefined;
  const problems: SolutionProblem[] = [];
  const issues: ParseIssue[] = [];
  const early: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % LINES_PER_SLICE === 0) await yieldToEventLoop();
    const text = lineAt(i);
    const parsed = parseSolutionLine(text, i, format);
    if (parsed.kind === 'problem') {
      if (format === undefined) {
        format = parsed.format;
        for (const line of early) {
          const again = parseSolutionLine(lineAt(line), line, format);
          if (again.kind === 'issue') issues.push(again.issue);
        }
      }
      problems.push(parsed.problem);
    } else if (parsed.kind === 'issue') issues.push(parsed.issue);
    else if (format === undefined && text.trim() !== '') {
      early.push(i);
      if (early.length >= DETECT_WITHIN) break;
    }
  }
  return { format, problems, issues };
}
