//! The search the view asks for: run at once on what is loaded, its
//! downloads started at once or once typing pauses, stale ones dropped.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::LoadError;
use crate::archive::{ArchiveHandle, ResultsView};
use crate::dom;
use crate::state::SearchKey;

/// A search that takes longer than this marks the results busy.
const BUSY_DELAY_MS: u32 = 150;

/// While the query is being typed, chunks are fetched only once the
/// keystrokes pause this long: a word typed letter by letter would
/// otherwise download the postings and documents of every prefix on the
/// way (p, ph, pho, ...). Keys typed faster than this cost nothing but the
/// search of what is already loaded.
const FETCH_DELAY_MS: u32 = 120;

/// What a search gives the page: its results or error, whether it is
/// visibly busy, the result the arrow keys have reached, and the download
/// waiting for typing to pause (which Enter or an arrow key starts at once).
pub struct SearchHandles {
    pub results: UseStateHandle<Option<Rc<ResultsView>>>,
    pub error: UseStateHandle<Option<Rc<LoadError>>>,
    pub searching: UseStateHandle<bool>,
    pub active: UseStateHandle<Option<usize>>,
    pub pending_fetch: Rc<RefCell<Option<PendingFetch>>>,
}

/// Searches `key` for `limit` results whenever either changes, once the
/// archive is loaded. `keystrokes` counts the search box's input events:
/// a newer one stops this search's downloads.
///
/// Each search takes a generation number; a result that arrives after a
/// newer search began is dropped, so fast typing never shows stale
/// results. Results paint once, with their snippets: a warm keystroke (no
/// chunk to fetch) runs search, snippets and one render in the task of its
/// input event, which is cheaper than painting titles first and snippets a
/// task later. A keystroke that needs chunks keeps the results shown and
/// fetches once typing pauses ([`FETCH_DELAY_MS`]); filters, sorting,
/// paging and a query from a link or the history fetch at once.
#[hook]
pub fn use_search(
    archive: Option<ArchiveHandle>,
    key: SearchKey,
    limit: usize,
    keystrokes: Rc<Cell<u64>>,
) -> SearchHandles {
    let results = use_state(|| None::<Rc<ResultsView>>);
    let error = use_state(|| None::<Rc<LoadError>>);
    let searching = use_state(|| false);
    let active = use_state(|| None::<usize>);
    let generation = use_mut_ref(|| 0u64);
    let busy = use_memo((), |_| Busy::default());
    // The query text of the last search, and the fetch waiting for a pause
    // in typing (dropping it cancels it).
    let last_query = use_mut_ref(|| None::<String>);
    let pending_fetch = use_mut_ref(|| None::<PendingFetch>);

    {
        let results = results.clone();
        let search_error = error.clone();
        let searching = searching.clone();
        let busy = busy.clone();
        let active = active.clone();
        let generation = generation.clone();
        let last_query = last_query.clone();
        let pending_fetch = pending_fetch.clone();
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
                let show = shower(results.clone(), active.clone(), search_error.clone());
                if let Some(outcome) = archive.search_loaded(&key, limit) {
                    show(outcome);
                    busy.stop(&searching);
                    return;
                }
                busy.start(&searching);
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
                        show(outcome);
                        busy.stop(&searching);
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
    SearchHandles {
        results,
        error,
        searching,
        active,
        pending_fetch,
    }
}

/// Shows a search's outcome: its results (the arrow keys' place kept only
/// for a page more of the same search), or its error.
fn shower(
    results: UseStateHandle<Option<Rc<ResultsView>>>,
    active: UseStateHandle<Option<usize>>,
    error: UseStateHandle<Option<Rc<LoadError>>>,
) -> impl Fn(Result<ResultsView, LoadError>) {
    move |outcome| match outcome {
        Ok(r) => {
            let same_search = results.as_ref().is_some_and(|old| old.key == r.key);
            if !same_search {
                active.set(None);
            }
            results.set(Some(Rc::new(r)));
            if error.is_some() {
                error.set(None);
            }
        }
        Err(e) => error.set(Some(Rc::new(e))),
    }
}

/// The results' busy flag: set only once a search has waited a while.
#[derive(Default)]
struct Busy {
    timer: std::cell::RefCell<Option<Timeout>>,
    shown: Rc<Cell<bool>>,
}

impl Busy {
    /// The search is over: no busy mark to come, none shown.
    fn stop(&self, searching: &UseStateHandle<bool>) {
        if let Some(t) = self.timer.borrow_mut().take() {
            t.cancel();
        }
        if self.shown.replace(false) {
            searching.set(false);
        }
    }

    /// Marks the results busy once the search has waited
    /// [`BUSY_DELAY_MS`], unless they already are.
    fn start(&self, searching: &UseStateHandle<bool>) {
        if self.shown.get() {
            return;
        }
        let searching = searching.clone();
        let shown = self.shown.clone();
        *self.timer.borrow_mut() = Some(Timeout::new(BUSY_DELAY_MS, move || {
            shown.set(true);
            searching.set(true);
        }));
    }
}

/// A search's chunk downloads waiting for typing to pause. Dropping it
/// cancels them; `now` starts them at once.
pub struct PendingFetch {
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

    pub fn now(self) {
        let f = self.run.borrow_mut().take();
        if let Some(f) = f {
            f();
        }
    }
}
