import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from '../extension';
import { groupMembers, REATTACH_FILE, runJson, waitForStatus, workspaceDir } from '../runFixtures';
import { hasDriver, screenshot, tidyWorkbench, visibleText } from '../workbench';

suite('Re-attach after a new extension host', () => {
  suiteSetup(tidyWorkbench);

  test('the run started before is still running and still streaming', async () => {
    const api = await activeExtension();
    const id = readFileSync(join(workspaceDir(), REATTACH_FILE), 'utf8').trim();
    await waitForStatus(api, id, 'running', 5000);
    await vscode.commands.executeCommand('laser.showMetrics', id);
    const now = await waitFor(api.onDidDrawMetrics, (ack) => (ack.points[id]?.['critic/score/mean'] ?? 0) > 0, 30_000);
    const seen = now.points[id]!['critic/score/mean']!;
    const later = await waitFor(api.onDidDrawMetrics, (ack) => (ack.points[id]?.['critic/score/mean'] ?? 0) > seen, 30_000);
    assert.ok(later.points[id]!['critic/score/mean']! > seen, 'new steps keep arriving');
    await vscode.commands.executeCommand('laser.runs.focus');
    if (hasDriver) {
      const text = await visibleText('fake verl long run');
      for (const status of ['running', 'finished', 'failed', 'lost']) assert.match(text, new RegExp(`script · ${status}`), status);
    }
    assert.ok(await screenshot('runs-after-reload', 'fake verl long run'));
  });

  test('stopping it leaves no process of its group', async () => {
    const api = await activeExtension();
    const id = readFileSync(join(workspaceDir(), REATTACH_FILE), 'utf8').trim();
    const { pgid } = runJson(id);
    const result = await vscode.commands.executeCommand<{ stopped: boolean }>('laser.stopRun', id);
    assert.equal(result?.stopped, true);
    assert.deepEqual(groupMembers(pgid!), []);
    await waitForStatus(api, id, 'failed');
  });
});
