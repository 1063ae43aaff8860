//! The annotated text: the user's text with each annotation highlighted inline.
//!
//! The text is cut into pieces; every piece carries `data-start` (its scalar
//! offset) so a selection maps back to offsets. Text is rendered as text
//! nodes only, never as HTML.
use super::state::AppState;
use crate::engine::edit::Label;
use crate::engine::{Annotation, Document};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A run of the text: plain, or covered by one annotation.
struct Piece {
    start: usize,
    text: String,
    ann: Option<Marked>,
}

/// What a highlight needs to render.
struct Marked {
    id: String,
    kind: &'static str,
    label: &'static str,
    title: String,
    manual: bool,
}

/// Cuts the text into plain runs and annotated runs (annotations are flat and sorted).
fn pieces(doc: &Document) -> Vec<Piece> {
    let mut byte_of = Vec::with_capacity(doc.chars + 1);
    byte_of.extend(doc.text.char_indices().map(|(b, _)| b));
    byte_of.push(doc.text.len());
    let n = byte_of.len() - 1;
    let slice = |s: usize, e: usize| doc.text[byte_of[s]..byte_of[e]].to_string();
    let mut out = Vec::with_capacity(doc.annotations.len() * 2 + 1);
    // (a lookup table for metrics' periods: a long text has tens of thousands of
    // annotations, and a search per metric would take seconds)
    let by_id: HashMap<&str, &Annotation> =
        doc.annotations.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut pos = 0usize;
    for a in &doc.annotations {
        if a.start < pos || a.end > n || a.start >= a.end {
            continue;
        }
        if a.start > pos {
            out.push(Piece {
                start: pos,
                text: slice(pos, a.start),
                ann: None,
            });
        }
        let marked = Marked {
            id: a.id.clone(),
            kind: a.kind.as_str(),
            label: Label::of(a).as_str(),
            title: describe(a, &by_id),
            manual: a.origin == crate::engine::model::Origin::Manual,
        };
        out.push(Piece {
            start: a.start,
            text: slice(a.start, a.end),
            ann: Some(marked),
        });
        pos = a.end;
    }
    if pos < n {
        out.push(Piece {
            start: pos,
            text: slice(pos, n),
            ann: None,
        });
    }
    out
}

/// The hover text of an annotation: its label, normalised value and attributes.
fn describe(a: &Annotation, by_id: &HashMap<&str, &Annotation>) -> String {
    let mut s = Label::of(a).as_str().to_string();
    if a.origin == crate::engine::model::Origin::Manual {
        s.push_str(" (manual)");
    }
    if let Some(m) = &a.metric {
        s.push_str(&format!("\n值 value: {} {}", m.value, m.unit));
        if let Some(v) = m.value_max {
            s.push_str(&format!(" – {v}"));
        }
        if let Some(i) = &m.indicator {
            s.push_str(&format!("\n指标 indicator: {i}"));
        }
        s.push_str(&format!("\n类型 role: {}", m.role.as_str()));
        if let Some(x) = &m.approx {
            s.push_str(&format!("\n约数 approx: {x}"));
        }
        if let Some(p) = m.period.as_deref().and_then(|p| by_id.get(p)) {
            s.push_str(&format!("\n时间 period: {}", p.text));
            if let Some(v) = p.time.as_ref().and_then(|t| t.value.as_ref()) {
                s.push_str(&format!(" ({v})"));
            }
        }
    }
    if let Some(v) = a.time.as_ref().and_then(|t| t.value.as_ref()) {
        s.push_str(&format!("\n= {v}"));
    }
    s
}

/// Pieces rendered per step: a long document appears chunk by chunk, one
/// chunk per task, so the page never blocks for long.
const CHUNK: usize = 1500;

fn render_piece(state: AppState, p: Piece) -> AnyView {
    match p.ann {
        None => view! { <span data-start=p.start>{p.text}</span> }.into_any(),
        Some(m) => {
            let label = m.label;
            let class = format!("ann ann--{} ann--{label}", m.kind);
            let (id, id2) = (m.id.clone(), m.id.clone());
            view! {
                <mark
                    class=class
                    class:ann--off=move || state.hidden.with(|h| h.contains(label))
                    class:ann--sel=move || state.selected.with(|s| s.as_deref() == Some(id.as_str()))
                    class:ann--manual=m.manual
                    data-testid="ann"
                    data-kind=m.kind
                    data-label=label
                    data-id=m.id
                    data-start=p.start
                    title=m.title
                    tabindex="0"
                    on:click=move |_| state.selected.set(Some(id2.clone()))
                >
                    {p.text}
                </mark>
            }
            .into_any()
        }
    }
}

#[component]
pub fn TextView() -> impl IntoView {
    let state = expect_context::<AppState>();
    // the current document cut into chunks; `generation` changes with it so
    // <For> re-renders every chunk after an edit
    let chunks: RwSignal<Vec<Arc<Mutex<Vec<Piece>>>>, LocalStorage> =
        RwSignal::new_local(Vec::new());
    let generation = RwSignal::new(0u64);
    let shown = RwSignal::new(0usize);
    Effect::new(move |_| {
        let all = state.with_doc(|d| d.map(pieces).unwrap_or_default());
        let mut cut = Vec::new();
        let mut it = all.into_iter().peekable();
        while it.peek().is_some() {
            cut.push(Arc::new(Mutex::new(
                it.by_ref().take(CHUNK).collect::<Vec<_>>(),
            )));
        }
        let total = cut.len();
        chunks.set(cut);
        generation.update(|g| *g += 1);
        shown.set(total.min(1));
        grow(shown, total, generation.get_untracked(), generation);
    });
    view! {
        <article class="text" data-testid="text-view" data-complete=move || (shown.get() >= chunks.with(Vec::len)).to_string() lang="zh">
            <For
                each=move || {
                    let g = generation.get();
                    (0..shown.get()).map(move |i| (g, i)).collect::<Vec<_>>()
                }
                key=|k| *k
                children=move |(_, i)| {
                    let piece_list = chunks
                        .with_untracked(|c| c.get(i).map(|c| std::mem::take(&mut *c.lock().unwrap())))
                        .unwrap_or_default();
                    piece_list.into_iter().map(|p| render_piece(state, p)).collect_view()
                }
            />
        </article>
    }
}

/// Shows one more chunk per task until all `total` are shown (stops when the
/// document changes: `generation` moves on).
fn grow(shown: RwSignal<usize>, total: usize, gen: u64, generation: RwSignal<u64>) {
    if shown.get_untracked() >= total {
        return;
    }
    set_timeout(
        move || {
            if generation.get_untracked() != gen {
                return;
            }
            shown.update(|s| *s += 1);
            grow(shown, total, gen, generation);
        },
        std::time::Duration::from_millis(0),
    );
}
