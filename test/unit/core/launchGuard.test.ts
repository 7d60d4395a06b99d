import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideLaunch } from '../../../src/core/trust/launchGuard';

test('a trusted workspace may launch processes', () => {
  assert.deepEqual(decideLaunch(true, 'start a run'), { allowed: true });
});

test('an untrusted workspace may not, and is told why and what still works', () => {
  const decision = decideLaunch(false, 'start a run');
  assert.equal(decision.allowed, false);
  assert.ok(!decision.allowed && /cannot start a run/.test(decision.message) && /Restricted Mode/.test(decision.message) && /viewing/.test(decision.message));
});
