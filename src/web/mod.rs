//! The page: a thin Leptos (client-side rendering) layer over the engine.
//!
//! The engine does all the work; components hold the open documents, render
//! them, and hand files in and out. Text is always rendered as text nodes,
//! never as HTML. Components are one per file; shared state lives in
//! [`state::AppState`], provided through context.
mod browser;
mod editor;
mod i18n;
mod input;
mod legend;
mod panels;
mod rehearsal;
mod samples;
mod shell;
mod state;
mod storage;
mod summary;
mod text_view;
mod toolbar;
mod worker;

use crate::engine::edit::{self, Label};
use leptos::prelude::*;
use state::AppState;
use wasm_bindgen::JsCast;

/// Whether keyboard focus is in a form field (where keys are typing, not shortcuts).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Keyboard shortcuts: 1–9 label the selection, Delete removes the selected
/// annotation, Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo, Escape deselects.
fn on_key(state: AppState, ev: web_sys::KeyboardEvent) {
    if typing(&ev) {
        return;
    }
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    match key.as_str() {
        // preventDefault: else the browser's own undo also runs, re-focusing
        // and rewinding the input box
        "z" | "Z" if ctrl && ev.shift_key() => {
            ev.prevent_default();
            state.redo()
        }
        "z" | "Z" if ctrl => {
            ev.prevent_default();
            state.undo()
        }
        "y" | "Y" if ctrl => {
            ev.prevent_default();
            state.redo()
        }
        "Delete" | "Backspace" => {
            if let Some(id) = state.selected.get_untracked() {
                ev.prevent_default();
                state.edit(move |d| edit::remove(d, &id).map(|_| None));
            }
        }
        "Escape" => state.selected.set(None),
        "Enter" => {
            // Enter on a focused highlight selects it
            let id = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-id"));
            if id.is_some() {
                state.selected.set(id);
            }
        }
        k if !ctrl && !ev.alt_key() && k.len() == 1 => {
            let Some(n) = k
                .chars()
                .next()
                .and_then(|c| c.to_digit(10))
                .filter(|n| (1..=9).contains(n))
            else {
                return;
            };
            let label: Label = Label::ALL[n as usize - 1];
            if let Some((s, e)) = browser::selection_offsets() {
                state.add(s, e, label);
                browser::clear_selection();
            } else if let Some(id) = state.selected.get_untracked() {
                state.relabel(id, label);
            }
        }
        _ => {}
    }
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    storage::restore(&state);
    storage::autosave(state);
    worker::spawn(state);
    // with a shell in the page, the app is built outside it and takes over in
    // the next task (see `shell`)
    shell::take_over_soon(state);
    // while the worker gets ready: show a short answer off screen once (see `rehearsal`)
    rehearsal::soon(state);
    Effect::new(move |_| {
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", state.lang.get().as_str());
        }
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev| on_key(state, ev));
    on_cleanup(move || handle.remove());
    let dragging = RwSignal::new(false);
    view! {
        <div
            class="app"
            class:dragging=dragging
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                    input::load_files(state, files);
                }
            }
        >
            <header class="top">
                <h1>"批注 " <span class="brand">"pizhu"</span></h1>
                <p class="tagline">{move || state.tr("tagline")}</p>
                <toolbar::Toolbar />
            </header>
            <main class="layout">
                <input::InputPanel />
                <section class="result">
                    <Show when=move || state.error.with(Option::is_some)>
                        <p class="error" role="alert" data-testid="error">
                            {move || state.error.get().unwrap_or_default()}
                        </p>
                    </Show>
                    <Show when=move || state.notice.with(Option::is_some)>
                        <p class="notice" role="status" data-testid="notice" on:click=move |_| state.notice.set(None)>
                            {move || state.notice.get().unwrap_or_default()}
                        </p>
                    </Show>
                    <Show when=move || state.busy.with(Option::is_some)>
                        <div class="progress" role="progressbar" aria-busy="true" data-testid="progress">
                            <span class="spinner"></span>
                            {move || state.tr("loading")}
                            " "
                            {move || state.busy.get().map(|(n, c, _)| format!("{n} · {c} {}", state.tr("chars")))}
                        </div>
                    </Show>
                    <toolbar::Tabs />
                    <summary::Summary />
                    <legend::Legend />
                    <text_view::TextView />
                </section>
                <div class="side">
                    <editor::Editor />
                    <panels::SidePanel />
                </div>
            </main>
        </div>
    }
}

/// Shows a crash banner outside Leptos (which may be unusable after a panic),
/// with a reload link; the documents are already saved in the browser.
fn show_crash(info: &std::panic::PanicHookInfo) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if let Ok(div) = doc.create_element("div") {
        div.set_class_name("crash");
        let _ = div.set_attribute("role", "alert");
        let _ = div.set_attribute("data-testid", "crash");
        div.set_text_content(Some(&format!(
            "{} / {} ({info})",
            i18n::t(i18n::Lang::Zh, "crash"),
            i18n::t(i18n::Lang::En, "crash")
        )));
        if let Ok(a) = doc.create_element("a") {
            let _ = a.set_attribute("href", "./");
            a.set_text_content(Some("重新加载 Reload"));
            let _ = div.append_child(&a);
        }
        let _ = body.prepend_with_node_1(&div);
    }
}

/// Mounts the page (called from `src/bin/pizhu-web.rs`).
pub fn start() {
    if worker::in_worker() {
        return; // the annotation worker only calls `worker_annotate`
    }
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash(info);
    }));
    match shell::hold() {
        Some(root) => leptos::mount::mount_to(root, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}
