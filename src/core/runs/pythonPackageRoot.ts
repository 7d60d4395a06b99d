import { join } from 'node:path';

/** The folder holding the `laser_lab` Python package: `python/` beside dist/ (in the repository and in the .vsix). */
export function defaultPythonPackageRoot(bundleDir: string = __dirname): string {
  return join(bundleDir, '..', 'python');
}
