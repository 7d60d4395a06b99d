import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { listRuns } from '../../../src/core/runs/listRuns';

function runsFolder(runs: Record<string, { run?: string; exit?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'laser-runs-'));
  for (const [id, files] of Object.entries(runs)) {
    mkdirSync(join(dir, id));
    if (files.run !== undefined) writeFileSync(join(dir, id, 'run.json'), files.run);
    if (files.exit !== undefined) writeFileSync(join(dir, id, 'exit.json'), files.exit);
  }
  return dir;
}

test('a missing runs folder has no runs', async () => {
  assert.deepEqual(await listRuns(join(tmpdir(), 'laser-no-such-folder-42')), []);
});

test('status comes from exit.json; newest first; folders without run.json are skipped', async () => {
  const dir = runsFolder({
    old: { run: '{"name":"old run","kind":"verl-laser","startTime":"2026-01-01T00:00:00Z"}', exit: '{"code":0}' },
    live: { run: '{"name":"live","kind":"reference","startTime":"2026-03-01T00:00:00Z"}' },
    crashed: { run: '{"name":"crashed","startTime":"2026-02-01T00:00:00Z"}', exit: '{"code":null,"signal":"SIGKILL"}' },
    stray: {},
  });
  const runs = await listRuns(dir);
  assert.deepEqual(
    runs.map((r) => [r.id, r.name, r.kind, r.status]),
    [
      ['live', 'live', 'reference', 'running'],
      ['crashed', 'crashed', 'script', 'failed'],
      ['old', 'old run', 'verl-laser', 'succeeded'],
    ],
  );
});

test('a malformed run.json is listed as invalid and names the file', async () => {
  const dir = runsFolder({ broken: { run: '{"name": ' } });
  const [run] = await listRuns(dir);
  assert.equal(run?.status, 'invalid');
  assert.match(run?.problem ?? '', /broken[/\\]run\.json: expected a JSON object/);
});
