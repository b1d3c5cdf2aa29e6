//! The root component: loads the archive, keeps the view state in sync with
//! the URL hash, runs searches (dropping stale ones) and picks the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::api::LoadError;
use crate::archive::{ArchiveHandle, ResultsView};
use crate::components::archive_error::{self, archive_error};
use crate::components::load_state::{self, load_state_view};
use crate::components::search_box::{self, use_search_box};
use crate::components::search_help::use_search_help;
use crate::components::theme_toggle::use_theme_toggle;
use crate::dom;
use crate::embed::EmbedMode;
use crate::hooks::{
    use_archive_load, use_search, use_search_shortcut, use_url_hash, use_warm_up, SearchHandles,
};
use crate::offline::{use_offline_status, OfflineStatusProps};
use crate::pages::reader::ReaderPage;
use crate::pages::search::SearchPage;
use crate::state::{Action, AppState, HistoryMode, SearchKey, ViewState};
use view::SiteHeaderProps;

#[derive(Clone, PartialEq)]
pub enum LoadState {
    Loading { loaded: f64, total: f64 },
    Ready(ArchiveHandle),
    Failed(Rc<LoadError>),
}

/// The fingerprint of this version's markup (build.rs), on the page's
/// shell: the browser adopts a page rendered by the same version only.
pub const MARKUP: &str = env!("READER_MARKUP");

/// What the app starts with besides the address: what `index.html` shows
/// before it runs. build-index renders the app with the same props
/// ([`crate::render_start_page`]), and the browser's first render must be
/// that page node for node, for the app to adopt it.
#[derive(Properties, Clone, PartialEq, Default)]
pub struct Start {
    /// The collection's first page, shown until the app has results of its
    /// own (the plain address only).
    pub first_page: Option<Rc<view::FirstPage>>,
    /// The archive's name as the page gives it, until the index names it.
    pub name: AttrValue,
    /// The site's one-file download, which the header links.
    pub offline_download: Option<AttrValue>,
}

#[component]
pub fn App(props: &Start) -> Html {
    let (embedding, state) = use_start_state();
    let load = use_archive_load();
    // Damage found in the background (the warm-up): it stays shown, since
    // every search that needs the damaged file would fail too.
    let damage = use_state(|| None::<Rc<LoadError>>);
    // Input events in the search box that changed the query, counted as
    // they arrive.
    let keystrokes = use_memo((), |_| Rc::new(Cell::new(0u64)));
    let last_input = use_mut_ref(String::new);
    let results_scroll = use_memo((), |_| Cell::new(0.0f64));
    let embed = embedding.is_some();
    use_url_hash(&state);
    use_search_shortcut();

    let (view, locked) = effective_view(embedding.as_ref(), &load, &state.view);
    let key = view.search_key();
    let archive = match &*load {
        LoadState::Ready(a) => Some(a.clone()),
        _ => None,
    };
    let (limit, on_more) = use_paging(&key, archive.as_ref());

    let search = use_search(archive.clone(), key.clone(), limit, (*keystrokes).clone());
    let (results, active) = (&search.results, &search.active);

    let dispatch = use_dispatch(&state, &results_scroll, view.doc.is_none());
    // Embedded: report height and opened documents, take queries from the host.
    crate::embed::use_embed(
        embedding.clone(),
        archive.as_ref().map(|a| a.info.embed.clone()),
        dispatch.reform(Action::SetQuery),
    );
    let cards_len = results.as_ref().map(|r| r.cards.len()).unwrap_or(0);
    let examples = archive
        .as_ref()
        .map(|a| a.info.examples.clone())
        .unwrap_or_default();
    let search_help = use_search_help(&examples);
    let search_box = use_search_box(search_box::Props {
        value: view.q.clone(),
        on_input: typed_query(dispatch.clone(), (*keystrokes).clone(), last_input.clone()),
        on_key: result_keys(&search, dispatch.clone(), &view),
        expanded: view.doc.is_none() && cards_len > 0,
        active_descendant: active
            .filter(|_| view.doc.is_none())
            .map(|i| format!("result-{i}")),
        autofocus: !embed || crate::static_box_was_focused(),
        children: search_help,
    });

    let name = archive_name(archive.as_ref(), &props.name);

    // Start-up is over once the first results or the document can show.
    let started = archive.is_some() && (results.is_some() || view.doc.is_some());
    use_warm_up(started, archive.clone(), damage.setter());

    use_started_mark(started || matches!(*load, LoadState::Failed(_)));

    let standing = use_standing_first_page(props.first_page.clone(), started);
    let body = match status_view(&load, (*damage).clone(), &name, standing.is_some()) {
        Some(status) => status,
        None => page(Page {
            archive: archive.as_ref(),
            view: &view,
            dispatch: &dispatch,
            search: &search,
            on_more,
            scroll: results_scroll.clone(),
            locked,
            standing,
        }),
    };

    let tools = use_header_tools(HeaderTools {
        name: name.clone().into(),
        start: started,
        download: props.offline_download.clone(),
        embed,
    });
    let header = site_header(Header {
        name,
        hash: view.to_hash(),
        reading: view.doc.is_some(),
        search_box,
        tools,
    });
    let shell = html! {
        <div class="shell" data-markup={MARKUP}>
            { header }
            <main id="main" class="main" tabindex="-1">
                { body }
            </main>
        </div>
    };
    view::with_classes(shell, "shell", &[embed.then_some("embed")])
}

