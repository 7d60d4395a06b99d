import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { isProcessAlive, processGroupMembers, readProcStat } from '../../../../src/core/runs/processLiveness';
import { NODE, waitFor } from './runTestSupport';

test('a live pid is alive; a recycled pid (another start time) and an exited one are not', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  const self = readProcStat('self');
  assert.ok(self);
  assert.equal(isProcessAlive(process.pid), true);
  assert.equal(isProcessAlive(process.pid, self.startTicks), true);
  assert.equal(isProcessAlive(process.pid, self.startTicks + 1), false, 'same pid, different start time: not the recorded process');
  const child = spawn(NODE, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  await waitFor('the child to be reaped', () => !isProcessAlive(pid));
  assert.equal(isProcessAlive(pid), false);
});

test('process group members are found through /proc', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  const child = spawn(NODE, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
  const pgid = child.pid!;
  try {
    assert.deepEqual(await waitFor('the group', () => processGroupMembers(pgid).length === 1 && processGroupMembers(pgid)), [pgid]);
  } finally {
    process.kill(-pgid, 'SIGKILL');
  }
  await waitFor('the group to end', () => processGroupMembers(pgid).length === 0);
});
