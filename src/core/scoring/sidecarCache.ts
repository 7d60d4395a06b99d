import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScoreOutcome } from './scoreOutcome';
import type { ScoreSettings } from './scoreSettings';
import type { ModelKind } from './modelFolder';

export const SIDECAR_VERSION = 1;

/** `<workspace>/.laser/scores/<content hash>-<key hash>.json`. */
export interface Sidecar extends ScoreOutcome {
  readonly version: number;
  readonly createdAt: string;
  /** The scored file as it was when scored (a later edit changes its hash and misses the cache). */
  readonly file: { readonly path: string; readonly sha256: string };
  readonly model: { readonly dir: string; readonly kind: ModelKind; readonly identity: string };
  readonly settings: ScoreSettings;
  readonly backend: string;
}

export interface SidecarKey {
  readonly contentSha256: string;
  readonly modelIdentity: string;
  readonly settings: ScoreSettings;
}

export function contentSha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function scoresDir(laserDir: string): string {
  return join(laserDir, 'scores');
}

export function sidecarPath(laserDir: string, key: SidecarKey): string {
  const { tokenId, beta, cRef } = key.settings;
  const keyHash = createHash('sha256').update(JSON.stringify([key.modelIdentity, tokenId, beta, cRef])).digest('hex').slice(0, 16);
  return join(scoresDir(laserDir), `${key.contentSha256.slice(0, 16)}-${keyHash}.json`);
}

function isSidecar(value: unknown): value is Sidecar {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Sidecar>;
  return s.version === SIDECAR_VERSION && typeof s.file?.sha256 === 'string' && Array.isArray(s.lines) && typeof s.createdAt === 'string';
}

async function readSidecarFile(path: string): Promise<Sidecar | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isSidecar(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The cache for exactly this content, model and settings, if there is one. */
export async function readSidecar(laserDir: string, key: SidecarKey): Promise<Sidecar | undefined> {
  const sidecar = await readSidecarFile(sidecarPath(laserDir, key));
  return sidecar?.file.sha256 === key.contentSha256 ? sidecar : undefined;
}

/** Temp file + rename: a reader never sees half a cache, and a failed write leaves the old one. */
export async function writeSidecar(laserDir: string, key: SidecarKey, sidecar: Sidecar): Promise<string> {
  const path = sidecarPath(laserDir, key);
  await mkdir(scoresDir(laserDir), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(sidecar));
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return path;
}

/** The newest cache (any model, any settings) for this file content, or undefined when it was never scored. */
export async function newestSidecar(laserDir: string, fileContent: Uint8Array | string): Promise<Sidecar | undefined> {
  const sha = contentSha256(fileContent);
  let names: string[];
  try {
    names = await readdir(scoresDir(laserDir));
  } catch {
    return undefined;
  }
  let newest: Sidecar | undefined;
  for (const name of names.filter((n) => n.startsWith(`${sha.slice(0, 16)}-`) && n.endsWith('.json'))) {
    const sidecar = await readSidecarFile(join(scoresDir(laserDir), name));
    if (sidecar?.file.sha256 === sha && (!newest || sidecar.createdAt > newest.createdAt)) newest = sidecar;
  }
  return newest;
}
