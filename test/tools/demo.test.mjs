// `npm run demo` serves LaSeR Lab in code-server and, on SIGTERM or Ctrl-C (SIGINT), leaves no process behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort } from '../../scripts/lib/codeServer.mjs';
import { repoRoot } from '../../scripts/lib/repo.mjs';

/** Pids of every process whose environment carries the marker (children inherit it). */
function processesWith(marker) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) pids.push(Number(pid));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return pids;
}

async function startDemo() {
  const marker = `LASER_LAB_DEMO_TEST=${randomUUID()}`;
  const port = await freePort();
  const demo = spawn(process.execPath, [join(repoRoot, 'scripts', 'demo.mjs'), '--port', String(port)], {
    cwd: repoRoot, env: { ...process.env, [marker.split('=')[0]]: marker.split('=')[1] }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 240 s:\n${output}`)), 240_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /LaSeR Lab demo: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    demo.stdout.on('data', onData);
    demo.stderr.on('data', onData);
    demo.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited (${code}) before serving:\n${output}`));
    });
  });
  return { demo, url, port, marker, output };
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  test(`npm run demo serves the workbench and stops every process on ${signal}`, { timeout: 300_000 }, async () => {
    const { demo, url, port, marker, output } = await startDemo();
    assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?folder=`));
    assert.match(output, /laser-lab-[\d.]+-linux-x64\.vsix' was successfully installed/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    assert.ok(processesWith(marker).length >= 2, 'the demo and its code-server are running');
    const workspace = /\(workspace (\S+);/.exec(output)?.[1];
    assert.ok(workspace, 'the demo names its workspace');
    for (const file of ['README.md', '.laser/profiles/tiny-laser-cpu.json', '.laser/profiles/tiny-grpo-cpu.json', 'solutions/tiny-laser-step100.jsonl']) {
      assert.ok(existsSync(join(workspace, file)), `the demo workspace has ${file}`);
    }

    const exited = new Promise((resolve) => demo.on('exit', (code, sig) => resolve({ code, sig })));
    demo.kill(signal);
    assert.deepEqual(await exited, { code: 0, sig: null });
    let left = processesWith(marker);
    for (let i = 0; left.length && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = processesWith(marker);
    }
    assert.deepEqual(left, [], `processes left behind: ${left.join(', ')}`);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'nothing listens on the port any more');
  });
}
