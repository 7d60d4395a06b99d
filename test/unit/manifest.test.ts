import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('runs as a workspace extension, activated only by its own contributions', () => {
  assert.deepEqual(manifest.extensionKind, ['workspace']);
  assert.ok(!manifest.activationEvents.includes('*'));
  assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
});

test('untrusted workspaces are limited and launching commands need trust', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('laser.pythonPath'));
  const launching = manifest.contributes.commands.filter((c: { command: string }) => c.command === 'laser.checkPythonEnvironment');
  assert.equal(launching[0].enablement, 'isWorkspaceTrusted');
});

test('every command is in the LaSeR category', () => {
  for (const c of manifest.contributes.commands) assert.equal(c.category, 'LaSeR', c.command);
});

test('self-reward defaults are the paper\'s Qwen settings', () => {
  const p = manifest.contributes.configuration.properties;
  assert.equal(p['laser.selfReward.tokenId'].default, 151652);
  assert.equal(p['laser.selfReward.beta'].default, 0.1);
  assert.equal(p['laser.selfReward.cRef'].default, -23.0);
  assert.equal(p['laser.selfReward.threshold'].default, 0.5);
});

test('solution files: the inspector is an optional editor for .jsonl, the report and settings are contributed', () => {
  const c = manifest.contributes;
  assert.deepEqual(c.customEditors, [{ viewType: 'laser.inspector', displayName: 'LaSeR Inspector', selector: [{ filenamePattern: '*.jsonl' }], priority: 'option' }]);
  const commands = c.commands.map((x: { command: string }) => x.command);
  for (const id of ['laser.inspectSolution', 'laser.openBestResponse', 'laser.showSelfRewardReport']) assert.ok(commands.includes(id), id);
  assert.equal(c.configuration.properties['laser.solutions.disagreementDiagnostics'].default, false);
  assert.ok(manifest.activationEvents.includes('onLanguage:jsonl'));
});
