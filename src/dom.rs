//! Small browser helpers. Every call tolerates a missing API (old browsers,
//! `file://`, storage disabled) by doing nothing rather than panicking.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The page's window; none when the app is rendered on the build machine
/// (build-index's server rendering), where every helper here then does
/// nothing, as it would in a browser without that API.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// This page's address, e.g. for permalinks when no public URL is set.
pub fn page_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Writes `hash` ("#..." or "#") to the address bar, adding a history entry
/// when `push`. pushState can be refused (some `file://` setups); the
/// location API is the fallback, which fires `hashchange`, which the app
/// reads back as a no-op because the state already matches.
pub fn write_hash(hash: &str, push: bool) {
    let Some(w) = window() else { return };
    let loc = w.location();
    if loc.hash().unwrap_or_default() == hash
        || (hash == "#" && loc.hash().unwrap_or_default().is_empty())
    {
        return;
    }
    let url = if hash == "#" {
        // A bare "#" would stay in the address bar; drop it.
        format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        )
    } else {
        hash.to_string()
    };
    let done = w.history().ok().is_some_and(|h| {
        if push {
            h.push_state_with_url(&JsValue::NULL, "", Some(&url))
                .is_ok()
        } else {
            h.replace_state_with_url(&JsValue::NULL, "", Some(&url))
                .is_ok()
        }
    });
    if !done {
        if push {
            let _ = loc.set_hash(hash);
        } else {
            let base = loc.href().unwrap_or_default();
            let base = base.split('#').next().unwrap_or_default();
            let _ = loc.replace(&format!("{base}{hash}"));
        }
    }
}

pub fn element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// True when the element with this id has the keyboard focus.
pub fn has_focus(id: &str) -> bool {
    document()
        .and_then(|d| d.active_element())
        .is_some_and(|el| el.id() == id)
}

pub fn focus(id: &str) {
    if let Some(el) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Focuses `id` without scrolling to it (the view keeps the scroll
/// position it chose, e.g. a permalinked paragraph).
pub fn focus_without_scroll(id: &str) {
    let Some(el) = element(id) else { return };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"preventScroll".into(), &JsValue::TRUE);
    if let Ok(f) = js_sys::Reflect::get(&el, &"focus".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&el, &opts);
        }
    }
}

/// True when the focus is in the search box or nowhere in particular
/// (the page body), as opposed to a control the visitor chose.
pub fn focus_is_idle_or_in_search() -> bool {
    let Some(active) = document().and_then(|d| d.active_element()) else {
        return true;
    };
    active.id() == "search" || active.tag_name().eq_ignore_ascii_case("body")
}

/// Focuses `id` after the current render (the element may be about to
/// become visible).
pub fn focus_later(id: &str) {
    let id = id.to_string();
    gloo::timers::callback::Timeout::new(0, move || focus(&id)).forget();
}

/// Scrolls `id` into view; `center` for a highlight, else to the top.
pub fn scroll_to(id: &str, center: bool) {
    if let Some(el) = element(id) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(if center {
            web_sys::ScrollLogicalPosition::Center
        } else {
            web_sys::ScrollLogicalPosition::Start
        });
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

pub fn scroll_y() -> f64 {
    window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

/// The app puts the scroll back itself: the list's position on Back, the
/// paragraph or first match in a document. The browser's own restore would
/// land after it, with the position saved when the entry was left, which
/// is the opened document's, not the list's.
pub fn restore_scroll_manually() {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
}

pub fn scroll_to_y(y: f64) {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

pub fn prefers_dark() -> bool {
    media_matches("(prefers-color-scheme: dark)")
}

pub fn media_matches(query: &str) -> bool {
    window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

pub fn root_attr(name: &str) -> Option<String> {
    document()?.document_element()?.get_attribute(name)
}

pub fn set_root_attr(name: &str, value: &str) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute(name, value);
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// True when typing targets a form field, where single-key shortcuts must
/// not fire.
pub fn is_typing_target(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// Today as `YYYY-MM-DD` (for "accessed" in citations).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Offers `text` as a file download through a Blob URL.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = document().ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_class_name("visually-hidden");
    if let Some(body) = doc.body() {
        body.append_child(&a)?;
        a.click();
        body.remove_child(&a)?;
    }
    // Revoking at once can cancel the download in some browsers; a later
    // task is safe.
    let revoke = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    })
    .forget();
    Ok(())
}

/// Copies `text` to the clipboard; false when the browser refuses (no
/// permission, insecure context, iframe without `clipboard-write`).
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    // `clipboard` is undefined on insecure origins.
    if JsValue::from(clipboard.clone()).is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Runs `then` in a task after the next frame has been rendered, so work
/// split across calls is drawn a piece per frame instead of all in one.
pub fn after_next_frame(then: impl FnOnce() + 'static) {
    let Some(w) = window() else { return };
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, then).forget();
    });
    if w.request_animation_frame(frame.unchecked_ref()).is_err() {
        // No frames (a hidden page, say): at once is the best there is.
        let _ = frame
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::NULL);
    }
}

/// Resolves in a later task (a zero-delay timer): lets input events and
/// rendering run between steps of background work.
pub async fn next_task() {
    let later = js_sys::Promise::new(&mut |resolve, _| {
        let queued = window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(later).await;
}

/// A plain left click: no modifier key (new tab or window, download) and
/// the main button. Links handle such clicks in place and leave the rest to
/// the browser.
pub fn is_plain_click(e: &web_sys::MouseEvent) -> bool {
    !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0)
}
