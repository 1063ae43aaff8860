//! The page's state: the open documents, their edit history, and view settings.
//!
//! Every change to the documents goes through [`AppState::edit`], which keeps
//! an undo history and saves the documents in the browser (see `storage`).
use super::browser;
use super::i18n::{t, Lang};
use crate::engine::edit::{self, EditError, Label};
use crate::engine::model::{Metric, Source};
use crate::engine::{self, Annotation, Document};
use leptos::prelude::*;
use std::collections::HashSet;

/// Longest text the page annotates (characters); longer ones get a message.
pub const MAX_CHARS: usize = 3_000_000;

thread_local! {
    /// Texts of new manual metrics whose attributes the worker is to read.
    static GUESSES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The attributes a span a person marks as a metric starts with. Reading them
/// takes the engine, whose tables live in the worker (building them on the page
/// as well would freeze it for a moment at the first metric marked), so with a
/// worker the metric starts empty and the worker's reading fills it in a moment
/// later ([`AppState::apply_guess`]); without one, the page reads it itself.
fn guess_metric(text: &str) -> Metric {
    if super::worker::available() {
        GUESSES.with(|g| g.borrow_mut().push(text.to_string()));
        Metric::default()
    } else {
        edit::guess_metric(text)
    }
}

/// Sends the worker the texts [`guess_metric`] has set aside.
fn ask_guesses() {
    for text in GUESSES.with(|g| std::mem::take(&mut *g.borrow_mut())) {
        super::worker::guess(&text);
    }
}

/// One open document and its edit history.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub doc: Document,
    /// How long the engine took for it, in milliseconds (0 for imports and restores).
    pub elapsed_ms: f64,
    undo: Vec<Vec<Annotation>>,
    redo: Vec<Vec<Annotation>>,
}

