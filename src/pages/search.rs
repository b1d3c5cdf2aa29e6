use std::rc::Rc;

use gloo::events::EventListener;
use view::{filters_toggle, results_toolbar, FiltersToggleProps, ResultsToolbarProps};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::LoadError;
use crate::app::ScrollMemory;
use crate::archive::{ArchiveHandle, ResultsView};
use crate::components::active_filters::{self, active_filters};
use crate::components::appears_with::{self, use_appears_with};
use crate::components::archive_error::{self, archive_error};
use crate::components::download_results::{self, use_download_results};
use crate::components::facet_panel::FacetPanel;
use crate::components::plural;
use crate::components::result_list::{self, result_list};
use crate::components::sort_select::{self, use_sort_select};
use crate::dom;
use crate::state::{Action, ViewState};

/// Facet sections drawn per frame while the filter column first fills.
const FACET_SECTIONS_PER_FRAME: usize = 2;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// `None` while the archive loads (index.html's first page shows).
    pub archive: Option<ArchiveHandle>,
    /// Whether `results` are index.html's first page, not a search's.
    #[prop_or_default]
    pub first_page: bool,
    pub view: ViewState,
    pub results: Option<Rc<ResultsView>>,
    pub error: Option<Rc<LoadError>>,
    pub searching: bool,
    pub active: Option<usize>,
    pub dispatch: Callback<Action>,
    pub on_more: Callback<()>,
    /// Where the list was scrolled when a document was opened.
    pub scroll: ScrollMemory,
    /// Filters an embedding page fixed (embed mode): shown, not removable.
    #[prop_or_default]
    pub locked: ViewState,
}

/// Results, facets, sort and export for the current query.
#[component]
pub fn SearchPage(props: &Props) -> Html {
    let drawer = use_state(|| false);
    let company = use_company(&drawer, props);
    let close_drawer = use_drawer_closing(&drawer);
    use_scroll_memory(props.scroll.clone(), props.results.is_some());
    // Not over the first page: it has no facets to count, and the sections
    // are to be drawn a few per frame when the results' facets come.
    let facet_sections =
        use_facet_sections(props.results.is_some() && props.archive.is_some() && !props.first_page);
    // Callbacks that stay the same from render to render, so the result
    // cards and the filter column do not redraw for nothing.
    let on_open = use_callback(props.dispatch.clone(), |id: String, d| {
        d.emit(Action::OpenDoc { id, p: None })
    });
    let controls = use_toolbar_controls(props);
    if let Some(e) = &props.error {
        return archive_error(&archive_error::Props {
            error: e.clone(),
            name: props
                .archive
                .as_ref()
                .map(|a| a.info.name.clone())
                .unwrap_or_default()
                .into(),
        });
    }
    let Some(results) = props.results.clone() else {
        return html! {
            <p id="result-count" class="result-count" role="status" aria-live="polite"></p>
        };
    };
    let v = &props.view;
    let toolbar = toolbar(props, &results, &drawer, controls);
    let more = props.on_more.reform(|_: MouseEvent| ());

    let body = if results.cards.is_empty() {
        no_results(v, &results, &props.dispatch)
    } else {
        html! {
            <>
                { result_list(&result_list::Props {
                    cards: results.cards.clone(),
                    active: props.active,
                    query: results.key.q.clone(),
                    view: ViewState::of_search(&results.key),
                    on_open,
                }) }
                if results.cards.len() < results.total {
                    <button type="button" class="show-more button" onclick={more} disabled={props.archive.is_none()}>
                        { format!("Show more ({} of {} shown)", results.cards.len(), results.total) }
                    </button>
                }
            </>
        }
    };

    let facets = match &props.archive {
        Some(archive) if facet_sections > 0 || *drawer => {
            let sections = if *drawer { usize::MAX } else { facet_sections };
            html! {
                <FacetPanel
                    {sections}
                    on_with={company.open_with.clone()}
                    facets={results.facets.clone()}
                    view={v.filters_only()}
                    years={archive.years.clone()}
                    dispatch={props.dispatch.clone()}
                    open={*drawer}
                    on_close={close_drawer}
                    locked={props.locked.clone()}
                />
            }
        }
        _ => empty_filters(),
    };

    let layout = html! {
        <div class="search-layout">
            { facets }
            <section class="results-pane" aria-label="Results" aria-busy={props.searching.to_string()}>
                { toolbar }
                { active_filters(&active_filters::Props { view: v.filters_only(), dispatch: props.dispatch.clone(), locked: props.locked.clone() }) }
                { company.panel }
                if !results.notes.is_empty() {
                    <p class="result-note">{ notes_text(&results.notes) }</p>
                }
                { body }
            </section>
        </div>
    };
    let first_page = props.first_page.then_some("first-page");
    view::with_classes(
        layout,
        "search-layout",
        &[(*drawer).then_some("drawer-open"), first_page],
    )
}

