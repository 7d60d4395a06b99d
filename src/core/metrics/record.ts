/** One logged step: every scalar a trainer printed for it. */
export interface MetricRecord {
  readonly step: number;
  readonly values: ReadonlyMap<string, number>;
  /** 1-based line of the log where the record starts, when it came from a log. */
  readonly line?: number;
}
