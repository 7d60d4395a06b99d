import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { matchesFilter, parseInspectorExtensionMessage, parseInspectorMessage, type ProblemRow } from '../../src/protocol/inspector';
import { parseReportExtensionMessage, parseReportMessage } from '../../src/protocol/report';
import { buildReport } from '../../src/core/solutions/report';
import { DETECT_WITHIN, parseSolutionsText } from '../../src/core/solutions/parseSolutions';
import { problemRow } from '../../src/vscode/solutions/inspectorRows';
import { LINES_PER_SLICE, parseInSlices } from '../../src/vscode/solutions/parseInSlices';
import { renderMathInline, renderMathMarkdown } from '../../webview/inspector/mathMarkdown';

const TINY = [
  '{"problem": "What is $6 \\\\times 7$?", "answer": "42", "responses": ["$6 \\\\times 7 = \\\\boxed{42}$", "It is $\\\\boxed{42}$.", "$\\\\boxed{41}$", "I am not sure."], "pred_answers": ["42", "42", "41", null], "acc_list": [true, true, false, false], "self_rewarding_scores": [0.9, 0.5, 0.7, 0.0]}',
  '{"problem": "Solve $x + 1 = 8$.", "answer": "7", "responses": ["$x = \\\\boxed{8}$", "$\\\\boxed{7}$"], "pred_answers": ["8", "7"], "acc_list": [false, true], "self_rewarding_scores": [0.2, 0.6]}',
].join('\n');

test('Markdown with math: $…$, $$…$$, \\(…\\), \\[…\\] and bare \\boxed{…} become KaTeX; _ and * inside math stay math', () => {
  const r = renderMathMarkdown('Let $a_1 * b_2$ and $$\\frac{a}{b}$$ and \\(y^2\\) and \\[z\\] so \\boxed{42}. **bold** costs \\$5');
  assert.equal(r.formulas, 5);
  assert.equal((r.html.match(/class="katex"/g) ?? []).length, 5);
  assert.match(r.html, /<strong>bold<\/strong>/);
  assert.match(r.html, /costs \$5/);
  assert.ok(!r.html.includes('<em>'), 'no emphasis made from the * and _ of a formula');
});

test('raw HTML in a response is shown as text, and a formula KaTeX cannot parse does not throw', () => {
  const r = renderMathMarkdown('<img src=x onerror=alert(1)> and $\\frac{1}{$');
  assert.ok(!r.html.includes('<img'));
  assert.match(r.html, /&lt;img/);
  assert.ok(renderMathMarkdown('$\\notacommand{1}$').html.includes('katex'));
});

test('inspector rows carry what the filters need; the filters pick disagreements, unsolved and SR-vote-only wins', () => {
  const problems = parseSolutionsText(TINY).problems;
  const rows = problems.map((p) => problemRow(p, 0.5));
  assert.deepEqual(rows[0], {
    line: 0, problem: 'What is $6 \\times 7$?', n: 4, predictedCorrect: 2, verifierCorrect: 2, agreement: 'partial',
    majorityCorrect: true, srVoteCorrect: true, label: 'SR 2/4 ≠ · ver 2/4 · best 0.90 ✓ · maj 42 ✓ · SR-vote 42 ✓',
  });
  // Line 2: the 8 and the 7 tie on votes; the tie goes to the higher summed score (7: 0.6), so majority is right too.
  assert.equal(rows[1]!.srVoteCorrect, true);
  const row = (over: Partial<ProblemRow>): ProblemRow => ({ ...rows[0]!, ...over });
  assert.ok(matchesFilter(row({ agreement: 'disagree' }), 'disagreements'));
  assert.ok(matchesFilter(row({ agreement: 'partial' }), 'disagreements'));
  assert.ok(!matchesFilter(row({ agreement: 'agree' }), 'disagreements'));
  assert.ok(!matchesFilter(row({ agreement: 'unscored' }), 'disagreements'));
  assert.ok(matchesFilter(row({ verifierCorrect: 0 }), 'unsolved'));
  assert.ok(!matchesFilter(row({ verifierCorrect: null }), 'unsolved'), 'no verdicts is not unsolved');
  assert.ok(matchesFilter(row({ srVoteCorrect: true, majorityCorrect: false }), 'srOnly'));
  assert.ok(!matchesFilter(row({ srVoteCorrect: true, majorityCorrect: true }), 'srOnly'));
  assert.ok(matchesFilter(row({}), 'all'));
});

