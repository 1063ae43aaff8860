//! The page's shell: the input box and Annotate button that `index.html` shows
//! before the wasm has arrived, so a user can paste at once.
//!
//! The app is built outside the page, in one task, while the shell stays
//! usable; in the next task it takes over what the user did in the shell (the
//! text, the focus and caret, a click on Annotate) and replaces it, all at once:
//! a paste or keystroke can never land between the two boxes, the page never
//! holds both, and building the app and laying it out are two tasks rather than
//! one long one.
use super::state::AppState;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The element the app is built in, outside the page, until it takes over.
    static HELD: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

/// What the user did in the shell.
struct Shell {
    text: String,
    /// Annotate was clicked.
    pending: bool,
    focus: Focus,
}

/// Where the shell's box had the focus: its selection (UTF-16 offsets), if it
/// had the focus, and how far it was scrolled.
#[derive(Clone, Copy)]
struct Focus {
    selection: Option<(u32, u32)>,
    scroll_top: i32,
}

/// Where to build the app while the page still shows the shell: an element
/// outside the page (the app moves into the page when it takes over, see
/// [`take_over_soon`]); `None` when the page has no shell.
pub fn hold() -> Option<web_sys::HtmlElement> {
    document().get_element_by_id("shell")?;
    let root: web_sys::HtmlElement = document().create_element("div").ok()?.unchecked_into();
    HELD.with(|h| *h.borrow_mut() = Some(root.clone()));
    Some(root)
}

/// If the app was built outside the page ([`hold`]), takes over from the shell
/// in the next task: the shell's text, caret and pending click, then the app in
/// its place.
pub fn take_over_soon(state: AppState) {
    if HELD.with(|h| h.borrow().is_none()) {
        return;
    }
    set_timeout(
        move || {
            let taken = take();
            if let Some(s) = &taken {
                hand_over(state, s);
            }
            if let (Some(root), Some(body)) =
                (HELD.with(|h| h.borrow_mut().take()), document().body())
            {
                while let Some(node) = root.first_child() {
                    let _ = body.append_child(&node);
                }
            }
            if let Some(s) = taken {
                restore_focus(&s);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Takes the shell out of the page, with what the user did in it.
fn take() -> Option<Shell> {
    let doc = web_sys::window()?.document()?;
    let shell = doc.get_element_by_id("shell")?;
    let area = shell
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    let text = area.as_ref().map(|a| a.value()).unwrap_or_default();
    let focus = area.as_ref().and_then(|a| {
        let active = doc.active_element()?;
        let area: &web_sys::Element = a.as_ref();
        (&active == area).then(|| {
            (
                a.selection_start().ok().flatten().unwrap_or(0),
                a.selection_end().ok().flatten().unwrap_or(0),
            )
        })
    });
    let scroll_top = area.as_ref().map_or(0, |a| a.scroll_top());
    let global = web_sys::window()?;
    let pending = js_sys::Reflect::get(&global, &"pizhuShell".into())
        .ok()
        .and_then(|s| js_sys::Reflect::get(&s, &"pending".into()).ok())
        .and_then(|p| p.as_bool())
        .unwrap_or(false);
    shell.remove();
    Some(Shell {
        text,
        pending,
        focus: Focus {
            selection: focus,
            scroll_top,
        },
    })
}

/// Carries the shell's text and pending click over to the app.
fn hand_over(state: AppState, shell: &Shell) {
    if !shell.text.is_empty() {
        state.draft.set(shell.text.clone());
    }
    if shell.pending {
        state.annotate_draft();
    }
}

/// Gives the app's box the shell's text, focus and caret (right after the app
/// is shown, in the same task). The text is put in the box here rather than
/// left to the app's effect, which runs later: a caret set before would move to
/// the end, and a key typed before it was set again would land there.
fn restore_focus(shell: &Shell) {
    let Some((start, end)) = shell.focus.selection else {
        return;
    };
    let area = document()
        .query_selector("textarea[data-testid=input]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(a) = area {
        if a.value() != shell.text {
            a.set_value(&shell.text);
        }
        let _ = a.focus();
        let _ = a.set_selection_range(start, end);
        // the scroll position once the page has been laid out
        let top = shell.focus.scroll_top;
        request_animation_frame(move || a.set_scroll_top(top));
    }
}
