// Diagnostic (not a test): the timeline of cold navigations to seed 001 annotated —
// worker start, shell input, paste (Ctrl+V), worker ready, Ctrl+Enter, answer, first highlight,
// and main-thread long tasks — as the page sees them. node tests/e2e/timeline.mjs (after scripts/build)
import { serve, launch, readSeed, copyToClipboard } from './helpers.mjs';
const server = await serve();
const browser = await launch();
const seed = await readSeed('001');
// the text is on the clipboard before the page opens, as when a person copies an
// article and then opens pizhu (the clipboard is the browser's, not a context's)
await copyToClipboard(browser, server, seed);
for (let i = 0; i < +(process.env.RUNS ?? 3); i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const T = window.__T = [];
    const mark = (n) => T.push([n, Math.round(performance.now())]);
    window.__mark = mark;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) T.push(['longtask ' + Math.round(e.duration), Math.round(e.startTime)]); })
      .observe({ type: 'longtask', buffered: true });
    const W = window.Worker;
    window.Worker = function (...a) {
      const w = new W(...a);
      mark('worker created');
      w.addEventListener('message', (e) => mark('worker msg ' + e.data.type + (e.data.ms ? ' ' + Math.round(e.data.ms) : '')));
      const pm = w.postMessage.bind(w);
      w.postMessage = (m) => { mark('post ' + (m.type ?? 'annotate')); pm(m); };
      return w;
    };
    window.Worker.prototype = W.prototype;
    document.addEventListener('paste', () => mark('paste event'), true);
    document.addEventListener('input', () => mark('input event'), true);
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter') mark('Ctrl+Enter'); }, true);
    document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
    window.addEventListener('load', () => mark('load'));
    new MutationObserver(() => {
      if (!window.__inp && document.querySelector('[data-testid=input]')) { window.__inp = 1; mark('input shown'); }
      if (!window.__ann && document.querySelector('[data-testid=ann]')) { window.__ann = 1; mark('first ann'); }
    }).observe(document, { subtree: true, childList: true });
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.evaluate(() => new Promise((ok) => {
    const go = () => {
      const box = document.querySelector('[data-testid=input]');
      if (!box) return requestAnimationFrame(go);
      window.__mark('box there');
      box.focus();
      ok();
    };
    go();
  }));
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+Enter');
  await page.evaluate(() => window.__mark('pasted, Ctrl+Enter'));
  // (a plain evaluate: a locator would compile Playwright's selector engine in the page mid-run)
  await page.evaluate(() => new Promise((ok) => { const p = () => (document.querySelector('[data-testid=ann]') ? ok() : setTimeout(p, 20)); p(); }));
  await page.waitForTimeout(300);
  const T = await page.evaluate(() => window.__T);
  const res = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]));
  console.log(T.sort((a, b) => a[1] - b[1]).map(([n, t]) => `${String(t).padStart(5)} ${n}`).join('\n'));
  console.log(res.map((r) => `  res ${r.join(' ')}`).join('\n'));
  console.log('---');
  await context.close();
}
await browser.close();
await server.close();
