use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::LoadError;
use crate::archive::{ArchiveHandle, DocView};
use crate::components::archive_error::{self, archive_error};
use crate::components::doc_company::{self, use_doc_company};
use crate::components::load_state::{self, load_state_view};
use crate::components::match_nav::{self, match_nav};
use crate::components::outline::{self, outline};
use crate::components::reader_view::{self, hit_count, use_reader_view};
use crate::dom;
use crate::state::{Action, ViewState};
use engine::Block;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub archive: ArchiveHandle,
    pub view: ViewState,
    pub dispatch: Callback<Action>,
}

#[derive(Clone, PartialEq)]
enum Loaded {
    Loading,
    Ready(DocView),
    NotFound,
    Failed(Rc<LoadError>),
}

/// The open document's reading view and its "who appears with whom",
/// once it is there.
#[hook]
fn use_document_parts(props: &Props, ready: Option<&DocView>, current: usize) -> (Html, Html) {
    let reader = use_reader_view(ready.map(|d| reader_view::Props {
        doc: d.clone(),
        view: props.view.clone(),
        current_hit: current,
        dispatch: props.dispatch.clone(),
        archive_name: props.archive.info.name.clone(),
        public_url: props.archive.info.public_url.clone(),
    }));
    let company = use_doc_company(&doc_company::Props {
        archive: props.archive.clone(),
        doc: ready.map(|d| d.doc.clone()),
        view: props.view.clone(),
    });
    (reader, company)
}

/// Moves the current match by a step (wrapping round) and scrolls to it.
fn match_step(current: &UseStateHandle<usize>, total: usize) -> Callback<isize> {
    let current = current.clone();
    Callback::from(move |delta: isize| {
        if total == 0 {
            return;
        }
        let next = (*current as isize + delta).rem_euclid(total as isize) as usize;
        current.set(next);
        dom::scroll_to(&format!("hit-{next}"), true);
    })
}

/// The reading view with its navigation: back to results, previous/next
/// result, match navigator, outline.
#[component]
pub fn ReaderPage(props: &Props) -> Html {
    let loaded = use_state(|| Loaded::Loading);
    let current = use_state(|| 0usize);
    let v = &props.view;

    use_document(&props.archive, v, &loaded, &current);

    let ready = match &*loaded {
        Loaded::Ready(d) => Some(d),
        _ => None,
    };
    let total = ready.map_or(0, hit_count);
    let doc_key = ready.map(|d| d.doc.id.clone());
    use_scroll_on_open(doc_key.clone(), v.p, total);

    let step = match_step(&current, total);

    use_focus_on_open(doc_key);

    use_match_keys(total, step.clone(), props.dispatch.clone());
    let (reader, company) = use_document_parts(props, ready, *current);

    let results_href = v.results_view().to_hash();
    let back = back_to_results(props.dispatch.clone());
    let browsing = v.q.trim().is_empty() && !v.has_filters();
    let back_label = if browsing {
        "All documents"
    } else {
        "Back to results"
    };

    let (nav_extra, content) = match &*loaded {
        Loaded::Loading => (
            Html::default(),
            load_state_view(&load_state::Props::default()),
        ),
        Loaded::NotFound => (Html::default(), not_found(v)),
        Loaded::Failed(e) => (
            Html::default(),
            archive_error(&archive_error::Props {
                error: e.clone(),
                name: props.archive.info.name.clone().into(),
            }),
        ),
        Loaded::Ready(d) => {
            let headings: Vec<(usize, u8, String)> = d
                .doc
                .blocks
                .iter()
                .enumerate()
                .filter_map(|(i, b)| match b {
                    Block::Heading { level, text, .. } => Some((i, *level, text.clone())),
                    _ => None,
                })
                .collect();
            let nav = prev_next(d, v);
            let with_outline = (headings.len() >= 2).then_some("with-outline");
            let body = html! {
                <div class="reader-layout">
                    <div class="reader-main">
                        { match_nav(&match_nav::Props { current: *current, total, on_step: step.clone() }) }
                        { reader }
                        { company }
                    </div>
                    { outline(&outline::Props { headings, view: v.clone() }) }
                </div>
            };
            (
                nav,
                view::with_classes(body, "reader-layout", &[with_outline]),
            )
        }
    };

    html! {
        <div class="reader-page">
            <nav class="reader-nav" aria-label="Result navigation">
                <a class="back-to-results" href={results_href} onclick={back}>{ "← " }{ back_label }</a>
                { nav_extra }
            </nav>
            { content }
        </div>
    }
}

