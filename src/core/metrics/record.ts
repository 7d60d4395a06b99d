/** One logged step: every scalar a trainer printed for it. */
export interface MetricRecord {
  readonly step: number;
  readonly values: ReadonlyMap<string, number>;
}
