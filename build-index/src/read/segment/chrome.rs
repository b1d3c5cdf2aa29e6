//! Page chrome found by shape across units: trailers repeated before each
//! next title, teaser lists, comment tails and link lists.

use super::*;
/// Words a trailer line has at most.
pub(super) const TRAILER_WORDS: usize = 24;

/// The shape of a short line that could be a trailer: its first two words,
/// lowercased, and how many `|` separators it has. `None` for lines that
/// read as prose or are too short to have a shape.
pub(super) fn trailer_shape(u: &Unit) -> Option<(String, usize)> {
    if !matches!(u.kind, Kind::Heading | Kind::Prose) {
        return None;
    }
    let t = u.text.trim_end();
    if t.split_whitespace().nth(TRAILER_WORDS).is_some() || t.ends_with(['.', '!', '?', ':', ',']) {
        return None;
    }
    let mut words = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    let second = words.next()?;
    Some((format!("{first} {second}"), t.matches('|').count()))
}

/// Marks trailers: lines of one shape (see [`trailer_shape`]) printed two
/// or more times in a file, each followed by nothing but chrome before
/// the next title (a heading followed by text or a date line) or the end. Section headings
/// that repeat ("Key findings") are followed by their text, so they stay.
pub(super) fn mark_trailers(us: &mut [Unit]) {
    let mut counts: std::collections::BTreeMap<(String, usize), usize> = Default::default();
    for u in us.iter() {
        if let Some(s) = trailer_shape(u) {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    let n = us.len();
    for i in 1..n {
        let Some(shape) = trailer_shape(&us[i]) else {
            continue;
        };
        if counts.get(&shape).copied().unwrap_or(0) < 2 {
            continue;
        }
        let mut j = i + 1;
        while j < n && matches!(us[j].kind, Kind::Boiler(_)) {
            j += 1;
        }
        let next_starts_article = j >= n
            || (us[j].kind == Kind::Heading
                && us
                    .get(j + 1)
                    .is_some_and(|u| u.is_body() || matches!(u.kind, Kind::Date { .. })));
        if next_starts_article {
            us[i].kind = Kind::Boiler(Rule::Trailer);
        }
    }
}

/// Marks a list of teasers after an article: three or more teasers — a
/// title-like line with one short paragraph (a standfirst), as two units
/// or as one two-line unit — with nothing longer among them, running to
/// the end of the file or into chrome. Such a list names other articles;
/// it is not one.
pub(super) fn mark_teaser_pairs(us: &mut [Unit], lines: &[&str]) {
    const STANDFIRST_WORDS: u32 = 40;
    let n = us.len();
    // Under a "Related stories" header, every short item to the end (or
    // to chrome) is a teaser, whatever its title looks like.
    for h in 0..n {
        if !matches!(
            us[h].kind,
            Kind::Boiler(Rule::Related | Rule::FurtherReading)
        ) {
            continue;
        }
        // The list ends at chrome, or where an article starts again: a
        // title over a paragraph longer than any standfirst.
        let end = (h + 1..n)
            .find(|&k| {
                matches!(us[k].kind, Kind::Boiler(_))
                    || (us[k].kind == Kind::Heading
                        && us.get(k + 1).is_some_and(|v| {
                            // A title and standfirst wrapped on two lines is a teaser.
                            v.is_body() && v.words() >= MIN_WORDS && v.end != v.start + 1
                        }))
            })
            .unwrap_or(n);
        let items = &us[h + 1..end];
        let short = items.iter().all(|u| {
            u.end <= u.start + 1
                && u.words() <= STANDFIRST_WORDS + 20
                && !matches!(u.kind, Kind::Date { .. })
        });
        if items.len() >= 2 && short {
            for u in &mut us[h + 1..end] {
                u.kind = Kind::Boiler(Rule::Teaser);
            }
        }
    }
    // Units a teaser at `k` takes (0: not a teaser).
    let teaser_at = |k: usize| -> usize {
        let u = &us[k];
        if u.kind == Kind::Heading
            && us
                .get(k + 1)
                .is_some_and(|v| v.kind == Kind::Prose && v.words() <= STANDFIRST_WORDS)
        {
            return 2;
        }
        let first = lines
            .get(u.start.saturating_sub(1) as usize)
            .map_or("", |l| l.trim());
        let two_lines = u.end == u.start + 1;
        if u.kind == Kind::Prose
            && two_lines
            && u.words() <= STANDFIRST_WORDS + 12
            && heading_like(first)
        {
            return 1;
        }
        0
    };
    let takes: Vec<usize> = (0..n).map(teaser_at).collect();
    let mut i = 0;
    while i < n {
        let mut j = i;
        let mut teasers = 0;
        loop {
            let take = takes.get(j).copied().unwrap_or(0);
            if take == 0 {
                break;
            }
            teasers += 1;
            j += take;
        }
        let ends_in_chrome = j >= n || matches!(us[j].kind, Kind::Boiler(_));
        let after_text =
            i > 0 && (us[i - 1].is_body() || matches!(us[i - 1].kind, Kind::Boiler(_)));
        if teasers >= 3 && ends_in_chrome && after_text {
            for u in &mut us[i..j] {
                u.kind = Kind::Boiler(Rule::Teaser);
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Marks a comment tail: from a comment-section header ("12 comments",
/// "3 Responses", "Leave a Reply") that a commenter's line follows
/// ("Mike R. says:", "K. Smith wrote:") within two units, to the end of
/// the file. Comments are readers' notes on the document, not documents.
pub(super) fn mark_comment_tail(us: &mut [Unit]) {
    let n = us.len();
    // "Mike R. says:", alone or with its date joined on ("… says: March 5,
    // 2020 at 3:04 pm"): a name of at most four words, then the verb.
    let commenter = |u: &Unit| {
        u.text
            .split_whitespace()
            .take(5)
            .position(|w| matches!(w, "says:" | "said:" | "wrote:" | "says"))
            .is_some_and(|k| k >= 1)
    };
    for i in 0..n {
        if !boilerplate::is_comments_header(&us[i].text) {
            continue;
        }
        if (i + 1..n.min(i + 3)).any(|k| commenter(&us[k])) {
            for u in &mut us[i..] {
                u.kind = Kind::Boiler(Rule::Related);
            }
            return;
        }
    }
}

/// Marks the link titles under a "For more information" header as chrome.
/// The last heading of the run is kept when prose follows it: that is the
/// next article's title, not a link.
pub(super) fn mark_link_lists(us: &mut [Unit]) {
    let mut i = 0;
    while i < us.len() {
        if us[i].kind == Kind::Boiler(Rule::FurtherReading) {
            let mut j = i + 1;
            while j < us.len() && us[j].kind == Kind::Heading {
                j += 1;
            }
            let body_follows = j < us.len() && us[j].is_body();
            // Prose right under the header: nothing to mark (found by fuzzing).
            let last = if body_follows { j - 1 } else { j }.max(i + 1);
            for u in &mut us[i + 1..last] {
                u.kind = Kind::Boiler(Rule::Related);
            }
            i = j;
        } else {
            i += 1;
        }
    }
}
