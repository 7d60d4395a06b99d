import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunProfile } from '../../../../src/core/profiles/runProfile';
import { createRun } from '../../../../src/core/runs/createRun';
import { listRuns } from '../../../../src/core/runs/listRuns';
import { startRun } from '../../../../src/core/runs/startRun';
import { stopRun } from '../../../../src/core/runs/stopRun';
import { isRunning, killLeftovers, liveGroupMembers, NODE, procEntry, readJson, readLog, supervisorBuilt, SUPERVISOR, tempWorkspace, track, waitFor, waitForExit } from './runTestSupport';

after(killLeftovers);

const script = (argv: string[], extra: Partial<Record<string, unknown>> = {}) => ({ kind: 'script', argv, ...extra }) as RunProfile;

async function launch(profile: RunProfile, before?: (dir: string) => void) {
  supervisorBuilt();
  const ws = tempWorkspace();
  const run = await createRun(ws, profile);
  track(run.dir);
  before?.(run.dir);
  const started = await startRun(run, { supervisorPath: SUPERVISOR });
  return { ws, run, started, runsDir: join(ws, '.laser', 'runs') };
}

test('a short run appends stdout and stderr to output.log and writes exit.json with code 0', async () => {
  const { run, started, runsDir } = await launch(script([NODE, '-e', 'console.log("hello from the run"); console.error("a warning")']), (dir) =>
    writeFileSync(join(dir, 'output.log'), 'written before the start\n'),
  );
  const exit = await waitForExit(run.dir);
  assert.equal(exit.code, 0);
  assert.equal(exit.signal, null);
  assert.match(String(exit.endTime), /^\d{4}-\d\d-\d\dT/);
  const log = readLog(run.dir);
  assert.ok(log.startsWith('written before the start\n'), 'output.log is appended to, never truncated');
  assert.match(log, /hello from the run\n/);
  assert.match(log, /a warning\n/);
  const record = readJson(join(run.dir, 'run.json'));
  assert.equal(record.status, 'finished');
  assert.equal(record.pid, started.pid);
  assert.equal(typeof record.pgid, 'number');
  assert.notEqual(record.pgid, started.pid, 'the command has a process group of its own');
  const [summary] = await listRuns(runsDir);
  assert.deepEqual([summary?.status, summary?.exitCode, summary?.id], ['finished', 0, run.id]);
});

test('a failing run gives its exit code and keeps the traceback in output.log', async () => {
  const { run, runsDir } = await launch(script(['python3', '-c', 'def train():\n    raise ValueError("loss is nan at step 7")\ntrain()']));
  const exit = await waitForExit(run.dir);
  assert.equal(exit.code, 1);
  const log = readLog(run.dir);
  assert.match(log, /Traceback \(most recent call last\):/);
  assert.match(log, /ValueError: loss is nan at step 7/);
  const [summary] = await listRuns(runsDir);
  assert.equal(summary?.status, 'failed');
  assert.equal(summary?.exitCode, 1);
  assert.match(summary?.logTail?.join('\n') ?? '', /ValueError: loss is nan at step 7/);
});

test('a command that cannot be started ends with code 127 and the reason in output.log', async () => {
  const { run, started, runsDir } = await launch(script(['no-such-trainer-42', '--flag']));
  assert.equal(started.ended, true);
  const exit = await waitForExit(run.dir);
  assert.equal(exit.code, 127);
  assert.match(readLog(run.dir), /cannot start "no-such-trainer-42": command not found/);
  const [summary] = await listRuns(runsDir);
  assert.equal(summary?.status, 'failed');
  assert.match(summary?.problem ?? '', /command not found/);

  const missingCwd = await launch(script([NODE, '-e', ''], { cwd: 'no-such-folder' }));
  assert.equal((await waitForExit(missingCwd.run.dir)).code, 127);
  assert.match(readLog(missingCwd.run.dir), /working folder not found/);
});