/// index.html's first page as results, while it stands: until the app has
/// `started` (results or a document of its own).
#[hook]
fn use_standing_first_page(
    first: Option<Rc<view::FirstPage>>,
    started: bool,
) -> Option<Rc<ResultsView>> {
    let results = use_memo(first, |first| {
        first
            .as_deref()
            .map(|f| Rc::new(ResultsView::first_page(f)))
    });
    (*results).clone().filter(|_| !started)
}

/// Marks the page's root (`data-app="ready"`) once the app shows results,
/// a document or an error of its own: the first render adopts index.html's
/// page, so nothing else on the page tells scripts (tests, the benchmarks)
/// that start-up is over.
#[hook]
fn use_started_mark(started: bool) {
    use_effect_with(started, |started| {
        if *started {
            dom::set_root_attr("data-app", "ready");
        }
    });
}

/// Where the result list was scrolled, restored on "back to results".
pub type ScrollMemory = Rc<Cell<f64>>;

/// Embed mode (read once from the page's address) and the view state,
/// which starts from the hash with the embed presets.
#[hook]
fn use_start_state() -> (Option<EmbedMode>, UseReducerHandle<AppState>) {
    let embedding = (*use_memo((), |_| EmbedMode::from_location())).clone();
    let state = {
        let embedding = embedding.clone();
        use_reducer(move || initial_state(embedding.as_ref()))
    };
    (embedding, state)
}

/// The view the app starts in: the hash's, with embed presets
/// (`?embed&source=...`) filling what it leaves open.
fn initial_state(embedding: Option<&EmbedMode>) -> AppState {
    let view = ViewState::from_hash(&dom::location_hash());
    AppState {
        view: match embedding {
            Some(mode) => mode.initial_view(view),
            None => view,
        },
        history: HistoryMode::None,
    }
}

/// The view to show and the filters locked by the embedding page: presets
/// the archive locks come back whatever the visitor did; the UI shows them
/// without a way to remove them.
fn effective_view(
    embedding: Option<&EmbedMode>,
    load: &LoadState,
    view: &ViewState,
) -> (ViewState, ViewState) {
    match (embedding, load) {
        (Some(mode), LoadState::Ready(a)) => (
            mode.enforce(&a.info.embed, view.clone()),
            if mode.locked(&a.info.embed) {
                mode.presets.clone()
            } else {
                ViewState::default()
            },
        ),
        _ => (view.clone(), ViewState::default()),
    }
}

/// The search box's input: a changed query counts as a keystroke (it
/// always starts a new search, so a search stopped by this count is always
/// replaced) and becomes the view's query.
fn typed_query(
    dispatch: Callback<Action>,
    keystrokes: Rc<Cell<u64>>,
    last_input: Rc<RefCell<String>>,
) -> Callback<String> {
    Callback::from(move |q: String| {
        if *last_input.borrow() != q {
            keystrokes.set(keystrokes.get() + 1);
            last_input.replace(q.clone());
        }
        dispatch.emit(Action::SetQuery(q))
    })
}

/// The arrow keys walk the results, Enter opens the one reached, Escape
/// leaves the list, then clears the query.
fn result_keys(
    search: &SearchHandles,
    d: Callback<Action>,
    view: &ViewState,
) -> Callback<KeyboardEvent> {
    let (active, results) = (search.active.clone(), search.results.clone());
    let pending_fetch = search.pending_fetch.clone();
    let (q_empty, reading) = (view.q.is_empty(), view.doc.is_some());
    let cards_len = results.as_ref().map(|r| r.cards.len()).unwrap_or(0);
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
}

/// The archive's name, else the static page's, else a generic one.
fn archive_name(archive: Option<&ArchiveHandle>, page: &str) -> String {
    archive
        .map(|a| a.info.name.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| Some(page.trim().to_owned()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| view::DEFAULT_NAME.to_string())
}

/// The first stop of the keyboard: past the header and the filter column,
/// to the first result or the open document's title.
fn skip_link(reading: bool) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let target = if reading {
            "doc-title"
        } else if dom::element("result-0").is_some() {
            "result-0"
        } else {
            "main"
        };
        dom::focus(target);
    })
}

/// Results per page and the "Show more" callback: a new search starts
/// again at one page.
#[hook]
fn use_paging(key: &SearchKey, archive: Option<&ArchiveHandle>) -> (usize, Callback<()>) {
    // (search it applies to, number of results shown)
    let shown = use_state(|| (SearchKey::default(), 0usize));
    let page_size = archive.map_or(engine::DEFAULT_PAGE_SIZE as usize, |a| {
        a.info.cards_per_page()
    });
    let limit = if shown.0 == *key {
        shown.1.max(page_size)
    } else {
        page_size
    };
    let on_more = {
        let shown = shown.clone();
        use_callback(
            (key.clone(), limit, page_size),
            move |_: (), (key, limit, page_size)| shown.set((key.clone(), limit + page_size)),
        )
    };
    (limit, on_more)
}

