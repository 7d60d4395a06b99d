// Bundles the extension host code, the CLI, one browser bundle per webview and the test suites.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const define = { LASER_LAB_VERSION: JSON.stringify(version) };
// Native add-ons and the editor API are resolved at run time, never bundled.
const nodeExternals = ['vscode', 'onnxruntime-node', 'mocha'];

function filesUnder(dir, suffix) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

const node = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production,
  minify: production, external: nodeExternals, define, logLevel: 'warning',
};
const webviews = readdirSync('webview').filter((d) => statSync(join('webview', d)).isDirectory());

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: { supervisor: 'src/supervisor/main.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { reportWorker: 'src/vscode/solutions/reportWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { scoreWorker: 'src/scoreWorker/main.ts' }, outdir: 'dist' },
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production,
    define, logLevel: 'warning', entryPoints: Object.fromEntries(webviews.map((d) => [d, `webview/${d}/main.ts`])),
    // CSS a webview imports (KaTeX's) lands next to its bundle; its fonts are served from dist, never fetched.
    outdir: 'dist/webview', loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' }, assetNames: 'fonts/[name]-[hash]' },
];
if (!production) {
  builds.push(
    { ...node, entryPoints: [...filesUnder('test/unit', '.ts'), ...filesUnder('test/integration', '.ts')], outdir: 'out/test', outbase: 'test' },
    { ...node, entryPoints: filesUnder('bench', '.bench.ts'), outdir: 'out/bench' },
  );
}

const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
