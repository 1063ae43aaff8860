//! The page: a thin Leptos (client-side rendering) layer over the engine.
//!
//! The engine does all the work; components only hold the user's text and the
//! engine's [`Document`], render it, and hand files in and out. Text is always
//! rendered as text nodes, never as HTML.
mod browser;
mod input;
mod samples;
mod summary;
mod text_view;

use crate::engine::{self, model::Source, Document};
use leptos::prelude::*;

/// The page's state, shared with components through context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Name of the current document (file stem, sample name, or `pasted`).
    pub name: RwSignal<String>,
    /// The text exactly as the user gave it.
    pub text: RwSignal<String>,
    /// Where the text came from (encoding, extraction).
    pub source: RwSignal<Source>,
    /// The engine's result for `text`, once annotated.
    pub doc: RwSignal<Option<Document>>,
    /// A message for the user (bad file, empty text…), if any.
    pub error: RwSignal<Option<String>>,
    /// How long the last annotation took, in milliseconds.
    pub elapsed_ms: RwSignal<Option<f64>>,
}

impl AppState {
    fn new() -> Self {
        AppState {
            name: RwSignal::new("pasted".to_string()),
            text: RwSignal::new(String::new()),
            source: RwSignal::new(Source::default()),
            doc: RwSignal::new(None),
            error: RwSignal::new(None),
            elapsed_ms: RwSignal::new(None),
        }
    }

    /// Annotates the current text; an empty text gets a message, not an empty result.
    pub fn annotate(&self) {
        let text = self.text.get_untracked();
        if text.trim().is_empty() {
            self.error.set(Some("没有可标注的文本：请粘贴文章、选择文件或示例。 (Nothing to annotate: paste an article, pick a file or a sample.)".into()));
            return;
        }
        let t0 = browser::now_ms();
        let mut doc = engine::annotate(&self.name.get_untracked(), &text);
        doc.source = self.source.get_untracked();
        self.elapsed_ms.set(Some(browser::now_ms() - t0));
        self.error.set(None);
        self.doc.set(Some(doc));
    }

    /// Downloads the current document's JSON as `<name>.json`.
    pub fn download_json(&self) {
        let Some(json) = self
            .doc
            .with_untracked(|d| d.as_ref().map(Document::to_json))
        else {
            return;
        };
        let file = format!("{}.json", self.name.get_untracked());
        if let Err(e) = browser::download(&file, "application/json", &json) {
            self.error
                .set(Some(format!("下载失败 (download failed): {e}")));
        }
    }
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    view! {
        <header class="top">
            <h1>"批注 " <span class="brand">"pizhu"</span></h1>
            <p class="tagline">"在浏览器中标注中文经济新闻：指标、实体、政策提法、时间。文本不离开本机。"</p>
        </header>
        <main class="layout">
            <input::InputPanel />
            <section class="result">
                <Show when=move || state.error.with(Option::is_some)>
                    <p class="error" role="alert" data-testid="error">{move || state.error.get().unwrap_or_default()}</p>
                </Show>
                <summary::Summary />
                <text_view::TextView />
            </section>
        </main>
    }
}

/// Mounts the page (called from `src/bin/pizhu-web.rs`).
pub fn start() {
    console_error_panic_hook::set_once();
    engine::segment::warm_up();
    leptos::mount::mount_to_body(App);
}
