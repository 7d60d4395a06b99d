/**
 * Exponential moving average with debiasing (as TensorBoard's smoothing slider): weight 0 returns the raw values,
 * 0.99 is very smooth. Gaps (null) stay gaps and do not reset the average.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.slice();
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}
