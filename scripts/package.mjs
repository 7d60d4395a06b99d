// `npm run package [-- --target linux-x64]`: a production build packed into a platform-specific .vsix.
// onnxruntime-node ships native files for every platform (≈288 MB); only the target's go in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, ensureDependencies, repoRoot } from './lib/repo.mjs';

const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

/** The rule that keeps the target's onnxruntime native folder (.vscodeignore leaves out every other file). */
export function nativeInclude(target) {
  const [os, arch] = target.split('-');
  return `!node_modules/onnxruntime-node/bin/napi-v6/${os}/${arch}/*`;
}

export function packageVsix(target = 'linux-x64') {
  if (!PLATFORMS.includes(target)) throw new Error(`unknown target "${target}"; choose one of ${PLATFORMS.join(', ')}`);
  ensureDependencies();
  build({ production: true });
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const ignoreFile = join(mkdtempSync(join(tmpdir(), 'laser-vsix-')), '.vscodeignore');
  writeFileSync(ignoreFile, `${readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')}\n${nativeInclude(target)}\n`);
  const out = join(repoRoot, `laser-lab-${version}-${target}.vsix`);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--target', target, '--ignoreFile', ignoreFile,
    '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: repoRoot, stdio: 'inherit' });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--target');
  console.log(packageVsix(i > 0 ? process.argv[i + 1] : 'linux-x64'));
}
