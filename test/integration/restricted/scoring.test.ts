import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScoreFileResult } from '../../../src/core/scoring/scoreSolutionsFile';
import { tinyModel, type TinyModel } from '../../unit/core/scoring/tinyModel';
import { activeExtension } from '../extension';
import { hasDriver, screenshot, showNotifications, tidyWorkbench, visibleText } from '../workbench';

suite('Scoring in Restricted Mode', () => {
  let model: TinyModel;
  let file: vscode.Uri;

  suiteSetup(async function () {
    this.timeout(240_000);
    await tidyWorkbench();
    await activeExtension();
    model = await tinyModel();
    file = vscode.Uri.file(join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'eval', 'solutions.jsonl'));
  });

  test('an exported ONNX model scores: no process is started', async function () {
    this.timeout(120_000);
    assert.equal(vscode.workspace.isTrusted, false);
    const result = await vscode.commands.executeCommand<ScoreFileResult | undefined>('laser.scoreSolutionsFile', file, { modelDir: model.onnx });
    assert.ok(result, 'scored');
    assert.equal(result.sidecar.counts.scored, 240);
  });

  test('the Python backend for a Hugging Face checkpoint is refused with a message saying why', async () => {
    const result = await vscode.commands.executeCommand('laser.scoreSolutionsFile', file, { modelDir: model.checkpoint, backend: 'transformers' });
    assert.equal(result, undefined);
    await showNotifications();
    const message = 'LaSeR Lab cannot start the Python scoring worker: this workspace is in Restricted Mode.';
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the refusal is on screen');
    assert.ok(await screenshot('scoring-restricted', message));
  });
});