test('argv is passed without a shell: "x; rm -rf ~" arrives as one argument', async () => {
  const { run } = await launch(script([NODE, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', 'x; rm -rf ~', '$(whoami)']));
  await waitForExit(run.dir);
  assert.match(readLog(run.dir), /\["x; rm -rf ~","\$\(whoami\)"\]/);
});

test('secret env values reach the command but never run.json or output.log, even split across writes', async () => {
  const secret = 'sk-test-0123456789abcdef';
  const code = [
    'const s = process.env.LASER_API_KEY;',
    'console.log("received:", s.length === 24 && s.endsWith("abcdef"));',
    'console.log("printed:", s);',
    'process.stdout.write("split: " + s.slice(0, 7));',
    'setTimeout(() => { process.stdout.write(s.slice(7) + " end\\n"); console.log("plain:", process.env.PLAIN_SETTING); }, 100);',
  ].join('\n');
  const { run } = await launch(script([NODE, '-e', code], { env: { LASER_API_KEY: secret, PLAIN_SETTING: 'visible-value' } }));
  assert.equal((await waitForExit(run.dir)).code, 0);
  const log = readLog(run.dir);
  assert.match(log, /received: true/);
  assert.match(log, /printed: <redacted>/);
  assert.match(log, /split: <redacted> end/);
  assert.match(log, /plain: visible-value/);
  assert.ok(!log.includes(secret) && !log.includes(secret.slice(0, 12)), log);
  const runJson = readFileSync(join(run.dir, 'run.json'), 'utf8');
  assert.ok(!runJson.includes(secret));
  const record = JSON.parse(runJson) as { env: Record<string, string>; profile: { env: Record<string, string> } };
  assert.equal(record.env.LASER_API_KEY, '<redacted>');
  assert.equal(record.profile.env.LASER_API_KEY, '<redacted>');
  assert.equal(record.env.PLAIN_SETTING, 'visible-value');
});

// The command starts two children that ignore SIGINT and SIGTERM, so only the escalation to SIGKILL ends them.
const STUBBORN_TREE = `
const { spawn } = require('node:child_process');
const stubborn = 'process.on("SIGINT", () => {}); process.on("SIGTERM", () => {}); console.log("grandchild ready"); setInterval(() => {}, 1000);';
for (let i = 0; i < 2; i++) spawn(process.execPath, ['-e', stubborn], { stdio: 'inherit' });
setInterval(() => {}, 1000);`;

test('stopping a run whose command has grandchildren leaves no process of its group', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  const { run, runsDir } = await launch(script([NODE, '-e', STUBBORN_TREE]));
  const record = await waitFor('pgid', () => readJson(join(run.dir, 'run.json')).pgid as number | undefined);
  await waitFor('both grandchildren', () => readLog(run.dir).split('grandchild ready').length === 3);
  assert.equal(liveGroupMembers(record).length, 3);
  const t0 = Date.now();
  const result = await stopRun(run, { graceMs: 300, killMs: 800, pollMs: 20 });
  assert.equal(result.stopped, true);
  assert.deepEqual(result.signals, ['SIGINT', 'SIGTERM', 'SIGKILL']);
  assert.ok(Date.now() - t0 < 5_000);
  assert.deepEqual(liveGroupMembers(record), [], 'no process of the group survives');
  const exit = await waitForExit(run.dir);
  assert.equal(exit.code, null);
  assert.equal(exit.signal, 'SIGINT');
  const [summary] = await listRuns(runsDir);
  assert.equal(summary?.status, 'failed');
});

test('a well-behaved command stops on SIGINT alone; SIGTERM sent to the supervisor reaches the command\'s group', async () => {
  const graceful = await launch(script([NODE, '-e', 'process.on("SIGINT", () => { console.log("saving checkpoint"); process.exit(130); }); console.log("ready"); setInterval(() => {}, 1000);']));
  await waitFor('the handler', () => readLog(graceful.run.dir).includes('ready'));
  const result = await stopRun(graceful.run, { graceMs: 5_000, killMs: 10_000, pollMs: 20 });
  assert.deepEqual(result.signals, ['SIGINT']);
  assert.equal((await waitForExit(graceful.run.dir)).code, 130);
  assert.match(readLog(graceful.run.dir), /saving checkpoint/);

  const forwarded = await launch(script([NODE, '-e', 'setInterval(() => {}, 1000);']));
  process.kill(forwarded.started.pid, 'SIGTERM');
  const exit = await waitForExit(forwarded.run.dir);
  assert.deepEqual([exit.code, exit.signal], [null, 'SIGTERM']);
});

test('SIGKILL of the supervisor: listRuns says lost, and stopRun still ends the command by its group', async () => {
  const { run, started, runsDir } = await launch(script([NODE, '-e', 'setInterval(() => {}, 1000);']));
  const pgid = await waitFor('pgid', () => readJson(join(run.dir, 'run.json')).pgid as number | undefined);
  assert.equal((await listRuns(runsDir))[0]?.status, 'running');
  process.kill(started.pid, 'SIGKILL');
  await waitFor('the supervisor to die', () => !isRunning(started.pid));
  const [summary] = await listRuns(runsDir);
  assert.equal(summary?.status, 'lost');
  assert.match(summary?.problem ?? '', new RegExp(`supervisor \\(pid ${started.pid}\\) is gone`));
  const stopped = await stopRun(run, { graceMs: 1_000, killMs: 2_000, pollMs: 20, exitWaitMs: 0 });
  assert.equal(stopped.stopped, true);
  assert.deepEqual(liveGroupMembers(pgid), []);
  assert.equal((await listRuns(runsDir))[0]?.status, 'lost', 'without exit.json the outcome stays unknown');
});

test('the supervisor survives its parent exiting and runs in a session of its own', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  supervisorBuilt();
  const ws = tempWorkspace();
  const run = await createRun(ws, script([NODE, '-e', 'setTimeout(() => console.log("still supervised"), 1500);']));
  track(run.dir);
  // A parent that starts the supervisor exactly as startRun does, then exits at once.
  const launcher = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, [${JSON.stringify(SUPERVISOR)}, ${JSON.stringify(run.dir)}], { detached: true, stdio: 'ignore' });
child.unref();
console.log(child.pid);`;
  const parent = spawn(NODE, ['-e', launcher], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const parentCode = await new Promise<number | null>((resolve) => parent.on('exit', resolve));
  assert.equal(parentCode, 0);
  const supervisorPid = Number(out.trim());
  const recorded = await waitFor('run.json pid', () => readJson(join(run.dir, 'run.json')).pid as number | undefined);
  assert.equal(recorded, supervisorPid);
  assert.ok(isRunning(supervisorPid), 'the supervisor is alive after its parent exited');
  const entry = procEntry(supervisorPid)!;
  assert.notEqual(entry.ppid, parent.pid);
  assert.equal(entry.session, supervisorPid, 'its own session');
  assert.equal(entry.pgrp, supervisorPid, 'its own process group');
  const exit = await waitForExit(run.dir);
  assert.equal(exit.code, 0);
  assert.match(readLog(run.dir), /still supervised/);
});
