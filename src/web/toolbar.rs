//! Document tabs and the toolbar: exports, undo/redo, language.
use super::browser;
use super::i18n::Lang;
use super::state::AppState;
use crate::engine::formats::Format;
use leptos::prelude::*;

/// Downloads the current document in `format` (brat writes `.ann` and `.txt`).
pub fn export(state: AppState, format: Format) {
    let i = state.current.get_untracked();
    let files = state.docs.with_untracked(|d| {
        d.get(i)
            .map(|e| (e.doc.name.clone(), format.export(&e.doc)))
    });
    let Some((name, files)) = files else { return };
    for f in files {
        if let Err(e) = browser::download(&format!("{name}{}", f.suffix), f.mime, &f.content) {
            state.error.set(Some(format!("download failed: {e}")));
        }
    }
}

fn format_label(f: Format) -> &'static str {
    match f {
        Format::Pizhu => "JSON",
        Format::Doccano => "doccano",
        Format::LabelStudio => "Label Studio",
        Format::Brat => "brat",
        Format::Csv => "CSV",
    }
}

#[component]
pub fn Tabs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let names = move || {
        state
            .docs
            .with(|d| d.iter().map(|e| e.doc.name.clone()).collect::<Vec<_>>())
    };
    view! {
        <nav class="tabs" data-testid="tabs" aria-label="documents">
            {move || {
                names()
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| {
                        view! {
                            <span class="tab" class:tab--on=move || state.current.get() == i>
                                <button
                                    class="tab-name"
                                    data-testid="tab"
                                    on:click=move |_| {
                                        state.current.set(i);
                                        state.selected.set(None);
                                    }
                                >
                                    {n}
                                </button>
                                <button
                                    class="tab-close"
                                    data-testid="tab-close"
                                    aria-label=move || state.tr("close")
                                    on:click=move |_| state.close(i)
                                >
                                    "×"
                                </button>
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_doc = move || state.with_doc(|d| d.is_some());
    view! {
        <div class="toolbar" role="toolbar">
            <button
                data-testid="undo"
                data-depth=move || state.with_entry(|e| e.map_or(0, |e| e.depth().0))
                disabled=move || state.with_entry(|e| e.is_none_or(|e| e.depth().0 == 0))
                on:click=move |_| state.undo()
                title="Ctrl+Z"
            >
                {move || state.tr("undo")}
            </button>
            <button
                data-testid="redo"
                data-depth=move || state.with_entry(|e| e.map_or(0, |e| e.depth().1))
                disabled=move || state.with_entry(|e| e.is_none_or(|e| e.depth().1 == 0))
                on:click=move |_| state.redo()
                title="Ctrl+Shift+Z"
            >
                {move || state.tr("redo")}
            </button>
            <span class="sep">{move || state.tr("export")} ":"</span>
            {Format::ALL
                .into_iter()
                .map(|f| {
                    view! {
                        <button
                            data-testid=format!("export-{}", f.as_str())
                            disabled=move || !has_doc()
                            on:click=move |_| export(state, f)
                        >
                            {format_label(f)}
                        </button>
                    }
                })
                .collect_view()}
            <span
                class="engine"
                data-testid="engine"
                data-ready=move || state.engine_ready.get().to_string()
                data-tables-ms=move || state.engine_tables_ms.get().map(|ms| format!("{ms:.0}"))
                title=move || match (state.engine_ms.get(), state.engine_tables_ms.get()) {
                    (Some(a), Some(b)) => format!("jieba {a:.0} ms + {b:.0} ms"),
                    _ => String::new(),
                }
            >
                {move || match (state.engine_ready.get(), state.engine_ms.get()) {
                    (false, _) => "…".to_string(),
                    (true, Some(ms)) => format!("✓ {ms:.0} ms"),
                    (true, None) => "✓".to_string(),
                }}
            </span>
            <button
                class="lang"
                data-testid="lang"
                on:click=move |_| state.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
            >
                {move || if state.lang.get() == Lang::Zh { "English" } else { "中文" }}
            </button>
        </div>
    }
}
