import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexLines, lineCount, parseSolutionsBuffer, readLine } from '../../../../src/core/solutions/lineIndex';
import { parseSolutionsText } from '../../../../src/core/solutions/parseSolutions';
import { fixtureText } from './solutionFixtures';

function lines(text: string): string[] {
  const buf = Buffer.from(text, 'utf8');
  const index = indexLines(buf);
  return Array.from({ length: lineCount(index) }, (_, i) => readLine(buf, index, i));
}

test('indexes lines by byte offset: a last line without newline counts, CRLF is dropped, UTF-8 is decoded', () => {
  assert.deepEqual(lines('a\nbb\n'), ['a', 'bb']);
  assert.deepEqual(lines('a\nbb'), ['a', 'bb']);
  assert.deepEqual(lines('a\r\n\r\nβ√x\n'), ['a', '', 'β√x']);
  assert.deepEqual(lines(''), []);
  assert.deepEqual(lines('\n'), ['']);
  assert.deepEqual(Array.from(indexLines(Buffer.from('ab\nβ\n'))), [0, 3, 6]);
});

test('readLine rejects a line outside the file', () => {
  const buf = Buffer.from('x\n');
  assert.throws(() => readLine(buf, indexLines(buf), 1), /line 1 is outside the 1 lines/);
});

test('parsing through the index gives what parsing the text gives', () => {
  for (const name of ['laser-eval.jsonl', 'verl-dump.jsonl', 'bad-laser.jsonl', 'other.jsonl']) {
    const text = fixtureText(name);
    assert.deepEqual(parseSolutionsBuffer(Buffer.from(text)), parseSolutionsText(text), name);
  }
});
