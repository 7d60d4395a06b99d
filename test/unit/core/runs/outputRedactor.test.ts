import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputRedactor } from '../../../../src/core/runs/outputRedactor';
import { isSecretName, redactEnv } from '../../../../src/core/runs/secretEnv';

test('names that look secret, case-insensitively', () => {
  for (const name of ['WANDB_API_KEY', 'HF_TOKEN', 'aws_secret_access_key', 'DB_PASSWORD', 'KeyFile', 'GITHUB_TOKEN']) assert.ok(isSecretName(name), name);
  for (const name of ['NCCL_DEBUG', 'CUDA_VISIBLE_DEVICES', 'TOKENIZERS_PARALLELISM', 'PYTHONPATH']) assert.ok(!isSecretName(name), name);
  assert.deepEqual(redactEnv({ HF_TOKEN: 'x', A: 'y' }), { HF_TOKEN: '<redacted>', A: 'y' });
});

test('secret values are masked in a stream, also when split across chunks', () => {
  const redactor = new OutputRedactor(['abcdefghij', 'short']);
  const chunks = ['token=abc', 'defg', 'hij\nand again abcdefghij; ', 'abcde is a prefix only', '\nshort stays'];
  const text = chunks.map((c) => redactor.push(c)).join('') + redactor.flush();
  assert.equal(text, 'token=<redacted>\nand again <redacted>; abcde is a prefix only\nshort stays');
});

test('bytes pass unchanged when there is no secret, and non-ASCII secrets are masked', () => {
  const plain = new OutputRedactor([]);
  const latin1 = Buffer.from('progress ▕██▏ 50%\r', 'utf8').toString('latin1');
  assert.equal(plain.push(latin1), latin1);
  const redactor = new OutputRedactor(['pässwört-123']);
  const out = redactor.push(Buffer.from('pw: pässwört-123!', 'utf8').toString('latin1')) + redactor.flush();
  assert.equal(Buffer.from(out, 'latin1').toString('utf8'), 'pw: <redacted>!');
});
