/** The solution-file layouts LaSeR Lab recognises (see parseSolutions.ts for the fields of each). */
export type SolutionFormat = 'laser-eval' | 'verl-dump' | 'qwen-math-eval';

/** One sampled solution of a problem. */
export interface SolutionResponse {
  /** Position of the response within its problem (0-based). */
  readonly index: number;
  readonly text: string;
  /** The extracted final answer; null when the response has none (no \boxed{…}, or an empty prediction). */
  readonly pred: string | null;
  /** The verifier's verdict; null when the file does not say. */
  readonly correct: boolean | null;
  /** The last-token self-rewarding score s; null when the response was not scored. */
  readonly score: number | null;
  /** Length of `text` in characters (UTF-16 code units), not tokens. */
  readonly length: number;
}

/** One problem with its sampled responses. */
export interface SolutionProblem {
  /** 0-based line of the record in the file (for a grouped verl dump: the line of its first response). */
  readonly line: number;
  readonly problem: string;
  /** The reference answer; null when the file has none. */
  readonly answer: string | null;
  readonly responses: readonly SolutionResponse[];
}

/** A line of a recognised solution file that could not be read. */
export interface ParseIssue {
  /** 0-based line in the file. */
  readonly line: number;
  readonly message: string;
}
