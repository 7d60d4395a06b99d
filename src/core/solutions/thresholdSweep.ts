import { scoreRange } from './histograms';
import { confusionAt, metricsOf, type ScoredVerdict, type VerificationMetrics } from './selfVerification';

export type SweepPoint = { readonly threshold: number } & Omit<VerificationMetrics, 'auc'>;

export const DEFAULT_SWEEP_STEPS = 20;

/** Thresholds spread evenly over the score range (steps + 1 of them, both ends included). */
export function sweepThresholds(items: readonly ScoredVerdict[], steps = DEFAULT_SWEEP_STEPS): number[] {
  const { lo, hi } = scoreRange(items);
  return Array.from({ length: steps + 1 }, (_, i) => (i === steps ? hi : lo + ((hi - lo) * i) / steps));
}

/** Self-verification metrics (predicted correct ⇔ score > threshold) at each threshold. */
export function thresholdSweep(items: readonly ScoredVerdict[], thresholds: readonly number[] = sweepThresholds(items)): SweepPoint[] {
  return thresholds.map((threshold) => ({ threshold, ...metricsOf(confusionAt(items, threshold)) }));
}