/// The count, the filters button, the sort menu and the downloads.
fn toolbar(
    props: &Props,
    results: &ResultsView,
    drawer: &UseStateHandle<bool>,
    (sort_select, download): (Html, Html),
) -> Html {
    let v = &props.view;
    let active: usize = v.filters.values().map(Vec::len).sum::<usize>()
        + usize::from(v.from.is_some() || v.to.is_some());
    results_toolbar(&ResultsToolbarProps {
        count: count_text(v, results.total).into(),
        live_query: Some(results.key.q.clone().into()),
        children: html! {
            <>
                { filters_toggle(&FiltersToggleProps {
                    active,
                    expanded: **drawer,
                    onclick: props.archive.is_some().then(|| drawer_toggle(drawer)),
                }) }
                { sort_select }
                if results.total > 0 {
                    { download }
                }
            </>
        },
    })
}

/// The toolbar's sort menu (its callback the same from render to render)
/// and result downloads.
#[hook]
fn use_toolbar_controls(props: &Props) -> (Html, Html) {
    let on_change = use_callback(props.dispatch.clone(), |sort, d| {
        d.emit(Action::SetSort(sort))
    });
    let v = &props.view;
    let sort = use_sort_select(&sort_select::Props {
        sort: v.sort,
        no_query: v.q.trim().is_empty(),
        on_change,
        disabled: props.archive.is_none(),
    });
    let download = use_download_results(&download_results::Props {
        archive: props.archive.clone(),
        search: v.search_key(),
        view: v.clone(),
    });
    (sort, download)
}

/// Escape closes the open drawer wherever the focus is: right after the
/// drawer opens, focus may not have moved into it yet. (Inside it, the
/// panel handles Escape itself and stops it here.)
#[hook]
fn use_escape_closes(open: bool, close: Callback<()>) {
    use_effect_with(open, move |open| {
        let listener = if *open {
            dom::window().map(|w| {
                EventListener::new(&w, "keydown", move |e| {
                    let escape = e
                        .dyn_ref::<KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape");
                    if escape {
                        close.emit(());
                    }
                })
            })
        } else {
            None
        };
        move || drop(listener)
    });
}

/// Remembers the scroll position in `scroll`; restores it when coming back
/// from a document to the same search. The restore waits for the results
/// to be on the page (a shorter page would clamp it), and until it has
/// happened scroll events (the clamp itself among them) must not overwrite
/// what is remembered.
#[hook]
fn use_scroll_memory(scroll: ScrollMemory, has_results: bool) {
    let restore = use_mut_ref(|| None::<f64>);
    {
        let restore = restore.clone();
        use_effect_with((), move |_| {
            *restore.borrow_mut() = Some(scroll.get());
            let listener = dom::window().map(|w| {
                let scroll = scroll.clone();
                EventListener::new(&w, "scroll", move |_| {
                    if restore.borrow().is_none() {
                        scroll.set(dom::scroll_y());
                    }
                })
            });
            move || drop(listener)
        });
    }
    use_effect_with(has_results, move |has_results| {
        if *has_results {
            if let Some(y) = restore.borrow_mut().take() {
                dom::scroll_to_y(y);
            }
        }
    });
}

/// How many facet sections to draw. The filter column is drawn after the
/// first results, a few sections per frame: at start-up the results are
/// what the visitor waits for, and the column's many checkboxes drawn at
/// once would be one long task (and one long frame) in which a keystroke
/// cannot be handled.
#[hook]
fn use_facet_sections(has_results: bool) -> usize {
    let facet_sections = use_state(|| 0usize);
    {
        let sections = facet_sections.clone();
        use_effect_with(
            (has_results, *facet_sections),
            move |&(has_results, shown)| {
                if has_results && shown < engine::Facet::ALL.len() {
                    dom::after_next_frame(move || sections.set(shown + FACET_SECTIONS_PER_FRAME));
                }
            },
        );
    }
    *facet_sections
}

