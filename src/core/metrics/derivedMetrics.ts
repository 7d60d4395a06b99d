import { deriveLaserMetrics } from './derivedLaser';
import type { MetricRecord } from './record';
import { VAL_ACCURACY, validationAccuracy, validationMetrics } from './validationAccuracy';

/** The `laser/…` metrics of one step: self-verification rates and the headline validation accuracy. */
export function derivedMetrics(values: ReadonlyMap<string, number>): Map<string, number> {
  const derived = deriveLaserMetrics(values);
  const accuracy = validationAccuracy(validationMetrics(values));
  if (accuracy !== undefined) derived.set(VAL_ACCURACY, accuracy);
  return derived;
}

/** `record` with its derived metrics added (a new record; `record` is left as it is). */
export function withDerivedMetrics(record: MetricRecord): MetricRecord {
  const derived = derivedMetrics(record.values);
  if (derived.size === 0) return record;
  return { ...record, values: new Map([...record.values, ...derived]) };
}
