/** The LaSeR dashboard: what a LaSeR user looks at first, in this order; then every other metric grouped by prefix. */
export const DASHBOARD: readonly { readonly metric: string; readonly title: string }[] = [
  { metric: 'critic/score/mean', title: 'Reasoning reward' },
  { metric: 'laser/val_accuracy', title: 'Validation accuracy' },
  { metric: 'actor/self_reward_loss', title: 'Self-reward loss' },
  { metric: 'laser/f1', title: 'Self-verification LaSeR F1' },
  { metric: 'laser/accuracy_on_correct', title: 'Self-verification accuracy on correct' },
  { metric: 'laser/accuracy_on_incorrect', title: 'Self-verification accuracy on incorrect' },
  { metric: 'response_length/mean', title: 'Response length' },
  { metric: 'response_length/clip_ratio', title: 'Response clip ratio' },
  { metric: 'actor/entropy', title: 'Entropy' },
  { metric: 'actor/grad_norm', title: 'Grad norm' },
  { metric: 'perf/throughput', title: 'Throughput (tokens/s/GPU)' },
];

export interface MetricGroup {
  readonly prefix: string;
  readonly metrics: readonly string[];
}

/** Groups names by their first path segment (`actor/…`, `val-core/…`); names without `/` go to "other". */
export function groupByPrefix(names: Iterable<string>): MetricGroup[] {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const slash = name.indexOf('/');
    const prefix = slash > 0 ? name.slice(0, slash) : 'other';
    let list = groups.get(prefix);
    if (!list) groups.set(prefix, (list = []));
    list.push(name);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([prefix, metrics]) => ({ prefix, metrics: metrics.sort() }));
}
