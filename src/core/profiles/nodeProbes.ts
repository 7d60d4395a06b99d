import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { queryGpus } from '../gpu/queryGpus';
import { findExecutable } from './findExecutable';
import type { PreStartProbes } from './preStartChecks';

// find_spec locates the package without importing it (importing verl pulls in torch and takes seconds).
const FIND_MODULE = 'import importlib.util, sys\nsys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 3)';

/** The pre-start probes that ask this machine. */
export function nodeProbes(options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number } = {}): PreStartProbes {
  const env = options.env ?? process.env;
  return {
    pathExists: async (path) => access(path).then(() => true, () => false),
    findExecutable: (command, cwd) => findExecutable(command, cwd, env.PATH ?? ''),
    moduleAvailable: (python, module, cwd) => moduleAvailable(python, module, cwd, env, options.timeoutMs ?? 20_000),
    gpus: () => queryGpus(),
  };
}

export function moduleAvailable(python: string, module: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ available: boolean; detail?: string }> {
  return new Promise((resolve) => {
    execFile(python, ['-c', FIND_MODULE, module], { cwd, env, timeout: timeoutMs, encoding: 'utf8', windowsHide: true }, (error, _stdout, stderr) => {
      if (!error) resolve({ available: true });
      else if (error.code === 3) resolve({ available: false, detail: `no module named ${module}` });
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') resolve({ available: false, detail: `${python} not found` });
      else resolve({ available: false, detail: stderr.trim().split('\n').pop() || error.message });
    });
  });
}
