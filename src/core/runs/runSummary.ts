export type RunStatus = 'running' | 'succeeded' | 'failed' | 'invalid';

export interface RunSummary {
  readonly id: string;
  readonly dir: string;
  readonly name: string;
  readonly kind: string;
  readonly status: RunStatus;
  readonly startTime?: string;
  /** Set when run.json or exit.json cannot be read: says which file and what was expected. */
  readonly problem?: string;
}
