//! Annotation off the main thread.
//!
//! The page starts a module worker (`worker.js`) that loads the same wasm and
//! calls [`worker_annotate`]; the main thread only sends the text and receives
//! the document's JSON in parts, so a long article never freezes the page. Where a
//! worker cannot start, the page annotates on the main thread instead.
use super::state::{AppState, Entry};
use crate::engine::{self, model::Source, Annotation, Document};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Annotations per part of the worker's answer (see [`worker_annotate`]).
const PART: usize = 2000;

/// The engine entry point the worker calls: the document as compact JSON in
/// parts, the document without its annotations first, then its annotations
/// [`PART`] at a time, so the page can read a long document's answer over
/// several tasks instead of freezing in one (see [`receive`]).
#[wasm_bindgen]
pub fn worker_annotate(name: &str, text: &str, encoding: &str, extraction: &str) -> Vec<String> {
    let mut doc = engine::annotate(name, text);
    doc.source = Source {
        encoding: encoding.into(),
        extraction: extraction.into(),
    };
    let annotations = std::mem::take(&mut doc.annotations);
    let json = "a Document always serialises";
    let mut parts = vec![serde_json::to_string(&doc).expect(json)];
    parts.extend(
        annotations
            .chunks(PART)
            .map(|c| serde_json::to_string(c).expect(json)),
    );
    parts
}

/// JSON read per task while receiving an answer: about 10 ms of parsing.
const BYTES_PER_TASK: usize = 1 << 20;

/// Reads the worker's answer (see [`worker_annotate`]), yielding to the browser
/// every [`BYTES_PER_TASK`] bytes of JSON.
async fn receive(parts: js_sys::Array) -> Result<Document, serde_json::Error> {
    let mut parts = parts.iter().map(|p| p.as_string().unwrap_or_default());
    let header = parts.next().unwrap_or_default();
    let mut doc: Document = serde_json::from_str(&header)?;
    let mut read = header.len();
    for part in parts {
        if read > BYTES_PER_TASK {
            super::browser::next_task().await;
            read = 0;
        }
        read += part.len();
        doc.annotations
            .extend(serde_json::from_str::<Vec<Annotation>>(&part)?);
    }
    Ok(doc)
}

/// The attributes of a span a person marked as a metric, as JSON (see
/// `state::guess_metric`).
#[wasm_bindgen]
pub fn worker_guess(text: &str) -> String {
    serde_json::to_string(&engine::edit::guess_metric(text)).expect("a Metric always serialises")
}

/// Builds jieba's dictionary in the worker, the bulk of the engine's start-up;
/// returns how long it took (ms). The worker is ready once it has.
#[wasm_bindgen]
pub fn worker_warm_up() -> f64 {
    let t0 = super::browser::now_ms();
    engine::segment::warm_up();
    super::browser::now_ms() - t0
}

/// Builds the engine's other tables (lexicons, Traditional→Simplified) and
/// runs it once on a short text; returns how long it took (ms). The worker
/// calls it right after it is ready: a request that comes first builds them
/// as it needs them.
#[wasm_bindgen]
pub fn worker_warm_tables() -> f64 {
    let t0 = super::browser::now_ms();
    engine::warm_up();
    super::browser::now_ms() - t0
}

/// Characters of sample text annotated per [`worker_warm_code`] step.
const WARM_STEP: usize = 600;

/// One step of warming the engine's code in the worker: annotates the `step`th
/// window of about [`WARM_STEP`] characters of the embedded samples; returns
/// false when every sample has been covered once.
///
/// The browser compiles wasm functions lazily and its fast code only after a
/// function has run for a while, so the first article a user pastes would run
/// several times slower than the next one. `worker.js` calls this one step per
/// task after `ready`, so a user's request waits for one short step at most.
#[wasm_bindgen]
pub fn worker_warm_code(step: usize) -> bool {
    let mut left = step;
    for (_, text) in super::samples::SAMPLES {
        let windows = text.chars().count().div_ceil(WARM_STEP);
        if left < windows {
            let window: String = text
                .chars()
                .skip(left * WARM_STEP)
                .take(WARM_STEP)
                .collect();
            std::hint::black_box(engine::annotate("warm-up", &window));
            return true;
        }
        left -= windows;
    }
    false
}

/// Benchmark hook (`tests/e2e/bench-browser.mjs`): the median time (ms) of
/// `runs` runs of annotating every text of `texts` (NUL-separated), after
/// `warm` warm-up runs, as `benches/engine.rs` measures natively, for the
/// wasm/native ratio. (The browser compiles hot functions with its optimising
/// tier in the background, as native code always is; three runs are not always
/// enough for that on a busy machine, so the benchmark measures both.)
#[wasm_bindgen]
pub fn worker_bench(texts: &str, warm: u32, runs: u32) -> f64 {
    let texts: Vec<&str> = texts.split('\0').collect();
    let all = || {
        for t in &texts {
            std::hint::black_box(engine::annotate("bench", t));
        }
    };
    for _ in 0..warm {
        all();
    }
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t0 = super::browser::now_ms();
            all();
            super::browser::now_ms() - t0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Whether this code runs inside a worker (no window).
pub fn in_worker() -> bool {
    js_sys::global().dyn_into::<web_sys::Window>().is_err()
}

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(0) };
    /// Answers received and answers opened, counted (see `"done"` in [`spawn`]).
    static TICKETS: RefCell<(u64, u64)> = const { RefCell::new((0, 0)) };
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The worker `index.html` started before the page's wasm, with the messages it
/// has sent so far; taken once (a restarted worker is a new one).
fn adopt_early_worker() -> Option<(web_sys::Worker, js_sys::Array)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("pizhuEarlyWorker");
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let worker = get(&early, "worker").dyn_into::<web_sys::Worker>().ok()?;
    let queue = get(&early, "queue").dyn_into::<js_sys::Array>().ok()?;
    Some((worker, queue))
}

