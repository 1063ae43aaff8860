//! Saving the open documents in the browser (localStorage) and restoring them.
//!
//! Documents are saved as they change, in the pizhu JSON model, so a reload or
//! a crash loses nothing. A browser that refuses (quota) leaves a visible note.
use super::browser;
use super::state::{AppState, Entry};
use crate::engine::Document;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const KEY: &str = "pizhu/v1/session";
/// Roughly what localStorage holds (UTF-16, about 5 MB).
const LIMIT: usize = 4_500_000;

#[derive(Serialize, Deserialize)]
struct Saved {
    current: usize,
    docs: Vec<Document>,
}

/// Restores the saved documents, if any.
pub fn restore(state: &AppState) {
    let Some(json) = browser::load(KEY) else {
        return;
    };
    match serde_json::from_str::<Saved>(&json) {
        Ok(s) => {
            let n = s.docs.len();
            state
                .docs
                .set(s.docs.into_iter().map(|d| Entry::new(d, 0.0)).collect());
            state.current.set(s.current.min(n.saturating_sub(1)));
        }
        Err(e) => {
            // keep the unreadable session aside rather than overwrite it
            browser::store(&format!("{KEY}/unreadable"), &json);
            state.error.set(Some(format!(
                "saved session could not be read ({e}); a copy was kept"
            )));
        }
    }
}

/// Saves the documents whenever they change.
pub fn autosave(state: AppState) {
    Effect::new(move |first: Option<()>| {
        // browsers keep about 5 MB per site: don't spend the time serialising a
        // session that cannot fit; say so instead (export keeps the work)
        let estimate: usize = state.docs.with(|d| {
            d.iter()
                .map(|e| e.doc.text.len() * 2 + e.doc.annotations.len() * 300)
                .sum()
        });
        let current = state.current.get();
        if first.is_none() {
            // the first run, at start-up: what is stored is what was just
            // restored (or nothing); writing it back would only delay the page
            return;
        }
        if estimate > LIMIT {
            state.saved.set(false);
            return;
        }
        let json = state.docs.with(|d| {
            let docs: Vec<&Document> = d.iter().map(|e| &e.doc).collect();
            serde_json::to_string(&serde_json::json!({ "current": current, "docs": docs }))
        });
        if let Ok(json) = json {
            state.saved.set(browser::store(KEY, &json));
        }
    });
}
