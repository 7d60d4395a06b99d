import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes JSON through a temporary file in the same folder and a rename, so readers see the old or the new file, never half of one. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = tempPath(path);
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The same, synchronously: for the supervisor's last writes before it exits. */
export function writeJsonAtomicSync(path: string, value: unknown): void {
  const temp = tempPath(path);
  try {
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { flush: true });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}
