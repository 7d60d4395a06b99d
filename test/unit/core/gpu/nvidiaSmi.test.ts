import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNvidiaSmi } from '../../../../src/core/gpu/parseNvidiaSmi';
import { queryGpus } from '../../../../src/core/gpu/queryGpus';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'gpu');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

test('eight GPUs with memory and utilization', () => {
  const result = parseNvidiaSmi(fixture('nvidia-smi-8xh100.txt'));
  assert.ok(result.available);
  assert.equal(result.gpus.length, 8);
  assert.deepEqual(result.gpus[0], { index: 0, name: 'NVIDIA H100 80GB HBM3', memoryUsedMiB: 71234, memoryTotalMiB: 81559, utilizationPercent: 98 });
  assert.deepEqual(result.gpus.map((g) => g.index), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('MIG rows and [N/A] / [Not Supported] values become null', () => {
  const result = parseNvidiaSmi(fixture('nvidia-smi-mig.txt'));
  assert.ok(result.available);
  assert.deepEqual(result.gpus, [
    { index: 0, name: 'NVIDIA A100-SXM4-40GB', memoryUsedMiB: 13, memoryTotalMiB: 40960, utilizationPercent: null },
    { index: 1, name: 'NVIDIA A100-SXM4-40GB', memoryUsedMiB: null, memoryTotalMiB: null, utilizationPercent: null },
    { index: 2, name: 'NVIDIA A100-SXM4-40GB', memoryUsedMiB: 2011, memoryTotalMiB: 40960, utilizationPercent: null },
  ]);
});

test('"No devices were found", a driver failure and empty output mean no GPU found', () => {
  assert.deepEqual(parseNvidiaSmi(fixture('nvidia-smi-no-devices.txt')), { available: false, reason: 'no GPU found', detail: 'nvidia-smi: No devices were found' });
  const driver = parseNvidiaSmi(fixture('nvidia-smi-driver-failure.txt'));
  assert.equal(driver.available, false);
  assert.match(!driver.available ? driver.detail ?? '' : '', /couldn't communicate with the NVIDIA driver/);
  assert.deepEqual(parseNvidiaSmi(''), { available: false, reason: 'no GPU found', detail: 'nvidia-smi printed nothing' });
});

test('a name with a comma keeps it; a CRLF output parses', () => {
  const result = parseNvidiaSmi('0, Tesla V100, PCIe, 10, 16384, 5\r\n');
  assert.deepEqual(result.available && result.gpus, [{ index: 0, name: 'Tesla V100, PCIe', memoryUsedMiB: 10, memoryTotalMiB: 16384, utilizationPercent: 5 }]);
});

function fakeNvidiaSmi(script: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'laser-smi-')), 'nvidia-smi');
  writeFileSync(path, `#!${process.execPath}\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

test('queryGpus runs nvidia-smi with the query flags and parses its answer', async () => {
  const smi = fakeNvidiaSmi(`
const expected = ['--query-gpu=index,name,memory.used,memory.total,utilization.gpu', '--format=csv,noheader,nounits'];
if (JSON.stringify(process.argv.slice(2)) !== JSON.stringify(expected)) { console.error('bad args', process.argv.slice(2)); process.exit(4); }
process.stdout.write(${JSON.stringify(fixture('nvidia-smi-mig.txt'))});`);
  const result = await queryGpus({ command: smi });
  assert.ok(result.available, JSON.stringify(result));
  assert.equal(result.gpus.length, 3);
});

test('queryGpus: missing nvidia-smi, a failing one, a hanging one → no GPU found', async () => {
  assert.deepEqual(await queryGpus({ command: '/no/such/nvidia-smi' }), { available: false, reason: 'no GPU found', detail: '/no/such/nvidia-smi is not installed or not on PATH' });
  const failing = await queryGpus({ command: fakeNvidiaSmi(`process.stdout.write(${JSON.stringify(fixture('nvidia-smi-no-devices.txt'))}); process.exit(6);`) });
  assert.deepEqual(failing, { available: false, reason: 'no GPU found', detail: 'nvidia-smi: No devices were found' });
  const driver = await queryGpus({ command: fakeNvidiaSmi(`process.stderr.write(${JSON.stringify(fixture('nvidia-smi-driver-failure.txt'))}); process.exit(9);`) });
  assert.equal(driver.available, false);
  assert.match(!driver.available ? driver.detail ?? '' : '', /NVIDIA driver/);
  const hanging = await queryGpus({ command: fakeNvidiaSmi('setTimeout(() => {}, 60_000);'), timeoutMs: 300 });
  assert.equal(hanging.available, false);
  assert.match(!hanging.available ? hanging.detail ?? '' : '', /did not answer within 300 ms/);
});
