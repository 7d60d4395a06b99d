import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT_FILE, RUN_FILE } from './runRecord';

export type JsonFile = { readonly state: 'missing' } | { readonly state: 'invalid' } | { readonly state: 'ok'; readonly value: Record<string, unknown> };

/** A run folder's JSON file: missing, not a JSON object, or its object. */
export async function readJsonObject(path: string): Promise<JsonFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { state: 'ok', value: value as Record<string, unknown> } : { state: 'invalid' };
  } catch {
    return { state: 'invalid' };
  }
}

export const runFile = (dir: string) => join(dir, RUN_FILE);
export const exitFile = (dir: string) => join(dir, EXIT_FILE);

export function numberField(object: Record<string, unknown>, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function stringField(object: Record<string, unknown>, key: string): string | undefined {
  return typeof object[key] === 'string' ? (object[key] as string) : undefined;
}
