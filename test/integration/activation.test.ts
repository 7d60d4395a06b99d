import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, EXTENSION_ID } from './extension';

suite('LaSeR Lab in a real VS Code', () => {
  test('activates in a workspace extension host', async () => {
    await activeExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    console.log(`[host] VS Code ${vscode.version} · ${vscode.env.appName} · uiKind=${vscode.UIKind[vscode.env.uiKind]} · remote=${vscode.env.remoteName ?? 'none'} · Node ${process.version} (${process.execPath})`);
  });

  test('contributes its commands under the LaSeR category', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['laser.refreshRuns', 'laser.showMetrics', 'laser.checkPythonEnvironment']) assert.ok(commands.includes(id), id);
  });

  test('exposes the self-reward defaults in settings', () => {
    const config = vscode.workspace.getConfiguration('laser');
    assert.equal(config.get('selfReward.tokenId'), 151652);
    assert.equal(config.get('selfReward.beta'), 0.1);
    assert.equal(config.get('selfReward.cRef'), -23);
    assert.equal(config.get('selfReward.threshold'), 0.5);
    assert.equal(config.get('runsFolder'), '.laser/runs');
  });
});
