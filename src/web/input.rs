//! The input panel: paste area, file picker, JSON import, samples, Annotate.
//!
//! Files are decoded by the engine (`decode::decode_file_with`: encoding and
//! format detection; legacy encodings by the browser's `TextDecoder`); each
//! readable file opens as its own document, each unreadable
//! one gets a message naming it, and nothing already open is touched.
use super::samples::SAMPLES;
use super::state::{AppState, Entry};
use crate::engine::{decode, edit};
use leptos::prelude::*;

/// Largest file the page accepts (bytes); larger ones are refused with a message.
const MAX_FILE: f64 = 64.0 * 1024.0 * 1024.0;

fn stem(name: &str) -> String {
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

/// Opens each file as a document (a `.json` file is imported as pizhu JSON),
/// in the order they were given: they are read one after the other.
pub fn load_files(state: AppState, files: web_sys::FileList) {
    let mut errors = Vec::new();
    let mut readable = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        if file.size() > MAX_FILE {
            errors.push(format!(
                "{}: 文件太大 / file too large ({:.0} MB; limit 64 MB)",
                file.name(),
                file.size() / 1e6
            ));
            continue;
        }
        readable.push(gloo_file::File::from(file));
    }
    if !errors.is_empty() {
        state.error.set(Some(errors.join("\n")));
    }
    leptos::task::spawn_local(async move {
        for file in readable {
            let name = file.name();
            match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => open_file(state, &name, &bytes),
                Err(e) => push_error(state, format!("{name}: 无法读取 / cannot read ({e})")),
            }
        }
    });
}

/// Opens one file's bytes as a document, or says why not.
fn open_file(state: AppState, name: &str, bytes: &[u8]) {
    if name.to_lowercase().ends_with(".json") {
        return import_json(state, name, bytes);
    }
    match decode::decode_file_with(name, bytes, &super::browser::BrowserCodec) {
        Ok(d) => {
            if d.replaced > 0 {
                state.notice.set(Some(format!(
                    "{name}: {n} 处无效字节已替换为 � / {n} invalid byte sequence(s) \
                     in {enc} replaced by �",
                    n = d.replaced,
                    enc = d.source.encoding
                )));
            }
            state.annotate_text(&stem(name), d.text, d.source)
        }
        Err(e) => push_error(state, format!("{name}: 无法读取 / cannot read: {e}")),
    }
}

fn push_error(state: AppState, msg: String) {
    state.error.update(|e| match e {
        Some(old) => {
            old.push('\n');
            old.push_str(&msg);
        }
        None => *e = Some(msg),
    });
}

/// Imports a pizhu JSON export as a new document, or explains why not (nothing is applied).
pub fn import_json(state: AppState, name: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    match edit::import(&text) {
        Ok(doc) => state.open(Entry::new(doc, 0.0)),
        Err(e) => push_error(state, format!("{name}: 导入失败 / import refused: {e}")),
    }
}

#[component]
pub fn InputPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_input = move |ev| {
        state.draft.set(event_target_value(&ev));
        state.draft_name.set("pasted".into());
        state.draft_source.set(Default::default());
    };
    let on_sample = move |ev| {
        let name = event_target_value(&ev);
        if let Some((n, t)) = SAMPLES.iter().find(|(n, _)| *n == name) {
            state.draft.set(t.to_string());
            state.draft_name.set(n.to_string());
            state.draft_source.set(Default::default());
            state.annotate_draft();
        }
    };
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            load_files(state, files);
        }
        input.set_value("");
    };
    view! {
        <section class="input" aria-label="input">
            <textarea
                data-testid="input"
                aria-label=move || state.tr("paste")
                placeholder=move || state.tr("paste")
                prop:value=move || state.draft.get()
                on:input=on_input
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        state.annotate_draft();
                    }
                }
            ></textarea>
            <div class="controls">
                <button
                    class="primary"
                    data-testid="annotate"
                    title="Ctrl+Enter"
                    on:click=move |_| state.annotate_draft()
                >
                    {move || state.tr("annotate")}
                </button>
                <label class="file">
                    {move || state.tr("open")}
                    <input
                        type="file"
                        accept=".txt,.text,.md,.html,.htm,.docx,.json,text/plain,text/html"
                        multiple
                        data-testid="file"
                        on:change=on_files
                    />
                </label>
                <label class="file">
                    {move || state.tr("import")}
                    <input type="file" accept=".json,application/json" data-testid="import" on:change=on_files />
                </label>
                <select data-testid="sample" aria-label=move || state.tr("samples") on:change=on_sample>
                    <option value="">{move || state.tr("samples")}</option>
                    {SAMPLES.iter().map(|(n, _)| view! { <option value=*n>{*n}</option> }).collect_view()}
                </select>
            </div>
        </section>
    }
}
