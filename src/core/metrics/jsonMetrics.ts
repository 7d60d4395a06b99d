import type { StepLine } from './verlConsole';

/**
 * JSON metric lines:
 * - verl ≥0.6 file logger: `{"step": N, "data": {…}}` (Python's json.dumps writes NaN and ±Infinity bare);
 * - our workers: `{"event": "metrics", "step": N, "data": {…}}`; other events (progress, result, error) are not metrics;
 * - any other JSON object with a numeric `step` and numeric fields; nested objects flatten to `a/b`.
 * `null` values are skipped; the strings "NaN", "Infinity" and "-Infinity" are those numbers.
 */
export function parseJsonMetricLine(text: string, warn: (message: string) => void): StepLine | undefined {
  const parsed = parseLenient(text.trim());
  if (parsed === undefined) {
    if (text.includes('"step"') || text.includes('"metrics"')) warn('expected a complete JSON object such as {"step": N, "data": {…}}, but this line is not valid JSON');
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  if (parsed.event !== undefined) return parsed.event === 'metrics' ? readStepAndData(parsed, warn) : undefined;
  if (!('step' in parsed)) return undefined;
  if (isObject(parsed.data)) return readStepAndData(parsed, warn);
  const step = readStep(parsed.step, warn);
  if (step === undefined) return undefined;
  const values = new Map<string, number>();
  flatten(parsed, '', values, undefined);
  return { step, values };
}

function readStepAndData(line: Record<string, unknown>, warn: (message: string) => void): StepLine | undefined {
  const step = readStep(line.step, warn);
  if (step === undefined) return undefined;
  if (!isObject(line.data)) {
    warn(`expected "data" to be an object of metrics, found ${describe(line.data)}`);
    return undefined;
  }
  const values = new Map<string, number>();
  flatten(line.data, '', values, (key, value) => warn(`expected a number for "${key}", found ${describe(value)}`));
  return { step, values };
}

function readStep(step: unknown, warn: (message: string) => void): number | undefined {
  if (typeof step === 'number' && Number.isFinite(step)) return step;
  warn(`expected a numeric "step", found ${describe(step)}`);
  return undefined;
}

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function flatten(object: Record<string, unknown>, prefix: string, values: Map<string, number>, onBad: ((key: string, value: unknown) => void) | undefined): void {
  for (const name in object) {
    const value = object[name];
    if (prefix === '' && name === 'step') continue;
    const key = prefix === '' ? name : `${prefix}/${name}`;
    if (typeof value === 'number') values.set(key, value);
    else if (typeof value === 'boolean') values.set(key, value ? 1 : 0);
    else if (value === null) continue;
    else if (typeof value === 'string' && value in NON_FINITE) values.set(key, NON_FINITE[value]!);
    else if (isObject(value)) flatten(value, key, values, onBad);
    else onBad?.(key, value);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (!text.includes('NaN') && !text.includes('Infinity')) return undefined;
  }
  try {
    return JSON.parse(quoteNonFinite(text));
  } catch {
    return undefined;
  }
}

/** Quotes bare NaN, Infinity and -Infinity outside strings, so that JSON.parse accepts what Python wrote. */
function quoteNonFinite(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const word = text.startsWith('NaN', i) ? 'NaN' : text.startsWith('Infinity', i) ? 'Infinity' : text.startsWith('-Infinity', i) ? '-Infinity' : undefined;
    if (word === undefined) continue;
    out += `${text.slice(copied, i)}"${word}"`;
    i += word.length - 1;
    copied = i + 1;
  }
  return out + text.slice(copied);
}
