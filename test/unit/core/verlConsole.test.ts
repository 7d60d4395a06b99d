import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseVerlConsoleLine, parseVerlNumber } from '../../../src/core/metrics/verlConsole';

test('parses a verl step line into step and values', () => {
  const r = parseVerlConsoleLine('step:12 - actor/self_reward_loss:0.0421 - critic/score/mean:0.625 - response_length/mean:412.5');
  assert.ok(r);
  assert.equal(r.step, 12);
  assert.deepEqual([...r.values], [
    ['actor/self_reward_loss', 0.0421],
    ['critic/score/mean', 0.625],
    ['response_length/mean', 412.5],
  ]);
});

test('strips Ray prefixes, ANSI colors and the repeated suffix', () => {
  const r = parseVerlConsoleLine('\u001b[36m(TaskRunner pid=4242)\u001b[0m step:3 - actor/pg_loss:-0.012 [repeated 2x across cluster]');
  assert.ok(r);
  assert.equal(r.step, 3);
  assert.equal(r.values.get('actor/pg_loss'), -0.012);
});

test('ignores lines that are not metric lines', () => {
  for (const line of ['', 'Training:  10%|█         | 10/100', 'Traceback (most recent call last):', 'stepping: 3']) {
    assert.equal(parseVerlConsoleLine(line), undefined, line);
  }
});

test('reads verl number spellings', () => {
  assert.equal(parseVerlNumber('1e-05'), 1e-5);
  assert.equal(parseVerlNumber('-0.000'), -0);
  assert.equal(parseVerlNumber('np.float64(0.25)'), 0.25);
  assert.ok(Number.isNaN(parseVerlNumber('nan')));
  assert.equal(parseVerlNumber('-inf'), Number.NEGATIVE_INFINITY);
  assert.equal(parseVerlNumber('abc'), undefined);
  assert.equal(parseVerlNumber('1.2.3'), undefined);
});
