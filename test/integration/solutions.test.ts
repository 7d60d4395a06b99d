import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseSolutionsText } from '../../src/core/solutions/parseSolutions';
import { buildReport } from '../../src/core/solutions/report';
import { activeExtension, waitFor } from './extension';
import { workspaceDir } from './runFixtures';
import { hasDriver, screenshot, tidyWorkbench, visibleText } from './workbench';

// test/fixtures/workspace/solutions/tiny-laser.jsonl: three hand-made LaSeR eval problems (threshold 0.5).
// Line 1: scores 0.9 / 0.5 / 0.7 / 0.0, verifier ✓ ✓ ✗ ✗, answers 42 42 41 — so SR predicts ✓ ✗ ✓ ✗ (0.5 is not
// above the threshold): two responses agree with the verifier, two do not.
const TINY_DECORATIONS = [
  { line: 0, text: 'SR 2/4 ≠ · ver 2/4 · best 0.90 ✓ · maj 42 ✓ · SR-vote 42 ✓', agreement: 'partial' },
  { line: 1, text: 'SR 1/2 ≠ · ver 0/2 · best 0.60 ✗ · maj 8 ✗ · SR-vote 8 ✗', agreement: 'partial' },
  { line: 2, text: 'SR 1/1 ✓ · ver 1/1 · best 0.80 ✓ · maj 1 ✓ · SR-vote 1 ✓', agreement: 'agree' },
];

// The extension's own fixtures (outside the copied workspace), from out/test/integration.
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'solutions');
const solution = (name: string) => vscode.Uri.file(join(workspaceDir(), 'solutions', name));

