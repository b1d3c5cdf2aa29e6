//! The root component: loads the archive, keeps the view state in sync with
//! the URL hash, runs searches (dropping stale ones) and picks the page.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{LoadError, Progress};
use crate::archive::{Archive, ArchiveHandle, ResultsView};
use crate::components::archive_error::ArchiveError;
use crate::components::load_state::LoadStateView;
use crate::components::search_box::SearchBox;
use crate::components::search_help::SearchHelp;
use crate::components::theme_toggle::ThemeToggle;
use crate::dom;
use crate::pages::reader::ReaderPage;
use crate::pages::search::SearchPage;
use crate::state::{Action, AppState, HistoryMode, SearchKey, ViewState};

/// Quiet time after the last keystroke before the URL follows the query.
const HASH_WRITE_DELAY_MS: u32 = 250;

/// A search that takes longer than this marks the results busy.
const BUSY_DELAY_MS: u32 = 150;

/// While the query is being typed, chunks are fetched only once the
/// keystrokes pause this long: a word typed letter by letter would
/// otherwise download the postings and documents of every prefix on the
/// way (p, ph, pho, ...). Keys typed faster than this cost nothing but the
/// search of what is already loaded.
const FETCH_DELAY_MS: u32 = 120;

/// Wait after the first results before a small index is loaded whole.
const WARM_UP_DELAY_MS: u32 = 200;

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
    let load = use_state(|| LoadState::Loading {
        loaded: 0.0,
        total: 0.0,
    });
    let results = use_state(|| None::<Rc<ResultsView>>);
    let search_error = use_state(|| None::<Rc<LoadError>>);
    // Damage found in the background (the warm-up): it stays shown, since
    // every search that needs the damaged file would fail too.
    let damage = use_state(|| None::<Rc<LoadError>>);
    let searching = use_state(|| false);
    // (search it applies to, number of results shown): a new search starts
    // again at one page.
    let shown = use_state(|| (SearchKey::default(), 0usize));
    let active = use_state(|| None::<usize>);
    let generation = use_mut_ref(|| 0u64);
    // The query text of the last search, and the fetch waiting for a pause
    // in typing (dropping it cancels it).
    let last_query = use_mut_ref(|| None::<String>);
    let pending_fetch = use_mut_ref(|| None::<PendingFetch>);
    // Input events in the search box that changed the query, counted as
    // they arrive.
    let keystrokes = use_memo((), |_| Rc::new(Cell::new(0u64)));
    let last_input = use_mut_ref(String::new);
    let busy = use_memo((), |_| Busy::default());
    let pending_hash = use_mut_ref(|| None::<PendingHash>);
    let results_scroll = use_memo((), |_| Cell::new(0.0f64));
    let embed = embedding.is_some();

    // Load the archive once.
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let progress: Progress = {
                    let load = load.clone();
                    Rc::new(move |loaded, total| load.set(LoadState::Loading { loaded, total }))
                };
                match Archive::load(progress).await {
                    Ok(archive) => {
                        if !archive.info.name.is_empty() {
                            dom::set_title(&archive.info.name);
                        }
                        load.set(LoadState::Ready(ArchiveHandle(Rc::new(archive))));
                    }
                    Err(e) => load.set(LoadState::Failed(Rc::new(e))),
                }
            });
        });
    }

    // State → hash. Typing writes only once the typing pauses: history
    // writes cost a round trip to the browser process, and browsers
    // throttle pages that write on every keystroke. The first keystroke of a
    // search adds an entry and the later ones replace it, so the entry a
    // pause leaves is one push holding the query typed by then. A discrete
    // action first settles a pending write, so the entry it leaves holds the
    // full query.
    {
        let pending = pending_hash.clone();
        use_effect_with((*state).clone(), move |s| {
            let settle = |pending: &mut Option<PendingHash>| {
                if let Some(p) = pending.take() {
                    p.timer.cancel();
                    dom::write_hash(&p.hash, p.push);
                }
            };
            let hash = s.view.to_hash();
            let later = |push: bool| {
                let slot = pending.clone();
                let h = hash.clone();
                let timer = Timeout::new(HASH_WRITE_DELAY_MS, move || {
                    slot.borrow_mut().take();
                    dom::write_hash(&h, push);
                });
                PendingHash {
                    timer,
                    hash: hash.clone(),
                    push,
                }
            };
            match s.history {
                HistoryMode::Push => {
                    settle(&mut pending.borrow_mut());
                    dom::write_hash(&hash, true);
                }
                HistoryMode::PushTyping => {
                    settle(&mut pending.borrow_mut());
                    let next = later(true);
                    *pending.borrow_mut() = Some(next);
                }
                HistoryMode::Replace => {
                    // A push still waiting stays a push, with the newer query.
                    let push = match pending.borrow_mut().take() {
                        Some(p) => {
                            p.timer.cancel();
                            p.push
                        }
                        None => false,
                    };
                    let next = later(push);
                    *pending.borrow_mut() = Some(next);
                }
                // Back/forward moved to another entry: a write pending for
                // the one we left must not land on this one.
                HistoryMode::None => {
                    if let Some(p) = pending.borrow_mut().take() {
                        p.timer.cancel();
                    }
                }
            }
        });
    }

    // Hash → state (back/forward, pasted links, links inside the page).
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listeners = dom::window().map(|w| {
                let on_change = {
                    let d = dispatcher.clone();
                    move |_: &Event| d.dispatch(Action::FromHash(dom::location_hash()))
                };
                (
                    EventListener::new(&w, "hashchange", on_change.clone()),
                    EventListener::new(&w, "popstate", on_change),
                )
            });
            move || drop(listeners)
        });
    }

    // `/` and Ctrl/Cmd+K focus the search box from anywhere.
    use_effect_with((), |_| {
        let listener = dom::document().map(|d| {
            EventListener::new_with_options(
                &d,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                |e: &Event| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let slash = e.key() == "/"
                        && !e.ctrl_key()
                        && !e.meta_key()
                        && !e.alt_key()
                        && !dom::is_typing_target(e.target());
                    let k = e.key().eq_ignore_ascii_case("k") && (e.ctrl_key() || e.meta_key());
                    if slash || k {
                        e.prevent_default();
                        dom::focus("search");
                        if let Some(input) = dom::element("search")
                            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                },
            )
        });
        move || drop(listener)
    });

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

    // Search whenever what the results depend on changes. Each search takes
    // a generation number; a result that arrives after a newer search began
    // is dropped, so fast typing never shows stale results. Results paint
    // once, with their snippets: a warm keystroke (no chunk to fetch) runs
    // search, snippets and one render in the task of its input event, which
    // is cheaper than painting titles first and snippets a task later. A
    // keystroke that needs chunks keeps the results shown and fetches once
    // typing pauses (FETCH_DELAY_MS); filters, sorting, paging and a query
    // from a link or the history fetch at once.
    {
        let results = results.clone();
        let search_error = search_error.clone();
        let searching = searching.clone();
        let busy = busy.clone();
        let active = active.clone();
        let generation = generation.clone();
        let last_query = last_query.clone();
        let pending_fetch = pending_fetch.clone();
        let keystrokes = keystrokes.clone();
        let archive = archive.clone();
        let key = key.clone();
        use_effect_with((archive.is_some(), key.clone(), limit), move |_| {
            if let Some(archive) = archive {
                let mine = {
                    let mut g = generation.borrow_mut();
                    *g += 1;
                    *g
                };
                pending_fetch.borrow_mut().take();
                // Busy only when a search has to wait (chunk downloads): a
                // flag set and cleared within one keystroke would cost two
                // extra renders.
                if let Some(t) = busy.timer.borrow_mut().take() {
                    t.cancel();
                }
                // Typing: the query changed while the search box has the
                // focus (not a link, the history or the host page).
                let typed = last_query
                    .replace(Some(key.q.clone()))
                    .is_some_and(|q| q != key.q)
                    && dom::has_focus("search");
                let show = {
                    let results = results.clone();
                    let active = active.clone();
                    let search_error = search_error.clone();
                    move |outcome: Result<ResultsView, LoadError>| match outcome {
                        Ok(r) => {
                            let same_search = results.as_ref().is_some_and(|old| old.key == r.key);
                            if !same_search {
                                active.set(None);
                            }
                            results.set(Some(Rc::new(r)));
                            if search_error.is_some() {
                                search_error.set(None);
                            }
                        }
                        Err(e) => search_error.set(Some(Rc::new(e))),
                    }
                };
                if let Some(outcome) = archive.search_loaded(&key, limit) {
                    show(outcome);
                    if busy.shown.replace(false) {
                        searching.set(false);
                    }
                    return;
                }
                if !busy.shown.get() {
                    let searching = searching.clone();
                    let shown = busy.shown.clone();
                    *busy.timer.borrow_mut() = Some(Timeout::new(BUSY_DELAY_MS, move || {
                        shown.set(true);
                        searching.set(true);
                    }));
                }
                let typed_at = keystrokes.get();
                let fetch = move || {
                    spawn_local(async move {
                        // A newer keystroke (counted as the input event
                        // arrives, before any render) or search stops this
                        // one's downloads between rounds.
                        let wanted = {
                            let generation = generation.clone();
                            move || keystrokes.get() == typed_at && *generation.borrow() == mine
                        };
                        let outcome = archive.search_while(&key, limit, &wanted).await;
                        if *generation.borrow() != mine {
                            return;
                        }
                        let outcome = match outcome {
                            Ok(Some(view)) => Ok(view),
                            Ok(None) => return,
                            Err(e) => Err(e),
                        };
                        if let Some(t) = busy.timer.borrow_mut().take() {
                            t.cancel();
                        }
                        show(outcome);
                        if busy.shown.replace(false) {
                            searching.set(false);
                        }
                    })
                };
                if typed {
                    *pending_fetch.borrow_mut() = Some(PendingFetch::new(fetch));
                } else {
                    fetch();
                }
            }
        });
    }

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

    // A small index is loaded whole once the first results show, while the
    // visitor reads them: then no keystroke waits on the network.
    {
        let archive = archive.clone();
        let damage = damage.clone();
        use_effect_with(started, move |started| {
            let timer = (*started).then(|| {
                Timeout::new(WARM_UP_DELAY_MS, move || {
                    if let Some(archive) = archive {
                        spawn_local(async move {
                            if let Err(e) = archive.warm_up().await {
                                damage.set(Some(Rc::new(e)));
                            }
                        });
                    }
                })
            });
            move || drop(timer)
        });
    }

    // index.html's first page gives way to the app once the app can show
    // results, a document or an error of its own. What the visitor typed
    // in the static box meanwhile becomes the query.
    {
        let ready = started || matches!(*load, LoadState::Failed(_));
        let dispatch = state.dispatcher();
        let q = view.q.clone();
        let reading = view.doc.is_some();
        use_effect_with(ready, move |ready| {
            if *ready {
                crate::after_first_page_paint(move || {
                    let Some((typed, focused)) = crate::reveal() else {
                        return;
                    };
                    // As the search box's own autofocus would have, had it
                    // been on the page (never embedded: no first page there).
                    // Someone typing keeps the focus at once; otherwise it
                    // moves a task later, so the style and layout of the
                    // new page are not forced inside this task.
                    if focused {
                        dom::focus("search");
                    } else if !reading {
                        dom::focus_later("search");
                    }
                    if !typed.trim().is_empty() && typed != q {
                        dispatch.dispatch(Action::SetQuery(typed));
                    }
                });
            }
        });
    }
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

