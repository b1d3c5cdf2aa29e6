//! The short lines under a title (byline, date, place) read as facts
//! about the document instead of its text.

use super::*;

/// A byline or date line has at most this many words.
pub(super) const HEADER_LINE_WORDS: usize = 12;

/// What a short line under a title states about the document.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct HeaderFacts {
    pub date: Option<String>,
    pub byline: Option<String>,
}

/// Reads a line that only states a byline and/or a date: "By Ana Ruiz",
/// "March 4, 2020", "Published 4 March 2020", "By Ana Ruiz · March 4, 2020",
/// "Posted on March 4, 2020 by Ana Ruiz". `None` for anything else (a
/// bare year is a number, not a date line).
pub(crate) fn header_facts(line: &str) -> Option<HeaderFacts> {
    if !is_short(line) {
        return None;
    }
    let mut facts = HeaderFacts::default();
    for part in line.split(['·', '|', '•']).flat_map(|p| p.split(" — ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((d, _)) = date_line(part) {
            facts.date.get_or_insert(d);
        } else if is_byline(part) {
            facts.byline.get_or_insert_with(|| part.to_string());
        } else if let Some((d, by)) = part
            .rsplit_once(" by ")
            .and_then(|(d, by)| Some((date_line(d)?.0, by.trim())))
            .filter(|(_, by)| !by.is_empty() && by.split_whitespace().count() <= 5)
        {
            // "Posted on March 4, 2020 by Ana Ruiz"
            facts.date.get_or_insert(d);
            facts.byline.get_or_insert_with(|| format!("By {by}"));
        } else {
            return None;
        }
    }
    (facts != HeaderFacts::default()).then_some(facts)
}

/// "By Ana Ruiz", "By Ana Ruiz and Tom Lee": "By" and a capitalised name.
pub(super) fn is_byline(s: &str) -> bool {
    s.strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .is_some_and(|rest| {
            rest.starts_with(char::is_uppercase) && rest.split_whitespace().count() <= 8
        })
}

/// Moves byline and date lines at the top of the body into `stated`: they
/// are facts about the document, not its text. A stated date (meta tag,
/// `<time datetime>`) is kept over a printed one.
pub(super) fn take_header_facts(blocks: &mut Vec<RawBlock>, stated: &mut Stated) {
    let mut i = 0;
    while i < blocks.len().min(3) {
        let b = &blocks[i];
        if !matches!(b.kind, RawKind::Paragraph) || !is_short(&b.text) {
            break;
        }
        match header_facts(&b.text) {
            Some(f) => {
                if let Some(d) = f.date {
                    stated.date.get_or_insert(d);
                }
                if let Some(by) = f.byline {
                    stated.extra.entry("byline".into()).or_insert(by);
                }
                blocks.remove(i);
            }
            None => i += 1,
        }
    }
}
