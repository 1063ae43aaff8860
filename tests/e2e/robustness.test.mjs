// Bad input in the page: each gets a clear message or a correct result, and
// nothing already on the page is lost. Plus security: nothing runs, nothing leaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir, open, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, outDir, root, screenshot } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); await mkdir(outDir, { recursive: true }); });
after(async () => { await browser?.close(); await server?.close(); });

async function annotate(page, text) {
  await page.getByTestId('input').fill(text);
  await page.getByTestId('annotate').click();
}

/** Annotates a small article first, so each test can check it is not lost. */
async function withDocument(page) {
  await annotate(page, '湖北省咸宁市2023年地区生产总值增长6.5%。');
  await page.locator('[data-testid=ann]').first().waitFor();
  assert.equal(await page.getByTestId('tab').count(), 1);
}

async function errorText(page) {
  await page.getByTestId('error').waitFor();
  return page.getByTestId('error').textContent();
}

test('a binary file (PNG renamed .txt) and an empty file are refused by name; the open document stays', async () => {
  const page = await openPage(browser, server.url);
  await withDocument(page);
  const png = join(outDir, 'photo.txt');
  await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  const empty = join(outDir, 'empty.txt');
  await writeFile(empty, '');
  await page.getByTestId('file').setInputFiles([png, empty]);
  await page.waitForFunction(() => (document.querySelector('[data-testid=error]')?.textContent ?? '').includes('empty.txt'));
  const msg = await errorText(page);
  assert.match(msg, /photo\.txt/);
  assert.match(msg, /empty\.txt/);
  assert.equal(await page.getByTestId('tab').count(), 1);
  assert.equal(await page.locator('[data-testid=ann]', { hasText: '6.5%' }).count(), 1);
  await page.context().close();
});

test('BOM and UTF-16 files open with the right text (GBK and Big5: tests/input_*.rs); several files become several documents', async () => {
  const page = await openPage(browser, server.url);
  const text = '咸宁市新签约项目117个，总投资350亿元。';
  const files = [];
  const iconv = async (name, bytes) => { const p = join(outDir, name); await writeFile(p, bytes); files.push(p); };
  await iconv('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  const u16 = Buffer.from('\ufeff' + text, 'utf16le');
  await iconv('utf16.txt', u16);
  await page.getByTestId('file').setInputFiles(files);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=tab]').length === 2);
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('tab').nth(i).click();
    const view = await page.getByTestId('text-view').textContent();
    assert.equal(view, text);
    assert.equal(await page.locator('[data-testid=ann][data-kind=metric]', { hasText: '117个' }).count(), 1);
  }
  await page.context().close();
});

test('GB18030 and Big5 files: the page (browser TextDecoder) and the CLI (encoding_rs) read them alike, byte-identical JSON', async () => {
  const page = await openPage(browser, server.url);
  const seeds = (await readdir(join(root, 'seeds'))).filter((f) => f.endsWith('.txt')).sort();
  // seed 001 (Simplified) as GB18030; seed 000 (Traditional) as Big5, dropping the
  // pinyin tone letters Big5 cannot hold (iconv -c)
  const cases = [[seeds[1], 'GB18030', 'gb18030'], [seeds[0], 'BIG5', 'big5']];
  const files = [];
  for (const [seed, to, name] of cases) {
    const p = join(outDir, `${name}-${seed}`);
    execFileSync('bash', ['-c', 'iconv -c -f UTF-8 -t "$1" "$0" > "$2" || true', join(root, 'seeds', seed), to, p]);
    files.push([p, name]);
  }
  await page.getByTestId('file').setInputFiles(files.map((f) => f[0]));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=tab]').length === 2);
  for (const [i, [p, name]] of files.entries()) {
    await page.getByTestId('tab').nth(i).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pizhu').click()]);
    const fromPage = await readFile(await download.path(), 'utf-8');
    assert.equal(JSON.parse(fromPage).source.encoding, name);
    assert.ok(JSON.parse(fromPage).annotations.length > 50, `${name}: few annotations`);
    const fromCli = execFileSync(join(root, 'target', 'release', 'pizhu'), ['annotate', p], { encoding: 'utf-8', maxBuffer: 1 << 28 });
    assert.ok(fromPage === fromCli, `${name}: page JSON and CLI JSON differ`);
  }
  await page.context().close();
});

test('damaged UTF-8 (a stray byte, a file cut mid-character) opens as UTF-8 with a notice; a 65 MB file is refused by name; nothing is lost', async () => {
  const page = await openPage(browser, server.url);
  await withDocument(page);
  const text = '咸宁市一般公共预算收入15.48亿元，同比增长12.3%。税收收入增长8.1%。';
  const bytes = Buffer.from(text);
  const damaged = Buffer.concat([bytes.subarray(0, 9), Buffer.from([0xff]), bytes.subarray(9), Buffer.from('增').subarray(0, 2)]);
  const p = join(outDir, 'damaged-utf8.txt');
  await writeFile(p, damaged);
  await page.getByTestId('file').setInputFiles(p);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=tab]').length === 2);
  assert.match(await page.getByTestId('notice').textContent(), /damaged-utf8\.txt: 2 .*invalid byte sequence.*utf-8/);
  assert.equal(await page.getByTestId('text-view').textContent(), `咸宁市\ufffd${text.slice(3)}\ufffd`);
  assert.equal(await page.locator('[data-testid=ann][data-kind=metric]', { hasText: '15.48亿元' }).count(), 1);
  // larger than the page reads: refused by name before reading (a sparse file, no disk used)
  const huge = join(outDir, 'huge.txt');
  const fh = await open(huge, 'w');
  await fh.truncate(65 * 1024 * 1024);
  await fh.close();
  await page.getByTestId('file').setInputFiles(huge);
  assert.match(await errorText(page), /huge\.txt: .*file too large/);
  assert.equal(await page.getByTestId('tab').count(), 2);
  await page.context().close();
});

