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
use std::rc::Rc;
use wasm_bindgen::JsCast;

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

/// Characters per block of the view, about: blocks end at a line break, so a
/// block is whole paragraphs. Each block is rendered in one step and laid out
/// only when it is near the screen (`content-visibility: auto`), so a long
/// document never blocks the page while it appears.
const BLOCK_CHARS: usize = 1500;
/// A block with no line break in it ends anyway after this many characters.
const BLOCK_MAX: usize = 4 * BLOCK_CHARS;

/// One block of the view: a range of the text in characters and in bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Block {
    chars: (usize, usize),
    bytes: (usize, usize),
}

/// Cuts `doc` into blocks: after a line break once a block has `BLOCK_CHARS`
/// characters (after `BLOCK_MAX` without one), never inside an annotation.
fn blocks(doc: &Document) -> Vec<Block> {
    let anns = &doc.annotations;
    let mut out = Vec::new();
    let (mut start, mut start_byte) = (0usize, 0usize);
    // annotations starting before the cut considered, and the furthest end among them
    let (mut next, mut covered_to) = (0usize, 0usize);
    for (ci, (bi, c)) in doc.text.char_indices().enumerate() {
        let (cut, cut_byte) = (ci + 1, bi + c.len_utf8());
        let len = cut - start;
        if !(c == '\n' && len >= BLOCK_CHARS || len >= BLOCK_MAX) {
            continue;
        }
        while next < anns.len() && anns[next].start < cut {
            covered_to = covered_to.max(anns[next].end);
            next += 1;
        }
        if covered_to <= cut {
            out.push(Block {
                chars: (start, cut),
                bytes: (start_byte, cut_byte),
            });
            (start, start_byte) = (cut, cut_byte);
        }
    }
    if start_byte < doc.text.len() {
        out.push(Block {
            chars: (start, doc.chars.max(start)),
            bytes: (start_byte, doc.text.len()),
        });
    }
    out
}

/// Cuts one block into plain runs and annotated runs (annotations are sorted by
/// start; one that overlaps the previous or leaves the block is not shown).
fn pieces(doc: &Document, block: Block, by_id: &HashMap<String, usize>) -> Vec<Piece> {
    let text = &doc.text[block.bytes.0..block.bytes.1];
    let (first, end) = block.chars;
    let mut byte_of = Vec::with_capacity(end - first + 1);
    byte_of.extend(text.char_indices().map(|(b, _)| b));
    byte_of.push(text.len());
    let slice = |s: usize, e: usize| text[byte_of[s - first]..byte_of[e - first]].to_string();
    let from = doc.annotations.partition_point(|a| a.start < first);
    let mut out = Vec::new();
    let mut pos = first;
    for a in &doc.annotations[from..] {
        if a.start >= end {
            break;
        }
        if a.start < pos || a.end > end || a.start >= a.end {
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
            title: describe(a, doc, by_id),
            manual: a.origin == crate::engine::model::Origin::Manual,
        };
        out.push(Piece {
            start: a.start,
            text: slice(a.start, a.end),
            ann: Some(marked),
        });
        pos = a.end;
    }
    if pos < end {
        out.push(Piece {
            start: pos,
            text: slice(pos, end),
            ann: None,
        });
    }
    out
}

