import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScoreFileResult } from '../../src/core/scoring/scoreSolutionsFile';
import { sidecarScores } from '../../src/core/solutions/sidecarScores';
import { tinyModel, type TinyModel } from '../unit/core/scoring/tinyModel';
import { activeExtension, waitFor } from './extension';
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
    const scores = (await sidecarScores(join(ws, '.laser'), readFileSync(file)))?.scores;
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

  test('an open solution file shows the scores as soon as scoring caches them: decorations and hover', async function () {
    this.timeout(120_000);
    const api = await activeExtension();
    const small = join(ws, 'eval', 'five-problems.jsonl');
    writeFileSync(small, `${readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"responses"')).slice(0, 5).join('\n')}\n`);
    const uri = vscode.Uri.file(small);
    const texts = () => api.solutionDecorations(uri).map((d) => d.text);
    const unscored = waitFor(api.onDidDecorateSolutions, (u) => u.toString() === uri.toString() && texts().length === 5);
    await vscode.window.showTextDocument(uri);
    await unscored;
    assert.ok(texts().every((t) => t.startsWith('SR unscored')), texts().join('\n'));

    const scored = waitFor(api.onDidDecorateSolutions, (u) => u.toString() === uri.toString() && texts().length === 5 && texts().every((t) => /^SR \d\/4 /.test(t)), 60_000);
    const result = await vscode.commands.executeCommand<ScoreFileResult | undefined>('laser.scoreSolutionsFile', uri, { modelDir: model.onnx });
    assert.equal(result?.sidecar.counts.scored, 20);
    await scored;
    const best = Math.max(...result.sidecar.lines[0]!.scores.map((x) => x ?? -Infinity));
    assert.match(texts()[0]!, new RegExp(` · best ${best.toFixed(2)} `));

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 3));
    const hover = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(hover, /Scores from the cache of LaSeR: Score Solutions File: .*\(onnx\), token id \d+, β [\d.]+, c_ref -?[\d.]+/);
    assert.ok(hover.includes(best.toFixed(3)), 'the hover table lists the cached scores');
    await vscode.commands.executeCommand('editor.action.showHover');
    assert.ok(await screenshot('scoring-decorations', 'SR '));
  });

  test('a model folder missing a file is named in the error', async () => {
    const result = await vscode.commands.executeCommand('laser.scoreSolutionsFile', vscode.Uri.file(file), { modelDir: join(ws, 'eval') });
    assert.equal(result, undefined);
    await showNotifications();
    const message = `missing config.json`;
    if (hasDriver) assert.ok((await visibleText(message)).includes(message), 'the error is on screen');
  });
});
