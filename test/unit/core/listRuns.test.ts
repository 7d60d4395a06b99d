import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { listRuns } from '../../../src/core/runs/listRuns';

function runsFolder(runs: Record<string, { run?: string; exit?: string; log?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'laser-runs-'));
  for (const [id, files] of Object.entries(runs)) {
    mkdirSync(join(dir, id));
    if (files.run !== undefined) writeFileSync(join(dir, id, 'run.json'), files.run);
    if (files.exit !== undefined) writeFileSync(join(dir, id, 'exit.json'), files.exit);
    if (files.log !== undefined) writeFileSync(join(dir, id, 'output.log'), files.log);
  }
  return dir;
}

const alive = new Set([4242]);
const isAlive = (pid: number) => alive.has(pid);

test('a missing runs folder has no runs', async () => {
  assert.deepEqual(await listRuns(join(tmpdir(), 'laser-no-such-folder-42')), []);
});

test('status comes from exit.json and the supervisor\'s liveness; newest first; folders without run.json are skipped', async () => {
  const dir = runsFolder({
    old: { run: '{"name":"old run","kind":"verl-laser","startTime":"2026-01-01T00:00:00Z","pid":77}', exit: '{"code":0,"signal":null,"endTime":"2026-01-02T00:00:00Z"}' },
    live: { run: '{"name":"live","kind":"reference","startTime":"2026-03-01T00:00:00Z","status":"running","pid":4242,"pgid":4243}' },
    crashed: { run: '{"name":"crashed","startTime":"2026-02-01T00:00:00Z"}', exit: '{"code":null,"signal":"SIGKILL"}', log: 'step:1\nTraceback\nKilled\n' },
    queued: { run: '{"name":"queued","kind":"script","startTime":"2026-04-01T00:00:00Z","status":"queued"}' },
    stray: {},
  });
  const runs = await listRuns(dir, { isAlive });
  assert.deepEqual(
    runs.map((r) => [r.id, r.name, r.kind, r.status, r.exitCode]),
    [
      ['queued', 'queued', 'script', 'queued', undefined],
      ['live', 'live', 'reference', 'running', undefined],
      ['crashed', 'crashed', 'script', 'failed', null],
      ['old', 'old run', 'verl-laser', 'finished', 0],
    ],
  );
  const live = runs.find((r) => r.id === 'live')!;
  assert.deepEqual([live.pid, live.pgid, live.dir], [4242, 4243, join(dir, 'live')]);
  const crashed = runs.find((r) => r.id === 'crashed')!;
  assert.deepEqual([crashed.signal, crashed.logTail], ['SIGKILL', ['step:1', 'Traceback', 'Killed']]);
  assert.equal(runs.find((r) => r.id === 'old')!.endTime, '2026-01-02T00:00:00Z');
  assert.equal(runs.find((r) => r.id === 'old')!.logTail, undefined, 'finished runs carry no log tail');
});

test('a run whose supervisor is gone without exit.json is lost, with the reason and the log\'s last lines', async () => {
  const dir = runsFolder({
    dead: { run: '{"name":"dead","status":"running","pid":999999,"pidStartTicks":5}', log: 'a\r10%\r20%\nb\n' },
    nopid: { run: '{"name":"no pid","status":"running"}' },
  });
  const runs = await listRuns(dir, { isAlive });
  const dead = runs.find((r) => r.id === 'dead')!;
  assert.equal(dead.status, 'lost');
  assert.match(dead.problem ?? '', /supervisor \(pid 999999\) is gone and left no exit\.json/);
  assert.deepEqual(dead.logTail, ['20%', 'b']);
  const nopid = runs.find((r) => r.id === 'nopid')!;
  assert.equal(nopid.status, 'lost');
  assert.match(nopid.problem ?? '', /records no supervisor pid/);
});

test('the recorded start time is passed along, so a recycled pid is not taken for the supervisor', async () => {
  const dir = runsFolder({ r: { run: '{"pid":4242,"pidStartTicks":123}' } });
  const seen: [number, number | undefined][] = [];
  await listRuns(dir, { isAlive: (pid, ticks) => (seen.push([pid, ticks]), false) });
  assert.deepEqual(seen, [[4242, 123]]);
});

test('a malformed run.json or exit.json is reported with the file name', async () => {
  const dir = runsFolder({ broken: { run: '{"name": ' }, badexit: { run: '{"name":"x"}', exit: 'nope' } });
  const runs = await listRuns(dir, { isAlive });
  const broken = runs.find((r) => r.id === 'broken')!;
  assert.equal(broken.status, 'lost');
  assert.match(broken.problem ?? '', /broken[/\\]run\.json: expected a JSON object/);
  const badexit = runs.find((r) => r.id === 'badexit')!;
  assert.equal(badexit.status, 'failed');
  assert.match(badexit.problem ?? '', /badexit[/\\]exit\.json: expected a JSON object/);
});

test('the workspace fixtures: the demo run finished, the baseline (no pid, no exit.json) is lost', async () => {
  const runs = await listRuns(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace', '.laser', 'runs'));
  assert.deepEqual(runs.map((r) => [r.id, r.status]), [['laser-qwen-demo', 'finished'], ['grpo-baseline', 'lost']]);
});