/// Loads the document (and its highlights for this query) into `loaded`
/// when the document or the search changes; a paragraph change needs no
/// reload. A new document starts at its first match.
#[hook]
fn use_document(
    archive: &ArchiveHandle,
    v: &ViewState,
    loaded: &UseStateHandle<Loaded>,
    current: &UseStateHandle<usize>,
) {
    {
        let loaded = loaded.clone();
        let current = current.clone();
        let archive = archive.clone();
        let view = v.clone();
        use_effect_with((v.doc.clone(), v.search_key()), move |_| {
            let stale = Rc::new(std::cell::Cell::new(false));
            let mine = stale.clone();
            spawn_local(async move {
                let outcome = archive.open(&view).await;
                if mine.get() {
                    return;
                }
                current.set(0);
                loaded.set(match outcome {
                    Ok(Some(d)) => {
                        let name = &archive.info.name;
                        dom::set_title(&if name.is_empty() {
                            d.doc.title.clone()
                        } else {
                            format!("{} — {name}", d.doc.title)
                        });
                        crate::embed::report_open_doc(&d.doc.id, &d.doc.title);
                        Loaded::Ready(d)
                    }
                    Ok(None) => Loaded::NotFound,
                    Err(e) => Loaded::Failed(Rc::new(e)),
                });
            });
            move || stale.set(true)
        });
    }
}

/// Scrolls to the paragraph in the URL, else to the first match, else the
/// top, once the document (`doc_key`) is shown.
#[hook]
fn use_scroll_on_open(doc_key: Option<String>, p: Option<usize>, total: usize) {
    use_effect_with((doc_key, p), move |(doc_key, p)| {
        if doc_key.is_some() {
            match p {
                Some(p) => dom::scroll_to(&format!("p-{p}"), false),
                None if total > 0 => dom::scroll_to("hit-0", true),
                None => dom::scroll_to_y(0.0),
            }
        } else {
            dom::scroll_to_y(0.0);
        }
    });
}

/// A document that opens takes the focus from the search box (Enter on a
/// result, a permalink load), so n / N and Escape act on the document
/// instead of typing into the query or clearing it. Focus the visitor put
/// on a control of their own stays where it is.
#[hook]
fn use_focus_on_open(doc_key: Option<String>) {
    use_effect_with(doc_key, move |doc_key| {
        if doc_key.is_some() && dom::focus_is_idle_or_in_search() {
            dom::focus_without_scroll("doc-title");
        }
    });
}

/// n / N walk the matches, as in less and vim; Escape goes back.
#[hook]
fn use_match_keys(total: usize, step: Callback<isize>, dispatch: Callback<Action>) {
    {
        use_effect_with(total, move |_| {
            let listener = dom::document().map(|d| {
                EventListener::new(&d, "keydown", move |e: &Event| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key()
                        || e.meta_key()
                        || e.alt_key()
                        || dom::is_typing_target(e.target())
                    {
                        return;
                    }
                    match e.key().as_str() {
                        "n" => step.emit(1),
                        "N" => step.emit(-1),
                        "Escape" => dispatch.emit(Action::CloseDoc),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }
}

/// The result's place in the list and links to the previous and next one.
fn prev_next(d: &DocView, v: &ViewState) -> Html {
    let prev = d
        .prev
        .as_ref()
        .map(|n| (v.with_doc(&n.id, None).to_hash(), n.title.clone()));
    let next = d
        .next
        .as_ref()
        .map(|n| (v.with_doc(&n.id, None).to_hash(), n.title.clone()));
    html! {
        <>
            if let Some((i, n)) = d.position {
                <span class="position">{ format!("Result {i} of {n}") }</span>
            }
            <span class="prev-next">
                if let Some((href, title)) = prev {
                    <a class="prev-result" {href} rel="prev" {title}>{ "‹ Previous" }</a>
                }
                if let Some((href, title)) = next {
                    <a class="next-result" {href} rel="next" {title}>{ "Next ›" }</a>
                }
            </span>
        </>
    }
}

/// A document id the archive does not hold.
fn not_found(v: &ViewState) -> Html {
    html! {
        <section class="load-error" role="alert">
            <h1>{ "This document is not in the archive" }</h1>
            <p>{ format!("No document has the id “{}”. It may have been renamed or removed when the archive was rebuilt; search for its title instead.", v.doc.clone().unwrap_or_default()) }</p>
        </section>
    }
}

/// A plain click goes back through the app, not as a fragment navigation:
/// browsing, the results' hash is "#", and the browser's scroll to the top
/// for it can land after the list's scroll position was restored. Modified
/// clicks (new tab) stay the browser's.
fn back_to_results(dispatch: Callback<Action>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        if !crate::dom::is_plain_click(&e) {
            return;
        }
        e.prevent_default();
        dispatch.emit(Action::CloseDoc);
    })
}
