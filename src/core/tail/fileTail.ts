import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface FileTailOptions {
  /** Byte offset to start from (where reading stopped before a reload). */
  readonly fromOffset?: number;
  /** Stat interval backing up file-system events, which network file systems may not deliver. */
  readonly pollMs?: number;
}

const CHUNK = 1 << 20;

/**
 * Follows a growing file (a run's output.log): reads what exists, then every append, as text.
 * A file that shrinks was replaced: reading restarts from its beginning and `onReset` is called.
 */
export class FileTail {
  private offset: number;
  private decoder = new StringDecoder('utf8');
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly onText: (text: string) => void,
    private readonly onReset: () => void = () => undefined,
    options: FileTailOptions = {},
  ) {
    this.offset = options.fromOffset ?? 0;
    this.timer = setInterval(() => this.poke(), options.pollMs ?? 500);
    this.timer.unref?.();
    this.watch();
    this.poke();
  }

  /** Bytes read so far. */
  get position(): number {
    return this.offset;
  }

  /** Reads whatever was appended since the last read; resolves when it has been handed over. */
  poke(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readNew().finally(() => {
      this.reading = undefined;
      if (this.again) {
        this.again = false;
        void this.poke();
      }
    });
    return this.reading;
  }

  private watch(): void {
    try {
      // Watching the folder also catches the file being created or replaced.
      this.watcher = watch(dirname(this.path), (_event, name) => {
        if (!name || name === basename(this.path)) void this.poke();
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // The folder does not exist yet: polling covers it.
    }
  }

  private async readNew(): Promise<void> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      return;
    }
    if (size < this.offset) {
      this.offset = 0;
      this.decoder = new StringDecoder('utf8');
      this.onReset();
    }
    if (size === this.offset) return;
    const handle = await open(this.path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size - this.offset));
      while (this.offset < size && !this.closed) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - this.offset), this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const text = this.decoder.write(buffer.subarray(0, bytesRead));
        if (text) this.onText(text);
      }
    } finally {
      await handle.close();
    }
  }

  dispose(): void {
    this.closed = true;
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
  }
}
