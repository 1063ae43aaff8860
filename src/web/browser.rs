//! Small wrappers over browser APIs the page needs (downloads, clock).
use wasm_bindgen::JsCast;

/// Milliseconds since the page (or worker) started: `performance.now()`, which
/// exists in windows and workers alike.
pub fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &wasm_bindgen::JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Resolves in a later task (a `setTimeout` of 0), letting the browser render
/// and handle input in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout = js_sys::Reflect::get(&global, &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match set_timeout {
            Some(f) => {
                let _ = f.call1(&global, &resolve);
            }
            None => {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the browser has rendered a frame (a task queued from an
/// animation frame callback runs after that frame's paint): what the page
/// shows now is on the screen before a long computation on this thread.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            return;
        };
        let then = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(&resolve);
            }
        });
        if window
            .request_animation_frame(then.unchecked_ref())
            .is_err()
        {
            // (no frames, as in a hidden page: go on)
            let _ = window.set_timeout_with_callback(then.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Offers `content` to the user as a file download named `filename`.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "cannot create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "cannot create a download link")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot create a link")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoke later: revoking right after click() can cancel the download.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// Asks the user a yes/no question (`window.confirm`).
pub fn confirm(msg: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(msg).ok())
        .unwrap_or(true)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a value saved in the browser.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves a value in the browser; false when the browser refused (e.g. quota).
pub fn store(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Copies text to the clipboard (asynchronously; errors are ignored by the browser's promise).
pub fn copy_text(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let _ = w.navigator().clipboard().write_text(text);
    true
}

/// `id` quoted for a CSS attribute selector: every character but ASCII letters,
/// digits, `-` and `_` escaped (ids come from the engine, `a12`, but an
/// imported document may bring its own).
pub fn css_string(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    out.push('"');
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

/// Scrolls the highlight of annotation `id` into view.
pub fn scroll_to(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(el)) = doc.query_selector(&format!(
        "[data-testid=text-view] [data-id={}]",
        css_string(id)
    )) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_behavior(web_sys::ScrollBehavior::Smooth);
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Scalar offset of a DOM point inside the text view: pieces carry `data-start`
/// (their scalar offset); DOM offsets inside text nodes count UTF-16 units.
fn point_offset(node: &web_sys::Node, offset: u32) -> Option<usize> {
    let piece_start = |el: &web_sys::Element| {
        el.get_attribute("data-start")
            .and_then(|s| s.parse::<usize>().ok())
    };
    if node.node_type() == web_sys::Node::TEXT_NODE {
        let parent = node.parent_element()?;
        let base = piece_start(&parent)?;
        let text = node.text_content().unwrap_or_default();
        let mut units = 0u32;
        let mut chars = 0usize;
        for c in text.chars() {
            if units >= offset {
                break;
            }
            units += c.len_utf16() as u32;
            chars += 1;
        }
        return Some(base + chars);
    }
    let el: &web_sys::Element = node.dyn_ref()?;
    if let Some(base) = piece_start(el) {
        let len = el.text_content().unwrap_or_default().chars().count();
        return Some(if offset == 0 { base } else { base + len });
    }
    // a container (a block of the view, or the view itself): offset counts its
    // children, pieces or blocks
    let child_start = |el: &web_sys::Element| {
        piece_start(el).or_else(|| {
            el.get_attribute("data-block-start")
                .and_then(|s| s.parse::<usize>().ok())
        })
    };
    let children = el.children();
    if let Some(child) = children.item(offset) {
        return child_start(&child);
    }
    let last = children.item(children.length().checked_sub(1)?)?;
    Some(child_start(&last)? + last.text_content().unwrap_or_default().chars().count())
}

/// The user's text selection inside the text view, as scalar offsets.
pub fn selection_offsets() -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let r = sel.get_range_at(0).ok()?;
    let view = web_sys::window()?
        .document()?
        .query_selector("[data-testid=text-view]")
        .ok()??;
    if !view.contains(Some(&r.common_ancestor_container().ok()?)) {
        return None;
    }
    let s = point_offset(&r.start_container().ok()?, r.start_offset().ok()?)?;
    let e = point_offset(&r.end_container().ok()?, r.end_offset().ok()?)?;
    (s < e).then_some((s, e))
}

/// Clears the user's text selection.
pub fn clear_selection() {
    if let Some(Ok(Some(sel))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = sel.remove_all_ranges();
    }
}

/// Whether the page was opened with `#crash-test`: the end-to-end tests use it
/// to check that a panic is shown with a way to recover and loses nothing.
pub fn crash_test_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| h == "#crash-test")
}

/// The page's [`Codec`](crate::engine::decode::Codec): the browser's own
/// `TextDecoder` (WHATWG Encoding Standard, like `encoding_rs` natively), so the
/// download carries no GB18030/Big5 tables.
pub struct BrowserCodec;

impl BrowserCodec {
    fn decoder(label: &str, fatal: bool) -> Option<web_sys::TextDecoder> {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(fatal);
        let _ = js_sys::Reflect::set(
            &opts,
            &wasm_bindgen::JsValue::from_str("ignoreBOM"),
            &wasm_bindgen::JsValue::TRUE,
        );
        web_sys::TextDecoder::new_with_label_and_options(label, &opts).ok()
    }
}

impl crate::engine::decode::Codec for BrowserCodec {
    fn canonical(&self, label: &str) -> Option<String> {
        // (the replacement encoding's labels make the constructor throw)
        let d = web_sys::TextDecoder::new_with_label(label.trim()).ok()?;
        Some(crate::engine::decode::encoding::canonical_name(
            &d.encoding(),
        ))
    }
    fn decode_strict(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        Self::decoder(encoding, true)?
            .decode_with_u8_array(bytes)
            .ok()
    }
    fn decode_lossy(&self, encoding: &str, bytes: &[u8]) -> String {
        Self::decoder(encoding, false)
            .and_then(|d| d.decode_with_u8_array(bytes).ok())
            .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
    }
}
