//! A rehearsal of showing an answer, while the page waits for its first one.
//!
//! The first answer the page shows is slower to show than any later one, for two
//! reasons that have nothing to do with its size: the browser compiles wasm
//! functions lazily, at their first call, so reading the answer and building its
//! view first compiles that code; and the first layout of highlighted text sets
//! up the fonts' sizes and weights and their shaping. A cold trace of seed 001
//! showed both in the main thread's task that renders the answer.
//!
//! The page spends its first few hundred milliseconds waiting for the worker,
//! which is building its dictionary. In that time this module shows a short
//! annotated document ([`SAMPLE`], the engine's own answer for its text, checked
//! by `tests/cli.rs`) with the same components, lays it out off screen and
//! throws it away, one step per task so that none is long. The components live
//! in a closed shadow root: nothing outside sees them (not `querySelector`, not
//! assistive technology, not tests), and they have their own state, so the
//! user's documents, selection and saved work are untouched.
//!
//! Then, while the worker annotates the user's text, [`glyphs`] lays that text
//! out off screen (plain text, no highlights) in the sizes the answer will show
//! it in, so the glyphs of its characters are loaded before the answer comes.
//!
//! Both cost the worker some CPU on a machine with two cores: in A/B runs the
//! first highlight was painted ~25 ms later, and the longest main-thread task
//! fell from ~100-110 ms to ~60-75 ms (`BENCHMARKS.md`).
use super::state::{AppState, Entry};
use super::{legend, panels, summary, text_view};
use crate::engine::Document;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The engine's compact JSON for a short text with every kind of annotation, as
/// the worker answers it.
const SAMPLE: &str = include_str!("rehearsal.json");

/// Schedules the rehearsal after the tasks already queued (the shell's
/// take-over), unless a document is already shown by then.
pub fn soon(state: AppState) {
    set_timeout(move || step_show(state), Duration::ZERO);
}

fn step_show(state: AppState) {
    if !state.docs.with_untracked(Vec::is_empty) {
        return; // a real answer (or a restored document) has done it already
    }
    let Some((host, root)) = stage() else { return };
    // read as the worker's answer is read
    let Ok(doc) = serde_json::from_str::<Document>(SAMPLE) else {
        host.remove();
        return;
    };
    let mounted = leptos::mount::mount_to(root, move || {
        let own = AppState::new();
        // (not `open`, whose side panel waits a frame: all of it is shown at once)
        own.docs.set(vec![Entry::new(doc, 0.0)]);
        provide_context(own);
        view! {
            <div class="app">
                <main class="layout">
                    <section class="result">
                        <summary::Summary />
                        <legend::Legend />
                        <text_view::TextView />
                    </section>
                    <div class="side">
                        <panels::SidePanel />
                    </div>
                </main>
            </div>
        }
    });
    // next task: lay it out (the text view shows its first block at once)
    set_timeout(
        move || {
            let _ = host.unchecked_ref::<web_sys::HtmlElement>().offset_height();
            // and then take it away
            set_timeout(
                move || {
                    drop(mounted);
                    host.remove();
                },
                Duration::ZERO,
            );
        },
        Duration::ZERO,
    );
}

/// An off-screen element at the end of the body, with a closed shadow root that
/// has the page's stylesheets; returns the element and the root to mount in.
fn stage() -> Option<(web_sys::Element, web_sys::HtmlElement)> {
    let doc = document();
    let host = stage_host()?;
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(
            web_sys::ShadowRootMode::Closed,
        ))
        .ok()?;
    // the page's own styles, as a sheet built from its rules (a copy of its
    // `<link>` would fetch the stylesheet again from a server that does not
    // say it may be cached)
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&page_styles()?.into()));
    let root: web_sys::HtmlElement = doc.create_element("div").ok()?.unchecked_into();
    shadow.append_child(&root).ok()?;
    doc.body()?.append_child(&host).ok()?;
    Some((host, root))
}

/// An element for off-screen work, not yet in the page: hidden from assistive
/// technology and input, placed by the `.rehearsal` class (not a style
/// attribute: the page's CSP allows no inline style).
fn stage_host() -> Option<web_sys::Element> {
    let host = document().create_element("div").ok()?;
    host.set_class_name("rehearsal");
    let _ = host.set_attribute("aria-hidden", "true");
    let _ = host.set_attribute("inert", "");
    Some(host)
}

/// Characters laid out per task by [`glyphs`].
const GLYPH_STEP: usize = 1500;
/// At most this many characters of a text are laid out by [`glyphs`]: the first
/// blocks of the view and, in the side table, the indicators of its first pages.
const GLYPH_MAX: usize = 12 * GLYPH_STEP;

/// While the worker annotates `text`: lays its characters out off screen in the
/// two sizes the answer shows them in (the text view's, and the metrics table's,
/// which quotes indicators from it), [`GLYPH_STEP`] characters per task, until
/// the answer has come.
///
/// The first layout of a character in a size loads its glyph from the font,
/// and a Chinese article has a thousand or more different characters: in a
/// cold trace this was most of the answer's first layout. The input box lays
/// the text out too, but in a size of its own.
pub fn glyphs(state: AppState, text: &str) {
    let cut = text
        .char_indices()
        .nth(GLYPH_MAX)
        .map_or(text.len(), |(i, _)| i);
    let text = text[..cut].to_string();
    set_timeout(move || glyph_step(state, text, 0), Duration::ZERO);
}

fn glyph_step(state: AppState, text: String, from: usize) {
    if from >= text.len() || state.busy.with_untracked(Option::is_none) {
        return; // all laid out, or the answer is there
    }
    let to = text[from..]
        .char_indices()
        .nth(GLYPH_STEP)
        .map_or(text.len(), |(i, _)| from + i);
    let piece = &text[from..to];
    let doc = document();
    let make = |tag: &str, class: &str| {
        let el = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        Some(el)
    };
    let stage = (|| {
        let host = stage_host()?;
        // the text view's size
        let view = make("div", "text")?;
        view.set_text_content(Some(piece));
        host.append_child(&view).ok()?;
        // the metrics table's
        let metrics = make("div", "metrics")?;
        let table = make("table", "")?;
        let cell = make("td", "")?;
        cell.set_text_content(Some(piece));
        let row = make("tr", "")?;
        row.append_child(&cell).ok()?;
        table.append_child(&row).ok()?;
        metrics.append_child(&table).ok()?;
        host.append_child(&metrics).ok()?;
        doc.body()?.append_child(&host).ok()?;
        Some(host)
    })();
    if let Some(host) = stage {
        let _ = host.unchecked_ref::<web_sys::HtmlElement>().offset_height();
        host.remove();
    }
    set_timeout(move || glyph_step(state, text, to), Duration::ZERO);
}

/// A constructed stylesheet with the rules of the page's stylesheets.
fn page_styles() -> Option<web_sys::CssStyleSheet> {
    let sheets = document().style_sheets();
    let mut text = String::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .get(i)
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for j in 0..rules.length() {
            if let Some(rule) = rules.get(j) {
                text.push_str(&rule.css_text());
                text.push('\n');
            }
        }
    }
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(&text).ok()?;
    Some(sheet)
}
