import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCommand, runsCommand, stopCommand } from '../../../../src/core/cli/runCommands';
import { defaultPythonPackageRoot } from '../../../../src/core/runs/pythonPackageRoot';
import { killLeftovers, liveGroupMembers, NODE, readJson, supervisorBuilt, SUPERVISOR, tempWorkspace, track, waitFor, waitForExit } from './runTestSupport';

after(killLeftovers);

async function cli(command: typeof runCommand, args: string[], cwd: string, extra: { python?: string; packageRoot?: string } = {}) {
  let out = '';
  let err = '';
  const code = await command(args, { out: (t) => (out += t), err: (t) => (err += t) }, { cwd, supervisorPath: SUPERVISOR, pollMs: 20, stop: { graceMs: 500, killMs: 1_000, pollMs: 20 }, ...extra });
  return { code, out, err };
}

function workspaceWithProfile(name: string, profile: unknown): string {
  const ws = tempWorkspace();
  mkdirSync(join(ws, '.laser', 'profiles'), { recursive: true });
  writeFileSync(join(ws, '.laser', 'profiles', name), typeof profile === 'string' ? profile : JSON.stringify(profile, null, 2));
  return ws;
}

test('laser-lab run streams output.log and exits with the run\'s exit code', async () => {
  supervisorBuilt();
  const ws = workspaceWithProfile('p.json', { kind: 'script', argv: [NODE, '-e', 'console.log("step:1 - loss:0.5"); setTimeout(() => { console.log("step:2 - loss:0.25"); process.exit(3); }, 200);'] });
  const { code, out, err } = await cli(runCommand, ['.laser/profiles/p.json'], ws);
  assert.equal(code, 3, err);
  assert.equal(out, 'step:1 - loss:0.5\nstep:2 - loss:0.25\n');
  assert.match(err, /laser-lab: run \S+-p \(/);
});

test('laser-lab run starts a reference profile with the bundled laser_lab package first on PYTHONPATH', async () => {
  supervisorBuilt();
  const ws = workspaceWithProfile('tiny.json', { kind: 'reference', init: 'tiny', task: 'arithmetic', steps: 2, device: 'cpu' });
  const fakePython = join(ws, 'fake-python');
  writeFileSync(fakePython, '#!/bin/sh\necho "PYTHONPATH=$PYTHONPATH"\necho "argv=$*"\n', { mode: 0o755 });
  const { code, out, err } = await cli(runCommand, ['.laser/profiles/tiny.json', '--skip-checks'], ws, { python: fakePython, packageRoot: '/opt/laser-lab/python' });
  assert.equal(code, 0, err);
  assert.match(out, /^PYTHONPATH=\/opt\/laser-lab\/python(:|$)/m);
  assert.match(out, /^argv=-m laser_lab\.train --init tiny --task arithmetic --steps 2 --device cpu --out \S+/m);
});

test('the CLI finds the laser_lab package beside its bundle', () => {
  assert.equal(defaultPythonPackageRoot('/ext/dist'), '/ext/python');
});

test('a run ended by a signal exits with 128 + the signal number', async () => {
  const ws = workspaceWithProfile('sig.json', { kind: 'script', argv: [NODE, '-e', 'process.kill(process.pid, "SIGTERM")'] });
  assert.equal((await cli(runCommand, ['.laser/profiles/sig.json'], ws)).code, 128 + 15);
});

test('laser-lab run --detach prints the run id last; runs --json and stop see and end it', async () => {
  supervisorBuilt();
  const ws = workspaceWithProfile('long.json', { kind: 'script', name: 'long run', argv: [NODE, '-e', 'console.log("ready"); setInterval(() => {}, 1000);'] });
  const started = await cli(runCommand, ['.laser/profiles/long.json', '--detach'], ws);
  assert.equal(started.code, 0, started.err);
  const id = started.out.trim().split('\n').pop()!;
  assert.match(id, /^\d{4}-\d\d-\d\d_\d{6}-long-run$/);
  const dir = track(join(ws, '.laser', 'runs', id));
  assert.ok(existsSync(join(dir, 'run.json')));
  const pgid = await waitFor('pgid', () => readJson(join(dir, 'run.json')).pgid as number | undefined);

  const listed = await cli(runsCommand, ['--json'], ws);
  assert.equal(listed.code, 0);
  const rows = JSON.parse(listed.out) as Record<string, unknown>[];
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0]!.id, rows[0]!.status, rows[0]!.exitCode, rows[0]!.dir], [id, 'running', null, dir]);

  const stopped = await cli(stopCommand, [id], ws);
  assert.equal(stopped.code, 0, stopped.err);
  assert.match(stopped.out, new RegExp(`^${id}: stopped \\(SIGINT\\)`));
  assert.deepEqual(liveGroupMembers(pgid), []);
  await waitForExit(dir);
  const after = JSON.parse((await cli(runsCommand, ['--json'], ws)).out) as Record<string, unknown>[];
  assert.deepEqual([after[0]!.status, after[0]!.exitCode], ['failed', null]);
  assert.match((await cli(runsCommand, [], ws)).out, new RegExp(`^${id}  failed \\(SIGINT\\)  script  long run\\n$`));
  assert.match((await cli(stopCommand, [id], ws)).out, /already ended/);
});

