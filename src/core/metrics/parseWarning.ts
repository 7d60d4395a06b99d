/** A line that looks like metrics but could not be read; parsing goes on after it. */
export interface ParseWarning {
  /** 1-based line number in the log. */
  readonly line: number;
  /** What was expected, e.g. `expected a number for "actor/pg_loss", found "abc"`. */
  readonly message: string;
}
