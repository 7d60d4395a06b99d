import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from '../extension';
import { hasDriver, screenshot, showNotifications, tidyWorkbench, visibleText } from '../workbench';

suite('Restricted Mode (untrusted workspace)', () => {
  suiteSetup(tidyWorkbench);

  test('the workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('viewing works: runs are listed and metrics drawn', async () => {
    const api = await activeExtension();
    const drawn = waitFor(api.onDidDrawMetrics, (ack) => ack.points['laser-qwen-demo']?.['critic/score/mean'] === 40);
    await vscode.commands.executeCommand('laser.showMetrics', 'laser-qwen-demo');
    assert.equal((await drawn).points['laser-qwen-demo']!['actor/self_reward_loss'], 40);
  });

  test('launching a process is refused with a message saying why', async () => {
    await activeExtension();
    const result = await vscode.commands.executeCommand('laser.checkPythonEnvironment');
    assert.equal(result, undefined);
    await showNotifications();
    const message = 'LaSeR Lab cannot start the Python interpreter: this workspace is in Restricted Mode.';
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the refusal is on screen');
    assert.ok(await screenshot('restricted-mode', message));
  });
});
