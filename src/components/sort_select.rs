use engine::Sort;
use view::{shown_sort, sort_menu, SortMenuProps};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

pub struct Props {
    pub sort: Sort,
    /// No query text: relevance means nothing, and the list is newest
    /// first; the menu says so rather than "Relevance".
    pub no_query: bool,
    pub on_change: Callback<Sort>,
    /// Until the archive has loaded (index.html's first page).
    pub disabled: bool,
}

/// The sort menu, wired to the state. A hook of the search page rather
/// than a component: a component type costs the wasm its own copy of
/// Yew's machinery.
#[hook]
pub fn use_sort_select(props: &Props) -> Html {
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Sort::from_name(&select.value()));
        })
    };
    let shown = shown_sort(props.sort, props.no_query);
    // The menu's value follows the state even after the visitor has used
    // it (an option's `selected` only sets the initial choice).
    let node = use_node_ref();
    {
        let node = node.clone();
        let value = shown.name();
        use_effect_with((value, props.no_query), move |(value, _)| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                if select.value() != *value {
                    select.set_value(value);
                }
            }
        });
    }
    sort_menu(&SortMenuProps {
        sort: props.sort,
        no_query: props.no_query,
        node,
        onchange: (!props.disabled).then_some(onchange),
    })
}
