import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** The repository root (holds package.json and .toolchain.json). */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'python'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no repository root above ${from}`);
    dir = up;
  }
  return dir;
}

/** The test venv's interpreter (scripts/setup-toolchain.sh writes it to .toolchain.json). */
export function testPython(): string {
  if (process.env.LASER_LAB_TEST_PYTHON) return process.env.LASER_LAB_TEST_PYTHON;
  const file = join(repoRoot(), '.toolchain.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run "bash scripts/setup-toolchain.sh" first`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { python: string }).python;
}

function sourcesHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name !== '__pycache__') walk(path);
      } else if (name.endsWith('.py')) hash.update(path).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

export interface TinyModel {
  /** The Hugging Face checkpoint (real Qwen tokenizer, seed 0). */
  readonly checkpoint: string;
  /** Its export: model.onnx + config.json with the laser_lab block + tokenizer files. */
  readonly onnx: string;
}

/**
 * Builds the deterministic tiny Qwen2 checkpoint and its ONNX export with the venv's Python, once per version of the
 * Python sources: the folder is built under a fresh temp name and renamed into place, so test files running at the
 * same time share it.
 */
export async function tinyModel(): Promise<TinyModel> {
  const root = repoRoot();
  const folder = join(tmpdir(), `laser-lab-tiny-qwen-${sourcesHash(join(root, 'python', 'laser_lab'))}`);
  const model = { checkpoint: join(folder, 'checkpoint'), onnx: join(folder, 'onnx') };
  if (existsSync(join(model.onnx, 'config.json'))) return model;
  const building = mkdtempSync(`${folder}.building-`);
  const python = testPython();
  const env = { ...process.env, PYTHONPATH: join(root, 'python') };
  // Asynchronous, so an extension host running the integration suites stays responsive while the model is built.
  const run = (args: string[]) => promisify(execFile)(python, args, { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
  await run(['-m', 'laser_lab.testing.make_tiny_checkpoint', join(building, 'checkpoint'), '--tokenizer', 'qwen', '--seed', '0']);
  await run(['-m', 'laser_lab.export_onnx', join(building, 'checkpoint'), join(building, 'onnx')]);
  try {
    renameSync(building, folder);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another test built it first
  }
  return model;
}
