//! The page's frame: the site header with the archive's name and the search
//! field, which the reader draws around its pages (and build-index, when it
//! renders the reader's first page into `index.html`).

use yew::prelude::*;

/// The name a page shows for an archive without one.
pub const DEFAULT_NAME: &str = "Document archive";

/// The combobox state of the search field: the reader's field controls the
/// results listbox (`None`: a plain search field).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Combobox {
    /// Whether the listbox is showing options.
    pub expanded: bool,
    pub active_descendant: Option<String>,
}

#[derive(Clone, PartialEq, Default)]
pub struct SearchFieldProps {
    pub node: NodeRef,
    pub value: AttrValue,
    pub combobox: Option<Combobox>,
    pub oninput: Option<Callback<InputEvent>>,
    pub onkeydown: Option<Callback<KeyboardEvent>>,
    /// Drawn inside the field, after the input (the search help).
    pub children: Html,
}

/// The search field; in the reader an ARIA 1.2 combobox controlling the
/// `#results` listbox.
pub fn search_field(props: &SearchFieldProps) -> Html {
    let c = props.combobox.as_ref();
    html! {
        <div class="search-field" role="search">
            <label for="search" class="visually-hidden">{ "Search the archive" }</label>
            <svg class="search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="10.5" cy="10.5" r="6.5" />
                <line x1="15.5" y1="15.5" x2="21" y2="21" />
            </svg>
            <input
                ref={props.node.clone()}
                id="search"
                type="search"
                role={c.map(|_| "combobox")}
                aria-controls={c.map(|_| "results")}
                aria-expanded={c.map(|c| c.expanded.to_string())}
                aria-autocomplete={c.map(|_| "list")}
                aria-activedescendant={c.and_then(|c| c.active_descendant.clone())}
                aria-describedby="search-hint"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder="Search documents, people, places…"
                value={props.value.clone()}
                oninput={props.oninput.clone()}
                onkeydown={props.onkeydown.clone()}
            />
            <kbd class="shortcut" aria-hidden="true">{ "/" }</kbd>
            { props.children.clone() }
            <span id="search-hint" class="visually-hidden">
                { "Results update as you type. Use the arrow keys to move through them and Enter to open one." }
            </span>
        </div>
    }
}

#[derive(Clone, PartialEq, Default)]
pub struct SiteHeaderProps {
    pub name: AttrValue,
    /// Before the header's row: the reader's skip link.
    pub skip: Html,
    /// The row after the name: the search field and the header's buttons.
    pub children: Html,
}

pub fn site_header(props: &SiteHeaderProps) -> Html {
    html! {
        <header class="site-header">
            { props.skip.clone() }
            <div class="header-inner">
                <a class="brand" href="#" title="Show all documents">{ props.name.clone() }</a>
                { props.children.clone() }
            </div>
        </header>
    }
}
