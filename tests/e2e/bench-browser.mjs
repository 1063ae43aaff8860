// Browser benchmark (not a test: prints numbers, never fails on timing).
// Measures, on dist/ served from 127.0.0.1 in headless Chromium with a cold cache:
//   - page transfer: bytes of every file the page loads, raw and brotli (-q 11)
//   - engine ready: time the worker needs to build jieba's dictionary after its wasm
//     starts, and then its other tables and a first run
//   - seed 001 annotated: ms from navigation start until its first highlight is
//     painted, pasted (Ctrl+V) as soon as the box is there, with the longest
//     main-thread tasks (the browser's paste handling apart)
//   - 1 MB of text: time to the first highlight and to the whole view, and the
//     longest main-thread task (PerformanceObserver) from the click on Annotate
//     (the browser's own paste and layout of the text in the box, before it,
//     reported apart)
// Every time is taken in the page (see `watch`), not when Playwright notices:
// its waitFor polls at growing intervals (0, 20, 50, 100, 100, then every
// 500 ms), which added up to half a second to what it saw before this was so.
// Usage: node tests/e2e/bench-browser.mjs   (after scripts/build)
//   RUNS=N cold navigations (5); COLD_ONLY=1 skips the 1 MB and wasm-engine parts
import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { serve, launch, readSeed, copyToClipboard, dist, root } from './helpers.mjs';

/** (In the page, from its first script) records in `window.__at` when the first
 *  highlight enters the DOM (`highlight`), when the frame that shows it has been
 *  painted (`painted`: a task queued from the animation frame callback runs after
 *  that frame's rendering), when the whole text view is there after that
 *  (`complete`: its `data-complete` turns true) and when Annotate was last
 *  clicked (`click`). */
const watch = () => {
  const at = window.__at = {};
  document.addEventListener('click', () => { at.click = performance.now(); }, true);
  new MutationObserver((records) => {
    if (at.highlight === undefined && document.querySelector('[data-testid=ann]')) {
      at.highlight = performance.now();
      requestAnimationFrame(() => setTimeout(() => { at.painted = performance.now(); }, 0));
    }
    if (at.highlight !== undefined && at.complete === undefined && records.some((r) => r.type === 'attributes' && r.target.dataset.complete === 'true')) {
      at.complete = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-complete'] });
};
/** Waits in the page until `window.__at[key]` is set, and returns it: with a
 *  plain `evaluate` (its small helper script is in the page from the first
 *  `evaluate`, before the timed part), not `waitForFunction` or a locator: those
 *  put Playwright's selector engine into the page at their first use, a script
 *  whose compilation took 40-90 ms of the page's main thread in a trace, in the
 *  middle of the cold run, where it counted as the page's long task and delayed
 *  its rendering. */
const waitAt = (page, key) => page.evaluate((k) => new Promise((ok) => {
  const poll = () => (window.__at[k] !== undefined ? ok(window.__at[k]) : setTimeout(poll, 20));
  poll();
}), key);

const server = await serve();
const browser = await launch();
const out = {};

// 1. transfer
let raw = 0, br = 0, gz = 0;
const files = [];
for (const f of await readdir(dist)) {
  if (f.endsWith('.map')) continue;
  const body = await readFile(join(dist, f));
  const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += body.length; br += b; gz += gzipSync(body, { level: 9 }).length;
  files.push(`${f}: ${body.length} raw, ${b} br`);
}
out.transfer = { raw_bytes: raw, gzip_bytes: gz, brotli_bytes: br, files };

// 2 + 3. cold navigation to seed 001 annotated. The text is pasted as soon as
//    the page has loaded (into the shell if the app has not started yet); long
//    tasks are reported apart for the browser's own handling of the paste (its
//    editing and layout of a 13 KB text in the box) and for the rest.
const seed = await readSeed('001');
// The text is on the clipboard before the page opens, as when a person copies an
// article and then opens pizhu (the clipboard is the browser's, not a context's).
await copyToClipboard(browser, server, seed);
// (in the page) when the input box is there, make sure it has the focus (it has
// it by itself: autofocus)
const box = () => new Promise((ok) => {
  const go = () => {
    const el = document.querySelector('[data-testid=input]');
    if (!el) return requestAnimationFrame(go);
    el.focus();
    ok();
  };
  go();
});
const runs = [];
for (let i = 0; i < +(process.env.RUNS ?? 5); i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watch);
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
    // the paste, as the page sees it (no extra round trips to the test in the timed path)
    document.addEventListener('beforeinput', () => { window.__pasteStart ??= performance.now(); }, true);
    document.addEventListener('input', () => { window.__pasteEnd ??= performance.now(); }, true);
    new MutationObserver(() => {
      if (!window.__mounted && !document.getElementById('shell') && document.querySelector('[data-testid=input]')) window.__mounted = performance.now();
    }).observe(document, { subtree: true, childList: true });
  });
  // as a person with a keyboard does, as soon as the box is there (the page's
  // static shell, before its code): Ctrl+V in the box (which has the focus),
  // Ctrl+Enter to annotate; the page queues the request until its worker is
  // ready. (Playwright's fill() would type the text through the browser's
  // editing commands instead, 3-4x slower than a paste.)
  await context.grantPermissions(['clipboard-read'], { origin: new URL(server.url).origin });
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.evaluate(box);
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+Enter');
  const annotatedAt = await waitAt(page, 'painted');
  const highlightAt = await page.evaluate(() => window.__at.highlight);
  // (read in the page: see `waitAt`)
  const { engine, tables } = await page.evaluate(() => new Promise((ok) => {
    const poll = () => {
      const el = document.querySelector('[data-testid=engine][data-tables-ms]');
      if (el) ok({ engine: el.textContent, tables: el.getAttribute('data-tables-ms') }); else setTimeout(poll, 20);
    };
    poll();
  }));
  const { tasks, mounted, pasteStart, pasteEnd } = await page.evaluate(() => ({
    tasks: window.__tasks, mounted: window.__mounted, pasteStart: window.__pasteStart, pasteEnd: window.__pasteEnd,
  }));
  const longest = (ts) => Math.round(Math.max(0, ...ts.map(([, d]) => d)));
  const inPaste = ([t, d]) => t < pasteEnd && t + d > pasteStart;
  runs.push({
    seed001_annotated_ms_after_navigation: Math.round(annotatedAt),
    first_highlight_in_dom_ms: Math.round(highlightAt),
    engine_ready: engine.trim(),
    then_other_tables_and_first_run_ms: Number(tables),
    app_started_ms: Math.round(mounted ?? -1),
    paste_ms: [Math.round(pasteStart), Math.round(pasteEnd)],
    annotated_ms_after_paste: Math.round(annotatedAt - pasteEnd),
    longest_task_ms: longest(tasks.filter((t) => !inPaste(t))),
    longest_task_during_paste_ms: longest(tasks.filter(inPaste)),
  });
  await context.close();
}
out.cold_seed001 = runs;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
out.cold_seed001_median = {
  annotated_ms_after_navigation: median(runs.map((r) => r.seed001_annotated_ms_after_navigation)),
  longest_task_ms: median(runs.map((r) => r.longest_task_ms)),
  engine_ready_ms: median(runs.map((r) => Number(r.engine_ready.replace(/[^0-9]/g, '')))),
};

