use yew::prelude::*;

use super::appears_with::{self, use_appears_with};
use super::facet_label;
use crate::archive::{ArchiveHandle, APPEARS_WITH};
use crate::state::ViewState;
use engine::Document;
use std::rc::Rc;

pub struct Props {
    pub archive: ArchiveHandle,
    /// The open document, once loaded.
    pub doc: Option<Rc<Document>>,
    /// The open document's view: its search is what is counted.
    pub view: ViewState,
}

/// Names of this document shown at most, per facet.
const NAMES: usize = 8;

/// "Who appears with whom" from the reading view: pick one of the
/// document's people, speakers or places to see who else appears with them
/// across the current results. Folded until asked for. A hook of the
/// reading page rather than a component: a component type costs the wasm
/// its own copy of Yew's machinery.
#[hook]
pub fn use_doc_company(props: &Props) -> Html {
    // The name asked about, with the document it was asked from: the
    // state outlives the document (a hook of the page, not a component of
    // the document's view), and another document starts with none.
    let asked = use_state(|| None::<(String, engine::Facet, String)>);
    let doc_id = props.doc.as_ref().map(|d| d.id.as_str());
    let chosen = asked
        .as_ref()
        .filter(|(id, ..)| Some(id.as_str()) == doc_id)
        .map(|(_, f, v)| (*f, v.clone()));
    let close = {
        let asked = asked.clone();
        Callback::from(move |()| asked.set(None))
    };
    let results = props.view.results_view();
    let appears = use_appears_with(&appears_with::Props {
        archive: Some(props.archive.clone()),
        view: results.clone(),
        chosen: chosen.clone(),
        on_close: close,
    });
    let Some(doc) = &props.doc else {
        return Html::default();
    };
    let groups: Vec<(engine::Facet, Vec<String>)> = APPEARS_WITH
        .iter()
        .map(|&f| (f, doc.facet_values(f)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if groups.is_empty() {
        return Html::default();
    }
    html! {
        <details class="doc-company">
            <summary>{ "Who appears with whom" }</summary>
            <p class="doc-company-lead">
                { if results.q.trim().is_empty() && !results.has_filters() {
                    "Choose a name to see who else appears with it across the archive."
                } else {
                    "Choose a name to see who else appears with it across the current results."
                } }
            </p>
            { for groups.iter().map(|(facet, values)| html! {
                <div class="doc-company-group">
                    <span class="doc-company-label">{ facet_label(*facet) }</span>
                    { for values.iter().take(NAMES).map(|value| {
                        let pressed = chosen.as_ref().is_some_and(|(f, v)| f == facet && v == value);
                        let onclick = {
                            let asked = asked.clone();
                            let it = (doc.id.clone(), *facet, value.clone());
                            Callback::from(move |_: MouseEvent| asked.set(Some(it.clone())))
                        };
                        html! {
                            <button type="button" class="small-button company-name" aria-pressed={pressed.to_string()} {onclick}>
                                { value.clone() }
                            </button>
                        }
                    }) }
                </div>
            }) }
            { appears }
        </details>
    }
}
