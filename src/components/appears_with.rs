use engine::Facet;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{facet_label, plural};
use crate::archive::{with_field_clause, ArchiveHandle};
use crate::state::ViewState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub archive: ArchiveHandle,
    /// The search whose results are counted.
    pub view: ViewState,
    pub facet: Facet,
    pub value: String,
    pub on_close: Callback<()>,
}

enum Found {
    Counting,
    Ready(Vec<(Facet, Vec<(String, u32)>)>),
    Failed(String),
}

/// "Who appears with whom": the people, speakers and places found in the
/// current results together with one person, speaker or place, with
/// counts. Each name links to the documents where both appear.
#[component]
pub fn AppearsWith(props: &Props) -> Html {
    let found = use_state(|| Found::Counting);
    {
        let found = found.clone();
        let archive = props.archive.clone();
        let key = props.view.search_key();
        let (facet, value) = (props.facet, props.value.clone());
        use_effect_with((key, facet, value), move |(key, facet, value)| {
            found.set(Found::Counting);
            let (key, facet, value) = (key.clone(), *facet, value.clone());
            spawn_local(async move {
                match archive.0.appears_with(&key, facet, &value).await {
                    Ok(groups) => found.set(Found::Ready(groups)),
                    Err(e) => found.set(Found::Failed(e.to_string())),
                }
            });
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    // The documents where both appear: this value as the facet's filter,
    // the other name as a field clause of the query.
    let both = |facet: Facet, name: &str| {
        let mut v = props.view.results_view();
        v.filters.insert(props.facet, vec![props.value.clone()]);
        v.q = with_field_clause(&v.q, facet, name);
        v.to_hash()
    };
    let body = match &*found {
        Found::Counting => html! { <p class="appears-status" role="status">{ "Counting…" }</p> },
        Found::Failed(e) => html! { <p class="appears-status" role="alert">{ e.clone() }</p> },
        Found::Ready(groups) if groups.is_empty() => html! {
            <p class="appears-status" role="status">{ "Nobody else appears with them in these results." }</p>
        },
        Found::Ready(groups) => html! {
            <div class="appears-groups">
                { for groups.iter().map(|(facet, values)| html! {
                    <section class="appears-group" aria-label={facet_label(*facet)}>
                        <h3>{ facet_label(*facet) }</h3>
                        <ul>
                            { for values.iter().map(|(name, n)| html! {
                                <li>
                                    <a href={both(*facet, name)} title={format!("Documents with both {} and {name}", props.value)}>
                                        <span class="facet-value">{ name.clone() }</span>
                                        <span class="count" aria-label={plural(*n as usize, "document", "documents")}>{ n.to_string() }</span>
                                    </a>
                                </li>
                            }) }
                        </ul>
                    </section>
                }) }
            </div>
        },
    };
    html! {
        <section id="appears-with" class="appears-with" aria-labelledby="appears-title" {onkeydown}>
            <div class="appears-head">
                <h2 id="appears-title" tabindex="-1">{ format!("Appearing with {} in these results", props.value) }</h2>
                <button type="button" class="small-button" onclick={close}>{ "Close" }</button>
            </div>
            { body }
        </section>
    }
}
