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
mod highlight;
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

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            STATIC_BOX_FOCUSED.store(take_over_static_search_box(), Ordering::Relaxed);
            // The static shell from index.html goes; the app draws the same
            // shell before the next frame, so nothing flickers.
            root.set_text_content(None);
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

/// index.html draws a plain search box before the wasm arrives. What the
/// visitor typed there becomes the query the app starts with (written to
/// the hash, the single source of truth, without a history entry). Returns
/// whether the box had the focus, so the app's box can take it over.
fn take_over_static_search_box() -> bool {
    let Some(input) =
        dom::element("search").and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    let focused = dom::document()
        .and_then(|d| d.active_element())
        .is_some_and(|el| el.id() == "search");
    let typed = input.value();
    if !typed.trim().is_empty() {
        let mut view = state::ViewState::from_hash(&dom::location_hash());
        if view.doc.is_none() {
            view.q = typed;
            dom::write_hash(&view.to_hash(), false);
        }
    }
    focused
}
