/**
 * Indices sorted by length (longest first) and cut into batches whose padded size (rows × longest row) fits
 * `budgetTokens`; a sequence longer than the budget gets a batch of its own. Same rule as the Python worker.
 */
export function tokenBudgetBatches(lengths: readonly number[], budgetTokens: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const i of order) {
    const width = current.length ? lengths[current[0]!]! : lengths[i]!;
    if (current.length && (current.length + 1) * width > budgetTokens) {
      batches.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length) batches.push(current);
  return batches;
}

export interface PaddedBatch {
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
  readonly rows: number;
  readonly width: number;
}

/** Row-major int64 tensors, LEFT-padded so every row's last real token sits in the last column. */
export function leftPad(sequences: readonly (readonly number[])[], padId: number): PaddedBatch {
  const width = Math.max(...sequences.map((s) => s.length));
  const rows = sequences.length;
  const inputIds = new BigInt64Array(rows * width).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(rows * width);
  sequences.forEach((seq, r) => {
    const start = r * width + (width - seq.length);
    seq.forEach((id, k) => {
      inputIds[start + k] = BigInt(id);
      attentionMask[start + k] = 1n;
    });
  });
  return { inputIds, attentionMask, rows, width };
}
