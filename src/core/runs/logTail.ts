import { open } from 'node:fs/promises';

/** The last `lines` lines of a log (reading at most its last `maxBytes`); a progress bar's carriage-return updates keep only their last state. */
export async function readLogTail(path: string, lines = 20, maxBytes = 64 * 1024): Promise<string[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    const all = text.split('\n').map((line) => line.replace(/\r+$/, '').split('\r').pop()!);
    if (length < size) all.shift();
    while (all.length > 0 && all[all.length - 1] === '') all.pop();
    return all.slice(-lines);
  } finally {
    await handle.close();
  }
}
