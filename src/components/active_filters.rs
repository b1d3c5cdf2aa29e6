use yew::prelude::*;

use super::facet_label;
use crate::state::{Action, ViewState};

#[derive(PartialEq)]
pub struct Props {
    pub view: ViewState,
    pub dispatch: Callback<Action>,
    /// Filters an embedding page fixed: their chips have no remove button.
    pub locked: ViewState,
}

/// The active filters as removable chips, plus "clear all".
/// A function, not a component: it keeps no state, and every component
/// type adds its own copy of Yew's machinery (hydration included) to the
/// wasm.
pub fn active_filters(props: &Props) -> Html {
    let v = &props.view;
    if !v.has_filters() {
        return Html::default();
    }
    let mut chips: Vec<(String, Option<Action>)> = Vec::new();
    for facet in engine::Facet::ALL {
        for value in v.filters.get(&facet).into_iter().flatten() {
            let remove = Action::ToggleFilter {
                facet,
                value: value.clone(),
            };
            chips.push((
                format!("{}: {value}", facet_label(facet)),
                (!props.locked.is_selected(facet, value)).then_some(remove),
            ));
        }
    }
    if v.from.is_some() || v.to.is_some() {
        let from = v.from.as_deref().unwrap_or("…");
        let to = v.to.as_deref().unwrap_or("…");
        let label = if from == to {
            format!("Year: {from}")
        } else {
            format!("Years: {from}–{to}")
        };
        let locked = props.locked.from.is_some() || props.locked.to.is_some();
        chips.push((
            label,
            (!locked).then_some(Action::SetRange {
                from: None,
                to: None,
            }),
        ));
    }
    let clear_all = props.dispatch.reform(|_: MouseEvent| Action::ClearFilters);
    html! {
        <div class="active-filters" role="group" aria-label="Active filters">
            <ul class="chips">
                { for chips.into_iter().map(|(label, action)| {
                    let remove = action.map(|action| {
                        let onclick = props.dispatch.reform(move |_: MouseEvent| action.clone());
                        html! {
                            <button type="button" class="chip-remove" aria-label={format!("Remove filter {label}")} {onclick}>
                                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4 4l8 8M12 4l-8 8" /></svg>
                            </button>
                        }
                    });
                    html! {
                        <li class="chip">
                            <span>{ label.clone() }</span>
                            { for remove }
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="clear-all link-button" onclick={clear_all}>{ "Clear all" }</button>
        </div>
    }
}
