//! The root component: loads the archive, keeps the view state in sync with
//! the URL hash, runs searches (dropping stale ones) and picks the page.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::LoadError;
use crate::archive::ArchiveHandle;
use crate::components::archive_error::ArchiveError;
use crate::components::load_state::LoadStateView;
use crate::components::search_box::SearchBox;
use crate::components::search_help::SearchHelp;
use crate::components::theme_toggle::ThemeToggle;
use crate::dom;
use crate::hooks::{
    use_archive_load, use_first_page_handoff, use_search, use_search_shortcut, use_url_hash,
    use_warm_up, SearchHandles,
};
use crate::pages::reader::ReaderPage;
use crate::pages::search::SearchPage;
use crate::state::{Action, AppState, HistoryMode, SearchKey, ViewState};

#[derive(Clone, PartialEq)]
pub enum LoadState {
    Loading { loaded: f64, total: f64 },
    Ready(ArchiveHandle),
    Failed(Rc<LoadError>),
}

#[component]
pub fn App() -> Html {
    let embedding = (*use_memo((), |_| crate::embed::EmbedMode::from_location())).clone();
    let state = {
        let embedding = embedding.clone();
        use_reducer(move || {
            let view = ViewState::from_hash(&dom::location_hash());
            AppState {
                // Embed presets (`?embed&source=...`) fill what the hash leaves open.
                view: match &embedding {
                    Some(mode) => mode.initial_view(view),
                    None => view,
                },
                history: HistoryMode::None,
            }
        })
    };
    let load = use_archive_load();
    // Damage found in the background (the warm-up): it stays shown, since
    // every search that needs the damaged file would fail too.
    let damage = use_state(|| None::<Rc<LoadError>>);
    // (search it applies to, number of results shown): a new search starts
    // again at one page.
    let shown = use_state(|| (SearchKey::default(), 0usize));
    // Input events in the search box that changed the query, counted as
    // they arrive.
    let keystrokes = use_memo((), |_| Rc::new(Cell::new(0u64)));
    let last_input = use_mut_ref(String::new);
    let results_scroll = use_memo((), |_| Cell::new(0.0f64));
    let embed = embedding.is_some();
    use_url_hash(&state);
    use_search_shortcut();

    let (view, locked) = match (&embedding, &*load) {
        // Presets the archive locks come back whatever the visitor did; the
        // UI shows them without a way to remove them.
        (Some(mode), LoadState::Ready(a)) => (
            mode.enforce(&a.info.embed, state.view.clone()),
            if mode.locked(&a.info.embed) {
                mode.presets.clone()
            } else {
                ViewState::default()
            },
        ),
        _ => (state.view.clone(), ViewState::default()),
    };
    let key = view.search_key();
    let archive = match &*load {
        LoadState::Ready(a) => Some(a.clone()),
        _ => None,
    };
    let page_size = archive
        .as_ref()
        .map_or(engine::DEFAULT_PAGE_SIZE as usize, |a| {
            a.info.cards_per_page()
        });
    let limit = if shown.0 == key {
        shown.1.max(page_size)
    } else {
        page_size
    };

    let SearchHandles {
        results,
        error: search_error,
        searching,
        active,
        pending_fetch,
    } = use_search(archive.clone(), key.clone(), limit, (*keystrokes).clone());

    // One callback for the whole render tree, the same from render to
    // render: a new one would make every component that takes it (the
    // result cards among them) redraw on each keystroke.
    let dispatch = {
        let state = state.dispatcher();
        // Opening a document from the list remembers where the list was
        // scrolled at that moment: the last scroll event may still be queued.
        let scroll = results_scroll.clone();
        use_callback(view.doc.is_none(), move |a: Action, on_list| {
            if *on_list && matches!(a, Action::OpenDoc { .. }) {
                scroll.set(dom::scroll_y());
            }
            state.dispatch(a)
        })
    };
    // Embedded: report height and opened documents, take queries from the host.
    crate::embed::use_embed(
        embedding.clone(),
        archive.as_ref().map(|a| a.info.embed.clone()),
        dispatch.reform(Action::SetQuery),
    );
    let on_input = {
        let d = dispatch.clone();
        let keystrokes = keystrokes.clone();
        let last_input = last_input.clone();
        Callback::from(move |q: String| {
            // Only a changed query counts: it always starts a new search,
            // so a search stopped by this count is always replaced.
            if *last_input.borrow() != q {
                keystrokes.set(keystrokes.get() + 1);
                last_input.replace(q.clone());
            }
            d.emit(Action::SetQuery(q))
        })
    };
    let cards_len = results.as_ref().map(|r| r.cards.len()).unwrap_or(0);
    let on_key = {
        let active = active.clone();
        let results = results.clone();
        let d = dispatch.clone();
        let q_empty = view.q.is_empty();
        let reading = view.doc.is_some();
        let pending_fetch = pending_fetch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if reading {
                return;
            }
            let key = e.key();
            // Moving through the results means typing is over: the search
            // the pause would have started runs now, so the list the keys
            // walk is soon the one for the query typed.
            if matches!(key.as_str(), "ArrowDown" | "ArrowUp" | "Enter") {
                let waiting = pending_fetch.borrow_mut().take();
                if let Some(p) = waiting {
                    p.now();
                }
            }
            match key.as_str() {
                "ArrowDown" if cards_len > 0 => {
                    e.prevent_default();
                    let next = active.map_or(0, |i| (i + 1).min(cards_len - 1));
                    active.set(Some(next));
                    dom::scroll_to(&format!("result-{next}"), true);
                }
                "ArrowUp" if cards_len > 0 => {
                    e.prevent_default();
                    let prev = active.and_then(|i| i.checked_sub(1));
                    active.set(prev);
                    if let Some(p) = prev {
                        dom::scroll_to(&format!("result-{p}"), true);
                    }
                }
                "Enter" => {
                    if let (Some(i), Some(r)) = (*active, results.as_ref()) {
                        if let Some(card) = r.cards.get(i) {
                            e.prevent_default();
                            d.emit(Action::OpenDoc {
                                id: card.id.clone(),
                                p: None,
                            });
                        }
                    }
                }
                "Escape" => {
                    if active.is_some() {
                        active.set(None);
                    } else if !q_empty {
                        d.emit(Action::SetQuery(String::new()));
                    }
                }
                _ => {}
            }
        })
    };
    let on_more = {
        let shown = shown.clone();
        use_callback(
            (key.clone(), limit, page_size),
            move |_: (), (key, limit, page_size)| shown.set((key.clone(), limit + page_size)),
        )
    };

    let name = archive
        .as_ref()
        .map(|a| a.info.name.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| Some(crate::static_title()).filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| "Document archive".to_string());
    let expanded = view.doc.is_none() && cards_len > 0;
    let active_id = if view.doc.is_none() {
        active.map(|i| format!("result-{i}"))
    } else {
        None
    };

    // Start-up is over once the first results or the document can show.
    let started = archive.is_some() && (results.is_some() || view.doc.is_some());
    use_warm_up(started, archive.clone(), damage.setter());

    use_first_page_handoff(
        started || matches!(*load, LoadState::Failed(_)),
        state.dispatcher(),
        view.q.clone(),
        view.doc.is_some(),
    );
    let failure = match &*load {
        LoadState::Failed(e) => Some(e.clone()),
        LoadState::Ready(_) => (*damage).clone(),
        LoadState::Loading { .. } => None,
    };
    let body = if let Some(error) = failure {
        html! { <ArchiveError {error} name={name.clone()} /> }
    } else {
        match &*load {
            // Behind index.html's first page nobody would see it.
            LoadState::Loading { .. } if crate::first_page_pending() => Html::default(),
            LoadState::Loading { loaded, total } => html! {
                <LoadStateView loaded={*loaded} total={*total} />
            },
            LoadState::Failed(_) => Html::default(),
            LoadState::Ready(archive) => {
                if view.doc.is_some() {
                    html! {
                        <ReaderPage archive={archive.clone()} view={view.clone()} dispatch={dispatch.clone()} />
                    }
                } else {
                    html! {
                        <SearchPage
                            archive={archive.clone()}
                            view={view.clone()}
                            results={(*results).clone()}
                            error={(*search_error).clone()}
                            searching={*searching}
                            active={*active}
                            dispatch={dispatch.clone()}
                            on_more={on_more}
                            scroll={results_scroll.clone()}
                            locked={locked.clone()}
                        />
                    }
                }
            }
        }
    };

    // The first stop of the keyboard: past the header and the filter
    // column, to the first result or the open document's title.
    let reading = view.doc.is_some();
    let skip = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let target = if reading {
            "doc-title"
        } else if dom::element("result-0").is_some() {
            "result-0"
        } else {
            "main"
        };
        dom::focus(target);
    });
    html! {
        <div class={classes!("shell", embed.then_some("embed"))}>
            <header class="site-header">
                <a class="skip-link" href={view.to_hash()} onclick={skip}>
                    { if reading { "Skip to the document" } else { "Skip to the results" } }
                </a>
                <div class="header-inner">
                    <a class="brand" href="#" title="Show all documents">{ name.clone() }</a>
                    <SearchBox
                        value={view.q.clone()}
                        on_input={on_input}
                        on_key={on_key}
                        expanded={expanded}
                        active_descendant={active_id}
                        autofocus={!embed || crate::static_box_was_focused()}
                    >
                        <SearchHelp examples={archive.as_ref().map(|a| a.info.examples.clone()).unwrap_or_default()} />
                    </SearchBox>
                    <ThemeToggle />
                    if !embed {
                        <crate::offline::OfflineStatusView archive_name={name.clone()} start={started} />
                    }
                </div>
            </header>
            <main id="main" class="main" tabindex="-1">
                { body }
            </main>
        </div>
    }
}

/// Where the result list was scrolled, restored on "back to results".
pub type ScrollMemory = Rc<Cell<f64>>;
