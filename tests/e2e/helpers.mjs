// Shared set-up for the browser tests: a static server over dist/ on
// 127.0.0.1 and Debian's headless Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = process.env.PIZHU_DIST ?? join(root, 'dist'); // (PIZHU_DIST: another build, for A/B measurements)
export const outDir = join(root, 'tests', 'e2e', 'out');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
};

/** Serves dist/ on a free port of 127.0.0.1; resolves to { url, close, requests }. */
export async function serve() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium with the flags this closed network needs.
 *
 *  Without the browser's WebUI omnibox popup: Chromium 156 builds it in a
 *  renderer of its own for every new window, and each Playwright context is a
 *  new window, so every cold navigation of the tests and benchmarks shared the
 *  machine's two cores with ~200 of the browser's own scripts loading and
 *  running (250-650 ms of CPU in a trace, during the page's start). A person's
 *  browser does that once, when a window opens, not when a page is visited.
 *  (Chromium merges this list with Playwright's own `--disable-features`.)
 *  PIZHU_BROWSER_UI=1 keeps it, to measure with it. */
export async function launch() {
  const noPopup = process.env.PIZHU_BROWSER_UI ? [] : ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'];
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...noPopup],
  });
}

/** Opens the page and waits until the app is mounted; collects console errors. */
export async function openPage(browser, url, opts = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  await page.getByTestId('input').waitFor();
  return page;
}

/** Runs the native CLI on a text and returns its JSON output as a string. */
export function cliJson(text, name) {
  const bin = join(root, 'target', 'release', 'pizhu');
  const tmp = join(outDir, `${name}.txt`);
  execFileSync('mkdir', ['-p', outDir]);
  execFileSync('bash', ['-c', 'cat > "$0"', tmp], { input: text });
  return execFileSync(bin, ['annotate', tmp], { encoding: 'utf-8', maxBuffer: 1 << 28 });
}

export async function screenshot(page, name) {
  await mkdir(outDir, { recursive: true });
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: false });
}

export async function readSeed(prefix) {
  const { readdir } = await import('node:fs/promises');
  const f = (await readdir(join(root, 'seeds'))).find((n) => n.startsWith(prefix));
  return readFile(join(root, 'seeds', f), 'utf-8');
}

/** Puts `text` on the browser's clipboard from a page of its own (the clipboard
 *  is the browser's, not a context's): a text copied before pizhu is opened. */
export async function copyToClipboard(browser, server, text) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  await page.goto(server.url + 'copy-from-here');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await context.close();
}
