use yew::prelude::*;

use super::result_card::ResultCard;
use crate::archive::Card;
use crate::state::ViewState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cards: Vec<Card>,
    pub active: Option<usize>,
    /// The query these results answer (for scripts timing the update).
    pub query: String,
    /// The search the cards answer; each card links to it with its document open.
    pub view: ViewState,
    pub on_open: Callback<String>,
}

/// The results listbox the search combobox controls.
#[component]
pub fn ResultList(props: &Props) -> Html {
    html! {
        <div id="results" class="results" role="listbox" aria-label="Search results" data-query={props.query.clone()}>
            { for props.cards.iter().enumerate().map(|(i, card)| html! {
                <ResultCard
                    key={card.id.clone()}
                    card={card.clone()}
                    index={i}
                    active={props.active == Some(i)}
                    href={props.view.with_doc(&card.id, None).to_hash()}
                    on_open={props.on_open.clone()}
                />
            }) }
        </div>
    }
}
