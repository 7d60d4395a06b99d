import { REDACTED } from './secretEnv';

/** Values shorter than this are not masked in output: they would hit ordinary text ("true", "1234"), and are no real secret. */
export const MIN_MASKED_LENGTH = 8;

/**
 * Masks secret values in a stream of text chunks. Text is handled as latin1 so every byte survives unchanged;
 * the end of a chunk that could be the start of a secret is held back until the next chunk (or `flush`).
 */
export class OutputRedactor {
  private readonly secrets: string[];
  private held = '';

  constructor(values: readonly string[]) {
    const latin1 = values.filter((v) => v.length >= MIN_MASKED_LENGTH).map((v) => Buffer.from(v, 'utf8').toString('latin1'));
    this.secrets = [...new Set(latin1)].sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.secrets.length > 0;
  }

  push(chunk: string): string {
    if (!this.active) return chunk;
    let text = this.held + chunk;
    for (const secret of this.secrets) text = text.split(secret).join(REDACTED);
    const keep = this.partialSecretAtEnd(text);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  private partialSecretAtEnd(text: string): number {
    let longest = 0;
    for (const secret of this.secrets) {
      for (let k = Math.min(secret.length - 1, text.length); k > longest; k--) {
        if (text.endsWith(secret.slice(0, k))) {
          longest = k;
          break;
        }
      }
    }
    return longest;
  }
}
