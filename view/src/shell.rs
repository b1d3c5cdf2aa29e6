//! The page's frame: the site header with the archive's name and the search
//! field. The reader draws it around its pages; build-index renders it,
//! with the first page of results, into `index.html`'s `#app`, so the first
//! paint is the page the reader then takes over, not a copy of it.

use yew::prelude::*;

use crate::{first_page_view, FirstPage};

/// The name a page shows for an archive without one.
pub const DEFAULT_NAME: &str = "Document archive";

/// The combobox state of the search field, once the results listbox it
/// controls exists (the reader's; `index.html`'s field has none).
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

#[derive(Clone, PartialEq, Default)]
pub struct ShellProps {
    pub name: AttrValue,
    pub first_page: Option<FirstPage>,
}

/// `index.html`'s page before the reader runs: the header (the header's
/// buttons are a placeholder of their size) and the first page of results,
/// or a loading state when there is none.
pub fn page_shell(props: &ShellProps) -> Html {
    html! {
        <div class="shell">
            { site_header(&SiteHeaderProps {
                name: props.name.clone(),
                skip: Html::default(),
                children: html! {
                    <>
                        { search_field(&SearchFieldProps::default()) }
                        <span class="icon-button boot-placeholder" aria-hidden="true"></span>
                    </>
                },
            }) }
            <main id="main" class="main">
                if let Some(page) = &props.first_page {
                    { first_page_view(page) }
                }
                <section class="loading" aria-busy="true">
                    <p id="loading-label">{ "Loading the archive…" }</p>
                    <progress aria-labelledby="loading-label"></progress>
                </section>
            </main>
        </div>
    }
}
