import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** Where `command` would be run from: a path (relative to `cwd`) or the first match on PATH; undefined when none. */
export async function findExecutable(command: string, cwd: string, pathVariable = process.env.PATH ?? ''): Promise<string | undefined> {
  if (command.includes('/') || (process.platform === 'win32' && command.includes('\\'))) {
    const path = isAbsolute(command) ? command : resolve(cwd, command);
    return (await isExecutableFile(path)) ? path : undefined;
  }
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of pathVariable.split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const path = join(dir, command + extension);
      if (await isExecutableFile(path)) return path;
    }
  }
  return undefined;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
