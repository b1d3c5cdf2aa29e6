//! One component per file. Shared rendering helpers live here.

pub mod active_filters;
pub mod archive_error;
pub mod cite_button;
pub mod download_results;
pub mod facet_panel;
pub mod load_state;
pub mod match_nav;
pub mod outline;
pub mod reader_view;
pub mod result_card;
pub mod result_list;
pub mod search_box;
pub mod sort_select;
pub mod theme_toggle;
pub mod year_chart;

use engine::Range;
use yew::prelude::*;

use crate::highlight::segments;

/// `text` as text nodes, with the `ranges` wrapped in `<mark>`. Corpus text
/// never goes through an HTML parser.
pub fn marked(text: &str, ranges: &[Range]) -> Html {
    segments(text, ranges)
        .into_iter()
        .map(|(hit, piece)| {
            if hit {
                html! { <mark>{ piece.to_string() }</mark> }
            } else {
                html! { { piece.to_string() } }
            }
        })
        .collect()
}

/// Display names of the facets.
pub fn facet_label(facet: &str) -> &'static str {
    match facet {
        "type" => "Type",
        "source" => "Source",
        "year" => "Year",
        "speaker" => "Speaker",
        "person" => "People",
        "place" => "Places",
        "topic" => "Topics",
        "lang" => "Language",
        _ => "Filter",
    }
}

/// "2021-10-08" → "8 Oct 2021"; partial dates keep what they have.
pub use engine::display_date as pretty_date;

/// "1 result", "3 results".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        assert_eq!(pretty_date("2021-10-08"), "8 Oct 2021");
        assert_eq!(pretty_date("2021-10"), "Oct 2021");
        assert_eq!(pretty_date("2021"), "2021");
        assert_eq!(pretty_date("2021-13-01"), "2021-13-01");
    }
}