test('the inspector protocol accepts well-formed messages and rejects the rest', () => {
  assert.deepEqual(parseInspectorMessage({ type: 'select', line: 3 }), { type: 'select', line: 3 });
  assert.equal(parseInspectorMessage({ type: 'select', line: -1 }), undefined);
  assert.equal(parseInspectorMessage({ type: 'rendered', line: 1, formulas: 2 }), undefined);
  assert.equal(parseInspectorMessage({ type: 'exec', command: 'x' }), undefined);
  const rows = parseSolutionsText(TINY).problems.map((p) => problemRow(p, 0.5));
  const snapshot = { type: 'snapshot', seq: 0, fileName: 'a.jsonl', format: 'laser-eval', threshold: 0.5, rows, issues: [] };
  assert.ok(parseInspectorExtensionMessage(snapshot));
  assert.equal(parseInspectorExtensionMessage({ ...snapshot, rows: [{ ...rows[0], agreement: 'maybe' }] }), undefined);
  assert.equal(parseInspectorExtensionMessage({ type: 'problem', seq: 1, detail: { line: 0, problem: 'p', answer: null, responses: [{ index: 0 }] } }), undefined);
});

test('the report protocol carries a whole report and the drawn-charts acknowledgement', () => {
  const report = buildReport(parseSolutionsText(TINY).problems, { threshold: 0.5, seed: 0 });
  const snapshot = { type: 'snapshot', seq: 0, fileName: 'a.jsonl', format: 'laser-eval', threshold: 0.5, report };
  assert.ok(parseReportExtensionMessage(JSON.parse(JSON.stringify(snapshot))));
  assert.equal(parseReportExtensionMessage({ ...snapshot, report: { ...report, scaling: { ...report.scaling, k: ['1'] } } }), undefined);
  assert.deepEqual(parseReportMessage({ type: 'drawn', seq: 2, charts: { scaling: 8 }, text: 't' }), { type: 'drawn', seq: 2, charts: { scaling: 8 }, text: 't' });
  assert.equal(parseReportMessage({ type: 'drawn', seq: 2, charts: { pie: 1 }, text: 't' }), undefined);
});

test('parsing in slices gives exactly what parseSolutionLines gives, issues before the first record included', async () => {
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'solutions');
  const texts = readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).map((f) => readFileSync(join(fixtures, f), 'utf8'));
  texts.push(`not json\n{"x": 1}\n\n${TINY}\n${'{"problem": "p", "responses": 3}\n'.repeat(LINES_PER_SLICE * 2)}`);
  texts.push(`${'{"x": 1}\n'.repeat(DETECT_WITHIN - 1)}${TINY}`, `${'{"x": 1}\n'.repeat(DETECT_WITHIN)}${TINY}`);
  for (const text of texts) {
    const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    assert.deepEqual(await parseInSlices(lines.length, (i) => lines[i]!), parseSolutionsText(text));
  }
  assert.equal(parseSolutionsText(texts.at(-2)!).format, 'laser-eval');
  assert.equal(parseSolutionsText(texts.at(-1)!).format, undefined);
  const last = texts.at(-3)!;
  const parsed = parseSolutionsText(last);
  assert.deepEqual(parsed.issues.slice(0, 2).map((i) => i.line), [0, 1]);
  assert.equal(parsed.issues.length, 2 + LINES_PER_SLICE * 2);
});

test('one-line rendering for the problem list: no paragraph, display math drawn inline', () => {
  const r = renderMathInline('Solve $$x^2 = 4$$ for *x*.');
  assert.equal(r.formulas, 1);
  assert.ok(!r.html.includes('<p>') && !r.html.includes('katex-display'));
  assert.match(r.html, /<em>x<\/em>/);
});
