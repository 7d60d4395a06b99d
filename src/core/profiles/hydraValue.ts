/** Formatting of Hydra command-line override values (`key=value`), as verl's `main_ppo` parses them. */

const UNQUOTED = /^[A-Za-z0-9_\-+./:@%]+$/;

/** A string value: bare when Hydra reads it back unchanged, otherwise quoted. */
export function hydraString(value: string): string {
  return UNQUOTED.test(value) ? value : hydraQuote(value, "'");
}

/**
 * Hydra quoted string: a quote inside is escaped with a backslash, and backslashes need doubling only where
 * they come right before a quote or the closing quote.
 */
export function hydraQuote(value: string, quote: "'" | '"'): string {
  const escaped = value.replace(/(\\*)(['"]|$)/g, (_match, slashes: string, next: string) => {
    const doubled = slashes + slashes;
    return next === quote ? `${doubled}\\${next}` : next === '' ? doubled : `${slashes}${next}`;
  });
  return `${quote}${escaped}${quote}`;
}

export function hydraList(values: readonly string[]): string {
  return `[${values.map((v) => hydraQuote(v, '"')).join(',')}]`;
}

/** Python-style booleans, as the LaSeR scripts write them. */
export function hydraBoolean(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A float that stays a float for Hydra (`-23.0`, not `-23`). */
export function hydraFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export function hydraPaths(value: string | readonly string[]): string {
  return typeof value === 'string' ? hydraString(value) : hydraList(value);
}

/** A value from a profile's `overrides` object: strings are passed as written (they may be Hydra syntax). */
export function hydraOverrideValue(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return hydraBoolean(value);
  return String(value);
}
