/** One validation number, from `val-core/<data source>/<variable>/<stat>@<n>` (verl ≥0.4) or `val/test_score/<data source>` (older). */
export interface ValidationMetric {
  readonly section: 'val-core' | 'val-aux' | 'val';
  /** May contain '/', e.g. `openai/gsm8k`. */
  readonly dataSource: string;
  /** `reward`, `acc`, …; `test_score` for the old keys. */
  readonly variable: string;
  /** `mean`, `std`, or for bootstrapped stats `best/mean`, `worst/std`, `maj/mean`, … */
  readonly stat: string;
  /** Responses per prompt the stat is over; 1 for the old keys. */
  readonly n: number;
  readonly value: number;
}

export const VAL_ACCURACY = 'laser/val_accuracy';

const STAT = /^([A-Za-z_]\w*)@(\d+)$/;

/**
 * Reads a validation key. Data sources contain '/', so it is read from the right: the last part is `<stat>@<n>`,
 * or, for the bootstrapped stats verl also logs (`best@4/mean`), the last two; the part before is the variable.
 */
export function parseValidationKey(key: string): Omit<ValidationMetric, 'value'> | undefined {
  if (key.startsWith('val/test_score/')) {
    const dataSource = key.slice('val/test_score/'.length);
    return dataSource === '' ? undefined : { section: 'val', dataSource, variable: 'test_score', stat: 'mean', n: 1 };
  }
  const section = key.startsWith('val-core/') ? 'val-core' : key.startsWith('val-aux/') ? 'val-aux' : undefined;
  if (!section) return undefined;
  const parts = key.slice(section.length + 1).split('/');
  let at = parts.length - 1;
  let suffix = '';
  let stat = STAT.exec(parts[at]!);
  if (!stat && at > 0 && (parts[at] === 'mean' || parts[at] === 'std')) {
    suffix = `/${parts[at]}`;
    at -= 1;
    stat = STAT.exec(parts[at]!);
  }
  if (!stat || at < 2) return undefined;
  const dataSource = parts.slice(0, at - 1).join('/');
  if (dataSource === '') return undefined;
  return { section, dataSource, variable: parts[at - 1]!, stat: `${stat[1]}${suffix}`, n: Number(stat[2]) };
}

/** Every validation number among one step's values. */
export function validationMetrics(values: ReadonlyMap<string, number>): ValidationMetric[] {
  const out: ValidationMetric[] = [];
  for (const [key, value] of values) {
    if (key.charCodeAt(0) !== 118 /* v */) continue;
    const parsed = parseValidationKey(key);
    if (parsed) out.push({ ...parsed, value });
  }
  return out;
}

/** Preference among a data source's candidates for "its accuracy": `acc` over `reward` (as verl picks its core variable), then val-core, then the fewest responses. */
function rank(m: ValidationMetric): number {
  const variable = m.variable === 'acc' ? 0 : m.variable === 'reward' ? 1 : 2;
  return variable * 1e9 + (m.section === 'val-aux' ? 1e8 : 0) + m.n;
}

/**
 * The headline validation accuracy: over data sources, the mean of each one's `acc` (else `reward`) mean@n, or
 * its old `test_score`. mean@n averages n samples per prompt, so for any n it estimates the one-sample accuracy.
 */
export function validationAccuracy(metrics: readonly ValidationMetric[]): number | undefined {
  const best = new Map<string, ValidationMetric>();
  for (const m of metrics) {
    if (m.stat !== 'mean' || !(m.variable === 'acc' || m.variable === 'reward' || m.variable === 'test_score') || !Number.isFinite(m.value)) continue;
    const current = best.get(m.dataSource);
    if (!current || rank(m) < rank(current)) best.set(m.dataSource, m);
  }
  if (best.size === 0) return undefined;
  let sum = 0;
  for (const m of best.values()) sum += m.value;
  return sum / best.size;
}
