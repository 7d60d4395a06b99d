import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanJson } from '../../../../src/core/profiles/jsonLocations';
import { parseProfileText, readProfileFile } from '../../../../src/core/profiles/parseProfile';
import { formatProfileError } from '../../../../src/core/profiles/profileError';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const PROFILES = join(ROOT, 'test', 'fixtures', 'profiles');

test('every fixture profile except the invalid-* ones is valid', async () => {
  const names = readdirSync(PROFILES).filter((n) => n.endsWith('.json') && !n.startsWith('invalid-'));
  assert.ok(names.length >= 5);
  for (const name of names) {
    const result = await readProfileFile(join(PROFILES, name));
    assert.ok(result.ok, `${name}: ${result.ok ? '' : result.errors.map(formatProfileError).join('; ')}`);
  }
});

test('a syntax error names the file, the line and the column', async () => {
  const file = join(PROFILES, 'invalid-syntax.json');
  const result = await readProfileFile(file);
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.errors.map(formatProfileError), [`${file}:4:1: invalid JSON: expected a property name (no trailing comma), found character "}"`]);
});

test('validation errors carry the line of the field in the file', async () => {
  const file = join(PROFILES, 'invalid-fields.json');
  const result = await readProfileFile(file);
  assert.equal(result.ok, false);
  const lines = !result.ok ? result.errors.map(formatProfileError) : [];
  assert.deepEqual(lines, [
    `${file}: trainFiles: required for kind verl-laser`,
    `${file}:5:15: gpus[1]: GPU 0 is listed twice`,
    `${file}:7:5: laser.selfRewardLossCoef: expected a number`,
    `${file}:8:5: laser.padTokenId: expected an integer`,
    `${file}:10:3: trainBatchSze: unknown field for kind verl-laser (did you mean "trainBatchSize"?)`,
  ]);
});

test('a missing file is a profile error, not an exception', async () => {
  const result = await readProfileFile(join(PROFILES, 'no-such-profile.json'));
  assert.deepEqual(!result.ok && result.errors.map(formatProfileError), [`${join(PROFILES, 'no-such-profile.json')}: file not found`]);
});

test('syntax errors of every sort are located', () => {
  const at = (text: string) => {
    const scan = scanJson(text);
    return scan.ok ? 'ok' : `${scan.line}:${scan.column} ${scan.message}`;
  };
  assert.equal(at('{"a": 1}'), 'ok');
  assert.equal(at('\uFEFF{"a": [1, 2.5e3, true, null, "x\\n"]}'), 'ok');
  assert.equal(at(''), '1:1 expected a value, found end of file');
  assert.equal(at('{\n  "a": 1\n  "b": 2\n}'), '3:3 expected "," or "}", found character "\\""');
  assert.equal(at('{"a": [1, ]}'), '1:11 expected a value (no trailing comma), found character "]"');
  assert.equal(at("{'a': 1}"), '1:2 expected a property name in double quotes, found character "\'"');
  assert.equal(at('{"a": "x\ny"}'), '1:9 unescaped control character (a line break?) in a string');
  assert.equal(at('{"a": 01}'), '1:8 expected "," or "}", found character "1"');
  assert.equal(at('{"a": 1} x'), '1:10 unexpected character "x" after the JSON value');
  assert.equal(at('{"a": tru}'), '1:7 expected a value, found character "t"');
  assert.equal(at('{"a": "\\q"}'), '1:8 invalid escape in a string');
  assert.equal(at('{"a": "abc'), '1:11 unterminated string');
  assert.equal(at('// comment\n{}'), '1:1 expected a value, found character "/"');
});

test('text without a file still reports the line', () => {
  const result = parseProfileText('{\n "kind": "script",\n "argv": 3\n}');
  assert.deepEqual(!result.ok && result.errors.map(formatProfileError), ['3:2: argv: expected an array of strings']);
});
