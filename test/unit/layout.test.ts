import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('src/core, src/protocol and webview never import vscode', () => {
  const offenders = ['src/core', 'src/protocol', 'webview']
    .flatMap((dir) => sources(join(ROOT, dir)))
    .filter((file) => /(?:from\s+|require\(\s*|import\(\s*)['"]vscode['"]/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('webviews import only src/protocol from the extension side', () => {
  const offenders = sources(join(ROOT, 'webview')).filter((file) => /from\s+['"](?:\.\.\/)+src\/(?!protocol\/)/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders, []);
});
