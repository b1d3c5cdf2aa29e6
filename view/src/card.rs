//! A result card: its data and its markup, the one definition the reader's
//! result list and the first page build-index writes into `index.html` both
//! render (the app in the browser, build-index with Yew's server renderer).

use engine::{DocNum, Range, Snippet};
use yew::prelude::*;

use crate::highlight::segments;
use crate::{card_speakers, display_date, FirstPageCard};

/// What one result card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub doc: DocNum,
    pub id: String,
    pub title: String,
    pub title_highlights: Vec<Range>,
    pub doc_type: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub speakers: Vec<String>,
    pub snippet: Snippet,
    /// Index terms that matched, for the snippet.
    pub matched: Vec<String>,
}

impl From<&FirstPageCard> for Card {
    /// A card of the first page: no query, so nothing is highlighted.
    fn from(c: &FirstPageCard) -> Card {
        Card {
            doc: c.doc,
            id: c.id.clone(),
            title: c.title.clone(),
            title_highlights: Vec::new(),
            doc_type: c.doc_type.clone(),
            source: c.source.clone(),
            date: c.date.clone(),
            speakers: c.speakers.clone(),
            snippet: Snippet {
                text: c.snippet.clone(),
                highlights: Vec::new(),
                block: c.block,
            },
            matched: Vec::new(),
        }
    }
}

/// `text` as text nodes, with the `ranges` wrapped in `<mark>`. Corpus text
/// never goes through an HTML parser.
pub fn marked(text: &str, ranges: &[Range]) -> Html {
    segments(text, ranges)
        .into_iter()
        .map(|(hit, piece)| {
            if hit {
                html! { <mark>{ piece.to_string() }</mark> }
            } else {
                html! { { piece.to_string() } }
            }
        })
        .collect()
}

#[derive(Clone, PartialEq)]
pub struct CardProps {
    pub card: Card,
    /// The card's key in a list that reorders (its document id).
    pub key: Option<AttrValue>,
    /// The card's place in the results listbox, when it is an option of
    /// one (the reader's list); `None` on the first page build-index writes,
    /// which has no listbox until the reader runs.
    pub option: Option<usize>,
    pub active: bool,
    /// The card's link: a permalink (`#q=…&doc=<id>`) that can be opened in
    /// a new tab, copied or bookmarked.
    pub href: AttrValue,
    pub onclick: Option<Callback<MouseEvent>>,
}

/// One result, itself the link to the document. In the reader it is an
/// option of the results listbox (`<a href role="option">`): options may
/// not contain focusable widgets (ARIA "children presentational"), so the
/// whole card is the one link; it stays out of the tab order
/// (`tabindex=-1`) because the combobox moves through the options with
/// `aria-activedescendant`.
pub fn result_card(props: &CardProps) -> Html {
    let c = &props.card;
    let speakers = if c.speakers.is_empty() {
        Html::default()
    } else {
        html! { <span class="meta-speakers"><span class="visually-hidden">{ "Speakers: " }</span>{ card_speakers(&c.speakers) }</span> }
    };
    let option = props.option;
    let mut card = html! {
        <a
            class="result"
            role={option.map(|_| "option")}
            id={option.map(|i| format!("result-{i}"))}
            href={props.href.clone()}
            tabindex={option.map(|_| "-1")}
            aria-selected={option.map(|_| props.active.to_string())}
            data-id={c.id.clone()}
            onclick={props.onclick.clone()}
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
                    <time datetime={d.clone()}>{ display_date(d) }</time>
                }
                { speakers }
            </span>
            if !c.snippet.text.is_empty() {
                <span class="result-snippet">{ marked(&c.snippet.text, &c.snippet.highlights) }</span>
            }
        </a>
    };
    card = crate::with_classes(card, "result", &[props.active.then_some("active")]);
    if let (Html::VTag(tag), Some(key)) = (&mut card, &props.key) {
        if let Some(tag) = std::rc::Rc::get_mut(tag) {
            tag.key = Some(key.as_str().into());
        }
    }
    card
}
