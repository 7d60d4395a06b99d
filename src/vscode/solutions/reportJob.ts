import { applyScores } from '../../core/solutions/applyScores';
import type { ParsedSolutions } from '../../core/solutions/parseSolutions';
import { buildReport, type SelfRewardReport } from '../../core/solutions/report';

export interface ReportJob {
  readonly path: string;
  readonly threshold: number;
  readonly seed: number;
  /** `<workspace>/.laser`: scores cached there for this file's content replace the file's own. */
  readonly laserDir?: string;
}

export type ReportJobResult =
  | {
      readonly ok: true;
      readonly format: string | null;
      /** Undefined when the file holds no problems. */
      readonly report?: SelfRewardReport;
      readonly issues: number;
      readonly firstIssue?: string;
    }
  | { readonly ok: false; readonly message: string };

/** The report of a parsed file, with what the panel says about lines that could not be read. */
export function reportResult(parsed: ParsedSolutions, threshold: number, seed: number, scores?: ReadonlyMap<number, readonly (number | null)[]>): ReportJobResult {
  const first = parsed.issues[0];
  const problems = scores ? applyScores(parsed.problems, scores) : parsed.problems;
  return {
    ok: true,
    format: parsed.format ?? null,
    ...(parsed.format && problems.length > 0 ? { report: buildReport(problems, { threshold, seed, format: parsed.format }) } : {}),
    issues: parsed.issues.length,
    ...(first ? { firstIssue: `line ${first.line + 1}: ${first.message}` } : {}),
  };
}
