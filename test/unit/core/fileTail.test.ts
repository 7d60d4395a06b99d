import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileTail } from '../../../src/core/tail/fileTail';

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('reads the existing content, then every append, splitting no UTF-8 character', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'laser-tail-')), 'output.log');
  writeFileSync(file, 'step:1 - a:1\n');
  let text = '';
  const tail = new FileTail(file, (t) => (text += t), undefined, { pollMs: 50 });
  try {
    await until(() => text === 'step:1 - a:1\n');
    const euro = Buffer.from('€\n');
    appendFileSync(file, euro.subarray(0, 1));
    await tail.poke();
    appendFileSync(file, euro.subarray(1));
    await until(() => text.endsWith('€\n'));
    assert.equal(text, 'step:1 - a:1\n€\n');
    assert.equal(tail.position, 13 + euro.length);
  } finally {
    tail.dispose();
  }
});

test('starts where reading stopped, and restarts when the file is replaced by a shorter one', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'laser-tail-')), 'output.log');
  writeFileSync(file, 'old line\nnew line\n');
  let text = '';
  let resets = 0;
  const tail = new FileTail(file, (t) => (text += t), () => resets++, { fromOffset: 9, pollMs: 50 });
  try {
    await until(() => text === 'new line\n');
    writeFileSync(file, 'x\n');
    await until(() => resets === 1 && text.endsWith('x\n'));
  } finally {
    tail.dispose();
  }
});

test('waits for a file that does not exist yet', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'laser-tail-')), 'output.log');
  let text = '';
  const tail = new FileTail(file, (t) => (text += t), undefined, { pollMs: 50 });
  try {
    writeFileSync(file, 'hello\n');
    await until(() => text === 'hello\n');
  } finally {
    tail.dispose();
  }
});