/// The hover text of an annotation: its label, normalised value and attributes.
fn describe(a: &Annotation, doc: &Document, by_id: &HashMap<String, usize>) -> String {
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
        let period = m.period.as_deref().and_then(|p| by_id.get(p));
        if let Some(p) = period.and_then(|&i| doc.annotations.get(i)) {
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

/// One piece of a block. A highlight's element is static: whether its label is
/// hidden is a class of the whole view (see [`view_class`]), its selection is
/// set by one effect (see [`TextView`]) and a click on it is handled by the
/// view, so a long document's tens of thousands of highlights carry no
/// reactive state of their own, and a click or a toggle costs the same
/// whatever their number.
fn render_piece(p: Piece, selected: Option<&str>) -> AnyView {
    match p.ann {
        None => view! { <span data-start=p.start>{p.text}</span> }.into_any(),
        Some(m) => {
            let mut class = format!("ann ann--{} ann--{}", m.kind, m.label);
            if m.manual {
                class.push_str(" ann--manual");
            }
            if selected == Some(m.id.as_str()) {
                class.push(' ');
                class.push_str(SELECTED);
            }
            view! {
                <mark
                    class=class
                    data-testid="ann"
                    data-kind=m.kind
                    data-label=m.label
                    data-id=m.id
                    data-start=p.start
                    title=m.title
                    tabindex="0"
                >
                    {p.text}
                </mark>
            }
            .into_any()
        }
    }
}

/// The class of the selected annotation's highlight.
const SELECTED: &str = "ann--sel";

/// The view's classes: `text`, and `hide--LABEL` for each label the legend hides
/// (`style/main.css` shows those labels' highlights as plain text).
fn view_class(state: AppState) -> String {
    state.hidden.with(|h| {
        let mut labels: Vec<&str> = h.iter().copied().collect();
        labels.sort_unstable();
        labels.iter().fold("text".to_string(), |mut c, l| {
            c.push_str(" hide--");
            c.push_str(l);
            c
        })
    })
}

/// Moves the selection's class from the highlights of `old` to those of `new`
/// (an annotation has one highlight; one in a block not yet shown gets the
/// class when it is rendered, see [`render_piece`]).
fn mark_selected(view: &web_sys::Element, old: Option<&str>, new: Option<&str>) {
    let each = |id: &str, add: bool| {
        let selector = format!("mark[data-id={}]", super::browser::css_string(id));
        if let Ok(Some(el)) = view.query_selector(&selector) {
            let list = el.class_list();
            let _ = if add {
                list.add_1(SELECTED)
            } else {
                list.remove_1(SELECTED)
            };
        }
    };
    if let Some(id) = old {
        each(id, false);
    }
    if let Some(id) = new {
        each(id, true);
    }
}

/// The annotation id of the highlight a click landed in, if any.
fn clicked_id(ev: &web_sys::MouseEvent) -> Option<String> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("mark[data-id]")
        .ok()??
        .get_attribute("data-id")
}

/// Renders block `i` of the current document (nothing if it has gone).
fn render_block(state: AppState, layout: &Layout, i: usize) -> AnyView {
    let Some(&block) = layout.blocks.get(i) else {
        return ().into_any();
    };
    let pieces = state.docs.with_untracked(|d| {
        d.get(state.current.get_untracked())
            .map(|e| pieces(&e.doc, block, &layout.by_id))
            .unwrap_or_default()
    });
    view! {
        <div class="block" data-block-start=block.chars.0>
            {state.selected.with_untracked(|sel| {
                pieces
                    .into_iter()
                    .map(|p| render_piece(p, sel.as_deref()))
                    .collect_view()
            })}
        </div>
    }
    .into_any()
}

/// The current document's blocks, and its annotations' index by id (a metric's
/// hover text names its period: a long text has tens of thousands of
/// annotations, and a search per metric would take seconds).
#[derive(Default)]
struct Layout {
    /// Which document: its tab and its text's hash.
    doc: (usize, String),
    blocks: Vec<Block>,
    /// Per block, a hash of everything it shows: a block whose key is unchanged
    /// after an edit keeps its elements (and the page its scroll position).
    keys: Vec<u64>,
    by_id: HashMap<String, usize>,
}

/// A hash of what block `block` of `doc` shows: its range and, for each of its
/// annotations, everything its highlight and hover text are made of.
fn block_key(doc: &Document, block: Block, by_id: &HashMap<String, usize>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    block.chars.hash(&mut h);
    let from = doc.annotations.partition_point(|a| a.start < block.chars.0);
    for a in doc.annotations[from..]
        .iter()
        .take_while(|a| a.start < block.chars.1)
    {
        (&a.id, a.start, a.end, Label::of(a).as_str()).hash(&mut h);
        (a.origin == crate::engine::model::Origin::Manual).hash(&mut h);
        a.time.as_ref().map(|t| &t.value).hash(&mut h);
        if let Some(m) = &a.metric {
            (m.value.to_bits(), m.value_max.map(f64::to_bits), &m.unit).hash(&mut h);
            (&m.indicator, m.role.as_str(), &m.approx).hash(&mut h);
            let period = m.period.as_deref().and_then(|p| by_id.get(p));
            let period = period.and_then(|&i| doc.annotations.get(i));
            period
                .map(|p| (&p.text, p.time.as_ref().map(|t| &t.value)))
                .hash(&mut h);
        }
    }
    h.finish()
}

#[component]
pub fn TextView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let layout: RwSignal<Rc<Layout>, LocalStorage> = RwSignal::new_local(Rc::default());
    // blocks shown so far: the first at once, then more per task (see `grow`)
    let shown = RwSignal::new(0usize);
    // the growth under way (a new one stops the old)
    let growth = RwSignal::new(0u64);
    Effect::new(move |_| {
        let i = state.current.get();
        let next = state.docs.with(|d| {
            d.get(i).map(|e| {
                let d = &e.doc;
                let by_id: HashMap<String, usize> = d
                    .annotations
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id.clone(), i))
                    .collect();
                let blocks = blocks(d);
                let keys = blocks.iter().map(|&b| block_key(d, b, &by_id)).collect();
                Layout {
                    doc: (i, d.text_sha256.clone()),
                    blocks,
                    keys,
                    by_id,
                }
            })
        });
        let next = next.unwrap_or_default();
        // the same document after an edit: as many blocks as before, unchanged
        // ones kept; another document: the first block, then the rest
        let same = layout.with_untracked(|l| l.doc == next.doc);
        let total = next.blocks.len();
        let from = if same {
            shown.get_untracked().max(1)
        } else {
            1
        };
        layout.set(Rc::new(next));
        shown.set(total.min(from));
        let g = growth.get_untracked() + 1;
        growth.set(g);
        grow(layout, shown, growth, g, 1);
    });
    // the selection's highlight: one effect for the view, not one per highlight
    let view_ref = NodeRef::<leptos::html::Article>::new();
    Effect::new(move |old: Option<Option<String>>| {
        let new = state.selected.get();
        if let Some(view) = view_ref.get_untracked() {
            mark_selected(&view, old.flatten().as_deref(), new.as_deref());
        }
        new
    });
    view! {
        <article
            class=move || view_class(state)
            node_ref=view_ref
            data-testid="text-view"
            data-complete=move || (shown.get() >= layout.with(|l| l.blocks.len())).to_string()
            lang="zh"
            on:click=move |ev| {
                if let Some(id) = clicked_id(&ev) {
                    state.selected.set(Some(id));
                }
            }
        >
            <For
                each=move || {
                    let n = shown.get();
                    layout.with(|l| l.keys.iter().take(n).copied().enumerate().collect::<Vec<_>>())
                }
                key=|k| *k
                children=move |(i, _)| layout.with_untracked(|l| render_block(state, l, i))
            />
        </article>
    }
}

/// Shows `step` more blocks per task until all are shown, stopping when a
/// newer growth has started. The step doubles while a task (with its
/// rendering) stays short and halves when it gets long, so a long document
/// appears quickly and the page keeps responding.
fn grow(
    layout: RwSignal<Rc<Layout>, LocalStorage>,
    shown: RwSignal<usize>,
    growth: RwSignal<u64>,
    g: u64,
    step: usize,
) {
    let t0 = super::browser::now_ms();
    set_timeout(
        move || {
            let total = layout.with_untracked(|l| l.blocks.len());
            if growth.get_untracked() != g || shown.get_untracked() >= total {
                return;
            }
            // time since the last step was scheduled: that step's rendering and layout
            let took = super::browser::now_ms() - t0;
            let step = if took < 16.0 {
                step * 2
            } else if took > 40.0 {
                (step / 2).max(1)
            } else {
                step
            };
            shown.update(|s| *s = (*s + step).min(total));
            grow(layout, shown, growth, g, step);
        },
        std::time::Duration::from_millis(0),
    );
}
