import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIXTURES, characters, expectedLines, fixtureText, mergedBySteps, parseChunks, randomChunks } from './fixtureLogs';

test('there is a fixture for every dialect and pitfall', () => {
  assert.ok(FIXTURES.length >= 13, FIXTURES.join(', '));
});

for (const name of FIXTURES) {
  test(`${name}: gives the records and warnings generate.py expects`, () => {
    const parsed = parseChunks([fixtureText(name)]);
    const expected = expectedLines(name);
    const { warnings } = expected.pop() as { warnings: { line: number }[] };
    assert.deepEqual(mergedBySteps(parsed.records), expected);
    assert.deepEqual(parsed.warnings.map((w) => w.line), warnings.map((w) => w.line));
    for (const warning of parsed.warnings) assert.match(warning.message, /expected/);
  });

  test(`${name}: the same whether fed whole, character by character or in random chunks`, () => {
    const text = fixtureText(name);
    const whole = parseChunks([text]);
    assert.ok(whole.records.length > 0);
    assert.deepEqual(parseChunks(characters(text)), whole);
    for (const seed of [1, 2, 3]) assert.deepEqual(parseChunks(randomChunks(text, seed, 97)), whole, `seed ${seed}`);
    assert.deepEqual(parseChunks(randomChunks(text, 42, 4096)), whole);
  });
}
