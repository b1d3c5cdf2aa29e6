//! The first page as build-index writes it into `index.html`: the reader's
//! search layout with the collection's newest documents, drawn with the
//! reader's own [`result_card`], an empty filter column (the reader fills
//! it) and the toolbar's controls disabled until the reader runs. No ids:
//! the reader's own elements carry them when it takes over.

use yew::prelude::*;

use crate::toolbar::{
    download_buttons, filters_toggle, results_toolbar, sort_menu, DownloadButtonsProps,
    FiltersToggleProps, ResultsToolbarProps, SortMenuProps,
};
use crate::{result_card, Card, CardProps, FirstPage};

/// A card's link before the reader runs: its document, no query.
fn href(id: &str) -> String {
    let mut out = String::from("#doc=");
    out.extend(form_urlencoded::byte_serialize(id.as_bytes()));
    out
}

pub fn first_page_view(page: &FirstPage) -> Html {
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
                { results_toolbar(&ResultsToolbarProps {
                    count: count.into(),
                    live_query: None,
                    children: html! {
                        <>
                            { filters_toggle(&FiltersToggleProps::default()) }
                            { sort_menu(&SortMenuProps {
                                sort: engine::Sort::Newest,
                                no_query: true,
                                ..SortMenuProps::default()
                            }) }
                            { download_buttons(&DownloadButtonsProps::default()) }
                        </>
                    },
                }) }
                <div class="results">
                    { for page.cards.iter().map(|c| {
                        result_card(&CardProps {
                            card: Card::from(c),
                            key: None,
                            option: None,
                            active: false,
                            href: href(&c.id).into(),
                            onclick: None,
                        })
                    }) }
                </div>
                if let Some(more) = more {
                    <button type="button" class="show-more button" disabled=true>{ more }</button>
                }
            </section>
        </div>
    }
}
