import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { GpuQueryResult } from '../../../../src/core/gpu/gpuInfo';
import { findExecutable } from '../../../../src/core/profiles/findExecutable';
import { moduleAvailable, nodeProbes } from '../../../../src/core/profiles/nodeProbes';
import { checkBeforeStart, type PreStartIssue, type PreStartProbes } from '../../../../src/core/profiles/preStartChecks';
import { validateProfile } from '../../../../src/core/profiles/validateProfile';

const H100 = (index: number) => ({ index, name: 'NVIDIA H100 80GB HBM3', memoryUsedMiB: 0, memoryTotalMiB: 81559, utilizationPercent: 0 });

interface Machine {
  paths?: string[];
  executables?: string[];
  modules?: string[];
  gpus?: GpuQueryResult;
}

function probes(machine: Machine): PreStartProbes {
  return {
    pathExists: async (p) => ['/ws', ...(machine.paths ?? [])].includes(p),
    findExecutable: async (c) => ((machine.executables ?? ['python3']).includes(c) ? `/usr/bin/${c}` : undefined),
    moduleAvailable: async (_python, module) => ((machine.modules ?? ['verl']).includes(module) ? { available: true } : { available: false, detail: `no module named ${module}` }),
    gpus: async () => machine.gpus ?? { available: true, gpus: [0, 1, 2, 3, 4, 5, 6, 7].map(H100) },
  };
}

async function check(value: unknown, machine: Machine = {}): Promise<string[]> {
  const result = validateProfile(value);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  const issues = await checkBeforeStart(result.profile, { workspaceDir: '/ws', home: '/home/me' }, probes(machine));
  return issues.map((i: PreStartIssue) => `${i.severity} ${i.field ?? '-'}: ${i.message}`);
}

const verl = { kind: 'verl-laser', model: 'Qwen/Qwen2.5-7B', trainFiles: 'data/train.parquet', valFiles: ['data/a.parquet', 'data/b.parquet'] };
const dataHere = ['/ws/data/train.parquet', '/ws/data/a.parquet', '/ws/data/b.parquet'];

test('a verl run with everything in place has no issues', async () => {
  assert.deepEqual(await check(verl, { paths: dataHere }), []);
});

test('missing model and data paths are named by field', async () => {
  assert.deepEqual(await check({ ...verl, model: './models/qwen', trainFiles: '~/data/train.parquet' }, { paths: ['/ws/data/a.parquet'] }), [
    'error model: model not found: ./models/qwen',
    'error trainFiles: data file not found: ~/data/train.parquet',
    'error valFiles[1]: data file not found: data/b.parquet',
  ]);
  assert.deepEqual(await check({ ...verl, model: '/models/missing', trainFiles: 'hdfs://x/train.parquet' }, { paths: dataHere }), ['error model: model not found: /models/missing']);
});

test('interpreter not found, and verl not importable in it', async () => {
  assert.deepEqual(await check({ ...verl, python: '/opt/py/bin/python' }, { paths: dataHere }), ['error python: Python interpreter not found: /opt/py/bin/python']);
  assert.deepEqual(await check(verl, { paths: dataHere, modules: [] }), ['error -: verl is not importable with python3: no module named verl']);
});

