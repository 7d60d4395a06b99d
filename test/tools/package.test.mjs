// `npm run package` makes a linux-x64 .vsix under 60 MB holding only what the extension needs at run time.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageVsix } from '../../scripts/package.mjs';

const unzip = (vsix, dir) => execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print("\\n".join(z.namelist()))', vsix, dir], { encoding: 'utf8' }).trim().split('\n');

test('the linux-x64 .vsix is small, complete and loads onnxruntime', { timeout: 300_000 }, () => {
  const vsix = packageVsix('linux-x64');
  const megabytes = statSync(vsix).size / 2 ** 20;
  console.log(`# ${vsix}: ${megabytes.toFixed(1)} MB`);
  assert.ok(megabytes < 60, `${megabytes.toFixed(1)} MB`);

  const dir = mkdtempSync(join(tmpdir(), 'laser-vsix-'));
  const files = unzip(vsix, dir);
  console.log(files.map((f) => `#   ${f}`).join('\n'));
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/webview/metrics.js',
    'extension/media/metrics.css', 'extension/python/laser_lab/env.py', 'extension/python/laser_lab/selfreward/sequences.py', 'extension/dist/supervisor.js', 'extension/dist/scoreWorker.js', 'extension/schemas/profile.schema.json', 'extension/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node']) {
    assert.ok(files.includes(needed), needed);
  }
  // Solution files: the inspector (KaTeX CSS and fonts served from dist), the report and its worker.
  for (const needed of ['extension/dist/webview/inspector.js', 'extension/dist/webview/inspector.css', 'extension/dist/webview/report.js',
    'extension/dist/reportWorker.js', 'extension/media/inspector.css', 'extension/media/solution-agree.svg']) {
    assert.ok(files.includes(needed), needed);
  }
  assert.ok(files.some((f) => /^extension\/dist\/webview\/fonts\/KaTeX_Main-Regular-\w+\.woff2$/.test(f)), 'KaTeX fonts');
  const leaked = files.filter((f) => /\.map$|\.ts$|\/(src|test|scripts|webview)\/|napi-v6\/(darwin|win32|linux\/arm64)/.test(f.replace(/^extension\/dist\/webview\//, 'extension/dist/')));
  assert.deepEqual(leaked, []);

  const ort = createRequire(join(dir, 'extension', 'package.json'))('onnxruntime-node');
  assert.equal(typeof ort.InferenceSession.create, 'function');
  assert.equal(execFileSync(process.execPath, [join(dir, 'extension', 'dist', 'cli.js'), '--version'], { encoding: 'utf8' }).trim(), JSON.parse(execFileSync('python3', ['-c', 'import json;print(json.dumps(json.load(open("package.json"))["version"]))'], { encoding: 'utf8' })));
});
