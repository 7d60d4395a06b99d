import type { MetricRecord } from './record';

export interface MetricPoint {
  readonly step: number;
  readonly value: number;
}

export interface MetricSeries {
  readonly name: string;
  readonly points: readonly MetricPoint[];
}

/** Groups records into one series per metric, ordered by step; a step logged again replaces the earlier value. */
export function collectSeries(records: Iterable<MetricRecord>): MetricSeries[] {
  const byName = new Map<string, Map<number, number>>();
  for (const record of records) {
    for (const [name, value] of record.values) {
      let steps = byName.get(name);
      if (!steps) byName.set(name, (steps = new Map()));
      steps.set(record.step, value);
    }
  }
  return [...byName.entries()].map(([name, steps]) => ({
    name,
    points: [...steps.entries()].sort((a, b) => a[0] - b[0]).map(([step, value]) => ({ step, value })),
  }));
}

/** Metrics a LaSeR user looks at first, in this order; the rest follow alphabetically. */
export const LEADING_METRICS: readonly string[] = [
  'actor/self_reward_loss',
  'critic/score/mean',
  'response_length/mean',
  'actor/pg_loss',
];

export function orderSeries(series: readonly MetricSeries[]): MetricSeries[] {
  const rank = (name: string): number => {
    const i = LEADING_METRICS.indexOf(name);
    return i < 0 ? LEADING_METRICS.length : i;
  };
  return [...series].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
