import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { decorationText, shortAnswer, summarizeProblem } from '../../../../src/core/solutions/summary';
import { fixtureText, problem } from './solutionFixtures';

const tiny = () => parseSolutionsText(fixtureText('tiny-laser.jsonl')).problems;

test('summary of a problem: counts, best-of-N, majority, self-reward vote, partial agreement', () => {
  assert.deepEqual(summarizeProblem(tiny()[0]!, 0.5), {
    n: 4,
    predictedCorrect: 2,
    scored: 4,
    verifierCorrect: 2,
    judged: 4,
    best: { index: 0, score: 0.9, correct: true },
    majority: { answer: '42', correct: true },
    srVote: { answer: '42', correct: true },
    agreement: 'partial',
  });
});

test('decoration text of the tiny file, line by line', () => {
  assert.deepEqual(
    tiny().map((p) => decorationText(summarizeProblem(p, 0.5))),
    [
      'SR 2/4 ≠ · ver 2/4 · best 0.90 ✓ · maj 42 ✓ · SR-vote 42 ✓',
      'SR 1/2 ≠ · ver 0/2 · best 0.60 ✗ · maj 8 ✗ · SR-vote 8 ✗',
      'SR 1/1 ✓ · ver 1/1 · best 0.80 ✓ · maj 1 ✓ · SR-vote 1 ✓',
    ],
  );
  // The threshold moves the prediction of the response scored exactly 0.5.
  assert.equal(decorationText(summarizeProblem(tiny()[0]!, 0.4)), 'SR 3/4 ≠ · ver 2/4 · best 0.90 ✓ · maj 42 ✓ · SR-vote 42 ✓');
});

test('decoration text: all disagree, unscored, no verdicts, all answers null, long answers', () => {
  const disagree = problem(0, [
    ['5', false, 0.9],
    ['5', false, 0.8],
  ]);
  assert.equal(summarizeProblem(disagree, 0.5).agreement, 'disagree');
  assert.equal(decorationText(summarizeProblem(disagree, 0.5)), 'SR 2/2 ✗ · ver 0/2 · best 0.90 ✗ · maj 5 ✗ · SR-vote 5 ✗');
  const unscored = problem(0, [
    ['42', true, null],
    ['41', false, null],
  ]);
  assert.equal(summarizeProblem(unscored, 0.5).agreement, 'unscored');
  assert.equal(decorationText(summarizeProblem(unscored, 0.5)), 'SR unscored · ver 1/2 · maj 41 ✗');
  const noVerdicts = problem(0, [['\\frac{1}{2}', null, 0.7]]);
  assert.equal(decorationText(summarizeProblem(noVerdicts, 0.5)), 'SR 1/1 · best 0.70 · maj \\frac{1}{2} · SR-vote \\frac{1}{2}');
  const nulls = problem(0, [
    [null, false, 0],
    [null, false, 0.25],
  ]);
  assert.equal(decorationText(summarizeProblem(nulls, 0.5)), 'SR 0/2 ✓ · ver 0/2 · best 0.25 ✗ · maj —');
  assert.equal(shortAnswer('x^2 + 2x + 1 = (x+1)^2'), 'x^2 + 2x + …');
  assert.equal(shortAnswer(' a\n b '), 'a b');
});

test('the agreement of every LaSeR fixture line follows from its responses', () => {
  const problems = parseSolutionsText(fixtureText('laser-eval.jsonl')).problems;
  for (const p of problems) {
    const s = summarizeProblem(p, 0.5);
    const agreeing = p.responses.filter((r) => r.score! > 0.5 === r.correct).length;
    assert.equal(s.agreement, agreeing === p.responses.length ? 'agree' : agreeing === 0 ? 'disagree' : 'partial');
    assert.equal(s.verifierCorrect, p.responses.filter((r) => r.correct).length);
  }
});
