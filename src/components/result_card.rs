use yew::prelude::*;

use super::{marked, pretty_date};
use crate::archive::Card;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub card: Card,
    pub index: usize,
    pub active: bool,
    pub on_open: Callback<String>,
}

/// Speakers listed on a card before "+N more".
const MAX_SPEAKERS: usize = 4;

/// One result: an option of the results listbox. The title is an `<a>`
/// without `href`: options may not contain focusable widgets (ARIA
/// "children presentational"), so the whole option opens the document.
#[component]
pub fn ResultCard(props: &Props) -> Html {
    let c = &props.card;
    let onclick = {
        let on_open = props.on_open.clone();
        let id = c.id.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_open.emit(id.clone());
        })
    };
    let speakers = if c.speakers.is_empty() {
        Html::default()
    } else {
        let shown = c
            .speakers
            .iter()
            .take(MAX_SPEAKERS)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = c.speakers.len().saturating_sub(MAX_SPEAKERS);
        let text = if more > 0 {
            format!("{shown} +{more} more")
        } else {
            shown
        };
        html! { <span class="meta-speakers"><span class="visually-hidden">{ "Speakers: " }</span>{ text }</span> }
    };
    html! {
        <li
            class={classes!("result", props.active.then_some("active"))}
            role="option"
            id={format!("result-{}", props.index)}
            aria-selected={props.active.to_string()}
            {onclick}
        >
            <a class="result-title" data-id={c.id.clone()}>{ marked(&c.title, &c.title_highlights) }</a>
            <div class="result-meta">
                if let Some(t) = &c.doc_type {
                    <span class="badge">{ t.clone() }</span>
                }
                if let Some(s) = &c.source {
                    <span class="meta-source">{ s.clone() }</span>
                }
                if let Some(d) = &c.date {
                    <time datetime={d.clone()}>{ pretty_date(d) }</time>
                }
                { speakers }
            </div>
            if !c.snippet.text.is_empty() {
                <p class="result-snippet">{ marked(&c.snippet.text, &c.snippet.highlights) }</p>
            }
        </li>
    }
}