/// What to do when nothing matches: a spelling suggestion, clearing the
/// filters, browsing everything.
fn no_results(v: &ViewState, results: &ResultsView, dispatch: &Callback<Action>) -> Html {
    let suggestion = results.suggestion.clone().map(|s| {
        let onclick = dispatch.reform({
            let s = s.clone();
            move |_: MouseEvent| Action::SetQuery(s.clone())
        });
        html! {
            <p>{ "Did you mean " }<button type="button" class="suggestion link-button" {onclick}>{ s.clone() }</button>{ "?" }</p>
        }
    });
    let clear = dispatch.reform(|_: MouseEvent| Action::ClearFilters);
    let browse = dispatch.reform(|_: MouseEvent| Action::SetQuery(String::new()));
    html! {
        <div class="no-results">
            <h2>
                if v.q.trim().is_empty() {
                    { "No documents match these filters" }
                } else {
                    { format!("Nothing matches “{}”", v.q.trim()) }
                }
            </h2>
            { suggestion.unwrap_or_default() }
            <ul class="no-results-tips">
                if v.has_filters() {
                    <li><button type="button" class="clear-filters link-button" onclick={clear}>{ "Clear filters" }</button>{ " and search everything" }</li>
                }
                <li>{ "Check the spelling, or try fewer or more general words" }</li>
                if !v.q.trim().is_empty() {
                    <li><button type="button" class="link-button" onclick={browse}>{ "Browse all documents" }</button></li>
                }
            </ul>
        </div>
    }
}

/// The filter column's place before its sections are drawn.
fn empty_filters() -> Html {
    html! {
        <aside id="facets" class="facets" aria-label="Filters">
            <div class="facets-head"><h2>{ "Filters" }</h2></div>
        </aside>
    }
}

/// Closing the filter drawer: by its button or by Escape anywhere; the
/// focus returns to the toggle, so keyboard users never lose their place.
#[hook]
fn use_drawer_closing(drawer: &UseStateHandle<bool>) -> Callback<()> {
    let close = {
        let drawer = drawer.clone();
        use_callback((), move |_: (), _| {
            drawer.set(false);
            dom::focus_later("filters-toggle");
        })
    };
    use_escape_closes(**drawer, close.clone());
    close
}

/// Opening the drawer moves focus into it.
fn drawer_toggle(drawer: &UseStateHandle<bool>) -> Callback<MouseEvent> {
    let drawer = drawer.clone();
    Callback::from(move |_: MouseEvent| {
        let open = !*drawer;
        drawer.set(open);
        if open {
            dom::focus_later("facets-close");
        }
    })
}

/// "All 9 documents" when browsing, else the number of results.
fn count_text(v: &ViewState, total: usize) -> String {
    let browsing = v.q.trim().is_empty() && !v.has_filters();
    if browsing {
        format!("All {}", plural(total, "document", "documents"))
    } else if total == 0 {
        "No results".to_string()
    } else {
        plural(total, "result", "results")
    }
}

/// The person, speaker or place whose company is shown ("who appears with
/// whom"), asked for from the filter column, with the callbacks that show
/// and close it.
struct Company {
    open_with: Callback<(engine::Facet, String)>,
    /// Who appears with the name asked about, when one is.
    panel: Html,
}

#[hook]
fn use_company(drawer: &UseStateHandle<bool>, props: &Props) -> Company {
    let with = use_state(|| None::<(engine::Facet, String)>);
    let open_with = {
        let with = with.clone();
        let drawer = drawer.clone();
        use_callback((), move |fv: (engine::Facet, String), _| {
            with.set(Some(fv));
            drawer.set(false);
            dom::after_next_frame(|| dom::focus("appears-title"));
        })
    };
    let close_with = {
        let with = with.clone();
        use_callback((), move |_: (), _| with.set(None))
    };
    let panel = use_appears_with(&appears_with::Props {
        archive: props.archive.clone(),
        view: props.view.clone(),
        chosen: (*with).clone(),
        on_close: close_with,
    });
    Company { open_with, panel }
}

/// What the engine's notes say, in words, one sentence each.
fn notes_text(notes: &[engine::SearchNote]) -> String {
    use engine::SearchNote;
    let sentence = |n: &SearchNote| match *n {
        SearchNote::Shortened { chars, words } => {
            format!(
                "Only the first {chars} characters or {words} words of the query were searched."
            )
        }
        SearchNote::LongWordLeftOut { bytes } => {
            format!("A word longer than {bytes} characters was left out of the search.")
        }
        SearchNote::SomeWordsOnly => {
            "No document contains all of the words; showing documents that contain some of them."
                .to_string()
        }
        SearchNote::SomeWordsFollow { all } => format!(
            "{all} {} all of the words; documents with some of them follow.",
            if all == 1 {
                "document contains"
            } else {
                "documents contain"
            }
        ),
    };
    notes.iter().map(sentence).collect::<Vec<_>>().join(" ")
}
