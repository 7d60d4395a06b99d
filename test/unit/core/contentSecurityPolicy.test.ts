import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy } from '../../../src/core/webview/contentSecurityPolicy';

const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc123');
const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

test('denies everything by default', () => {
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
});

test('runs only scripts carrying the nonce: no inline, no eval, no other origin', () => {
  assert.deepEqual(directives.get('script-src'), ["'nonce-abc123'"]);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
});

test('loads styles, fonts and images only from the extension', () => {
  assert.deepEqual(directives.get('style-src'), ['https://file+.vscode-resource.vscode-cdn.net', "'nonce-abc123'"]);
  assert.deepEqual(directives.get('font-src'), ['https://file+.vscode-resource.vscode-cdn.net']);
  assert.deepEqual(directives.get('img-src'), ['https://file+.vscode-resource.vscode-cdn.net', 'data:']);
});
