// The walking skeleton, as a user does it: paste, annotate, see, download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openPage, cliJson, screenshot, readSeed } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('paste seed 001, annotate, see 15.48亿元 as a metric, download the same JSON as the CLI', async () => {
  const page = await openPage(browser, server.url);
  const text = await readSeed('001');
  await page.getByTestId('input').fill(text);
  await page.getByTestId('annotate').click();
  const mark = page.locator('[data-testid=ann][data-kind=metric]', { hasText: '15.48亿元' }).first();
  await mark.waitFor();
  assert.equal(await mark.textContent(), '15.48亿元');
  assert.match(await mark.getAttribute('title'), /1548000000 CNY/);
  const metricCount = Number(await page.getByTestId('count-metric').textContent());
  assert.ok(metricCount >= 50, `expected many metrics, saw ${metricCount}`);
  await screenshot(page, 'skeleton-seed001');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pizhu').click()]);
  assert.equal(download.suggestedFilename(), 'pasted.json');
  const fromPage = await readFile(await download.path(), 'utf-8');
  const fromCli = cliJson(text, 'seed001-cli');
  const unname = (s) => s.replace(/^  "name": ".*",$/m, '  "name": "",');
  assert.equal(unname(fromPage), unname(fromCli), 'page JSON and CLI JSON differ');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the off-screen rehearsal at start-up leaves nothing behind and breaks nothing', async () => {
  // (src/web/rehearsal.rs) it runs once, in the first tasks after the app starts:
  // its stage is added to the body, then removed
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__stages = { added: 0, removed: 0 };
    const stage = (n) => n instanceof Element && n.getAttribute('aria-hidden') === 'true' && n.hasAttribute('inert');
    new MutationObserver((records) => {
      for (const r of records) {
        window.__stages.added += [...r.addedNodes].filter(stage).length;
        window.__stages.removed += [...r.removedNodes].filter(stage).length;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  const before = server.requests.length;
  await page.goto(server.url);
  await page.locator('[data-testid=engine][data-tables-ms]').waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__stages), { added: 1, removed: 1 });
  // its styles are the page's, not fetched again
  assert.equal(server.requests.slice(before).filter((r) => r.endsWith('.css')).length, 1, server.requests.slice(before).join(' '));
  // and while it was there, it was off screen (checked on a stage made the same way)
  const box = await page.evaluate(() => {
    const el = document.createElement('div');
    el.className = 'rehearsal';
    el.textContent = '测试';
    document.body.append(el);
    const r = el.getBoundingClientRect();
    el.remove();
    return { right: r.right };
  });
  assert.ok(box.right < 0, `the stage is on screen: ${JSON.stringify(box)}`);
  assert.equal(await page.getByTestId('crash').count(), 0);
  assert.equal(await page.locator('[data-testid=ann]').count(), 0, 'a highlight is shown before any text was annotated');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Opens the page with its wasm held back until `release()`: the static shell only. */
async function openShell() {
  const context = await browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/pizhu-web_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(server.url);
  return { context, page, release };
}

test('paste and click Annotate before the page\'s code has arrived: the text is kept and annotated when it starts', async () => {
  const { context, page, release } = await openShell();
  const text = await readSeed('001');
  await page.getByTestId('input').fill(text);
  await page.getByTestId('input').press('End');
  await page.getByTestId('annotate').click();
  assert.match(await page.locator('#shell-status').textContent(), /Loading, then annotating/);
  release();
  const mark = page.locator('[data-testid=ann][data-kind=metric]', { hasText: '15.48亿元' }).first();
  await mark.waitFor();
  assert.equal(await page.locator('#shell').count(), 0, 'the shell is gone');
  assert.equal(await page.getByTestId('input').inputValue(), text, 'the pasted text is in the app\'s box');
  await context.close();

  // typing in the shell when the app starts: the app's box takes over the focus and caret
  const typing = await openShell();
  await typing.page.getByTestId('input').fill('咸宁市2023年GDP增长6%');
  await typing.page.getByTestId('input').press('Home');
  typing.release();
  await typing.page.locator('#shell').waitFor({ state: 'detached' });
  await typing.page.keyboard.type('据统计，');
  assert.equal(await typing.page.getByTestId('input').inputValue(), '据统计，咸宁市2023年GDP增长6%');
  await typing.context.close();
});

test('keyboard only: the box has the focus at once; Ctrl+V then Ctrl+Enter annotate, before and after the code has arrived', async () => {
  const { context, page, release } = await openShell();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const text = await readSeed('001');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'input', 'the shell\'s box has the focus');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+Enter');
  assert.match(await page.locator('#shell-status').textContent(), /Loading, then annotating/);
  assert.equal(await page.getByTestId('input').inputValue(), text, 'Ctrl+Enter added no line break');
  release();
  await page.locator('[data-testid=ann][data-kind=metric]', { hasText: '15.48亿元' }).first().waitFor();
  // and in the app: another text, Ctrl+Enter annotates it as a new document
  await page.getByTestId('input').fill('咸宁市2023年GDP增长6%');
  await page.getByTestId('input').press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=text-view]')?.textContent === '咸宁市2023年GDP增长6%');
  assert.equal(await page.getByTestId('input').inputValue(), '咸宁市2023年GDP增长6%');
  await context.close();
});