test('more GPUs requested than exist, unknown indices, no GPU at all, verl\'s default of 8 per node', async () => {
  const two = { available: true, gpus: [H100(0), H100(1)] } as const;
  assert.deepEqual(await check({ kind: 'script', argv: ['python3'], gpus: 4 }, { gpus: two }), ['error gpus: 4 GPUs requested but this machine has 2']);
  assert.deepEqual(await check({ kind: 'script', argv: ['python3'], gpus: [1, 3] }, { gpus: two }), ['error gpus[1]: GPU 3 does not exist; this machine has 2 GPU(s)']);
  assert.deepEqual(await check({ kind: 'script', argv: ['python3'], gpus: 1 }, { gpus: { available: false, reason: 'no GPU found', detail: 'nvidia-smi is not installed or not on PATH' } }), [
    'error gpus: no GPU found (nvidia-smi is not installed or not on PATH); this run needs one',
  ]);
  assert.deepEqual(await check(verl, { paths: dataHere, gpus: two }), ['error gpusPerNode: 8 GPUs per node requested (verl\'s default) but the run has 2']);
  assert.deepEqual(await check({ ...verl, gpus: 2, gpusPerNode: 4 }, { paths: dataHere, gpus: two }), ['error gpusPerNode: 4 GPUs per node requested but the run has 2']);
  assert.deepEqual(await check({ ...verl, gpus: [0, 1] }, { paths: dataHere, gpus: two }), []);
  assert.deepEqual(await check({ kind: 'reference', init: 'tiny', device: 'cuda' }, { gpus: { available: false, reason: 'no GPU found' } }), ['error -: no GPU found (no GPU found); this run needs one']);
  assert.deepEqual(await check({ kind: 'reference', init: 'tiny', device: 'cpu' }, { gpus: { available: false, reason: 'no GPU found' } }), []);
});

test('script command, working folder, config file, Laser-D monitor set, launchers', async () => {
  assert.deepEqual(await check({ kind: 'script', argv: ['./train.sh'] }), ['error argv[0]: command not found: ./train.sh']);
  assert.deepEqual(await check({ kind: 'script', argv: ['python3'], cwd: 'exp' }), ['error cwd: working folder not found: /ws/exp']);
  assert.deepEqual(await check({ kind: 'reference', config: 'cfg.yaml' }), ['error config: config file not found: cfg.yaml']);
  assert.deepEqual(await check({ ...verl, kind: 'verl-laser-length', lengthPenalty: { method: 'larse-de' } }, { paths: dataHere }), [
    'warning lengthPenalty.monitorFiles: larse-de adapts target lengths from a monitor set; without monitorFiles it keeps the fixed targetLength',
  ]);
  assert.deepEqual(await check({ kind: 'script', argv: ['python3', 'a;b'], launcher: 'ray-job' }, { executables: ['ray'] }), [
    'error argv[1]: Ray runs a job\'s entrypoint through a shell; this argument has shell characters',
  ]);
  // On a cluster, local paths, packages and GPUs are not this machine's to check: missing data is only a warning.
  assert.deepEqual(await check({ ...verl, launcher: 'slurm' }, { executables: [], gpus: { available: false, reason: 'no GPU found' } }), [
    'error launcher: srun not found on PATH (needed by launcher slurm)',
    'warning trainFiles: data file not found: data/train.parquet',
    'warning valFiles[0]: data file not found: data/a.parquet',
    'warning valFiles[1]: data file not found: data/b.parquet',
  ]);
});

test('the real probes: executables on PATH or by path, modules via find_spec, paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'laser-probe-'));
  const tool = join(dir, 'tool');
  writeFileSync(tool, '#!/bin/sh\n');
  chmodSync(tool, 0o755);
  writeFileSync(join(dir, 'plain'), '');
  assert.equal(await findExecutable('tool', '/', dir), tool);
  assert.equal(await findExecutable('./tool', dir, ''), tool);
  assert.equal(await findExecutable('plain', '/', dir), undefined, 'not executable');
  assert.equal(await findExecutable('no-such-tool-42', '/', dir), undefined);
  const real = nodeProbes();
  assert.equal(await real.pathExists(dir), true);
  assert.equal(await real.pathExists(join(dir, 'nope')), false);
  assert.deepEqual(await moduleAvailable('python3', 'json', dir, process.env, 20_000), { available: true });
  assert.deepEqual(await moduleAvailable('python3', 'no_such_module_42', dir, process.env, 20_000), { available: false, detail: 'no module named no_such_module_42' });
  assert.deepEqual(await moduleAvailable(join(dir, 'no-python'), 'json', dir, process.env, 20_000), { available: false, detail: `${join(dir, 'no-python')} not found` });
});