/// The results' busy flag: set only once a search has waited a while.
#[derive(Default)]
struct Busy {
    timer: std::cell::RefCell<Option<Timeout>>,
    shown: Rc<Cell<bool>>,
}

/// A search's chunk downloads waiting for typing to pause. Dropping it
/// cancels them; `now` starts them at once.
struct PendingFetch {
    _timer: Timeout,
    run: FetchSlot,
}

/// The fetch, taken by whichever comes first: the timer or `now`.
type FetchSlot = Rc<std::cell::RefCell<Option<Box<dyn FnOnce()>>>>;

impl PendingFetch {
    fn new(fetch: impl FnOnce() + 'static) -> Self {
        let run: FetchSlot = Rc::new(std::cell::RefCell::new(Some(Box::new(fetch))));
        let timer = {
            let run = run.clone();
            Timeout::new(FETCH_DELAY_MS, move || {
                if let Some(f) = run.borrow_mut().take() {
                    f();
                }
            })
        };
        PendingFetch { _timer: timer, run }
    }

    fn now(self) {
        let f = self.run.borrow_mut().take();
        if let Some(f) = f {
            f();
        }
    }
}

/// A hash write waiting for typing to pause.
struct PendingHash {
    timer: Timeout,
    hash: String,
    push: bool,
}