test('when the page\'s code cannot load, the page says so and keeps the text', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/pizhu-web_bg.wasm', (route) => route.abort());
  await page.goto(server.url);
  await page.getByTestId('input').fill('咸宁市2023年GDP增长6%');
  await page.locator('#shell-status.error').waitFor();
  assert.match(await page.locator('#shell-status').textContent(), /could not start/);
  assert.equal(await page.getByTestId('input').inputValue(), '咸宁市2023年GDP增长6%');
  await context.close();
});

test('an empty text gets a clear message, not an empty result', async () => {
  const page = await openPage(browser, server.url);
  await page.getByTestId('input').fill('   \n ');
  await page.getByTestId('annotate').click();
  await assert.doesNotReject(page.getByTestId('error').waitFor());
  assert.match(await page.getByTestId('error').textContent(), /没有可标注的文本/);
  await page.context().close();
});

test('text that looks like HTML is shown literally and never run', async () => {
  const page = await openPage(browser, server.url);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  const evil = '<script>alert(1)</script><img src=x onerror="alert(2)"> 收入15亿元 &amp; <a href="javascript:alert(3)">x</a>';
  await page.getByTestId('input').fill(evil);
  await page.getByTestId('annotate').click();
  await page.locator('[data-testid=ann]').first().waitFor();
  assert.equal(await page.getByTestId('text-view').textContent(), evil);
  assert.equal(await page.locator('[data-testid=text-view] img, [data-testid=text-view] script, [data-testid=text-view] a').count(), 0);
  assert.equal(dialogs, 0);
  await page.context().close();
});

test('every seed: the page and the native CLI give byte-identical JSON', async () => {
  const { readdir } = await import('node:fs/promises');
  const { execFileSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { root } = await import('./helpers.mjs');
  const page = await openPage(browser, server.url);
  const seeds = (await readdir(join(root, 'seeds'))).filter((f) => f.endsWith('.txt')).sort();
  assert.equal(seeds.length, 5);
  for (const [i, f] of seeds.entries()) {
    const stem = f.replace(/\.txt$/, '');
    await page.getByTestId('sample').selectOption(stem);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=tab]').length === n, i + 1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pizhu').click()]);
    assert.equal(download.suggestedFilename(), `${stem}.json`);
    const fromPage = await readFile(await download.path(), 'utf-8');
    const fromCli = execFileSync(join(root, 'target', 'release', 'pizhu'), ['annotate', join(root, 'seeds', f)], { encoding: 'utf-8', maxBuffer: 1 << 28 });
    assert.ok(fromPage === fromCli, `${f}: page JSON and CLI JSON differ`);
  }
  await page.context().close();
});
