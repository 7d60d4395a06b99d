import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyScores } from '../../../../src/core/solutions/applyScores';
import { DETECT_WITHIN, detectSolutionFormat, parseSolutionLine, parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { fixtureText } from './solutionFixtures';

test('detects each format from the keys of a record, and nothing else', () => {
  assert.equal(detectSolutionFormat({ problem: 'p', responses: [], pred_answers: [], acc_list: [] }), 'laser-eval');
  assert.equal(detectSolutionFormat({ question: 'q', gt: '1', code: [], pred: [], score: [] }), 'qwen-math-eval');
  assert.equal(detectSolutionFormat({ input: 'i', output: 'o', score: 1 }), 'verl-dump');
  assert.equal(detectSolutionFormat({ step: 1, data: { loss: 1 } }), undefined);
  assert.equal(detectSolutionFormat([1, 2]), undefined);
  assert.equal(detectSolutionFormat('text'), undefined);
  assert.equal(detectSolutionFormat(null), undefined);
});

test('the LaSeR eval fixture: 20 problems × 8 responses, LaTeX kept, null answers kept', () => {
  const { format, problems, issues } = parseSolutionsText(fixtureText('laser-eval.jsonl'));
  assert.equal(format, 'laser-eval');
  assert.deepEqual(issues, []);
  assert.equal(problems.length, 20);
  assert.ok(problems.every((p, i) => p.line === i && p.responses.length === 8));
  const first = problems[0]!;
  assert.equal(first.problem, 'Find the value of $x$ such that $2x + 1 = 7$.');
  assert.equal(first.answer, '3');
  assert.match(first.responses[0]!.text, /\$\$x = \\frac\{c - b\}\{a\}\.\$\$/);
  assert.deepEqual(
    first.responses.map((r) => r.index),
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
  assert.equal(first.responses[0]!.length, first.responses[0]!.text.length);
  const all = problems.flatMap((p) => p.responses);
  assert.ok(all.some((r) => r.pred === null) && all.every((r) => r.correct !== null && r.score !== null));
  assert.ok(problems.some((p) => p.answer!.startsWith('\\frac{')));
});

test('the verl dump fixture: one problem per line, aligned with the file, the self-reward read from self_rewarding_score', () => {
  const { format, problems, issues } = parseSolutionsText(fixtureText('verl-dump.jsonl'));
  assert.equal(format, 'verl-dump');
  assert.deepEqual(issues, []);
  assert.equal(problems.length, 160);
  assert.ok(problems.every((p, i) => p.line === i && p.responses.length === 1));
  const laser = parseSolutionsText(fixtureText('laser-eval.jsonl')).problems;
  const flat = laser.flatMap((p) => p.responses);
  assert.deepEqual(
    problems.map((p) => p.responses[0]!),
    flat.map((r) => ({ ...r, index: 0 })),
  );
  assert.equal(problems[0]!.answer, '3');
});

test('the Qwen2.5-Math eval fixture: code[] are the responses, score[] the verdicts, empty predictions are no answer', () => {
  const { format, problems, issues } = parseSolutionsText(fixtureText('qwen-math-eval.jsonl'));
  assert.equal(format, 'qwen-math-eval');
  assert.deepEqual(issues, []);
  assert.equal(problems.length, 20);
  const laser = parseSolutionsText(fixtureText('laser-eval.jsonl')).problems;
  problems.forEach((p, i) => {
    assert.equal(p.problem, laser[i]!.problem);
    assert.equal(p.answer, laser[i]!.answer);
    assert.deepEqual(
      p.responses,
      laser[i]!.responses.map((r) => ({ ...r, score: null })),
    );
  });
});

test('verl: acc wins over score for correctness; without acc, correct ⇔ score > 0; gts lists are joined', () => {
  const line = (record: object) => parseSolutionLine(JSON.stringify(record), 3);
  const a = line({ input: 'q', output: 'o', score: -1, acc: true, pred: '5', gts: ['5', '5.0'] });
  assert.equal(a.kind, 'problem');
  if (a.kind !== 'problem') return;
  assert.deepEqual(a.problem, { line: 3, problem: 'q', answer: '5, 5.0', responses: [{ index: 0, text: 'o', pred: '5', correct: true, score: null, length: 1 }] });
  const b = line({ input: 'q', output: 'out', score: 1.0, self_reward_score: 0.75 });
  assert.ok(b.kind === 'problem' && b.problem.responses[0]!.correct === true && b.problem.responses[0]!.score === 0.75 && b.problem.answer === null);
  const c = line({ input: 'q', output: 'o', score: -1, pred: '' });
  assert.ok(c.kind === 'problem' && c.problem.responses[0]!.correct === false && c.problem.responses[0]!.pred === null);
  const d = line({ input: 'q', output: 'o', score: -1, acc: false, pred: '[INVALID]' });
  assert.ok(d.kind === 'problem' && d.problem.responses[0]!.pred === null);
  const e = line({ input: 'q', output: 'o', score: 1, pred: ['A', 'C'] });
  assert.ok(e.kind === 'problem' && e.problem.responses[0]!.pred === 'A, C');
});

test('LaSeR eval: verify_accs_results wins over acc_list; 0/1 verdicts; missing scores are null; NaN from Python is unscored', () => {
  const text =
    '{"problem": "p", "answer": 3, "responses": ["a", "b"], "pred_answers": ["3", null], "acc_list": [false, false], "verify_accs_results": [1, 0], "self_rewarding_scores": [NaN, -Infinity]}\n' +
    '{"problem": "q", "answer": "x", "responses": ["c"], "pred_answers": [""], "acc_list": [true]}\r\n';
  const { problems, issues } = parseSolutionsText(text);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    problems[0]!.responses.map((r) => [r.pred, r.correct, r.score]),
    [
      ['3', true, null],
      [null, false, null],
    ],
  );
  assert.equal(problems[0]!.answer, '3');
  // LaSeR's \boxed{} gives an empty answer, not a missing one.
  assert.deepEqual(problems[1]!.responses[0]!.pred, '');
  assert.equal(problems[1]!.responses[0]!.score, null);
});

test('malformed lines give issues with their line and what was expected; the other lines are read', () => {
  const { format, problems, issues } = parseSolutionsText(fixtureText('bad-laser.jsonl'));
  assert.equal(format, 'laser-eval');
  assert.deepEqual(
    problems.map((p) => p.line),
    [0, 3],
  );
  assert.equal(issues.length, 2);
  assert.equal(issues[0]!.line, 1);
  assert.match(issues[0]!.message, /^not valid JSON \(.*\); expected a LaSeR eval record/);
  assert.deepEqual(issues[1], { line: 2, message: 'expected "acc_list" to have 2 entries (one per response), found 1' });
});

test('wrong types, a record of another format, and bad lines before the first record are issues', () => {
  const good = '{"problem": "p", "answer": "1", "responses": ["a"], "pred_answers": ["1"], "acc_list": [true]}';
  const text = [
    'garbage',
    '{"note": "header"}',
    good,
    '',
    '{"problem": "p", "responses": ["a", 2], "pred_answers": ["1", "2"], "acc_list": [true, false]}',
    '{"problem": "p", "responses": ["a"], "pred_answers": [true], "acc_list": [true]}',
    '{"problem": "p", "responses": ["a"], "pred_answers": ["1"], "acc_list": ["yes"]}',
    '{"problem": "p", "responses": ["a"], "pred_answers": ["1"], "acc_list": [true], "self_rewarding_scores": ["0.5"]}',
    '{"problem": 5, "responses": ["a"], "acc_list": [true]}',
    '{"input": "i", "output": "o", "score": 1}',
    good,
  ].join('\n');
  const { problems, issues } = parseSolutionsText(text);
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 10],
  );
  assert.deepEqual(
    issues.map((i) => i.line),
    [0, 1, 4, 5, 6, 7, 8, 9],
  );
  const messages = issues.map((i) => i.message);
  assert.match(messages[0]!, /^not valid JSON .*; expected a LaSeR eval record/);
  assert.match(messages[1]!, /^expected a LaSeR eval record .*, found a record without those keys$/);
  assert.equal(messages[2], 'expected "responses[1]" to be a string, found 2');
  assert.equal(messages[3], 'expected "pred_answers[0]" to be a string or null, found true');
  assert.equal(messages[4], 'expected "acc_list[0]" to be true, false, 0, 1 or null, found "yes"');
  assert.equal(messages[5], 'expected "self_rewarding_scores[0]" to be a number or null, found "0.5"');
  assert.equal(messages[6], 'expected "problem" to be a string, found 5');
  assert.match(messages[7]!, /like the rest of the file, found a verl generation dump record/);
});

