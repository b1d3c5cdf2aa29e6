use std::rc::Rc;

use yew::prelude::*;

use crate::api::LoadError;
use crate::components::pretty_date;

#[derive(PartialEq)]
pub struct Props {
    pub error: Rc<LoadError>,
    /// The archive's name (from the index, else from index.html's title).
    pub name: AttrValue,
}

/// The one error state of the reader, whatever failed and whenever: what
/// happened, what to do, and what still works without the index — the
/// static page of every document, and index.html's first page of newest
/// documents when the page carries one.
/// A function, not a component: it keeps no state, and every component
/// type adds its own copy of Yew's machinery (hydration included) to the
/// wasm.
pub fn archive_error(props: &Props) -> Html {
    let reload = Callback::from(|_: MouseEvent| {
        if let Some(w) = crate::dom::window() {
            let _ = w.location().reload();
        }
    });
    let first_page = crate::static_first_page();
    let newest = first_page.as_deref().map_or(&[][..], |p| &p.cards[..]);
    html! {
        <>
            <section class="load-error" role="alert" aria-labelledby="load-error-title">
                <p class="load-error-archive">{ props.name.clone() }</p>
                <h1 id="load-error-title">{ props.error.headline() }</h1>
                <p>{ props.error.advice() }</p>
                <p class="load-error-actions">
                    <button type="button" class="button" onclick={reload}>{ "Try again" }</button>
                    <a class="load-error-browse" href="doc/index.html">{ "Read the documents without search" }</a>
                </p>
            </section>
            if !newest.is_empty() {
                <section class="load-error-newest" aria-labelledby="load-error-newest-title">
                    <h2 id="load-error-newest-title">{ "Newest documents" }</h2>
                    <ul>
                        { for newest.iter().map(|c| html! {
                            <li key={c.id.clone()}>
                                <a href={c.page.clone().unwrap_or_else(|| "doc/index.html".into())}>{ c.title.clone() }</a>
                                if let Some(d) = &c.date {
                                    <span class="load-error-date">{ format!(" · {}", pretty_date(d)) }</span>
                                }
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </>
    }
}
