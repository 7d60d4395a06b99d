import type { Launcher } from './runProfile';

/**
 * Wraps a command for its launcher, still as an argv array:
 * - `local`: the command itself.
 * - `ray-job`: `ray job submit <launcherArgs> -- <command>`; it waits for the job, streams its logs and exits 0 or 1.
 *   Ray joins the entrypoint into one shell command on the cluster, so the pre-start checks refuse shell characters there.
 * - `slurm`: `srun <launcherArgs> <command>`; srun runs the argv without a shell, streams output, returns the exit code
 *   and passes SIGINT/SIGTERM to the job step. (`sbatch --wrap` would need a shell string and returns at once.)
 */
export function launcherArgv(launcher: Launcher, launcherArgs: readonly string[], argv: readonly string[]): string[] {
  switch (launcher) {
    case 'local':
      return [...argv];
    case 'ray-job':
      return ['ray', 'job', 'submit', ...launcherArgs, '--', ...argv];
    case 'slurm':
      return ['srun', ...launcherArgs, ...argv];
  }
}
