use yew::prelude::*;

use crate::state::ViewState;
use view::{result_card, Card, CardProps};

pub struct Props {
    pub cards: Vec<Card>,
    pub active: Option<usize>,
    /// The query these results answer (for scripts timing the update).
    pub query: String,
    /// The search the cards answer; each card links to it with its document open.
    pub view: ViewState,
    pub on_open: Callback<String>,
}

/// Opens the document in place on a plain click; a modified click (new
/// tab or window, download) is the browser's.
fn open_on_plain_click(on_open: &Callback<String>, id: &str) -> Callback<MouseEvent> {
    let on_open = on_open.clone();
    let id = id.to_string();
    Callback::from(move |e: MouseEvent| {
        if !crate::dom::is_plain_click(&e) {
            return;
        }
        e.prevent_default();
        on_open.emit(id.clone());
    })
}

/// The results listbox the search combobox controls.
pub fn result_list(props: &Props) -> Html {
    html! {
        <div id="results" class="results" role="listbox" aria-label="Search results" data-query={props.query.clone()}>
            { for props.cards.iter().enumerate().map(|(i, card)| {
                result_card(&CardProps {
                    card: card.clone(),
                    key: Some(card.id.clone().into()),
                    option: Some(i),
                    active: props.active == Some(i),
                    href: props.view.with_doc(&card.id, None).to_hash().into(),
                    onclick: Some(open_on_plain_click(&props.on_open, &card.id)),
                })
            }) }
        </div>
    }
}
