// Serves the integration tests (running inside the extension host) what only the browser can see:
// screenshots of the workbench and the text shown in it, webview frames included.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

async function visibleText(page) {
  const parts = [];
  for (const frame of page.frames()) {
    try {
      parts.push(await frame.evaluate(() => (document.body ? document.body.innerText : '')));
    } catch {
      // a frame that navigated away meanwhile
    }
  }
  return parts.join('\n');
}

async function waitForText(page, wanted, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const text = await visibleText(page);
    if (!wanted || text.includes(wanted) || Date.now() > end) return { found: !wanted || text.includes(wanted), text };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** GET /screenshot?name=N[&waitForText=T] → {file, found};  GET /text[?waitFor=T&timeoutMs=M] → {found, text}. */
export function startWorkbenchDriver({ page, screenshotDir, port }) {
  mkdirSync(screenshotDir, { recursive: true });
  const shots = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://driver');
    try {
      const timeoutMs = Number(url.searchParams.get('timeoutMs') ?? 15000);
      if (url.pathname === '/screenshot') {
        const name = (url.searchParams.get('name') ?? 'shot').replace(/[^\w.-]/g, '_');
        const { found } = await waitForText(page(), url.searchParams.get('waitForText'), timeoutMs);
        const file = join(screenshotDir, `${name}.png`);
        await page().screenshot({ path: file });
        shots.push(file);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ file, found }));
      } else if (url.pathname === '/text') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(await waitForText(page(), url.searchParams.get('waitFor'), timeoutMs)));
      } else {
        res.statusCode = 404;
        res.end();
      }
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  server.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, shots, close: () => server.close() };
}
