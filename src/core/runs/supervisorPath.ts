import { join } from 'node:path';

/** dist/supervisor.js next to the running bundle (dist/extension.js and dist/cli.js both live in dist/). */
export function defaultSupervisorPath(bundleDir: string = __dirname): string {
  return join(bundleDir, 'supervisor.js');
}
