use engine::{Facet, FacetMap};
use yew::prelude::*;

use super::facet_label;
use super::year_chart::{self, use_year_chart};
use crate::state::{Action, ViewState};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub facets: FacetMap<Vec<(String, u32)>>,
    pub view: ViewState,
    pub years: Vec<i32>,
    pub dispatch: Callback<Action>,
    /// Drawer state on small screens.
    pub open: bool,
    pub on_close: Callback<()>,
    /// Values an embedding page fixed: shown ticked and disabled.
    #[prop_or_default]
    pub locked: ViewState,
    /// How many facet sections to draw, in `engine::FACETS` order (the
    /// column is drawn a few sections per frame at start-up).
    #[prop_or(usize::MAX)]
    pub sections: usize,
    /// Show who appears with this (facet, value).
    #[prop_or_default]
    pub on_with: Callback<(Facet, String)>,
}

/// Values listed before "Show all".
const COLLAPSED: usize = 8;

/// The facet checkboxes (a drawer on small screens). Counts are the
/// engine's disjunctive counts, so ticking one value never hides its
/// siblings.
#[component]
pub fn FacetPanel(props: &Props) -> Html {
    let expanded = use_state(FacetMap::<()>::new);
    let v = &props.view;
    let year_chart = use_year_chart(&year_chart::Props {
        years: props.years.clone(),
        counts: props.facets.get(&Facet::Year).cloned().unwrap_or_default(),
        from: v.from.clone(),
        to: v.to.clone(),
        on_range: props
            .dispatch
            .reform(|(from, to): (Option<String>, Option<String>)| Action::SetRange { from, to }),
    });
    let mut year_chart = Some(year_chart);
    // Keyed by facet: while the column fills a few sections per frame, the
    // sections already drawn keep their nodes (an unkeyed list is matched
    // from its end, which would redraw every section into another's node
    // and move them all).
    let sections = Facet::ALL.into_iter().take(props.sections).filter_map(|facet| {
        if facet == Facet::Year {
            return Some(html! {
                <fieldset key={facet.name()} class="facet" data-facet="year">
                    <legend>{ "Year" }</legend>
                    { year_chart.take().unwrap_or_default() }
                </fieldset>
            });
        }
        let mut values: Vec<(String, u32)> = props.facets.get(&facet).cloned().unwrap_or_default();
        // A selected value stays visible (with 0) even when the query
        // leaves no document with it, so it can be unticked.
        for sel in v.filters.get(&facet).into_iter().flatten() {
            if !values.iter().any(|(x, _)| x == sel) {
                values.push((sel.clone(), 0));
            }
        }
        let selected_count = v.filters.get(&facet).map_or(0, Vec::len);
        if values.is_empty() || (facet == Facet::Lang && values.len() < 2 && selected_count == 0) {
            return None;
        }
        let open = expanded.contains_key(&facet);
        let total = values.len();
        let shown = if open { total } else { total.min(COLLAPSED) };
        let toggle_more = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| {
                let mut set = (*expanded).clone();
                if set.remove(&facet).is_none() {
                    set.insert(facet, ());
                }
                expanded.set(set);
            })
        };
        let clear = props.dispatch.reform(move |_: MouseEvent| Action::ClearFacet(facet));
        let label = facet_label(facet);
        Some(html! {
            <fieldset key={facet.name()} class="facet" data-facet={facet.name()}>
                <legend>{ label }</legend>
                <ul class="facet-values">
                    { value_items(props, facet, &values[..shown]) }
                </ul>
                <div class="facet-actions">
                    if total > COLLAPSED {
                        <button type="button" class="link-button facet-more" aria-expanded={open.to_string()} onclick={toggle_more}>
                            { if open { "Show fewer".to_string() } else { format!("Show all {total}") } }
                        </button>
                    }
                    if selected_count > 0 {
                        <button type="button" class="link-button facet-clear" aria-label={format!("Clear {label} filter")} onclick={clear}>{ "Clear" }</button>
                    }
                </div>
                { appears_buttons(props, facet) }
            </fieldset>
        })
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_close = props.on_close.clone();
        let open = props.open;
        Callback::from(move |e: KeyboardEvent| {
            if open && e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let panel = html! {
        <aside id="facets" class="facets" aria-label="Filters" {onkeydown}>
            <div class="facets-head">
                <h2>{ "Filters" }</h2>
                <button type="button" id="facets-close" class="facets-close small-button" onclick={close}>{ "Show results" }</button>
            </div>
            { for sections }
        </aside>
    };
    view::with_classes(panel, "facets", &[props.open.then_some("open")])
}

/// One facet's values as checkboxes with their counts.
fn value_items(props: &Props, facet: Facet, values: &[(String, u32)]) -> Html {
    values.iter().enumerate().map(|(i, (value, count))| {
        let id = format!("f-{facet}-{i}");
        let onchange = props.dispatch.reform({
            let value = value.clone();
            move |_: Event| Action::ToggleFilter { facet, value: value.clone() }
        });
        let checked = props.view.is_selected(facet, value);
        let disabled = props.locked.is_selected(facet, value);
        html! {
            <li key={value.clone()}>
                <input type="checkbox" id={id.clone()} value={value.clone()} {checked} {disabled} {onchange} />
                { view::with_classes(html! {
                    <label for={id} class="facet-option">
                        <span class="facet-value">{ value.clone() }</span>
                        <span class="count">{ count.to_string() }</span>
                    </label>
                }, "facet-option", &[(*count == 0).then_some("zero")]) }
            </li>
        }
    }).collect()
}

/// "Who appears with …?" for up to three selected values of a facet that
/// has company (people, places, speakers).
fn appears_buttons(props: &Props, facet: Facet) -> Html {
    if !crate::archive::APPEARS_WITH.contains(&facet) {
        return Html::default();
    }
    let v = &props.view;
    v.filters
        .get(&facet)
        .into_iter()
        .flatten()
        .take(3)
        .map(|value| {
            let onclick = props.on_with.reform({
                let fv = (facet, value.clone());
                move |_: MouseEvent| fv.clone()
            });
            html! {
                <button type="button" class="link-button appears-button" {onclick}>
                    { format!("Who appears with {value}?") }
                </button>
            }
        })
        .collect()
}
