/**
 * queued: created, not started yet · running: its supervisor is alive · finished: exit code 0 ·
 * failed: any other exit (code or signal) · lost: no exit.json and no live supervisor, so the outcome is unknown.
 */
export type RunStatus = 'queued' | 'running' | 'finished' | 'failed' | 'lost';

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'finished', 'failed', 'lost'];

export interface RunSummary {
  readonly id: string;
  readonly dir: string;
  readonly name: string;
  readonly kind: string;
  readonly status: RunStatus;
  readonly startTime?: string;
  readonly endTime?: string;
  /** The command's exit code; null when it ended by a signal or its end is unknown. */
  readonly exitCode?: number | null;
  readonly signal?: string | null;
  /** The supervisor's pid and the command's process group, once started. */
  readonly pid?: number;
  readonly pgid?: number;
  /** Why a run is lost, or which file could not be read and what was expected. */
  readonly problem?: string;
  /** The last lines of output.log, for failed and lost runs. */
  readonly logTail?: readonly string[];
}
