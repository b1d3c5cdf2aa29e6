use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
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
    #[prop_or_default]
    pub children: Html,
}

/// The search field, an ARIA 1.2 combobox controlling the `#results` listbox.
#[component]
pub fn SearchBox(props: &Props) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let autofocus = props.autofocus;
        use_effect_with((), move |_| {
            if autofocus {
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
    html! {
        <div class="search-field" role="search">
            <label for="search" class="visually-hidden">{ "Search the archive" }</label>
            <svg class="search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="10.5" cy="10.5" r="6.5" />
                <line x1="15.5" y1="15.5" x2="21" y2="21" />
            </svg>
            <input
                ref={node}
                id="search"
                type="search"
                role="combobox"
                aria-controls="results"
                aria-expanded={props.expanded.to_string()}
                aria-autocomplete="list"
                aria-activedescendant={props.active_descendant.clone()}
                aria-describedby="search-hint"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder="Search documents, people, places…"
                value={props.value.clone()}
                {oninput}
                {onkeydown}
            />
            <kbd class="shortcut" aria-hidden="true">{ "/" }</kbd>
            { props.children.clone() }
            <span id="search-hint" class="visually-hidden">
                { "Results update as you type. Use the arrow keys to move through them and Enter to open one." }
            </span>
        </div>
    }
}