// 4. 1 MB of text
if (!process.env.COLD_ONLY) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watch);
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url);
  await page.locator('[data-testid=engine][data-ready=true]').waitFor();
  let big = '';
  while (big.length < 1_000_000) big += seed;
  // the paste (as the browser's own editing would leave it), then its layout: the
  // browser lays the whole 1 MB out in the box, in a task of its own that pizhu
  // cannot shorten; reported apart, then the count starts again at the click
  await page.evaluate(() => { window.__longest = 0; });
  await page.getByTestId('input').evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, big);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const pasteLayout = Math.round(await page.evaluate(() => window.__longest));
  await page.evaluate(() => { window.__longest = 0; });
  await page.getByTestId('annotate').click();
  const sawProgress = await page.getByTestId('progress').waitFor({ timeout: 5000 }).then(() => true, () => false);
  const painted = await waitAt(page, 'painted');
  // the rest of the document appears block by block; long tasks are watched until it all has
  const complete = await waitAt(page, 'complete');
  const click = await page.evaluate(() => window.__at.click);
  out.one_mb = {
    chars: big.length, total_ms: Math.round(painted - click), whole_view_ms: Math.round(complete - click), progress_shown: sawProgress,
    longest_main_thread_task_ms: Math.round(await page.evaluate(() => window.__longest)),
    browser_paste_and_layout_of_the_text_in_the_box_ms: pasteLayout,
  };
  await context.close();
}

// 5. the engine alone in wasm (in a worker): all five seeds, median of 9 runs,
//    the same measurement as benches/engine.rs's "full annotate" natively.
//    First after 3 warm-up runs; then, when the browser's optimising tier
//    (which compiles in the background, later on a busy machine) has surely
//    replaced the first code, in three rounds, each alternating with the
//    native benchmark (PIZHU_NATIVE_BENCH: the benches/engine.rs binary, run
//    with --annotate-only), so that wasm/native compares the same minutes of
//    a machine whose speed drifts.
if (!process.env.COLD_ONLY) {
  const names = (await readdir(join(root, 'seeds'))).filter((f) => f.endsWith('.txt')).sort();
  const texts = await Promise.all(names.map((f) => readFile(join(root, 'seeds', f), 'utf-8')));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate((joined) => {
    const w = new Worker('./worker.js', { type: 'module' });
    window.__bench = (warm, runs) => new Promise((ok, fail) => {
      w.onmessage = (e) => { if (e.data.type === 'bench') ok(e.data.ms); };
      w.onerror = (e) => fail(String(e.message));
      w.postMessage({ type: 'bench', texts: joined, warm, runs });
    });
  }, texts.join('\0'));
  const early = await page.evaluate(() => window.__bench(3, 9));
  const native = process.env.PIZHU_NATIVE_BENCH;
  const rounds = [];
  for (let i = 0; i < 3; i++) {
    // (15 runs or more before each)
    const wasm = await page.evaluate(() => window.__bench(3, 9));
    const nat = native ? Number(execFileSync(native, ['--annotate-only', '--runs', '9']).toString()) : null;
    rounds.push({ wasm_ms: Math.round(wasm * 10) / 10, native_ms: nat, ratio: nat ? Math.round(wasm / nat * 100) / 100 : null });
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  out.wasm_engine = {
    seeds: names.length,
    annotate_all_seeds_median_ms: mid(rounds.map((r) => r.wasm_ms)),
    after_3_warm_up_runs_median_ms: Math.round(early * 10) / 10,
    native_median_ms: native ? mid(rounds.map((r) => r.native_ms)) : null,
    wasm_over_native: native ? mid(rounds.map((r) => r.ratio)) : null,
    rounds,
  };
  await context.close();
}

console.log(JSON.stringify(out, null, 2));
await browser.close();
await server.close();
