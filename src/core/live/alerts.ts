import type { MetricRecord } from '../metrics/record';

export interface AlertRules {
  /** Metrics whose nan/inf means the run is broken: names containing one of these. */
  readonly nonFiniteWatch: readonly string[];
  /** The reward collapsed: `metric` fell below `fractionOfPeak` × its best value, after `minSteps` steps. */
  readonly rewardCollapse: { readonly metric: string; readonly fractionOfPeak: number; readonly minSteps: number };
  /** Silent for more than this many median step times. */
  readonly silenceFactor: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  nonFiniteWatch: ['loss', 'grad_norm'],
  rewardCollapse: { metric: 'critic/score/mean', fractionOfPeak: 0.5, minSteps: 10 },
  silenceFactor: 5,
};

export interface Alert {
  /** One alert per key and run: a second occurrence is not shown again. */
  readonly key: string;
  readonly message: string;
}

/** Watches a run's records for what a user must hear about at once. */
export class AlertWatch {
  private readonly raised = new Set<string>();
  private peak = Number.NEGATIVE_INFINITY;
  private steps = 0;

  constructor(private readonly rules: AlertRules = DEFAULT_ALERT_RULES) {}

  check(record: MetricRecord): Alert[] {
    const alerts: Alert[] = [];
    this.steps++;
    for (const [name, value] of record.values) {
      if (Number.isFinite(value) || !this.rules.nonFiniteWatch.some((w) => name.includes(w))) continue;
      this.raise(alerts, `nonfinite:${name}`, `${name} is ${value} at step ${record.step}.`);
    }
    const { metric, fractionOfPeak, minSteps } = this.rules.rewardCollapse;
    const reward = record.values.get(metric);
    if (reward !== undefined && Number.isFinite(reward)) {
      if (this.steps >= minSteps && this.peak > 0 && reward < fractionOfPeak * this.peak) {
        this.raise(alerts, `collapse:${metric}`, `${metric} collapsed to ${reward.toFixed(3)} at step ${record.step} (best ${this.peak.toFixed(3)}).`);
      }
      this.peak = Math.max(this.peak, reward);
    }
    return alerts;
  }

  /** A running run that printed nothing for `silentMs` while a step usually takes `medianStepMs`. */
  checkSilence(silentMs: number, medianStepMs: number | undefined): Alert[] {
    if (!medianStepMs || silentMs <= this.rules.silenceFactor * medianStepMs) return [];
    const alerts: Alert[] = [];
    this.raise(alerts, 'silence', `no output for ${Math.round(silentMs / 60_000)} min, ${this.rules.silenceFactor}× longer than a usual step (${Math.round(medianStepMs / 1000)} s).`);
    return alerts;
  }

  private raise(alerts: Alert[], key: string, message: string): void {
    if (this.raised.has(key)) return;
    this.raised.add(key);
    alerts.push({ key, message });
  }
}
