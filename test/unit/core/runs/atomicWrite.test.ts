import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeJsonAtomic, writeJsonAtomicSync } from '../../../../src/core/runs/atomicWrite';
import { tempWorkspace } from './runTestSupport';

test('a reader never sees a partly written file, and no temporary file stays', async () => {
  const dir = tempWorkspace();
  const path = join(dir, 'run.json');
  const big = { lines: Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`) };
  await writeJsonAtomic(path, { version: 0 });
  let reads = 0;
  let writing = true;
  const reader = (async () => {
    while (writing) {
      const text = readFileSync(path, 'utf8');
      JSON.parse(text);
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  for (let i = 0; i < 20; i++) await writeJsonAtomic(path, { ...big, version: i });
  writing = false;
  await reader;
  assert.ok(reads > 0);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).version, 19);
  assert.deepEqual(readdirSync(dir), ['run.json']);
});

test('the sync variant replaces the file the same way', () => {
  const dir = tempWorkspace();
  const path = join(dir, 'exit.json');
  writeFileSync(path, 'old');
  writeJsonAtomicSync(path, { code: 0 });
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { code: 0 });
  assert.deepEqual(readdirSync(dir), ['exit.json']);
});

test('a failed write leaves the old file and no temporary file', async () => {
  const dir = tempWorkspace();
  const path = join(dir, 'run.json');
  await writeJsonAtomic(path, { ok: true });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  await assert.rejects(writeJsonAtomic(path, cyclic), /circular/);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { ok: true });
  assert.deepEqual(readdirSync(dir), ['run.json']);
});
