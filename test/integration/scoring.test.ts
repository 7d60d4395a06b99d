import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScoreFileResult } from '../../src/core/scoring/scoreSolutionsFile';
import { readSidecarScores } from '../../src/core/scoring/sidecarCache';
import { tinyModel, type TinyModel } from '../unit/core/scoring/tinyModel';
import { activeExtension } from './extension';
import { hasDriver, screenshot, showNotifications, tidyWorkbench, visibleText } from './workbench';

suite('Scoring: Score Solutions File', () => {
  let model: TinyModel;
  let ws: string;
  let file: string;

  suiteSetup(async function () {
    this.timeout(240_000);
    await tidyWorkbench();
    await activeExtension();
    model = await tinyModel();
    ws = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    // 60 problems × 4 responses and a line without responses; at a small batch budget (one response per forward
    // pass) scoring takes long enough for the progress notification to be seen.
    file = join(ws, 'eval', 'solutions.jsonl');
  });

  test('scores a solutions file from the palette with an exported model: progress, then the sidecar with every score', async function () {
    this.timeout(180_000);
    const running = vscode.commands.executeCommand<ScoreFileResult | undefined>('laser.scoreSolutionsFile', vscode.Uri.file(file), { modelDir: model.onnx, batchTokens: 256 });
    await showNotifications();
    const progress = 'LaSeR: scoring solutions.jsonl (onnx)';
    if (hasDriver) assert.ok((await visibleText('/240 responses', 30_000)).includes(progress), 'the progress notification is on screen');
    assert.ok(await screenshot('scoring-progress', '/240 responses'));
    const result = await running;
    assert.ok(result, 'a result');
    assert.equal(result.cacheHit, false);
    assert.equal(result.sidecar.counts.scored, 240);
    assert.deepEqual(result.sidecar.lineErrors.map((e) => e.line), [3]);
    assert.ok(existsSync(result.sidecarPath), 'the sidecar is written');
    assert.ok(result.sidecarPath.startsWith(join(ws, '.laser', 'scores')));
    const scores = await readSidecarScores(join(ws, '.laser'), readFileSync(file));
    assert.ok(scores);
    assert.equal(scores.size, 60);
    for (const row of scores.values()) {
      assert.equal(row.length, 4);
      for (const s of row) assert.ok(typeof s === 'number' && Number.isFinite(s));
    }
    await showNotifications();
    const summary = 'LaSeR: scored solutions.jsonl: 240 responses';
    if (hasDriver) assert.ok((await visibleText(summary)).includes(summary), 'the summary is on screen');
    assert.ok(await screenshot('scoring-done', summary));
  });

  test('scoring the same file again is served from the sidecar and can write a scored copy', async () => {
    const copy = join(ws, 'eval', 'solutions.scored.jsonl');
    const result = await vscode.commands.executeCommand<ScoreFileResult | undefined>('laser.scoreSolutionsFile', vscode.Uri.file(file), { modelDir: model.onnx, scoredCopy: copy });
    assert.ok(result);
    assert.equal(result.cacheHit, true);
    assert.equal(readdirSync(join(ws, '.laser', 'scores')).filter((n) => n.endsWith('.json')).length, 1);
    const lines = readFileSync(copy, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { self_rewarding_scores?: (number | null)[] });
    assert.equal(lines.length, 61);
    assert.equal(lines.filter((l) => l.self_rewarding_scores?.length === 4).length, 60);
    assert.equal(lines[2]!.self_rewarding_scores, undefined, 'the bad line is copied unchanged');
    await showNotifications();
    const summary = 'LaSeR: cached scores for solutions.jsonl: 240 responses';
    assert.ok(await screenshot('scoring-cached', summary));
  });

  test('a model folder missing a file is named in the error', async () => {
    const result = await vscode.commands.executeCommand('laser.scoreSolutionsFile', vscode.Uri.file(file), { modelDir: join(ws, 'eval') });
    assert.equal(result, undefined);
    await showNotifications();
    const message = `missing config.json`;
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the error is on screen');
  });
});
