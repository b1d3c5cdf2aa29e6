//! The root component's custom hooks: loading the archive, the URL hash as
//! the view's source of truth, the global search shortcut and the warm-up of
//! a small index.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{LoadError, Progress};
use crate::app::LoadState;
use crate::archive::{Archive, ArchiveHandle};
use crate::dom;
use crate::state::{Action, AppState, HistoryMode};

mod search;

pub use search::{use_search, SearchHandles};

/// Quiet time after the last keystroke before the URL follows the query.
const HASH_WRITE_DELAY_MS: u32 = 250;

/// Wait after the first results before a small index is loaded whole.
const WARM_UP_DELAY_MS: u32 = 200;

/// The archive, loaded once, with the progress of its loading.
#[hook]
pub fn use_archive_load() -> UseStateHandle<LoadState> {
    let load = use_state(|| LoadState::Loading {
        loaded: 0.0,
        total: 0.0,
    });
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
    load
}

/// Keeps the view state and the URL hash in step, both ways.
#[hook]
pub fn use_url_hash(state: &UseReducerHandle<AppState>) {
    let pending_hash = use_mut_ref(|| None::<PendingHash>);
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
}

/// A hash write waiting for typing to pause.
struct PendingHash {
    timer: Timeout,
    hash: String,
    push: bool,
}

/// `/` and Ctrl/Cmd+K focus the search box from anywhere.
#[hook]
pub fn use_search_shortcut() {
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
}

/// A small index is loaded whole once `started` (the first results show),
/// while the visitor reads them: then no keystroke waits on the network.
/// Damage it finds goes to `damage`.
#[hook]
pub fn use_warm_up(
    started: bool,
    archive: Option<ArchiveHandle>,
    damage: UseStateSetter<Option<Rc<LoadError>>>,
) {
    {
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
}