impl Entry {
    pub fn new(doc: Document, elapsed_ms: f64) -> Self {
        Entry {
            doc,
            elapsed_ms,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
    /// How many edits can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
    /// Whether a person changed any annotation (closing it would lose work).
    pub fn has_manual_edits(&self) -> bool {
        !self.undo.is_empty()
            || self
                .doc
                .annotations
                .iter()
                .any(|a| a.origin == engine::model::Origin::Manual)
    }
}

/// Shared with every component through context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub docs: RwSignal<Vec<Entry>>,
    /// Index of the document shown.
    pub current: RwSignal<usize>,
    /// The input area's text, name and source (not yet annotated).
    pub draft: RwSignal<String>,
    pub draft_name: RwSignal<String>,
    pub draft_source: RwSignal<Source>,
    pub error: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<String>>,
    pub lang: RwSignal<Lang>,
    /// Labels (`metric`, `place`, …) hidden by the legend's toggles.
    pub hidden: RwSignal<HashSet<&'static str>>,
    /// Id of the selected annotation in the current document.
    pub selected: RwSignal<Option<String>>,
    /// Whether the last save to the browser worked.
    pub saved: RwSignal<bool>,
    /// The document being annotated in the worker: (name, characters, start time).
    pub busy: RwSignal<Option<(String, usize, f64)>>,
    /// Whether the engine is ready (the worker has built jieba's dictionary).
    pub engine_ready: RwSignal<bool>,
    /// How long the engine took to get ready (jieba's dictionary), in milliseconds.
    pub engine_ms: RwSignal<Option<f64>>,
    /// How long its other tables and first run took after that, in milliseconds.
    pub engine_tables_ms: RwSignal<Option<f64>>,
    /// Whether the side panel waits for the frame that shows a new document's
    /// text (see [`AppState::open`]).
    pub panel_waits: RwSignal<bool>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            docs: RwSignal::new(Vec::new()),
            current: RwSignal::new(0),
            draft: RwSignal::new(String::new()),
            draft_name: RwSignal::new("pasted".into()),
            draft_source: RwSignal::new(Source::default()),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
            lang: RwSignal::new(Lang::Zh),
            hidden: RwSignal::new(HashSet::new()),
            selected: RwSignal::new(None),
            saved: RwSignal::new(true),
            busy: RwSignal::new(None),
            engine_ready: RwSignal::new(false),
            engine_ms: RwSignal::new(None),
            engine_tables_ms: RwSignal::new(None),
            panel_waits: RwSignal::new(false),
        }
    }

    pub fn tr(&self, key: &'static str) -> &'static str {
        t(self.lang.get(), key)
    }

    /// Reads a field of the current document, tracked.
    pub fn with_doc<R>(&self, f: impl FnOnce(Option<&Document>) -> R) -> R {
        let i = self.current.get();
        self.docs.with(|d| f(d.get(i).map(|e| &e.doc)))
    }

    pub fn with_entry<R>(&self, f: impl FnOnce(Option<&Entry>) -> R) -> R {
        let i = self.current.get();
        self.docs.with(|d| f(d.get(i)))
    }

    /// Opens a document in a new tab and shows it: its text first, the side
    /// panel's tables in the next frame (a table of a hundred metrics is laid
    /// out in one go, and that first layout of a new document loads the fonts'
    /// glyphs for all it shows: in a cold trace, the text and the table
    /// together made the page's longest task).
    pub fn open(&self, entry: Entry) {
        // (before the document, so that the panel steps aside before it reads it)
        self.panel_waits.set(true);
        let waits = self.panel_waits;
        leptos::task::spawn_local(async move {
            browser::after_paint().await;
            waits.set(false);
        });
        self.docs.update(|d| d.push(entry));
        self.current.set(self.docs.with_untracked(Vec::len) - 1);
        self.selected.set(None);
        self.error.set(None);
    }

    /// Annotates the input area's text as a new document.
    pub fn annotate_draft(&self) {
        let text = self.draft.get_untracked();
        if text.trim().is_empty() {
            self.error
                .set(Some(t(self.lang.get_untracked(), "nothing").into()));
            return;
        }
        self.annotate_text(
            &self.draft_name.get_untracked(),
            text,
            self.draft_source.get_untracked(),
        );
    }

    /// Annotates `text` and opens it as a new document.
    pub fn annotate_text(&self, name: &str, text: String, source: Source) {
        let chars = text.chars().count();
        if chars > MAX_CHARS {
            self.error.set(Some(format!(
                "文本太长：{chars} 字，上限 {MAX_CHARS} 字。请分段标注，或用命令行 pizhu annotate。\
                 (Text too long: {chars} characters, limit {MAX_CHARS}. Split it, or use the pizhu CLI.) \
                 The text is kept in the input box."
            )));
            self.draft_name.set(name.into());
            self.draft_source.set(source);
            self.draft.set(text);
            return;
        }
        if browser::crash_test_requested() {
            panic!("crash test requested by the page address (#crash-test)");
        }
        self.error.set(None);
        self.busy
            .set(Some((name.to_string(), chars, browser::now_ms())));
        if super::worker::request(name, &text, &source) {
            super::rehearsal::glyphs(*self, &text);
            return;
        }
        // No worker (a browser without module workers): the engine runs on this
        // thread and the page waits for it, so the progress line is painted
        // first, and the page does not look dead while it waits.
        let (state, name) = (*self, name.to_string());
        leptos::task::spawn_local(async move {
            browser::after_paint().await;
            let t0 = browser::now_ms();
            let mut doc = engine::annotate(&name, &text);
            doc.source = source;
            let elapsed = browser::now_ms() - t0;
            state.open(Entry::new(doc, elapsed));
            state.busy.set(None);
        });
    }

    /// Closes document `i`, asking first when it has manual edits.
    pub fn close(&self, i: usize) {
        let manual = self
            .docs
            .with_untracked(|d| d.get(i).is_some_and(Entry::has_manual_edits));
        if manual && !browser::confirm(t(self.lang.get_untracked(), "confirm_close")) {
            return;
        }
        self.docs.update(|d| {
            if i < d.len() {
                d.remove(i);
            }
        });
        let n = self.docs.with_untracked(Vec::len);
        self.current.update(|c| *c = (*c).min(n.saturating_sub(1)));
        self.selected.set(None);
    }

    /// Applies an edit to the current document, with undo history.
    pub fn edit(&self, f: impl FnOnce(&mut Document) -> Result<Option<String>, EditError>) {
        let i = self.current.get_untracked();
        let mut result = Ok(None);
        self.docs.update(|d| {
            let Some(e) = d.get_mut(i) else { return };
            let before = e.doc.annotations.clone();
            let mut doc = e.doc.clone();
            result = f(&mut doc);
            if result.is_ok() && doc.annotations != before {
                e.undo.push(before);
                e.redo.clear();
                e.doc = doc;
            }
        });
        match result {
            Ok(sel) => {
                self.selected.set(sel);
                self.error.set(None);
            }
            Err(err) => self.error.set(Some(err.to_string())),
        }
    }

    /// Adds an annotation with `label` over `start..end` of the current document.
    pub fn add(&self, start: usize, end: usize, label: Label) {
        self.edit(|d| edit::add_with(d, start, end, label, &guess_metric).map(Some));
        ask_guesses();
    }

    /// Gives annotation `id` a new label.
    pub fn relabel(&self, id: String, label: Label) {
        self.edit(move |d| edit::relabel_with(d, &id, label, &guess_metric).map(|_| Some(id)));
        ask_guesses();
    }

    /// Fills in the metric the worker read from `text` (see [`guess_metric`]) in
    /// every manual metric over that text still waiting for it; not an edit of
    /// its own (undo removes the metric with its span).
    pub fn apply_guess(&self, text: &str, metric: Metric) {
        self.docs.update(|d| {
            for e in d.iter_mut() {
                for a in &mut e.doc.annotations {
                    if a.origin == engine::model::Origin::Manual
                        && a.text == text
                        && a.metric.as_ref().is_some_and(|m| *m == Metric::default())
                    {
                        a.metric = Some(metric.clone());
                    }
                }
            }
        });
    }

    pub fn undo(&self) {
        self.step(true);
    }

    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        let i = self.current.get_untracked();
        self.docs.update(|d| {
            let Some(e) = d.get_mut(i) else { return };
            let (from, to) = if back {
                (&mut e.undo, &mut e.redo)
            } else {
                (&mut e.redo, &mut e.undo)
            };
            if let Some(prev) = from.pop() {
                to.push(std::mem::replace(&mut e.doc.annotations, prev));
                edit::normalise(&mut e.doc);
            }
        });
        self.selected.set(None);
    }
}
