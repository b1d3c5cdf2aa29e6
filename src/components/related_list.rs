use engine::Related;
use yew::prelude::*;

use crate::state::ViewState;

#[derive(PartialEq)]
pub struct Props {
    /// The open document's related documents (its bundle entry carries
    /// their titles, so nothing is fetched to list them).
    pub related: Vec<Related>,
    /// The view the links keep (query and filters), as the previous and
    /// next links do.
    pub view: ViewState,
}

/// "Related documents" at the end of the reading view: links that open
/// each one in the reader, with the reason it is related. The static pages
/// draw the same list (`build-index/src/publish/site/related.rs`).
/// A function, not a component: it keeps no state, and every component
/// type adds its own copy of Yew's machinery (hydration included) to the
/// wasm.
pub fn related_list(props: &Props) -> Html {
    if props.related.is_empty() {
        return Html::default();
    }
    html! {
        <section class="related" aria-labelledby="related-heading">
            <h2 id="related-heading" class="related-heading">{ "Related documents" }</h2>
            <ul class="related-list">
                { for props.related.iter().map(|r| html! {
                    <li>
                        <a class="related-title" href={props.view.with_doc(&r.id, None).to_hash()}>
                            { r.title.clone() }
                        </a>
                        <span class="related-reason">{ r.reason.clone() }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
