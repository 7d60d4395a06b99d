import { BYTES_PER_POINT, MetricColumns } from './metricColumns';
import type { MetricRecord } from './record';

/** One metric's points, sorted by step. The arrays are views of the store's memory: valid until the next append. */
export interface SeriesView {
  readonly name: string;
  readonly length: number;
  readonly steps: Float64Array;
  readonly values: Float64Array;
  /** Wall time (ms since the epoch) of the append that wrote each point. */
  readonly times: Float64Array;
}

/** The points of a metric from index `from` on, copied: a receiver keeps its first `from` points and replaces the rest. */
export interface SeriesDelta extends SeriesView {
  readonly from: number;
}

export interface StoreDelta {
  /** The store version these changes bring a receiver to; ask for the next delta since this one. */
  readonly version: number;
  readonly series: readonly SeriesDelta[];
}

// Map entries, the column object and its four typed-array headers, roughly.
const BYTES_PER_SERIES = 400;

/**
 * Every metric of a run as (step, value, wall time) columns. A step logged again (a resumed run re-logs the
 * steps after its checkpoint) replaces the earlier point. Each append that writes something gets a new version,
 * so a view that has drawn version v can ask for exactly what changed since.
 */
export class MetricStore {
  /** Bytes stored per point; see `memoryBytes()` for what is allocated. */
  static readonly bytesPerPoint = BYTES_PER_POINT;

  private readonly columns = new Map<string, MetricColumns>();
  private current = 0;
  private points = 0;
  private maxStep: number | undefined;

  get version(): number {
    return this.current;
  }

  /** Stored points over all metrics. */
  get pointCount(): number {
    return this.points;
  }

  /** Adds records that arrived at `wallTimeMs`; returns the store version after them. Records with a non-finite step are skipped. */
  append(records: Iterable<MetricRecord>, wallTimeMs: number): number {
    const version = this.current + 1;
    let wrote = false;
    for (const record of records) {
      const step = record.step;
      if (!Number.isFinite(step) || record.values.size === 0) continue;
      wrote = true;
      if (this.maxStep === undefined || step > this.maxStep) this.maxStep = step;
      for (const [name, value] of record.values) {
        let columns = this.columns.get(name);
        if (!columns) this.columns.set(name, (columns = new MetricColumns()));
        const before = columns.length;
        columns.put(step, value, wallTimeMs, version);
        this.points += columns.length - before;
      }
    }
    if (wrote) this.current = version;
    return this.current;
  }

  /** Metric names in the order they first appeared. */
  names(): string[] {
    return [...this.columns.keys()];
  }

  series(name: string): SeriesView | undefined {
    const columns = this.columns.get(name);
    if (!columns) return undefined;
    const n = columns.length;
    return { name, length: n, steps: columns.steps.subarray(0, n), values: columns.values.subarray(0, n), times: columns.times.subarray(0, n) };
  }

  /** The highest step stored, or undefined when the store is empty. */
  lastStep(): number | undefined {
    return this.maxStep;
  }

  /** What changed after `version` (0: everything): per changed metric, its points from the first changed index on. */
  changesSince(version: number): StoreDelta {
    const series: SeriesDelta[] = [];
    for (const [name, columns] of this.columns) {
      const from = columns.changedFrom(version);
      const n = columns.length;
      if (from >= n) continue;
      series.push({ name, from, length: n - from, steps: columns.steps.slice(from, n), values: columns.values.slice(from, n), times: columns.times.slice(from, n) });
    }
    return { version: this.current, series };
  }

  /** Bytes allocated for the points (capacity, not length) plus a per-metric estimate. */
  memoryBytes(): number {
    let bytes = 0;
    for (const columns of this.columns.values()) bytes += columns.capacity * BYTES_PER_POINT + BYTES_PER_SERIES;
    return bytes;
  }
}
