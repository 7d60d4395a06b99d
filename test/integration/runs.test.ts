import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from './extension';
import { groupMembers, REATTACH_FILE, runDir, runJson, startProfile, waitForStatus, workspaceDir } from './runFixtures';
import { hasDriver, screenshot, showNotifications, tidyWorkbench, visibleText } from './workbench';

suite('Runs: start, watch, fail, stop, lose', () => {
  suiteSetup(tidyWorkbench);

  test('a script run started from the palette shows as running and streams its metrics', async () => {
    const api = await activeExtension();
    const id = await startProfile('fake-verl');
    assert.match(id, /^\d{4}-\d\d-\d\d_\d{6}-fake-verl-run$/);
    await waitForStatus(api, id, 'running');
    assert.deepEqual(api.shownRuns(), [id], 'Start Run charts the new run');
    const growing = waitFor(api.onDidDrawMetrics, (ack) => (ack.points[id]?.['critic/score/mean'] ?? 0) >= 3, 30_000);
    await vscode.commands.executeCommand('laser.runs.focus');
    await growing;
    if (hasDriver) assert.match(await visibleText('fake verl run'), /fake verl runscript · running · step \d+\/20/);
    assert.ok(await screenshot('runs-running', 'fake verl run'));
    await waitForStatus(api, id, 'finished', 30_000);
    const log = readFileSync(join(runDir(id), 'output.log'), 'utf8');
    assert.equal(log.match(/ step:\d+ - /g)?.length, 20, 'every step line is in output.log');
  });

  test('a failing run ends with a notification quoting its traceback', async () => {
    const api = await activeExtension();
    // In extension-test mode the workbench skips modal dialogs, so the confirmation is passed as an option.
    const id = await startProfile('fake-verl-failing');
    await waitForStatus(api, id, 'failed');
    const exit = JSON.parse(readFileSync(join(runDir(id), 'exit.json'), 'utf8')) as { code: number };
    assert.equal(exit.code, 1);
    await showNotifications();
    const message = 'LaSeR: run fake verl failing failed with exit code 1: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB';
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the failure and its last error line are on screen');
    assert.ok(await screenshot('run-failed', message));
  });

  test('Stop Run ends the whole process group', async () => {
    const api = await activeExtension();
    const id = await startProfile('fake-verl-long');
    await waitForStatus(api, id, 'running');
    const { pgid } = runJson(id);
    assert.ok(pgid && groupMembers(pgid).length > 0, 'the command runs in its own group');
    const result = await vscode.commands.executeCommand<{ stopped: boolean }>('laser.stopRun', id);
    assert.equal(result?.stopped, true);
    assert.deepEqual(groupMembers(pgid), [], 'no process of the run survives');
    await waitForStatus(api, id, 'failed');
  });

  test('a run whose supervisor is killed shows as lost', async () => {
    const api = await activeExtension();
    const id = await startProfile('fake-verl-long');
    await waitForStatus(api, id, 'running');
    const { pid, pgid } = runJson(id);
    process.kill(pid!, 'SIGKILL');
    await waitForStatus(api, id, 'lost');
    if (pgid) for (const member of groupMembers(pgid)) process.kill(member, 'SIGKILL');
  });

  test('a long run is left running for the re-attach phase', async () => {
    const api = await activeExtension();
    const id = await startProfile('fake-verl-long');
    await waitForStatus(api, id, 'running');
    writeFileSync(join(workspaceDir(), REATTACH_FILE), id);
    await vscode.commands.executeCommand('laser.runs.focus');
    assert.ok(await screenshot('runs-before-reload', 'fake verl long run'));
  });
});
