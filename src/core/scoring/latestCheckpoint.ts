import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const MARKER = 'latest_checkpointed_iteration.txt';

/**
 * A run folder's newest checkpoint: verl and `laser_lab.train` write `latest_checkpointed_iteration.txt` (the step)
 * next to `global_step_N/`, somewhere under the run (usually `checkpoints/<project>/<experiment>/`). The HF weights
 * live in `global_step_N/` itself or in its `actor/huggingface/`. Undefined when there is no checkpoint.
 */
export async function latestCheckpoint(runDir: string, depth = 5): Promise<string | undefined> {
  const marker = await findMarker(runDir, depth);
  if (!marker) return undefined;
  const step = (await readFile(join(marker, MARKER), 'utf8')).trim();
  if (!/^\d+$/.test(step)) return undefined;
  const base = join(marker, `global_step_${step}`);
  for (const candidate of [join(base, 'actor', 'huggingface'), join(base, 'huggingface'), base]) {
    if (await isFile(join(candidate, 'config.json'))) return candidate;
  }
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function findMarker(dir: string, depth: number): Promise<string | undefined> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  if (entries.some((e) => e.isFile() && e.name === MARKER)) return dir;
  if (depth === 0) return undefined;
  for (const e of entries.filter((x) => x.isDirectory() && !x.name.startsWith('global_step_')).sort((a, b) => a.name.localeCompare(b.name))) {
    const found = await findMarker(join(dir, e.name), depth - 1);
    if (found) return found;
  }
  return undefined;
}
