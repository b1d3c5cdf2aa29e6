//! The archive reader: search, facets and reading in the browser.
//! See ARCHITECTURE.md for how it fits with the engine and build-index.

mod api;
mod app;
mod archive;
mod cite;
mod components;
mod dom;
mod embed;
mod export;
mod hooks;
mod offline;
mod pages;
mod state;

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;

/// Whether the visitor was typing in index.html's static search box when
/// the app took over: the app's box then takes the focus (even embedded,
/// where it otherwise never takes it).
static STATIC_BOX_FOCUSED: AtomicBool = AtomicBool::new(false);

pub fn static_box_was_focused() -> bool {
    STATIC_BOX_FOCUSED.load(Ordering::Relaxed)
}

thread_local! {
    /// What index.html says about the archive before the index is read
    /// (its title and first page), for the error view: it must name the
    /// archive and list its newest documents even when the index is broken.
    static STATIC_PAGE: std::cell::RefCell<StaticPage> = std::cell::RefCell::new(StaticPage::default());
}

#[derive(Default, Clone)]
struct StaticPage {
    title: String,
    first_page_json: Option<String>,
}

/// The archive's name as index.html's title gives it.
pub fn static_title() -> String {
    STATIC_PAGE.with(|p| p.borrow().title.clone())
}

/// The first page of index.html, whether or not it was shown.
pub fn static_first_page() -> Option<view::FirstPage> {
    let text = STATIC_PAGE.with(|p| p.borrow().first_page_json.clone())?;
    // from_slice, like every other parse here: one JSON reader in the wasm.
    serde_json::from_slice(text.as_bytes()).ok()
}

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    dom::restore_scroll_manually();
    STATIC_PAGE.with(|p| {
        *p.borrow_mut() = StaticPage {
            title: doc.title(),
            first_page_json: doc
                .get_element_by_id("first-page")
                .and_then(|e| e.text_content()),
        }
    });
    let Some(root) = doc.get_element_by_id("app") else {
        yew::Renderer::<app::App>::new().render();
        return;
    };
    if first_page_shown(&doc) {
        // index.html shows the collection's first page (build-index wrote
        // it). It stays until the app can show its own results: the app
        // renders off-page meanwhile, and `reveal` swaps the two in one
        // frame.
        if let Ok(live) = doc.create_element("div") {
            live.set_class_name("app-root");
            PENDING_REVEAL.with(|p| *p.borrow_mut() = Some((root, live.clone())));
            yew::Renderer::<app::App>::with_root(live).render();
            return;
        }
    }
    STATIC_BOX_FOCUSED.store(take_over_static_search_box(), Ordering::Relaxed);
    // The static shell from index.html goes; the app draws the same
    // shell before the next frame, so nothing flickers.
    root.set_text_content(None);
    yew::Renderer::<app::App>::with_root(root).render();
}

thread_local! {
    /// (index.html's `#app` with its first page, the app's own root not yet
    /// on the page), until `reveal`.
    static PENDING_REVEAL: std::cell::RefCell<Option<(web_sys::Element, web_sys::Element)>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether index.html shows its first page: it holds one, and its inline
/// script did not hide it (the address names a view or an embedding).
fn first_page_shown(doc: &web_sys::Document) -> bool {
    let linked = doc.document_element().is_some_and(|el| {
        el.class_name()
            .split_whitespace()
            .any(|c| c == "linked-view")
    });
    !linked && doc.get_element_by_id("first-page").is_some()
}

/// Whether index.html's first page is on screen and the app not yet.
pub fn first_page_pending() -> bool {
    PENDING_REVEAL.with(|p| p.borrow().is_some())
}

/// The first page index.html carries, if it was shown (read once, at start).
pub fn first_page() -> Option<view::FirstPage> {
    if !first_page_pending() {
        return None;
    }
    static_first_page()
}

/// Longest wait for index.html's first page to be on screen before the app
/// takes its place anyway (checked once per this many milliseconds).
const FIRST_PAINT_CHECKS: u32 = 30;
const FIRST_PAINT_CHECK_MS: u32 = 16;

/// Runs `then` once index.html's first page has been painted (its inline
/// script notes the first largest-contentful-paint entry), or at once when
/// there is no first page to wait for. Swapping the app in before that
/// paint would leave a visitor on a fast connection with nothing drawn
/// earlier than the app, and browsers drop a paint whose element is gone
/// before the frame is presented.
pub fn after_first_page_paint(then: impl FnOnce() + 'static) {
    /// index.html's `archiveFirstPaintSeen()`; without it there is no
    /// paint to wait for.
    fn painted() -> bool {
        let Some(w) = web_sys::window() else {
            return true;
        };
        match js_sys::Reflect::get(&w, &"archiveFirstPaintSeen".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            Some(seen) => seen.call0(&w).is_ok_and(|v| v.is_truthy()),
            None => true,
        }
    }
    fn check(left: u32, then: Box<dyn FnOnce()>) {
        if left == 0 || painted() {
            then();
        } else {
            gloo::timers::callback::Timeout::new(FIRST_PAINT_CHECK_MS, move || {
                check(left - 1, then)
            })
            .forget();
        }
    }
    if first_page_pending() {
        check(FIRST_PAINT_CHECKS, Box::new(then));
    } else {
        then();
    }
}

/// Puts the app on the page in place of index.html's first page, once the
/// app has something of its own to show. Returns what the visitor typed in
/// the static search box meanwhile, and whether it had the focus; `None`
/// when there was nothing to swap (already done, or no first page).
pub fn reveal() -> Option<(String, bool)> {
    let (root, live) = PENDING_REVEAL.with(|p| p.borrow_mut().take())?;
    let (typed, focused) = static_search_box().unwrap_or_default();
    root.set_text_content(None);
    let _ = root.append_child(&live);
    Some((typed, focused))
}

/// index.html draws a plain search box before the wasm arrives. What the
/// visitor typed there becomes the query the app starts with (written to
/// the hash, the single source of truth, without a history entry). Returns
/// whether the box had the focus, so the app's box can take it over.
fn take_over_static_search_box() -> bool {
    let Some((typed, focused)) = static_search_box() else {
        return false;
    };
    if !typed.trim().is_empty() {
        let mut view = state::ViewState::from_hash(&dom::location_hash());
        if view.doc.is_none() {
            view.q = typed;
            dom::write_hash(&view.to_hash(), false);
        }
    }
    focused
}

/// What is typed in index.html's static search box, and whether it has the
/// focus; `None` when the page has no such box.
fn static_search_box() -> Option<(String, bool)> {
    let input = dom::element("search")?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let focused = dom::document()
        .and_then(|d| d.active_element())
        .is_some_and(|el| el.id() == "search");
    Some((input.value(), focused))
}