test('other JSONL, plain text and empty files have no format, no problems and no issues', () => {
  for (const text of [fixtureText('other.jsonl'), 'hello\nworld\n', '', '\n\n']) {
    assert.deepEqual(parseSolutionsText(text), { format: undefined, problems: [], issues: [] });
  }
});

test('a file whose first 1000 non-blank lines hold no record is not a solution file, whatever follows', () => {
  const record = '{"problem": "p", "answer": "1", "responses": ["a"], "pred_answers": ["1"], "acc_list": [true]}';
  const late = [...Array.from({ length: DETECT_WITHIN }, (_, i) => `{"step": ${i}}`), record].join('\n');
  assert.deepEqual(parseSolutionsText(late), { format: undefined, problems: [], issues: [] });
  const inTime = [...Array.from({ length: DETECT_WITHIN - 1 }, (_, i) => `{"step": ${i}}`), '', record].join('\n');
  const parsed = parseSolutionsText(inTime);
  assert.equal(parsed.format, 'laser-eval');
  assert.equal(parsed.problems[0]!.line, DETECT_WITHIN);
  assert.equal(parsed.issues.length, DETECT_WITHIN - 1);
});

test('parseSolutionLine: without a format a line of no known layout is skipped; with one it is an issue', () => {
  assert.deepEqual(parseSolutionLine('{"a": 1}', 0), { kind: 'skip' });
  assert.deepEqual(parseSolutionLine('{', 0), { kind: 'skip' });
  assert.deepEqual(parseSolutionLine('   ', 0, 'verl-dump'), { kind: 'skip' });
  const issue = parseSolutionLine('{"a": 1}', 4, 'verl-dump');
  assert.deepEqual(issue, { kind: 'issue', issue: { line: 4, message: 'expected a verl generation dump record (input, output, score), found a record without those keys' } });
});

test('applyScores overlays sidecar scores by line without changing its input', () => {
  const { problems } = parseSolutionsText(fixtureText('qwen-math-eval.jsonl'));
  const scored = applyScores(problems, new Map([[1, [0.25, null, 0.75]]]));
  assert.deepEqual(
    scored[1]!.responses.map((r) => r.score),
    [0.25, null, 0.75, null, null, null, null, null],
  );
  assert.equal(scored[0], problems[0]);
  assert.ok(problems[1]!.responses.every((r) => r.score === null));
});
