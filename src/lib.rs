//! The archive reader: search, facets and reading in the browser.
//! See ARCHITECTURE.md for how it fits with the engine and build-index.

mod api;
pub mod app;
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

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;

pub use app::{App, Start};

/// Whether the visitor was typing in index.html's static search box when
/// the app took over: the app's box then takes the focus (even embedded,
/// where it otherwise never takes it).
static STATIC_BOX_FOCUSED: AtomicBool = AtomicBool::new(false);

pub fn static_box_was_focused() -> bool {
    STATIC_BOX_FOCUSED.load(Ordering::Relaxed)
}

thread_local! {
    /// The first page index.html carries, read once at start: the app
    /// starts with it, the archive takes its cards, and the error view
    /// lists its newest documents even when the index is broken.
    static STATIC_FIRST_PAGE: std::cell::RefCell<Option<Rc<view::FirstPage>>> =
        const { std::cell::RefCell::new(None) };
}

/// The first page of index.html, whether or not it was shown.
pub fn static_first_page() -> Option<Rc<view::FirstPage>> {
    STATIC_FIRST_PAGE.with(|p| p.borrow().clone())
}

/// Starts the reader on this page. Over `index.html`'s first page (the
/// plain address, served over HTTP) the app hydrates what build-index
/// rendered from this same component tree ([`render_start_page`]): the
/// header, the search field and the result cards stay the nodes the
/// visitor already sees, with what they typed and where their focus is.
/// Anywhere else (an address naming a view, an embedding, the one-file
/// download) it draws its own page in place of the static one.
pub fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(doc) = dom::document() else {
        return;
    };
    dom::restore_scroll_manually();
    let first_page = doc
        .get_element_by_id("first-page")
        .and_then(|e| e.text_content())
        .and_then(|json| view::FirstPage::from_json(json.as_bytes()).ok())
        .map(Rc::new);
    STATIC_FIRST_PAGE.with(|p| *p.borrow_mut() = first_page);
    let shown = first_page_shown(&doc);
    FIRST_PAGE_SHOWN.store(shown, Ordering::Relaxed);
    STATIC_BOX_FOCUSED.store(take_over_static_search_box(), Ordering::Relaxed);
    let props = app::Start {
        first_page: crate::first_page(),
        name: doc.title().into(),
        offline_download: offline::download_href().map(Into::into),
    };
    let Some(root) = doc.get_element_by_id("app") else {
        yew::Renderer::<app::App>::with_props(props).render();
        return;
    };
    let adopt = props.first_page.is_some()
        && as_rendered(&root)
        && offline::status() != offline::OfflineStatus::SingleFile;
    if adopt {
        yew::Renderer::<app::App>::with_root_and_props(root, props).hydrate();
    } else {
        // The static page goes; the app draws its own before the next
        // frame, so nothing flickers.
        root.set_text_content(None);
        yew::Renderer::<app::App>::with_root_and_props(root, props).render();
    }
}

/// Whether `#app` holds this version's own first render as build-index
/// wrote it, which the app can adopt. Hydrating anything else panics half
/// way, so the app draws its own page instead when:
/// - the page was rendered by another version of the app (build-index
///   renders with the app compiled into it, which may not be this wasm's
///   when a site is built with `--app`): the shell's `data-markup`;
/// - something rewrote the page on its way (a minifier dropping comments,
///   which hold Yew's component marks; a host or an extension adding or
///   removing elements): the first node must be Yew's mark, and the count
///   of elements the one build-index wrote in `data-elements`.
fn as_rendered(root: &web_sys::Element) -> bool {
    let same_version = root
        .first_element_child()
        .and_then(|shell| shell.get_attribute("data-markup"))
        .is_some_and(|m| m == app::MARKUP);
    let marked = root
        .first_child()
        .is_some_and(|n| n.node_type() == web_sys::Node::COMMENT_NODE);
    let whole = root
        .get_attribute("data-elements")
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| {
            root.query_selector_all("*")
                .is_ok_and(|all| all.length() == n)
        });
    same_version && marked && whole
}

/// Whether index.html showed its first page when the app started.
static FIRST_PAGE_SHOWN: AtomicBool = AtomicBool::new(false);

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

/// The first page index.html carries, if it was shown.
pub fn first_page() -> Option<Rc<view::FirstPage>> {
    if !FIRST_PAGE_SHOWN.load(Ordering::Relaxed) {
        return None;
    }
    static_first_page()
}

/// `index.html`'s `#app` as build-index writes it: the app's own first
/// render for the plain address, with the collection's `first_page` and
/// the header naming the archive (`name`) and linking the one-file
/// download when the site has one. Hydratable: the app adopts these nodes.
#[cfg(feature = "ssr")]
pub fn render_start_page(
    first_page: view::FirstPage,
    name: &str,
    offline_download: Option<&str>,
) -> String {
    view::ssr::render_hydratable::<app::App>(app::Start {
        first_page: Some(Rc::new(first_page)),
        name: name.to_owned().into(),
        offline_download: offline_download.map(|d| d.to_owned().into()),
    })
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