test('a text over the size limit gets a message and stays in the input box', async () => {
  const page = await openPage(browser, server.url);
  await withDocument(page);
  const big = '咸宁市地区生产总值增长6.5%。'.repeat(220_000); // ~3.3 M characters, ~10 MB of UTF-8
  await page.getByTestId('input').evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, big);
  await page.getByTestId('annotate').click();
  assert.match(await errorText(page), /Text too long/);
  assert.equal(await page.getByTestId('input').evaluate((el) => el.value.length), big.length);
  assert.equal(await page.getByTestId('tab').count(), 1);
  await page.context().close();
});

test('awkward characters: BOM, NUL and control characters, RTL marks, emoji and astral CJK keep offsets right', async () => {
  const page = await openPage(browser, server.url);
  const text = '\ufeff\u0000\u0007\u200f😀𠀀🇨🇳咸宁市财政收入15.48亿元，增长12.3%。\u202e测试';
  await annotate(page, text);
  const m = page.locator('[data-testid=ann][data-kind=metric]', { hasText: '15.48亿元' });
  await m.waitFor();
  assert.equal(await m.textContent(), '15.48亿元');
  assert.equal(await page.getByTestId('text-view').textContent(), text);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a thousand-digit number and ten thousand nested quotes do not break the page', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page, '收入' + '9'.repeat(1000) + '元，' + '“'.repeat(5000) + '放管服' + '”'.repeat(5000) + '「「『');
  await page.getByTestId('summary').waitFor();
  const { body } = await (async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pizhu').click()]);
    const fs = await import('node:fs/promises');
    return { body: await fs.readFile(await d.path(), 'utf-8') };
  })();
  const doc = JSON.parse(body);
  for (const a of doc.annotations) {
    if (a.metric) assert.ok(Number.isFinite(a.metric.value));
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a panic is shown with a way to recover, and the saved documents come back', async () => {
  const page = await openPage(browser, server.url);
  await withDocument(page);
  await page.evaluate(() => { location.hash = '#crash-test'; });
  await annotate(page, '再标注一篇。收入3亿元。');
  const banner = page.getByTestId('crash');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Reload/);
  await screenshot(page, 'robustness-crash');
  await page.evaluate(() => { history.replaceState(null, '', location.pathname); });
  await banner.locator('a').click();
  await page.getByTestId('input').waitFor();
  await page.locator('[data-testid=ann]', { hasText: '6.5%' }).waitFor();
  assert.equal(await page.getByTestId('crash').count(), 0);
  await page.context().close();
});

test('when the annotation worker fails, the page says so, starts a fresh one from the same compiled code (no second download) and annotates again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // keep a hand on the workers the page starts
  await page.addInitScript(() => {
    const W = window.Worker;
    window.__workers = [];
    window.Worker = function (...a) { const w = new W(...a); window.__workers.push(w); return w; };
    window.Worker.prototype = W.prototype;
  });
  const served = server.requests.length;
  await page.goto(server.url);
  await page.locator('[data-testid=engine][data-ready=true]').waitFor();
  // a request the engine cannot take (no text): the worker answers with an error
  await page.evaluate(() => window.__workers[0].postMessage({ id: 1, name: 'x', text: undefined }));
  await page.getByTestId('error').waitFor();
  assert.equal(await page.evaluate(() => window.__workers.length), 2, 'a fresh worker');
  await annotate(page, '再标注一篇。收入3亿元，增长6.5%。');
  await page.locator('[data-testid=ann]', { hasText: '6.5%' }).waitFor();
  const wasm = server.requests.slice(served).filter((p) => p.endsWith('.wasm'));
  assert.deepEqual(wasm, ['/pizhu-web_bg.wasm']);
  await context.close();
});

test('in a browser without workers the page annotates on its own thread, showing its progress line first', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    delete window.Worker;
    // frames rendered so far, and how many there had been when the progress line
    // and the first highlight entered the page: a frame in between is one that
    // painted the progress line before the engine took the thread
    window.__frames = 0;
    const tick = () => { window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    window.__seen = {};
    new MutationObserver(() => {
      if (window.__seen.progress === undefined && document.querySelector('[data-testid=progress]')) window.__seen.progress = window.__frames;
      if (window.__seen.highlight === undefined && document.querySelector('[data-testid=ann]')) window.__seen.highlight = window.__frames;
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(server.url);
  await page.locator('[data-testid=engine][data-ready=true]').waitFor();
  await annotate(page, '湖北省咸宁市2023年地区生产总值增长6.5%。');
  await page.locator('[data-testid=ann]', { hasText: '6.5%' }).waitFor();
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(seen.highlight > seen.progress, `a frame between the progress line and the highlights: ${JSON.stringify(seen)}`);
  await page.getByTestId('progress').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('crash').count(), 0);
  await context.close();
});

test('a Content-Security-Policy forbids remote code, and annotating makes no request beyond the page\'s own files', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const served = server.requests.length;
  await page.goto(server.url);
  await page.getByTestId('input').waitFor();
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await page.getByTestId('sample').selectOption({ index: 1 });
  await page.locator('[data-testid=ann]').first().waitFor();
  // a remote script injected by text would be blocked by the policy; none is requested
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  // the 3.6 MB of wasm is downloaded once, for the page and its worker, even from
  // this server, which sends no caching headers
  const wasm = server.requests.slice(served).filter((p) => p.endsWith('.wasm'));
  assert.deepEqual(wasm, ['/pizhu-web_bg.wasm']);
  await context.close();
});
