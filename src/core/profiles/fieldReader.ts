import type { ProfileError } from './profileError';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly exclusiveMin?: number;
}

/** Reads typed fields out of one JSON object, recording an error (named by its path) for every wrong value. */
export class FieldReader {
  constructor(
    readonly object: JsonObject,
    readonly prefix: string,
    private readonly errors: ProfileError[],
  ) {}

  get errorCount(): number {
    return this.errors.length;
  }

  path(key: string | number): string {
    return childPath(this.prefix, key);
  }

  fail(key: string | number, message: string): undefined {
    this.errors.push({ path: this.path(key), message });
    return undefined;
  }

  failAt(path: string, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  has(key: string): boolean {
    return this.object[key] !== undefined;
  }

  required(key: string, what: string): void {
    if (!this.has(key)) this.fail(key, `required ${what}`);
  }

  string(key: string): string | undefined {
    const value = this.object[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(key, 'expected a string');
    if (value.trim() === '') return this.fail(key, 'expected a non-empty string');
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.object[key];
    if (value === undefined) return undefined;
    return typeof value === 'boolean' ? value : this.fail(key, 'expected true or false');
  }

  number(key: string, rule: NumberRule = {}): number | undefined {
    return checkNumber(this.object[key], rule, (message) => this.fail(key, message));
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.object[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    return this.fail(key, `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  stringList(key: string, options: { readonly nonEmpty?: boolean } = {}): string[] | undefined {
    const value = this.object[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.fail(key, 'expected an array of strings');
    if (options.nonEmpty && value.length === 0) return this.fail(key, 'expected at least one string');
    let ok = true;
    value.forEach((item, i) => {
      if (typeof item !== 'string') {
        ok = false;
        this.errors.push({ path: childPath(this.path(key), i), message: 'expected a string' });
      }
    });
    return ok ? (value as string[]) : undefined;
  }

  /** A single path or a non-empty list of paths (verl accepts both for data files). */
  stringOrList(key: string): string | string[] | undefined {
    const value = this.object[key];
    if (Array.isArray(value)) return this.stringList(key, { nonEmpty: true });
    if (value === undefined || typeof value === 'string') return this.string(key);
    return this.fail(key, 'expected a string or an array of strings');
  }

  /** A nested object; undefined (with an error) when present but not an object. */
  nested(key: string): FieldReader | undefined {
    const value = this.object[key];
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) return this.fail(key, 'expected an object');
    return new FieldReader(value, this.path(key), this.errors);
  }

  /** Records an error for every key not in `allowed`, suggesting a near spelling. */
  rejectUnknown(allowed: ReadonlySet<string>, context: string): void {
    for (const key of Object.keys(this.object)) {
      if (allowed.has(key)) continue;
      const near = nearest(key, allowed);
      this.fail(key, `unknown field${context}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
}

export function checkNumber(value: unknown, rule: NumberRule, fail: (message: string) => undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(rule.integer ? 'expected an integer' : 'expected a number');
  if (rule.integer && !Number.isInteger(value)) return fail('expected an integer');
  if (rule.min !== undefined && value < rule.min) return fail(`expected a number >= ${rule.min}`);
  if (rule.exclusiveMin !== undefined && value <= rule.exclusiveMin) return fail(`expected a number > ${rule.exclusiveMin}`);
  return value;
}

function nearest(key: string, allowed: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
