//! The first page as build-index writes it into `index.html`: the reader's
//! search layout with the collection's newest documents, drawn with the
//! reader's own [`ResultCard`], an empty filter column (the reader fills
//! it) and the toolbar's controls disabled until the reader runs. No ids:
//! the reader's own elements carry them when it takes over.

use yew::prelude::*;

use crate::{Card, FirstPage, ResultCard};

#[derive(Properties, PartialEq)]
pub struct FirstPageProps {
    pub page: FirstPage,
}

/// A card's link before the reader runs: its document, no query.
fn href(id: &str) -> String {
    let mut out = String::from("#doc=");
    out.extend(form_urlencoded::byte_serialize(id.as_bytes()));
    out
}

#[component]
pub fn FirstPageView(props: &FirstPageProps) -> Html {
    let page = &props.page;
    let count = if page.total == 1 {
        "All 1 document".to_owned()
    } else {
        format!("All {} documents", page.total)
    };
    let more = (page.cards.len() < page.total)
        .then(|| format!("Show more ({} of {} shown)", page.cards.len(), page.total));
    html! {
        <div class="search-layout first-page">
            <aside class="facets" aria-label="Filters"><div class="facets-head"><h2>{ "Filters" }</h2></div></aside>
            <section class="results-pane" aria-label="Results">
                <div class="results-toolbar">
                    <p class="result-count">{ count }</p>
                    <div class="toolbar-actions">
                        <button type="button" class="filters-toggle small-button" disabled=true>{ "Filters" }</button>
                        <div class="sort"><label>{ "Sort" }</label><select disabled=true aria-label="Sort"><option>{ "Newest first" }</option></select></div>
                        <div class="download" role="group" aria-label="Download results">
                            <span class="download-label" aria-hidden="true">{ "Download" }</span>
                            <button type="button" class="download-csv small-button" disabled=true>{ "CSV" }</button>
                            <button type="button" class="download-json small-button" disabled=true>{ "JSON" }</button>
                        </div>
                    </div>
                </div>
                <div class="results">
                    { for page.cards.iter().map(|c| html! {
                        <ResultCard card={Card::from(c)} href={AttrValue::from(href(&c.id))} />
                    }) }
                </div>
                if let Some(more) = more {
                    <button type="button" class="show-more button" disabled=true>{ more }</button>
                }
            </section>
        </div>
    }
}
