use engine::Facet;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{facet_label, plural};
use crate::archive::{with_field_clause, ArchiveHandle};
use crate::state::ViewState;

pub struct Props {
    /// `None` until the archive has loaded: nothing is shown.
    pub archive: Option<ArchiveHandle>,
    /// The search whose results are counted.
    pub view: ViewState,
    /// The name asked about, with its facet; `None`: nothing is shown.
    pub chosen: Option<(Facet, String)>,
    pub on_close: Callback<()>,
}

enum Found {
    Counting,
    Ready(Vec<(Facet, Vec<(String, u32)>)>),
    Failed(String),
}

/// "Who appears with whom": the people, speakers and places found in the
/// current results together with one person, speaker or place, with
/// counts. Each name links to the documents where both appear. A hook of
/// the pages that offer it rather than a component: a component type costs
/// the wasm its own copy of Yew's machinery.
#[hook]
pub fn use_appears_with(props: &Props) -> Html {
    let found = use_state(|| Found::Counting);
    {
        let found = found.clone();
        let archive = props.archive.clone();
        let key = props.view.search_key();
        let chosen = props.chosen.clone();
        // Closed, the count is dropped: asked again, it starts from
        // "Counting…", not from the last name's names.
        let counting = matches!(*found, Found::Counting);
        use_effect_with((key, chosen, archive.is_some()), move |(key, chosen, _)| {
            let (Some(archive), Some((facet, value))) = (archive, chosen.clone()) else {
                if !counting {
                    found.set(Found::Counting);
                }
                return;
            };
            found.set(Found::Counting);
            let key = key.clone();
            spawn_local(async move {
                match archive.0.appears_with(&key, facet, &value).await {
                    Ok(groups) => found.set(Found::Ready(groups)),
                    Err(e) => found.set(Found::Failed(e.to_string())),
                }
            });
        });
    }
    let (Some(_), Some((chosen_facet, value))) = (&props.archive, &props.chosen) else {
        return Html::default();
    };
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
        v.filters.insert(*chosen_facet, vec![value.clone()]);
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
                                    <a href={both(*facet, name)} title={format!("Documents with both {value} and {name}")}>
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
                <h2 id="appears-title" tabindex="-1">{ format!("Appearing with {value} in these results") }</h2>
                <button type="button" class="small-button" onclick={close}>{ "Close" }</button>
            </div>
            { body }
        </section>
    }
}
