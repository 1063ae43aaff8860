//! The annotated text: the user's text with each annotation highlighted inline.
//!
//! The text is cut into pieces; every piece carries `data-start` (its scalar
//! offset) so a selection maps back to offsets. Text is rendered as text
//! nodes only, never as HTML.
use super::state::AppState;
use crate::engine::edit::Label;
use crate::engine::{Annotation, Document};
use leptos::prelude::*;

/// A run of the text: plain, or covered by one annotation.
struct Piece {
    start: usize,
    text: String,
    ann: Option<Annotation>,
}

/// Cuts the text into plain runs and annotated runs (annotations are flat and sorted).
fn pieces(doc: &Document) -> Vec<Piece> {
    let mut byte_of = Vec::with_capacity(doc.chars + 1);
    byte_of.extend(doc.text.char_indices().map(|(b, _)| b));
    byte_of.push(doc.text.len());
    let n = byte_of.len() - 1;
    let slice = |s: usize, e: usize| doc.text[byte_of[s]..byte_of[e]].to_string();
    let mut out = Vec::with_capacity(doc.annotations.len() * 2 + 1);
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
        out.push(Piece {
            start: a.start,
            text: slice(a.start, a.end),
            ann: Some(a.clone()),
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
pub fn describe(a: &Annotation, doc: &Document) -> String {
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
        if let Some(p) = m
            .period
            .as_ref()
            .and_then(|p| doc.annotations.iter().find(|t| &t.id == p))
        {
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

#[component]
pub fn TextView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let render = move || {
        state.with_doc(|d| {
            let d = d?;
            Some(
                pieces(d)
                    .into_iter()
                    .map(|p| match p.ann {
                        None => view! { <span data-start=p.start>{p.text}</span> }.into_any(),
                        Some(a) => {
                            let label = Label::of(&a).as_str();
                            let class = format!("ann ann--{} ann--{label}", a.kind.as_str());
                            let id = a.id.clone();
                            let id2 = a.id.clone();
                            let id3 = a.id.clone();
                            view! {
                                <mark
                                    class=class
                                    class:ann--off=move || state.hidden.with(|h| h.contains(label))
                                    class:ann--sel=move || state.selected.with(|s| s.as_deref() == Some(id.as_str()))
                                    class:ann--manual=a.origin == crate::engine::model::Origin::Manual
                                    data-testid="ann"
                                    data-kind=a.kind.as_str()
                                    data-label=label
                                    data-id=id3
                                    data-start=p.start
                                    title=describe(&a, d)
                                    tabindex="0"
                                    on:click=move |_| state.selected.set(Some(id2.clone()))
                                >
                                    {p.text}
                                </mark>
                            }
                                .into_any()
                        }
                    })
                    .collect_view(),
            )
        })
    };
    view! {
        <article class="text" data-testid="text-view" lang="zh">
            {render}
        </article>
    }
}