/// Starts the worker (or adopts the one `index.html` started) and wires its
/// replies into the page's state.
pub fn spawn(state: AppState) {
    let (worker, queued) = match adopt_early_worker() {
        Some((w, q)) => (w, q),
        None => {
            let opts = web_sys::WorkerOptions::new();
            opts.set_type(web_sys::WorkerType::Module);
            let Ok(w) = web_sys::Worker::new_with_options("./worker.js", &opts) else {
                state.engine_ready.set(true);
                return;
            };
            // (a restart) the module this page runs, compiled already: the new
            // worker starts at once, with no second download
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"module".into());
            let _ = js_sys::Reflect::set(&msg, &"module".into(), &wasm_bindgen::module());
            let _ = w.post_message(&msg);
            (w, js_sys::Array::new())
        }
    };
    let on_load_error = move || {
        // the worker could not load (old browser, file://): annotate on the main thread
        WORKER.with(|w| w.borrow_mut().take());
        state.engine_ready.set(true);
    };
    let handle = move |data: JsValue| {
        let kind = get(&data, "type").as_string().unwrap_or_default();
        match kind.as_str() {
            "load-error" => on_load_error(),
            "ready" => {
                state.engine_ready.set(true);
                state.engine_ms.set(get(&data, "ms").as_f64());
            }
            "warm" => state.engine_tables_ms.set(get(&data, "ms").as_f64()),
            "guess" => {
                let text = get(&data, "text").as_string().unwrap_or_default();
                let json = get(&data, "json").as_string().unwrap_or_default();
                if let Ok(metric) = serde_json::from_str(&json) {
                    state.apply_guess(&text, metric);
                }
            }
            "done" => {
                let parts = js_sys::Array::from(&get(&data, "parts"));
                let ms = get(&data, "ms").as_f64().unwrap_or(0.0);
                // answers open in the order they came, even when a long one
                // takes several tasks to read
                let ticket = TICKETS.with(|t| {
                    let mut t = t.borrow_mut();
                    t.0 += 1;
                    t.0
                });
                leptos::task::spawn_local(async move {
                    let doc = receive(parts).await;
                    while TICKETS.with(|t| t.borrow().1 + 1 != ticket) {
                        super::browser::next_task().await;
                    }
                    match doc {
                        Ok(doc) => state.open(Entry::new(doc, ms)),
                        Err(e) => state.error.set(Some(format!(
                            "internal error: the engine's answer could not be read ({e})"
                        ))),
                    }
                    TICKETS.with(|t| t.borrow_mut().1 = ticket);
                    state.busy.set(None);
                });
            }
            _ => {
                state.busy.set(None);
                let msg = get(&data, "message").as_string().unwrap_or_default();
                state.error.set(Some(format!(
                    "标注失败 / annotation failed: {msg}. Your text is still in the input box."
                )));
                // a trapped wasm instance is not reusable: start a fresh worker
                WORKER.with(|w| {
                    if let Some(w) = w.borrow_mut().take() {
                        w.terminate();
                    }
                });
                spawn(state);
            }
        }
    };
    WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            handle(ev.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_load_error());
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    for data in queued.iter() {
        handle(data);
    }
}

/// Whether annotation requests go to a worker.
pub fn available() -> bool {
    WORKER.with(|w| w.borrow().is_some())
}

/// Asks the worker for the metric attributes of `text` (answered as `guess`).
pub fn guess(text: &str) {
    WORKER.with(|w| {
        if let Some(worker) = w.borrow().as_ref() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"guess".into());
            let _ = js_sys::Reflect::set(&msg, &"text".into(), &JsValue::from_str(text));
            let _ = worker.post_message(&msg);
        }
    });
}

/// Sends a text to the worker; false when there is no worker (annotate here instead).
pub fn request(name: &str, text: &str, source: &Source) -> bool {
    WORKER.with(|w| {
        let w = w.borrow();
        let Some(worker) = w.as_ref() else {
            return false;
        };
        let id = NEXT_ID.with(|n| {
            *n.borrow_mut() += 1;
            *n.borrow()
        });
        let msg = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), &v);
        };
        set("id", JsValue::from(id));
        set("name", JsValue::from_str(name));
        set("text", JsValue::from_str(text));
        set("encoding", JsValue::from_str(&source.encoding));
        set("extraction", JsValue::from_str(&source.extraction));
        worker.post_message(&msg).is_ok()
    })
}
