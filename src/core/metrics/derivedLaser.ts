/**
 * Self-verification counters the LaSeR fork of verl logs per step (`verl/workers/actor/dp_actor.py`). They count
 * responses that finished (were not truncated) and are averaged over micro-batches, so their ratios are the
 * ratios of the step's totals. A response is predicted correct when its self-reward score is above 0.5.
 */
export const LASER_COUNTERS = {
  /** N: responses that finished. */
  total: 'actor/internal_reward_total_valid_solutions',
  /** C: of those, responses whose predicted correctness matched the verifier. */
  agreed: 'actor/internal_reward_valid_solutions_total_correct',
  /** P: responses the verifier marked correct. */
  positives: 'actor/internal_reward_total_valid_correct_solutions',
  /** Nn: responses the verifier marked incorrect. */
  negatives: 'actor/internal_reward_total_valid_incorrect_solutions',
  /** TP: correct responses predicted correct. */
  truePositives: 'actor/internal_reward_valid_correct_solutions_total_correct',
  /** TN: incorrect responses predicted incorrect. */
  trueNegatives: 'actor/internal_reward_valid_incorrect_solutions_total_correct',
} as const;

export const LASER_DERIVED = {
  /** C / N */
  selfVerificationAccuracy: 'laser/self_verification_accuracy',
  /** TP / P */
  accuracyOnCorrect: 'laser/accuracy_on_correct',
  /** TN / Nn */
  accuracyOnIncorrect: 'laser/accuracy_on_incorrect',
  /** Harmonic mean of TP/P and TN/Nn: the F1 the LaSeR paper reports. */
  f1: 'laser/f1',
  /** TP / (TP + FP), FP = Nn − TN */
  precision: 'laser/precision',
  /** TP / P */
  recall: 'laser/recall',
  /** 2TP / (2TP + FP + FN), FN = P − TP */
  standardF1: 'laser/standard_f1',
} as const;

/** a / b, or undefined when either is missing or not finite, or b is 0 (no responses of that kind this step). */
function ratio(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return undefined;
  return a / b;
}

/** Harmonic mean; 0 when both rates are 0 (every prediction wrong), as F1 is conventionally. */
function harmonicMean(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
}

/** The `laser/…` metrics computable from one step's counters; ratios with nothing to count are left out. */
export function deriveLaserMetrics(values: ReadonlyMap<string, number>): Map<string, number> {
  const n = values.get(LASER_COUNTERS.total);
  const c = values.get(LASER_COUNTERS.agreed);
  const p = values.get(LASER_COUNTERS.positives);
  const nn = values.get(LASER_COUNTERS.negatives);
  const tp = values.get(LASER_COUNTERS.truePositives);
  const tn = values.get(LASER_COUNTERS.trueNegatives);
  const fp = nn === undefined || tn === undefined ? undefined : nn - tn;
  const fn = p === undefined || tp === undefined ? undefined : p - tp;
  const onCorrect = ratio(tp, p);
  const onIncorrect = ratio(tn, nn);
  const derived: [string, number | undefined][] = [
    [LASER_DERIVED.selfVerificationAccuracy, ratio(c, n)],
    [LASER_DERIVED.accuracyOnCorrect, onCorrect],
    [LASER_DERIVED.accuracyOnIncorrect, onIncorrect],
    [LASER_DERIVED.f1, harmonicMean(onCorrect, onIncorrect)],
    [LASER_DERIVED.precision, tp === undefined || fp === undefined ? undefined : ratio(tp, tp + fp)],
    [LASER_DERIVED.recall, onCorrect],
    [LASER_DERIVED.standardF1, tp === undefined || fp === undefined || fn === undefined ? undefined : ratio(2 * tp, 2 * tp + fp + fn)],
  ];
  const out = new Map<string, number>();
  for (const [key, value] of derived) if (value !== undefined) out.set(key, value);
  return out;
}
