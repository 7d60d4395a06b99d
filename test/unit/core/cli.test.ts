import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../../src/core/cli/runCli';
import { VERSION } from '../../../src/core/version';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

test('--version prints the package version', async () => {
  assert.deepEqual(await cli('--version'), { code: 0, out: `${VERSION}\n`, err: '' });
});

test('help lists the commands', async () => {
  const { code, out } = await cli('help');
  assert.equal(code, 0);
  assert.match(out, /Usage: laser-lab <command>/);
});

test('an unknown command fails with a hint', async () => {
  const { code, err } = await cli('frobnicate');
  assert.equal(code, 2);
  assert.match(err, /unknown command "frobnicate".*laser-lab help/);
});
