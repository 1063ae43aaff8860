//! The annotated text: the user's text with each annotation highlighted inline.
use super::AppState;
use crate::engine::{Annotation, Document};
use leptos::prelude::*;

/// A run of the text: plain, or covered by one annotation.
struct Piece {
    text: String,
    ann: Option<Annotation>,
}

/// Cuts the text into plain runs and annotated runs (annotations are flat and sorted).
fn pieces(doc: &Document) -> Vec<Piece> {
    let chars: Vec<(usize, char)> = doc.text.char_indices().collect();
    let byte_at = |c: usize| chars.get(c).map_or(doc.text.len(), |&(b, _)| b);
    let mut out = Vec::with_capacity(doc.annotations.len() * 2 + 1);
    let mut pos = 0usize;
    for a in &doc.annotations {
        if a.start < pos || a.end > chars.len() || a.start >= a.end {
            continue;
        }
        if a.start > pos {
            out.push(Piece {
                text: doc.text[byte_at(pos)..byte_at(a.start)].to_string(),
                ann: None,
            });
        }
        out.push(Piece {
            text: doc.text[byte_at(a.start)..byte_at(a.end)].to_string(),
            ann: Some(a.clone()),
        });
        pos = a.end;
    }
    if pos < chars.len() {
        out.push(Piece {
            text: doc.text[byte_at(pos)..].to_string(),
            ann: None,
        });
    }
    out
}

/// The hover text of an annotation: its normalised value and attributes.
pub fn describe(a: &Annotation) -> String {
    let mut s = match a.etype {
        Some(t) => format!("{} · {}", a.kind.as_str(), t.as_str()),
        None => a.kind.as_str().to_string(),
    };
    if let Some(m) = &a.metric {
        s.push_str(&format!("\n值 value: {} {}", m.value, m.unit));
        if let Some(i) = &m.indicator {
            s.push_str(&format!("\n指标 indicator: {i}"));
        }
        s.push_str(&format!("\n类型 role: {}", m.role.as_str()));
        if let Some(x) = &m.approx {
            s.push_str(&format!("\n约数 approx: {x}"));
        }
        if let Some(p) = &m.period {
            s.push_str(&format!("\n时间 period: {p}"));
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
    view! {
        <article class="text" data-testid="text-view" lang="zh">
            {move || {
                state
                    .doc
                    .with(|d| {
                        d.as_ref()
                            .map(|d| {
                                pieces(d)
                                    .into_iter()
                                    .map(|p| match p.ann {
                                        None => view! { <span>{p.text}</span> }.into_any(),
                                        Some(a) => {
                                            let class = match a.etype {
                                                Some(t) => format!("ann ann--{} ann--{}", a.kind.as_str(), t.as_str()),
                                                None => format!("ann ann--{}", a.kind.as_str()),
                                            };
                                            view! {
                                                <mark
                                                    class=class
                                                    data-testid="ann"
                                                    data-kind=a.kind.as_str()
                                                    data-id=a.id.clone()
                                                    title=describe(&a)
                                                >
                                                    {p.text}
                                                </mark>
                                            }
                                                .into_any()
                                        }
                                    })
                                    .collect_view()
                            })
                    })
            }}
        </article>
    }
}