test('a finished run is listed as finished with exit code 0', async () => {
  const ws = workspaceWithProfile('ok.json', { kind: 'script', argv: [NODE, '-e', ''] });
  const { out } = await cli(runCommand, ['.laser/profiles/ok.json', '--detach'], ws);
  const id = out.trim().split('\n').pop()!;
  await waitForExit(join(ws, '.laser', 'runs', id));
  const rows = JSON.parse((await cli(runsCommand, ['--json'], ws)).out) as Record<string, unknown>[];
  assert.deepEqual([rows[0]!.id, rows[0]!.status, rows[0]!.exitCode], [id, 'finished', 0]);
});

test('an invalid profile is refused with file and line, before anything is created', async () => {
  const ws = workspaceWithProfile('bad.json', '{\n  "kind": "script",\n  "argv": "python3 train.py"\n}\n');
  const { code, err } = await cli(runCommand, ['.laser/profiles/bad.json'], ws);
  assert.equal(code, 2);
  assert.equal(err, `${join(ws, '.laser', 'profiles', 'bad.json')}:3:3: argv: expected an array of strings\n`);
  assert.ok(!existsSync(join(ws, '.laser', 'runs')));
});

test('a failing pre-start check stops the launch; --skip-checks launches anyway', async () => {
  const ws = workspaceWithProfile('missing.json', { kind: 'script', argv: ['no-such-trainer-42'] });
  const checked = await cli(runCommand, ['.laser/profiles/missing.json'], ws);
  assert.equal(checked.code, 1);
  assert.match(checked.err, /error: argv\[0\]: command not found: no-such-trainer-42/);
  assert.ok(!existsSync(join(ws, '.laser', 'runs')));
  const skipped = await cli(runCommand, ['.laser/profiles/missing.json', '--skip-checks'], ws);
  assert.equal(skipped.code, 127);
});

test('usage errors and unknown runs', async () => {
  const ws = tempWorkspace();
  assert.equal((await cli(runCommand, [], ws)).code, 2);
  assert.equal((await cli(runCommand, ['p.json', '--fast'], ws)).code, 2);
  assert.match((await cli(runCommand, ['nope.json'], ws)).err, /nope\.json: file not found/);
  assert.equal((await cli(runsCommand, ['--yaml'], ws)).code, 2);
  assert.deepEqual(await cli(runsCommand, ['--json'], ws), { code: 0, out: '[]\n', err: '' });
  const unknown = await cli(stopCommand, ['2026-01-01_000000-nothing'], ws);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /no run "2026-01-01_000000-nothing"/);
  assert.equal((await cli(stopCommand, ['../..'], ws)).code, 1);
  assert.equal((await cli(stopCommand, [], ws)).code, 2);
});
