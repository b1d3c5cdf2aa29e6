use yew::prelude::*;

use view::card_speakers;

use super::{marked, pretty_date};
use crate::archive::Card;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub card: Card,
    pub index: usize,
    pub active: bool,
    /// The card's permalink (`#q=…&doc=<id>`): a real link, so it can be
    /// opened in a new tab, copied or bookmarked.
    pub href: String,
    pub on_open: Callback<String>,
}

/// One result: an option of the results listbox, and itself the link to the
/// document (`<a href role="option">`). Options may not contain focusable
/// widgets (ARIA "children presentational"), so the whole card is the one
/// link; it stays out of the tab order (`tabindex=-1`) because the combobox
/// moves through the options with `aria-activedescendant`.
#[component]
pub fn ResultCard(props: &Props) -> Html {
    let c = &props.card;
    let onclick = {
        let on_open = props.on_open.clone();
        let id = c.id.clone();
        Callback::from(move |e: MouseEvent| {
            // A modified click (new tab or window, download) is the
            // browser's; a plain click opens the document in place.
            if !crate::dom::is_plain_click(&e) {
                return;
            }
            e.prevent_default();
            on_open.emit(id.clone());
        })
    };
    let speakers = if c.speakers.is_empty() {
        Html::default()
    } else {
        html! { <span class="meta-speakers"><span class="visually-hidden">{ "Speakers: " }</span>{ card_speakers(&c.speakers) }</span> }
    };
    html! {
        <a
            class={classes!("result", props.active.then_some("active"))}
            role="option"
            id={format!("result-{}", props.index)}
            href={props.href.clone()}
            tabindex="-1"
            aria-selected={props.active.to_string()}
            data-id={c.id.clone()}
            {onclick}
        >
            <span class="result-title">{ marked(&c.title, &c.title_highlights) }</span>
            <span class="result-meta">
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
            </span>
            if !c.snippet.text.is_empty() {
                <span class="result-snippet">{ marked(&c.snippet.text, &c.snippet.highlights) }</span>
            }
        </a>
    }
}