function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('Solution files: decorations, hover, CodeLens, inspector and report', () => {
  suiteSetup(tidyWorkbench);
  teardown(closeAll);

  test('a LaSeR eval file shows each problem\'s self-reward summary at the start of its line, with a gutter mark', async () => {
    const api = await activeExtension();
    const uri = solution('tiny-laser.jsonl');
    const decorated = waitFor(api.onDidDecorateSolutions, (u) => u.toString() === uri.toString() && api.solutionDecorations(u).length === 3);
    await vscode.window.showTextDocument(uri);
    await decorated;
    assert.deepEqual(api.solutionDecorations(uri), TINY_DECORATIONS);
    assert.ok(await screenshot('solutions-decorations', 'Best response'));
  });

  test('only the lines in and near the visible range are decorated; scrolling decorates the new ones', async () => {
    const api = await activeExtension();
    // 160 lines, one response each: more than an editor shows.
    const uri = vscode.Uri.file(join(FIXTURES, 'verl-dump.jsonl'));
    const decorated = waitFor(api.onDidDecorateSolutions, (u) => u.toString() === uri.toString() && api.solutionDecorations(u).length > 0);
    const editor = await vscode.window.showTextDocument(uri);
    await decorated;
    const first = api.solutionDecorations(uri).map((d) => d.line);
    assert.equal(first[0], 0);
    assert.ok(first.length < 160 && !first.includes(150), `decorated ${first.length} of 160 lines`);
    assert.match(api.solutionDecorations(uri)[0]!.text, /^SR 1\/1 ✓ · ver 1\/1 · best 0\.77 ✓ · maj 3 ✓ · SR-vote 3 ✓$/);
    const scrolled = waitFor(api.onDidDecorateSolutions, (u) => u.toString() === uri.toString() && api.solutionDecorations(u).some((d) => d.line === 150));
    editor.revealRange(new vscode.Range(150, 0, 150, 0), vscode.TextEditorRevealType.InCenter);
    await scrolled;
    assert.ok(!api.solutionDecorations(uri).some((d) => d.line === 0), 'lines scrolled far away are no longer decorated');
  });

  test('Qwen2.5-Math eval output is recognised too', async () => {
    const api = await activeExtension();
    const uri = vscode.Uri.file(join(FIXTURES, 'qwen-math-eval.jsonl'));
    const decorated = waitFor(api.onDidDecorateSolutions, (u) => u.toString() === uri.toString() && api.solutionDecorations(u).length === 20);
    await vscode.window.showTextDocument(uri);
    await decorated;
    for (const d of api.solutionDecorations(uri)) assert.match(d.text, /^SR (\d+\/8|unscored).* · maj /);
  });

  test('other JSONL gets no decorations, no CodeLens and no problems', async () => {
    const api = await activeExtension();
    const doc = await vscode.workspace.openTextDocument({ language: 'jsonl', content: '{"a": 1}\n{"b": [2, 3]}\n' });
    await vscode.window.showTextDocument(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.equal(lenses.filter((l) => l.command?.command.startsWith('laser.')).length, 0);
    assert.deepEqual(api.solutionDecorations(doc.uri), []);
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
  });

  test('the hover lists every response with its answer, verdict, score and prediction, the settings and links', async () => {
    const uri = solution('tiny-laser.jsonl');
    let editor = await vscode.window.showTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 5));
    const text = hovers.map(hoverText).find((t) => t.includes('SR > 0.5'));
    assert.ok(text, 'a LaSeR hover is offered on a problem line');
    assert.match(text, /\*\*Line 1\*\* · 4 responses · reference answer `42`/);
    assert.ok(text.includes('| 0 | `42` | ✓ | 0.900 | ✓ | 25 |'), text);
    assert.ok(text.includes('| 1 | `42` | ✓ | 0.500 | ✗ | 19 |'), 'a score exactly at the threshold is predicted wrong');
    assert.ok(text.includes('| 2 | `41` | ✗ | 0.700 | ✓ | 12 |'));
    assert.ok(text.includes('| 3 | *none* | ✗ | 0.000 | ✗ | 14 |'));
    assert.match(text, /token id 151652, β 0\.1, c_ref -23/);
    assert.match(text, /\[Open in Inspector\]\(command:laser\.inspectSolution\?/);
    assert.match(text, /\[Score this file\]\(command:laser\.scoreSolutionsFile\?/);
    // The link's arguments, as the workbench passes them: the file and the problem's line.
    const link = /\(command:laser\.inspectSolution\?([^ )]+)/.exec(text)![1]!;
    const args = JSON.parse(decodeURIComponent(link)) as unknown[];
    const api = await activeExtension();
    const rendered = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString() && r.line === 0);
    await vscode.commands.executeCommand('laser.inspectSolution', ...args);
    assert.match((await rendered).text, /Line 1 · 4 responses/);
    editor = await vscode.window.showTextDocument(uri);
    if (hasDriver) {
      editor.selection = new vscode.Selection(0, 5, 0, 5);
      await vscode.commands.executeCommand('editor.action.showHover');
      assert.ok(await screenshot('solutions-hover', 'Open in Inspector'), 'the hover is on screen');
    }
  });

  test('CodeLens offers Inspect and the best response above every problem', async () => {
    await activeExtension();
    const uri = solution('tiny-laser.jsonl');
    await vscode.window.showTextDocument(uri);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).filter((l) => l.command?.command.startsWith('laser.'));
    const titles = lenses.map((l) => `${l.range.start.line}: ${l.command!.title}`);
    assert.deepEqual(titles, [
      '0: Inspect', '0: Best response (#0, 0.90 ✓)',
      '1: Inspect', '1: Best response (#1, 0.60 ✗)',
      '2: Inspect', '2: Best response (#0, 0.80 ✓)',
    ]);
    const best = lenses[1]!.command!;
    await vscode.commands.executeCommand(best.command, ...(best.arguments ?? []));
    const shown = vscode.window.activeTextEditor!.document;
    assert.equal(shown.uri.scheme, 'laser-response');
    assert.match(shown.getText(), /^# Line 1 · response 0 of 4\n\nself-reward 0\.900 · verifier ✓ · answer `42`/);
    assert.ok(shown.getText().includes('$6 \\times 7 = \\boxed{42}$'));
  });

  test('disagreements go to the Problems panel only when switched on, in both directions', async () => {
    await activeExtension();
    const uri = solution('tiny-laser.jsonl');
    await vscode.window.showTextDocument(uri);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    const config = vscode.workspace.getConfiguration('laser.solutions');
    const listed = waitFor(vscode.languages.onDidChangeDiagnostics, () => vscode.languages.getDiagnostics(uri).length > 0);
    await config.update('disagreementDiagnostics', true, vscode.ConfigurationTarget.Workspace);
    try {
      await listed;
      const messages = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}: ${d.message}`);
      assert.deepEqual(messages, [
        '0: Self-reward says correct, verifier says wrong: #2 (0.70) (threshold 0.5)',
        '0: Self-reward says wrong, verifier says correct: #1 (0.50) (threshold 0.5)',
        '1: Self-reward says correct, verifier says wrong: #1 (0.60) (threshold 0.5)',
      ]);
    } finally {
      await config.update('disagreementDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  test('Open With… LaSeR Inspector renders the responses as Markdown with KaTeX math, sorted by score', async () => {
    const api = await activeExtension();
    const uri = solution('tiny-laser.jsonl');
    const rendered = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString() && r.line === 0);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'laser.inspector');
    const shown = await rendered;
    // One formula in the problem and one in each of the first three responses; "I am not sure." has none.
    assert.equal(shown.formulas, 4);
    const order = ['#0', '#2', '#1', '#3'].map((i) => shown.text.indexOf(`${i}\n`) >= 0 ? shown.text.indexOf(`${i}\n`) : shown.text.indexOf(i));
    assert.deepEqual([...order].sort((a, b) => a - b), order, `responses sorted by score: ${shown.text}`);
    assert.match(shown.text, /score 0\.900/);
    assert.match(shown.text, /answer 42/);
    assert.match(shown.text, /no answer/);
  });

  test('the inspector opens a problem from its CodeLens and lists filters', async () => {
    const api = await activeExtension();
    const uri = solution('laser-eval.jsonl');
    const rendered = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString() && r.line === 2);
    await vscode.commands.executeCommand('laser.inspectSolution', uri, 2);
    const shown = await rendered;
    assert.ok(shown.formulas > 8, `KaTeX drew the formulas (${shown.formulas})`);
    assert.match(shown.text, /Line 3 · 8 responses/);
    assert.ok(await screenshot('solutions-inspector', 'Sorted by self-reward score'));
    // Inspecting another problem of a file already open selects it in the same inspector.
    const next = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString() && r.line === 5);
    await vscode.commands.executeCommand('laser.inspectSolution', uri, 5);
    assert.match((await next).text, /Line 6 · 8 responses/);
    const inspectors = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === uri.toString());
    assert.equal(inspectors.length, 1);
    if (hasDriver) {
      const text = await visibleText('Disagreements (');
      assert.match(text, /All \(20\)/);
      assert.match(text, /SR vote ✓, majority ✗ \(\d+\)/);
    }
  });

  test('the inspector reads the file again when it changes on disk', async () => {
    const api = await activeExtension();
    const uri = solution('rescored.jsonl');
    const original = readFileSync(solution('tiny-laser.jsonl').fsPath, 'utf8');
    writeFileSync(uri.fsPath, original);
    try {
      const first = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString());
      await vscode.commands.executeCommand('vscode.openWith', uri, 'laser.inspector');
      assert.match((await first).text, /score 0\.900/);
      const again = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString() && r.text.includes('score 0.123'));
      writeFileSync(uri.fsPath, original.replace('[0.9, 0.5, 0.7, 0.0]', '[0.123, 0.5, 0.7, 0.0]'));
      const shown = await again;
      assert.equal(shown.line, 0, 'the selected problem stays selected');
    } finally {
      await closeAll();
      rmSync(uri.fsPath, { force: true });
    }
  });

  test('a file too large for VS Code to hand to extensions opens in the inspector, which says why', async () => {
    const api = await activeExtension();
    const uri = solution('big.jsonl');
    const lines = readFileSync(solution('laser-eval.jsonl').fsPath, 'utf8').trimEnd().split('\n');
    const chunk = `${lines.join('\n')}\n`;
    const copies = Math.ceil((52 * 1024 * 1024) / Buffer.byteLength(chunk));
    writeFileSync(uri.fsPath, chunk.repeat(copies));
    try {
      const rendered = waitFor(api.onDidRenderInspector, (r) => r.uri.toString() === uri.toString(), 120_000);
      await vscode.commands.executeCommand('vscode.open', uri);
      const shown = await rendered;
      assert.match(shown.text, /big\.jsonl is 52 MB; VS Code does not hand files over 50 MB to extensions/);
      assert.ok(shown.formulas > 0);
      if (hasDriver) assert.match(await visibleText('problems · laser-eval'), new RegExp(`${copies * lines.length} problems`));
      assert.ok(await screenshot('solutions-large-file', 'VS Code does not hand files'));
    } finally {
      await closeAll();
      rmSync(uri.fsPath, { force: true });
    }
  });

  test('Show Self-Reward Report draws the scaling curves, histograms and sweep with the report\'s numbers', async () => {
    const api = await activeExtension();
    const uri = solution('laser-eval.jsonl');
    const expected = buildReport(parseSolutionsText(readFileSync(uri.fsPath, 'utf8')).problems, { threshold: 0.5, seed: 0 });
    const drawn = waitFor(api.onDidDrawReport, (d) => d.uri.toString() === uri.toString());
    await vscode.commands.executeCommand('laser.showSelfRewardReport', uri);
    const report = await drawn;
    assert.deepEqual(report.charts, {
      scaling: expected.scaling.k.length * 4,
      histogram: expected.histograms.all.correct.length * 2,
      sweep: expected.sweep.all.length * 4,
    });
    assert.match(report.text, /LaSeR F1/);
    assert.match(report.text, /ROC AUC/);
    assert.ok(report.text.includes(`${(100 * expected.accuracy).toFixed(1)}%`), 'verifier accuracy');
    assert.ok(report.text.includes(expected.self_verification.all.f1_laser.toFixed(3)), 'LaSeR F1 (all)');
    assert.ok(report.text.includes(String(expected.confusion.all.tp)));
    assert.ok(await screenshot('solutions-report', 'Test-time scaling'));
  });
});
