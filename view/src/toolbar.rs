//! The results toolbar: the count, the filters button, the sort menu and the
//! download buttons. The reader wires them up; the downloads show disabled
//! until the archive has loaded (in place, so nothing moves when they
//! work).

use engine::Sort;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
pub struct ResultsToolbarProps {
    pub count: AttrValue,
    /// The reader's live count: announced when it changes, and tagged with
    /// the query it counts (for scripts timing the update).
    pub live_query: Option<AttrValue>,
    /// The toolbar's controls.
    pub children: Html,
}

pub fn results_toolbar(props: &ResultsToolbarProps) -> Html {
    let live = props.live_query.is_some();
    html! {
        <div class="results-toolbar">
            <p
                id={live.then_some("result-count")}
                class="result-count"
                role={live.then_some("status")}
                aria-live={live.then_some("polite")}
                data-query={props.live_query.clone()}
            >{ props.count.clone() }</p>
            <div class="toolbar-actions">{ props.children.clone() }</div>
        </div>
    }
}

#[derive(Clone, PartialEq, Default)]
pub struct FiltersToggleProps {
    /// Filters in force, counted on the button.
    pub active: usize,
    pub expanded: bool,
    /// `None`: disabled (no filter column to open yet).
    pub onclick: Option<Callback<MouseEvent>>,
}

/// The button that opens the filter column as a drawer on narrow screens.
pub fn filters_toggle(props: &FiltersToggleProps) -> Html {
    let enabled = props.onclick.is_some();
    let label = if props.active > 0 {
        format!("Filters ({})", props.active)
    } else {
        "Filters".to_owned()
    };
    html! {
        <button
            type="button"
            id={enabled.then_some("filters-toggle")}
            class="filters-toggle small-button"
            aria-controls={enabled.then_some("facets")}
            aria-expanded={enabled.then(|| props.expanded.to_string())}
            disabled={!enabled}
            onclick={props.onclick.clone()}
        >{ label }</button>
    }
}

/// The sort a menu shows: without query text relevance means nothing, and
/// the list is newest first; the menu says so rather than "Relevance".
pub fn shown_sort(sort: Sort, no_query: bool) -> Sort {
    match sort {
        Sort::Relevance if no_query => Sort::Newest,
        s => s,
    }
}

#[derive(Clone, PartialEq, Default)]
pub struct SortMenuProps {
    pub sort: Sort,
    pub no_query: bool,
    pub node: NodeRef,
    /// `None`: disabled.
    pub onchange: Option<Callback<Event>>,
}

pub fn sort_menu(props: &SortMenuProps) -> Html {
    let shown = shown_sort(props.sort, props.no_query);
    let enabled = props.onchange.is_some();
    let option = |label: &'static str, s: Sort| {
        let value = s.name();
        html! { <option {value} selected={shown == s}>{ label }</option> }
    };
    html! {
        <div class="sort">
            <label for={enabled.then_some("sort")}>{ "Sort" }</label>
            <select
                id={enabled.then_some("sort")}
                ref={props.node.clone()}
                aria-label={(!enabled).then_some("Sort")}
                disabled={!enabled}
                onchange={props.onchange.clone()}
            >
                if !props.no_query {
                    { option("Relevance", Sort::Relevance) }
                }
                { option("Newest first", Sort::Newest) }
                { option("Oldest first", Sort::Oldest) }
            </select>
        </div>
    }
}

#[derive(Clone, PartialEq, Default)]
pub struct DownloadButtonsProps {
    /// `None`: disabled.
    pub on_csv: Option<Callback<MouseEvent>>,
    pub on_json: Option<Callback<MouseEvent>>,
    /// What the download is doing, for screen readers.
    pub status: AttrValue,
}

pub fn download_buttons(props: &DownloadButtonsProps) -> Html {
    html! {
        <div class="download" role="group" aria-label="Download results">
            <span class="download-label" aria-hidden="true">{ "Download" }</span>
            <button type="button" class="download-csv small-button" aria-label="Download results as CSV"
                disabled={props.on_csv.is_none()} onclick={props.on_csv.clone()}>{ "CSV" }</button>
            <button type="button" class="download-json small-button" aria-label="Download results as JSON"
                disabled={props.on_json.is_none()} onclick={props.on_json.clone()}>{ "JSON" }</button>
            <span class="visually-hidden" role="status">{ props.status.clone() }</span>
        </div>
    }
}