/// One callback for the whole render tree, the same from render to render:
/// a new one would make every component that takes it (the result cards
/// among them) redraw on each keystroke. Opening a document from the list
/// remembers where the list was scrolled at that moment: the last scroll
/// event may still be queued.
#[hook]
fn use_dispatch(
    state: &UseReducerHandle<AppState>,
    scroll: &Rc<Cell<f64>>,
    on_list: bool,
) -> Callback<Action> {
    let state = state.dispatcher();
    let scroll = scroll.clone();
    use_callback(on_list, move |a: Action, on_list| {
        if *on_list && matches!(a, Action::OpenDoc { .. }) {
            scroll.set(dom::scroll_y());
        }
        state.dispatch(a)
    })
}

/// What shows instead of a page: the error view for a failed load or
/// damage found later, the loading bar (unless index.html's first page
/// stands in for it); `None` once the archive is ready.
fn status_view(
    load: &LoadState,
    damage: Option<Rc<LoadError>>,
    name: &str,
    first_page: bool,
) -> Option<Html> {
    let failure = match load {
        LoadState::Failed(e) => Some(e.clone()),
        LoadState::Ready(_) => damage,
        LoadState::Loading { .. } => None,
    };
    if let Some(error) = failure {
        return Some(archive_error(&archive_error::Props {
            error,
            name: name.to_string().into(),
        }));
    }
    match load {
        LoadState::Loading { .. } if first_page => None,
        LoadState::Loading { loaded, total } => Some(html! {
            { load_state_view(&load_state::Props { loaded: *loaded, total: *total }) }
        }),
        _ => None,
    }
}

/// What the header's tools need.
struct HeaderTools {
    name: AttrValue,
    start: bool,
    download: Option<AttrValue>,
    embed: bool,
}

/// The theme toggle and (outside an embed) the offline status.
#[hook]
fn use_header_tools(t: HeaderTools) -> Html {
    let theme_toggle = use_theme_toggle();
    let offline = use_offline_status(OfflineStatusProps {
        archive_name: t.name,
        start: t.start,
        download: t.download,
        shown: !t.embed,
    });
    html! { <>{ theme_toggle }{ offline }</> }
}

/// What the site header shows.
struct Header {
    name: String,
    /// The view's hash (the skip link's address).
    hash: String,
    reading: bool,
    search_box: Html,
    /// The theme toggle and the offline status.
    tools: Html,
}

/// The skip link, the archive's name, the search box and the tools.
fn site_header(h: Header) -> Html {
    let skip = skip_link(h.reading);
    html! {
        { view::site_header(&SiteHeaderProps {
            name: h.name.clone().into(),
            skip: html! {
                <a class="skip-link" href={h.hash} onclick={skip}>
                    { if h.reading { "Skip to the document" } else { "Skip to the results" } }
                </a>
            },
            children: html! {
                <>
                    { h.search_box }
                    { h.tools }
                </>
            },
        }) }
    }
}

/// What the page shows once it is not a status: the open document, else
/// the results, else (until those come) index.html's first page.
struct Page<'a> {
    archive: Option<&'a ArchiveHandle>,
    view: &'a ViewState,
    dispatch: &'a Callback<Action>,
    search: &'a SearchHandles,
    on_more: Callback<()>,
    scroll: ScrollMemory,
    locked: ViewState,
    /// index.html's first page, while it stands.
    standing: Option<Rc<ResultsView>>,
}

/// The page of the archive. The first page is drawn by the same search
/// page as any results, in the same place of the tree: when the results
/// for the plain address replace it, each card (keyed by its document)
/// keeps its node.
fn page(p: Page<'_>) -> Html {
    if let (Some(archive), Some(_)) = (p.archive, &p.view.doc) {
        return html! {
            <ReaderPage archive={archive.clone()} view={p.view.clone()} dispatch={p.dispatch.clone()} />
        };
    }
    let first = p.standing.is_some();
    let (view, results) = match p.standing {
        Some(first) => (ViewState::default(), Some(first)),
        None => (p.view.clone(), (*p.search.results).clone()),
    };
    let loading = first && p.archive.is_none();
    html! {
        <>
            <SearchPage
                archive={p.archive.cloned()}
                {view}
                {results}
                first_page={first}
                error={(*p.search.error).clone()}
                searching={*p.search.searching}
                active={if first { None } else { *p.search.active }}
                dispatch={p.dispatch.clone()}
                on_more={p.on_more}
                scroll={p.scroll}
                locked={p.locked}
            />
            // For an address that names a view, index.html's inline
            // script hides the first page and shows this (styles/app.css),
            // until the app draws that view.
            if loading {
                { load_state_view(&load_state::Props::default()) }
            }
        </>
    }
}
