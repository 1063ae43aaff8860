// pizhu's annotation worker: runs the engine off the main thread so the page
// never freezes. It runs the same wasm module as the page (compiled once, sent
// by the page); `start()` sees it is in a worker and mounts nothing.
import init, { worker_warm_up, worker_warm_tables, worker_warm_code, worker_annotate, worker_bench, worker_guess } from './pizhu-web.js';

// Warm the engine's code on the sample articles, one short step per task (a
// request waits for one step at most): the browser compiles wasm lazily and
// optimises a function only after it has run a while, so without this the
// first article pasted is annotated several times slower than the next.
//
// The steps wait while the page shows an answer this worker has just sent: the
// page reads and lays it out on the main thread, and on a machine with two cores
// a warm-up step here takes the core the browser would give it.
const QUIET_MS = 1000;
let quietUntil = 0;
const warmCode = (step) => {
  const wait = quietUntil - performance.now();
  if (wait > 0) {
    setTimeout(() => warmCode(step), wait);
    return;
  }
  if (worker_warm_code(step)) setTimeout(() => warmCode(step + 1), 0);
};

// The page sends the wasm module it compiled (index.html), as this worker's first
// message; a worker started otherwise loads it by its URL at its first request.
let ready;
const start = (module) => {
  ready ??= init({ module_or_path: module || new URL('./pizhu-web_bg.wasm', import.meta.url) }).then(() => {
    // jieba's dictionary, then (in a task of their own, after any request that
    // came first) the other tables and a first run, then the code on the samples
    postMessage({ type: 'ready', ms: worker_warm_up() });
    setTimeout(() => {
      postMessage({ type: 'warm', ms: worker_warm_tables() });
      setTimeout(() => warmCode(0), 0);
    }, 0);
  });
  return ready;
};

onmessage = async (event) => {
  if (event.data.type === 'module') {
    start(event.data.module);
    return;
  }
  start();
  if (event.data.type === 'bench') {
    // (tests/e2e/bench-browser.mjs: the engine's speed in wasm)
    await ready;
    postMessage({ type: 'bench', ms: worker_bench(event.data.texts, event.data.warm ?? 3, event.data.runs) });
    return;
  }
  if (event.data.type === 'guess') {
    // the attributes of a span a person marked as a metric (src/web/state.rs)
    const { text } = event.data;
    try {
      await ready;
      postMessage({ type: 'guess', text, json: worker_guess(text) });
    } catch (err) {
      postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
    }
    return;
  }
  const { id, name, text, encoding, extraction } = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const parts = worker_annotate(name, text, encoding, extraction);
    postMessage({ type: 'done', id, parts, ms: performance.now() - t0 });
    quietUntil = performance.now() + QUIET_MS;
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err && err.message ? err.message : err) });
  }
};
