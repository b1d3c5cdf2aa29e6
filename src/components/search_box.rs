use view::{search_field, Combobox, SearchFieldProps};
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub struct Props {
    pub value: String,
    pub on_input: Callback<String>,
    pub on_key: Callback<KeyboardEvent>,
    /// Whether the result listbox is showing options.
    pub expanded: bool,
    pub active_descendant: Option<String>,
    /// Focus on first render (not in embed mode: never steal the host's focus).
    pub autofocus: bool,
    /// Drawn inside the field, after the input (the search help).
    pub children: Html,
}

/// The search field (the view crate's), an ARIA 1.2 combobox controlling
/// the `#results` listbox, with its focus and input wiring. A hook of the
/// root component, which draws it on every render anyway, rather than a
/// component: a component type costs the wasm its own copy of Yew's
/// machinery.
#[hook]
pub fn use_search_box(props: Props) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let autofocus = props.autofocus;
        use_effect_with((), move |_| {
            // A visitor who tabbed to a card or a control of index.html's
            // first page before the app ran keeps that focus: the app adopts
            // those nodes, and pulling the focus back to the box would lose
            // their place.
            if autofocus && crate::dom::focus_is_idle_or_in_search() {
                if let Some(input) = node.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
        });
    }
    let oninput = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let onkeydown = props.on_key.reform(|e: KeyboardEvent| e);
    let combobox = Combobox {
        expanded: props.expanded,
        active_descendant: props.active_descendant.clone(),
    };
    search_field(&SearchFieldProps {
        node,
        value: props.value.clone().into(),
        combobox: Some(combobox),
        oninput: Some(oninput),
        onkeydown: Some(onkeydown),
        children: props.children,
    })
}
