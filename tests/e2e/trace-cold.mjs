// Diagnostic (not a test): a Chrome trace of cold navigations to seed 001 annotated (paste, Ctrl+Enter),
// printing the renderer main thread's and the worker's tasks over MIN_MS (40) ms, wall and thread CPU
// time, with what they spent their time on (CPU time is what to compare on a busy machine).
// node tests/e2e/trace-cold.mjs (after scripts/build); RUNS=n; TRACE_OUT=dir keeps the traces.
import { serve, launch, readSeed, copyToClipboard } from './helpers.mjs';
import { readFileSync } from 'node:fs';
const server = await serve();
const browser = await launch();
const seed = await readSeed('001');
await copyToClipboard(browser, server, seed);
const out = process.env.TRACE_OUT ?? '/tmp';
for (let i = 0; i < +(process.env.RUNS ?? 2); i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const path = `${out}/trace-${i}.json`;
  await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading', 'toplevel', 'v8', 'disabled-by-default-v8.compile', ...(process.env.TRACE_CATS ? process.env.TRACE_CATS.split(',') : [])] });
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.evaluate(() => new Promise((ok) => {
    const go = () => { const box = document.querySelector('[data-testid=input]'); if (!box) return requestAnimationFrame(go); box.focus(); ok(); };
    go();
  }));
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+Enter');
  // (a plain evaluate: a locator would compile Playwright's selector engine in the page mid-run)
  await page.evaluate(() => new Promise((ok) => { const p = () => (document.querySelector('[data-testid=ann]') ? ok() : setTimeout(p, 20)); p(); }));
  await page.waitForTimeout(600);
  await browser.stopTracing();
  await context.close();
  const ev = JSON.parse(readFileSync(path, 'utf8')).traceEvents;
  const names = new Map();
  for (const e of ev) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = ev.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming' )?.ts ?? Math.min(...ev.filter((e) => e.ts).map((e) => e.ts));
  const byThread = new Map();
  for (const e of ev) {
    if (e.ph !== 'X' || !e.dur) continue;
    const k = `${e.pid}:${e.tid}`; const n = names.get(k);
    if (n !== 'CrRendererMain' && !/Worker/.test(n ?? '')) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // (a task can show as both; the outer one is kept)
    const tasks = list.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
      .filter((t, i, all) => !all.some((o, j) => j !== i && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && (o.dur > t.dur || j < i)));
    console.log(`== ${names.get(k)} (${k}) run ${i}`);
    for (const t of tasks) {
      if (t.dur < +(process.env.MIN_MS ?? 40) * 1000) continue;
      const kids = new Map();
      for (const e of list) {
        if (e === t || e.ts < t.ts || e.ts + e.dur > t.ts + t.dur) continue;
        if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') continue;
        kids.set(e.name, (kids.get(e.name) ?? 0) + e.dur);
      }
      const top = [...kids].sort((a, b) => b[1] - a[1]).slice(0, 9).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ');
      console.log(`  ${((t.ts - nav) / 1000).toFixed(0).padStart(5)} +${(t.dur / 1000).toFixed(0).padStart(4)} (cpu ${((t.tdur ?? 0) / 1000).toFixed(0).padStart(3)})  ${top}`);
    }
  }
}
await browser.close();
await server.close();
