//! One component per file. Shared rendering helpers live here.

pub mod active_filters;
pub mod appears_with;
pub mod archive_error;
pub mod cite_button;
pub mod doc_company;
pub mod download_results;
pub mod facet_panel;
pub mod load_state;
pub mod match_nav;
pub mod outline;
pub mod reader_view;
pub mod related_list;
pub mod result_list;
pub mod search_box;
pub mod search_help;
pub mod sort_select;
pub mod theme_toggle;
pub mod year_chart;

use yew::prelude::*;

/// Display names of the facets.
pub fn facet_label(facet: engine::Facet) -> &'static str {
    use engine::Facet;
    match facet {
        Facet::Type => "Type",
        Facet::Source => "Source",
        Facet::Year => "Year",
        Facet::Speaker => "Speaker",
        Facet::Person => "People",
        Facet::Place => "Places",
        Facet::Topic => "Topics",
        Facet::Lang => "Language",
    }
}

/// "2021-10-08" → "8 Oct 2021"; partial dates keep what they have.
pub use view::display_date as pretty_date;

/// "1 result", "3 results".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A panel a button opens (the citation menu, the search tips).
pub struct Disclosure {
    pub open: UseStateHandle<bool>,
    /// For the panel's Close button.
    pub close: Callback<MouseEvent>,
    /// For the panel's keydown: Escape closes it and goes no further (the
    /// page's own Escape clears the query or leaves a document).
    pub on_key: Callback<KeyboardEvent>,
}

/// Closing gives the focus back to the button, `toggle_id`.
#[hook]
pub fn use_disclosure(toggle_id: &'static str) -> Disclosure {
    let open = use_state(|| false);
    let shut = {
        let open = open.clone();
        move || {
            open.set(false);
            crate::dom::focus(toggle_id);
        }
    };
    let close = {
        let shut = shut.clone();
        Callback::from(move |_: MouseEvent| shut())
    };
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.stop_propagation();
            shut();
        }
    });
    Disclosure {
        open,
        close,
        on_key,
    }
}
