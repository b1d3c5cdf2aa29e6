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

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // The static "loading" placeholder from index.html goes once the
            // app draws its own loading state.
            root.set_text_content(None);
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
