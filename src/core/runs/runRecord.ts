import type { RunProfile } from '../profiles/runProfile';

export const RUN_FILE = 'run.json';
export const EXIT_FILE = 'exit.json';
export const LOG_FILE = 'output.log';

/** `<run>/run.json`: written by createRun, then updated (atomically) only by the run's supervisor. */
export interface RunRecord {
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** The profile as it was when the run was created, secret env values replaced by "<redacted>". */
  readonly profile: RunProfile;
  readonly profileFile?: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Variables set on top of the inherited environment, secret ones redacted. */
  readonly env: Readonly<Record<string, string>>;
  readonly gpus: readonly number[] | null;
  readonly host: string;
  /** When the run was created, then when its command started. */
  readonly startTime: string;
  readonly status: 'queued' | 'running' | 'finished' | 'failed';
  /** The supervisor's pid and its start time in clock ticks after boot (Linux), to tell it from a recycled pid. */
  readonly pid?: number;
  readonly pidStartTicks?: number;
  /** The command's process group (its pid): stop signals go to the whole group. */
  readonly pgid?: number;
  readonly pgidStartTicks?: number;
  readonly endTime?: string;
}

/** `<run>/exit.json`, written by the supervisor when the command has ended. */
export interface ExitRecord {
  readonly code: number | null;
  readonly signal: string | null;
  readonly endTime: string;
  /** Why the command could not be started (then code is 127). */
  readonly error?: string;
}
