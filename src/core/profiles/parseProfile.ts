import { readFile } from 'node:fs/promises';
import { scanJson } from './jsonLocations';
import type { ProfileError } from './profileError';
import { validateProfile, type ProfileValidation } from './validateProfile';

/** Parses and validates a profile's text; errors carry `file` and the line of the field (or of the syntax error). */
export function parseProfileText(text: string, file?: string): ProfileValidation {
  const scan = scanJson(text);
  const at = file === undefined ? {} : { file };
  if (!scan.ok) {
    return { ok: false, errors: [{ ...at, path: '', message: `invalid JSON: ${scan.message}`, line: scan.line, column: scan.column }] };
  }
  const result = validateProfile(scan.value);
  if (result.ok) return result;
  const located = result.errors.map((error): ProfileError => {
    const position = nearestPosition(error.path, scan.positions);
    return { ...at, ...error, ...(position ? { line: position.line, column: position.column } : {}) };
  });
  // Missing fields first, then the others in the order they appear in the file.
  const order = (e: ProfileError) => (e.line ?? 0) * 1e6 + (e.column ?? 0);
  return { ok: false, errors: located.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => order(a) - order(b) || i - j).map(([e]) => e) };
}

/** Reads a profile file; a file that cannot be read is reported like any other profile error. */
export async function readProfileFile(file: string): Promise<ProfileValidation> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`;
    return { ok: false, errors: [{ file, path: '', message }] };
  }
  return parseProfileText(text, file);
}

/** The field itself, else its closest parent that appears in the file (a missing field is reported at its object). */
function nearestPosition<T>(path: string, positions: ReadonlyMap<string, T>): T | undefined {
  for (let p = path; p; p = p.replace(/(?:\.[^.[\]]*|\[\d+\])$/, '')) {
    const found = positions.get(p);
    if (found) return found;
    if (!/[.[]/.test(p)) break;
  }
  return undefined;
}
