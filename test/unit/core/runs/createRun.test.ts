import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunProfile } from '../../../../src/core/profiles/runProfile';
import { createRun } from '../../../../src/core/runs/createRun';
import { listRuns } from '../../../../src/core/runs/listRuns';
import { runId, slugify } from '../../../../src/core/runs/runId';
import { tempWorkspace } from './runTestSupport';

const NOW = new Date(2026, 10, 20, 8, 5, 9);

test('run ids are a readable local timestamp and a slug of the name', () => {
  assert.equal(runId(NOW, 'LaSeR · Qwen2.5-7B (demo)'), '2026-11-20_080509-laser-qwen2-5-7b-demo');
  assert.equal(runId(NOW, 'x', 3), '2026-11-20_080509-x-3');
  assert.equal(slugify('Ünïcödé  run!!'), 'unicode-run');
  assert.equal(slugify('***'), 'run');
  assert.equal(slugify('a'.repeat(80)).length, 40);
});

test('createRun writes run.json atomically: profile snapshot, argv, redacted env, cwd, GPUs, host, start time, queued', async () => {
  const ws = tempWorkspace();
  const profile: RunProfile = {
    kind: 'script',
    name: 'Secret test',
    argv: ['python3', 'train.py'],
    env: { HF_TOKEN: 'hf_abcdefghijklmnop', WANDB_API_KEY: 'k'.repeat(40), db_password: 'hunter2-hunter2', MY_SECRET_SALT: 'salty-salty', TOKENIZERS_PARALLELISM: 'false', NCCL_DEBUG: 'INFO' },
    gpus: [1, 3],
  };
  const run = await createRun(ws, profile, { now: NOW, host: 'gpu-node-7', profileFile: join(ws, '.laser', 'profiles', 'secret.json') });
  assert.equal(run.id, '2026-11-20_080509-secret-test');
  assert.equal(run.dir, join(ws, '.laser', 'runs', run.id));
  assert.deepEqual(readdirSync(run.dir), ['run.json'], 'no temporary file is left behind');
  const text = readFileSync(join(run.dir, 'run.json'), 'utf8');
  for (const secret of ['hf_abcdefghijklmnop', 'k'.repeat(40), 'hunter2-hunter2', 'salty-salty']) assert.ok(!text.includes(secret), secret);
  const record = JSON.parse(text);
  assert.deepEqual(record.env, {
    PYTHONUNBUFFERED: '1', CUDA_VISIBLE_DEVICES: '1,3', HF_TOKEN: '<redacted>', WANDB_API_KEY: '<redacted>', db_password: '<redacted>',
    MY_SECRET_SALT: '<redacted>', TOKENIZERS_PARALLELISM: 'false', NCCL_DEBUG: 'INFO',
  });
  assert.equal(record.profile.env.HF_TOKEN, '<redacted>');
  assert.deepEqual(record.profile.argv, ['python3', 'train.py']);
  assert.deepEqual(record.argv, ['python3', 'train.py']);
  assert.equal(record.cwd, ws);
  assert.deepEqual(record.gpus, [1, 3]);
  assert.equal(record.host, 'gpu-node-7');
  assert.equal(record.startTime, NOW.toISOString());
  assert.equal(record.status, 'queued');
  assert.equal(record.kind, 'script');
  assert.equal(record.name, 'Secret test');
  assert.equal(record.profileFile, join(ws, '.laser', 'profiles', 'secret.json'));
  assert.deepEqual(run.secretEnv, { HF_TOKEN: 'hf_abcdefghijklmnop', WANDB_API_KEY: 'k'.repeat(40), db_password: 'hunter2-hunter2', MY_SECRET_SALT: 'salty-salty' });
  const [summary] = await listRuns(join(ws, '.laser', 'runs'));
  assert.deepEqual([summary?.id, summary?.status], [run.id, 'queued']);
});

test('runs created in the same second get distinct ids; the name falls back to the profile file, then the kind', async () => {
  const ws = tempWorkspace();
  const profile: RunProfile = { kind: 'script', argv: ['true'] };
  const ids = await Promise.all([1, 2, 3].map(() => createRun(ws, profile, { now: NOW, profileFile: '/p/My Profile.json' }).then((r) => r.id)));
  assert.deepEqual([...ids].sort(), ['2026-11-20_080509-my-profile', '2026-11-20_080509-my-profile-2', '2026-11-20_080509-my-profile-3']);
  assert.equal((await createRun(ws, profile, { now: NOW })).id, '2026-11-20_080509-script');
});
