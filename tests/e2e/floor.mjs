// Diagnostic (not a test): what this machine's browser needs before pizhu can do
// anything, measured on a bare page with none of pizhu's code. After a cold
// navigation: when a module worker's first script runs, when the page's wasm
// (the same 3.7 MB file, from the same server) is downloaded and compiled, and
// when the worker has instantiated it (with empty imports: no code of it runs).
// These are the floor under "seed 001 annotated after navigation".
// node tests/e2e/floor.mjs   (after scripts/build; RUNS=n, 5 by default)
import { serve, launch } from './helpers.mjs';
const server = await serve();
const browser = await launch();
const page_html = `<!doctype html><meta charset=utf-8><title>floor</title><script>
const T = window.__T = {};
const w = new Worker('./floor-worker.js', { type: 'module' });
w.onmessage = (e) => { T[e.data.step] = Math.round(performance.now()); };
WebAssembly.compileStreaming(fetch('./pizhu-web_bg.wasm')).then((m) => {
  T.module_compiled = Math.round(performance.now());
  w.postMessage(m);
});
</script><textarea autofocus></textarea>`;
const worker_js = `postMessage({ step: 'worker_first_script' });
onmessage = async (e) => {
  const imports = {};
  for (const i of WebAssembly.Module.imports(e.data)) {
    imports[i.module] ??= {};
    imports[i.module][i.name] = i.kind === 'function' ? () => {} : undefined;
  }
  try { await WebAssembly.instantiate(e.data, imports); } catch (err) { postMessage({ step: 'instantiate_failed ' + err }); }
  postMessage({ step: 'worker_instantiated' });
};`;
const rows = [];
for (let i = 0; i < +(process.env.RUNS ?? 5); i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/floor.html', (r) => r.fulfill({ contentType: 'text/html', body: page_html }));
  await page.route('**/floor-worker.js', (r) => r.fulfill({ contentType: 'text/javascript', body: worker_js }));
  await page.goto(server.url + 'floor.html');
  await page.waitForFunction(() => window.__T.worker_instantiated, null, { timeout: 60_000 });
  rows.push(await page.evaluate(() => window.__T));
  await context.close();
}
const keys = ['worker_first_script', 'module_compiled', 'worker_instantiated'];
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const r of rows) console.log(keys.map((k) => `${k} ${r[k]}`).join(', '));
console.log('medians (ms after navigation): ' + keys.map((k) => `${k} ${median(rows.map((r) => r[k]))}`).join(', '));
await browser.close();
await server.close();
