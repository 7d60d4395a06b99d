import type { AppendMessage, RunHeader, SeriesData, SnapshotMessage } from '../../src/protocol/metrics';

export interface Points {
  steps: number[];
  values: (number | null)[];
  times: number[];
}

export interface RunData {
  readonly run: RunHeader;
  readonly metrics: Map<string, Points>;
  readonly warnings: readonly string[];
}

/** What the webview holds: every shown run's points, kept in step with the extension through `seq`. */
export class MetricsState {
  runs: RunData[] = [];
  notice: string | undefined;
  seq = -1;

  /** Applies a message; false when a delta arrived out of order and a snapshot must be requested. */
  apply(message: SnapshotMessage | AppendMessage): boolean {
    if (message.type === 'snapshot') {
      this.seq = message.seq;
      this.notice = message.notice;
      this.runs = message.runs.map((r) => ({ run: r.run, warnings: r.warnings, metrics: new Map(r.series.map((s) => [s.name, copy(s)])) }));
      return true;
    }
    if (message.seq !== this.seq + 1) return false;
    this.seq = message.seq;
    const run = this.runs.find((r) => r.run.id === message.runId);
    if (!run) return true;
    for (const s of message.series) {
      const points = run.metrics.get(s.name);
      if (!points) {
        run.metrics.set(s.name, copy(s));
        continue;
      }
      for (let i = 0; i < s.steps.length; i++) {
        const step = s.steps[i]!;
        // A re-logged step (a resumed run) replaces its earlier point.
        const at = points.steps.length && step <= points.steps[points.steps.length - 1]! ? points.steps.indexOf(step) : -1;
        if (at >= 0) {
          points.values[at] = s.values[i]!;
          points.times[at] = s.times[i]!;
        } else {
          points.steps.push(step);
          points.values.push(s.values[i]!);
          points.times.push(s.times[i]!);
        }
      }
    }
    return true;
  }

  metricNames(): Set<string> {
    const names = new Set<string>();
    for (const run of this.runs) for (const name of run.metrics.keys()) names.add(name);
    return names;
  }
}

function copy(s: SeriesData): Points {
  return { steps: [...s.steps], values: [...s.values], times: [...s.times] };
}
