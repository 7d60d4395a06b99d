/**
 * Numbers as trainers print them: `0.123` (verl ≤0.4 formats with `.3f`), full-precision reprs (≥0.5 uses
 * pprint.pformat), `1e-05`, `1.2E+03`, `nan`, `inf`, `-inf`, `-0.000`, numpy 2 reprs such as `np.float64(0.5)`
 * or `np.int64(3)`, and Python booleans (`True` → 1, `False` → 0).
 */

// 10^k for k ≤ 22, all exact doubles (5^22 < 2^53); built by multiplying, which is exact at every step.
const POW10: number[] = [1];
for (let k = 1; k <= 22; k++) POW10.push(POW10[k - 1]! * 10);
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const NUMPY_CALL = /^(?:np|numpy)\.[A-Za-z_]\w*\((.*)\)$/s;
const NUMBER_PREFIX = /^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d*)?|\.\d*)?$/;
const NUMPY_PREFIX = /^(?:np|numpy)\.(?:[A-Za-z_]\w*(?:\((.*))?)?$/s;
const WORDS = ['nan', '-nan', '+nan', 'inf', '-inf', '+inf', 'infinity', '-infinity', 'true', 'false'];

/** Reads a number spelled `text`; undefined when it is not one. */
export function parseVerlNumber(text: string): number | undefined {
  let token = text.trim();
  const call = NUMPY_CALL.exec(token);
  if (call) token = call[1]!.trim();
  if (DECIMAL.test(token)) return Number(token);
  switch (token.toLowerCase()) {
    case 'nan':
    case '-nan':
    case '+nan':
      return Number.NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
  }
  if (token === 'True') return 1;
  if (token === 'False') return 0;
  return undefined;
}

const MAX_EXACT = 2 ** 53;

/**
 * Reads the number in `s` between `from` and `to` without regular expressions and, when it can, without a
 * substring. A decimal whose digits form an integer m ≤ 2^53 with a power of ten 10^k, |k| ≤ 22, is exact as
 * m / 10^k or m · 10^k: both operands are exact doubles and one operation rounds correctly. Other decimals
 * the scan has checked go to Number(); `np.float64(…)` is unwrapped; words (nan, inf, True) go the slow way.
 */
export function readNumber(s: string, from: number, to: number): number | undefined {
  while (from < to && s.charCodeAt(from) === 32) from++;
  while (to > from && s.charCodeAt(to - 1) === 32) to--;
  if (s.charCodeAt(from) === 110 /* n */ && s.charCodeAt(from + 1) === 112 /* p */ && s.charCodeAt(from + 2) === 46 /* . */ && s.charCodeAt(to - 1) === 41 /* ) */) {
    const open = s.indexOf('(', from + 3);
    if (open > from + 3 && open < to) return readNumber(s, open + 1, to - 1);
  }
  let i = from;
  const negative = s.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) fraction++;
    } else if (c === 46 /* . */ && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (digits === 0) return parseVerlNumber(s.slice(from, to));
  let power = -fraction;
  if (i < to) {
    const exponent = readExponent(s, i, to);
    if (exponent === undefined) return parseVerlNumber(s.slice(from, to));
    power += exponent;
  }
  // Once the digits pass 2^53 the running mantissa is rounded, but never below 2^53: hence >=.
  if (mantissa >= MAX_EXACT || power < -22 || power > 22) return Number(s.slice(from, to));
  const magnitude = power < 0 ? mantissa / POW10[-power]! : mantissa * POW10[power]!;
  return negative ? -magnitude : magnitude;
}

/** The exponent written from `i` to `to` (e or E, an optional sign, digits), or undefined. */
function readExponent(s: string, i: number, to: number): number | undefined {
  const e = s.charCodeAt(i);
  if (e !== 101 && e !== 69) return undefined;
  let j = i + 1;
  const sign = s.charCodeAt(j);
  if (sign === 43 || sign === 45) j++;
  if (j >= to || to - j > 4) return undefined;
  let exponent = 0;
  for (; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
    exponent = exponent * 10 + (c - 48);
  }
  return sign === 45 ? -exponent : exponent;
}

/** Whether `text` could be the start of a number (used to tell a line cut inside a value). */
export function isNumberPrefix(text: string): boolean {
  if (NUMBER_PREFIX.test(text)) return true;
  const lower = text.toLowerCase();
  if (WORDS.some((word) => word.startsWith(lower))) return true;
  if ('np.'.startsWith(text) || 'numpy.'.startsWith(text)) return true;
  const call = NUMPY_PREFIX.exec(text);
  if (!call) return false;
  const inner = call[1];
  if (inner === undefined) return true;
  return inner.endsWith(')') ? parseVerlNumber(inner.slice(0, -1)) !== undefined : isNumberPrefix(inner);
}
