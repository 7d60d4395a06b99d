import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerCorrectness, bestOfN, majorityVote, selfRewardVote } from '../../../../src/core/solutions/voting';
import { problem } from './solutionFixtures';

const responses = (...triples: [string | null, boolean | null, number | null][]) => problem(0, triples).responses;

test('majority: most responses win; a tie in count goes to the higher summed score', () => {
  const rs = responses(['41', false, 0.7], ['42', true, 0.5], ['42', true, 0.9], ['41', false, 0.2]);
  assert.deepEqual(majorityVote(rs), { answer: '42', count: 2, weight: 1.4 });
  assert.deepEqual(majorityVote(rs, [0, 1]), { answer: '41', count: 1, weight: 0.7 });
  assert.deepEqual(majorityVote(rs, [2, 3]), { answer: '42', count: 1, weight: 0.9 });
});

test('majority: a tie in count and score goes to the lexicographically smaller answer (string order)', () => {
  assert.equal(majorityVote(responses(['b', null, 0.5], ['a', null, 0.5]))!.answer, 'a');
  assert.equal(majorityVote(responses(['9', null, null], ['10', null, null]))!.answer, '10');
});

test('a null answer never wins, even when most responses have none; all null → no result', () => {
  const rs = responses([null, false, 0.99], [null, false, 0.98], ['3', false, 0.1]);
  assert.equal(majorityVote(rs)!.answer, '3');
  assert.equal(selfRewardVote(rs)!.answer, '3');
  assert.equal(bestOfN(rs)!.pred, '3');
  const none = responses([null, false, 0.4], [null, false, 0.6]);
  assert.equal(majorityVote(none), null);
  assert.equal(selfRewardVote(none), null);
  // Best-of-N still picks a response when none has an answer.
  assert.equal(bestOfN(none)!.index, 1);
});

test('self-reward vote: highest summed score; ties go to more responses, then the smaller answer; unscored → none', () => {
  assert.equal(selfRewardVote(responses(['x', null, 0.3], ['y', null, 0.9], ['x', null, 0.3]))!.answer, 'y');
  assert.deepEqual(selfRewardVote(responses(['x', null, 0.3], ['y', null, 0.6], ['x', null, 0.3])), { answer: 'x', count: 2, weight: 0.6 });
  assert.equal(selfRewardVote(responses(['y', null, 0.5], ['x', null, 0.5]))!.answer, 'x');
  assert.equal(selfRewardVote(responses(['y', null, null], ['x', null, null])), null);
  // Unscored responses add nothing, scored ones decide.
  assert.equal(selfRewardVote(responses(['y', null, null], ['y', null, null], ['x', null, 0.1]))!.answer, 'x');
});

test('best-of-N: highest score, ties to the lower index, unscored responses skipped; N = 1', () => {
  assert.equal(bestOfN(responses(['a', true, 0.2], ['b', false, 0.8], ['c', true, 0.8]))!.index, 1);
  assert.equal(bestOfN(responses(['a', true, null], ['b', false, 0.1]))!.index, 1);
  assert.equal(bestOfN(responses(['a', true, null])), null);
  assert.equal(bestOfN(responses(['a', true, 0.3]))!.index, 0);
  assert.equal(majorityVote(responses(['a', true, 0.3]))!.answer, 'a');
});

test('an answer is correct when any response giving it was judged correct', () => {
  const verdicts = answerCorrectness(responses(['1', null, 0], ['1', true, 0], ['2', false, 0], ['3', null, 0], [null, false, 0]));
  assert.deepEqual([...verdicts], [
    ['1', true],
    ['2', false],
    ['3', null],
  ]);
});
