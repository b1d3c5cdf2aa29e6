//! Rendering the view's markup to HTML on the build machine, with Yew's
//! server renderer: build-index writes pages from the same markup the
//! reader draws, escaped by construction.

use yew::prelude::*;
use yew::{BaseComponent, LocalServerRenderer};

thread_local! {
    /// Yew's local renderer runs on a current-thread runtime's local task
    /// set; build-index renders pages from many threads, each with its own.
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime needs no OS resources beyond this thread");
}

#[derive(Properties, PartialEq)]
struct FixedProps {
    html: Html,
}

/// A component that draws markup made beforehand: the view's pieces are
/// plain functions (each Yew component is more code in the reader's wasm),
/// and the server renderer wants a component.
#[component]
fn Fixed(props: &FixedProps) -> Html {
    props.html.clone()
}

/// `html` (one of the view's pieces) as HTML text.
pub fn render_html(html: Html) -> String {
    render::<Fixed>(FixedProps { html })
}

/// The HTML of component `C` with `props` (not hydratable: the pages are
/// complete without the reader).
pub fn render<C>(props: C::Properties) -> String
where
    C: BaseComponent,
{
    run::<C>(props, false)
}

/// The HTML of component `C` with `props`, with the marks by which the
/// browser's renderer adopts the nodes (Yew's hydration).
pub fn render_hydratable<C>(props: C::Properties) -> String
where
    C: BaseComponent,
{
    run::<C>(props, true)
}

fn run<C>(props: C::Properties, hydratable: bool) -> String
where
    C: BaseComponent,
{
    RUNTIME.with(|runtime| {
        tokio::task::LocalSet::new().block_on(
            runtime,
            LocalServerRenderer::<C>::with_props(props)
                .hydratable(hydratable)
                .render(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::render_html;
    use crate::{result_card, Card, CardProps};

    #[test]
    fn a_card_renders_with_its_text_escaped_and_no_listbox_attributes() {
        let card = Card {
            doc: 1,
            id: "a/b".into(),
            title: "<b>Title</b> & more".into(),
            title_highlights: vec![],
            doc_type: Some("interview".into()),
            source: None,
            date: Some("2021-10-08".into()),
            speakers: vec!["Ann".into()],
            snippet: engine::Snippet {
                text: "snip".into(),
                highlights: vec![engine::Range { start: 0, end: 4 }],
                block: 0,
            },
            matched: vec![],
        };
        let html = render_html(result_card(&CardProps {
            card,
            key: None,
            option: None,
            active: false,
            href: "#doc=a%2Fb".into(),
            onclick: None,
        }));
        assert!(
            html.contains("&lt;b&gt;Title&lt;/b&gt; &amp; more"),
            "{html}"
        );
        assert!(
            html.contains("<time datetime=\"2021-10-08\">8 Oct 2021</time>"),
            "{html}"
        );
        assert!(html.contains("<mark>snip</mark>"), "{html}");
        assert!(
            !html.contains("role=") && !html.contains("tabindex"),
            "{html}"
        );
    }
}
