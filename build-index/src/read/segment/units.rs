//! Lines grouped into units and each unit classified: prose, list item,
//! speaker turn, heading-like line, date line, credit, attribution or a
//! boilerplate line.

use super::*;
pub(super) fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad segment pattern {p}: {e}"))
}

pub(super) static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^([•●▪◦·‣∙*+\-–—])\s+(\S.*)$"));
pub(super) static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(\(?(?:\d{1,3}|[a-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[A-Z])[.)])\s+(\S.*)$")
});
/// A speaker label: capitals (with dots, apostrophes, hyphens) before a colon.
pub static TURN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([\p{Lu}][\p{Lu}\p{M}.'’\- ]{0,48}[\p{Lu}.])\s*:\s*(.*)$"));
pub(super) static ROLE_TURN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(question|q|moderator|answer|a|participant|reporter|audience member|interviewer|interpreter|operator)\s*:\s*(.*)$",
    )
});
pub(super) static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(presenter|producer|production assistant|executive producer|editor|edited by|host|duration|camera|sound|music|photography|translation|written by|directed by|narrator|anchor|running time)\s*:\s*\S",
    )
});
pub(super) static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:source|sources|from title|from|via|published by|publisher|courtesy of|originally published (?:by|in|at))\s*:\s*(\S.{0,78})$",
    )
});
pub(super) static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| re(r"\p{Ll}{2}[.!?][\x22”’)]?\s+[\p{Lu}\x22“]"));
pub(super) static PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(department|ministry|office of|white house|embassy|consulate|commission|agency|network|news|times|post|gazette|tribune|herald|journal|radio|television|press|government|council|parliament|secretariat|united nations|bureau|institute|foundation)\b",
    )
});
pub(super) static DOC_TYPE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(joint communiqu[eé]|communiqu[eé]|press release|news release|media note|fact sheet|joint statement|statement|readout|transcript|interview|remarks|speech|op-ed|press statement|notice to the press|briefing|press briefing|declaration)$",
    )
});
pub(super) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:By\s+\p{Lu}.{2,60}|\p{Lu}[\p{L}.'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]*){1,3},\s+(?:the\s+)?(?:\p{Lu}[\p{L}\-]*|of|the|and|for)(?:\s+(?:\p{Lu}[\p{L}\-]*|of|the|and|for)){0,7})$",
    )
});
pub(super) static SECTION_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(Press Releases?|News Releases?|Media Notes?|Statements and Releases|Speeches|Readouts?|Briefings?|Latest News|News)\s*:\s*(\S.{10,})$",
    )
});
/// Words in a title that name the kind of document: a title carrying one is
/// a strong title even when short.
pub(super) static GENRE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(joint statement|statement|communiqu[eé]|press release|press availability|press briefing|press conference|briefing|remarks|interview|transcript|cheat sheet|roundup|round-up|digest|newsletter|op-ed|editorial|fact sheet|readout|speech|testimony|address)\b",
    )
});

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Boiler(Rule),
    Heading,
    Prose,
    Item {
        ordered: bool,
        marker: Option<String>,
    },
    Turn,
    Credit,
    Date {
        iso: String,
        release: bool,
    },
    Attribution(String),
}

#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) kind: Kind,
    pub(super) text: String,
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) indent: usize,
}

impl Unit {
    pub(super) fn is_body(&self) -> bool {
        matches!(self.kind, Kind::Prose | Kind::Item { .. } | Kind::Turn)
    }
    pub(super) fn words(&self) -> u32 {
        word_count(&self.text)
    }
}

/// True for a line that reads like a title or section heading.
pub(super) fn heading_like(t: &str) -> bool {
    let n = t.split_whitespace().count();
    if n == 0 || n > 24 {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':']) && !t.ends_with("..") {
        return false;
    }
    // Items between bars are a menu or a trailer ("Posted in … | Tagged …").
    if t.contains(" | ") {
        return false;
    }
    // A web address is something a title points to, never part of one:
    // "Residents can object until June. https://…/notice" is a paragraph.
    if t.contains("://") || t.split_whitespace().any(|w| w.starts_with("www.")) {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let first_word = t.split_whitespace().next().unwrap_or("");
    if matches!(
        first_word,
        "And" | "But" | "So" | "Or" | "Because" | "Then" | "Well" | "Yes" | "No"
    ) {
        return false;
    }
    !SENTENCE_BREAK.is_match(t)
}

pub(super) fn is_turn_line(t: &str) -> bool {
    if let Some(c) = TURN.captures(t) {
        let label = c[1].trim();
        let words = label.split_whitespace().count();
        return words <= 6
            && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !is_non_speaker_label(label);
    }
    ROLE_TURN.is_match(t)
}

/// Capitalised labels before a colon that are not speakers.
pub fn is_non_speaker_label(label: &str) -> bool {
    const NOT: &[&str] = &[
        "NOTE",
        "NOTES",
        "UPDATE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "PHOTO",
        "SOURCE",
        "SOURCES",
        "TAGS",
        "WHEN",
        "WHERE",
        "WHAT",
        "WHO",
        "EMAIL",
        "E-MAIL",
        "TEL",
        "FAX",
        "WEB",
        "URL",
        "RE",
        "CC",
        "PS",
        "P.S.",
        "FROM",
        "TO",
        "SUBJECT",
        "DATE",
        "TIME",
        "CONTACT",
        "MEDIA CONTACT",
        "CREDIT",
        "CREDITS",
        "WARNING",
        "BACKGROUND",
        "SUMMARY",
        "ADVISORY",
        "ATTENTION",
        "TOP PHOTO",
        "CAPTION",
        "LOCATION",
        "VENUE",
        "DURATION",
        "PRESENTER",
        "FROM TITLE",
        "ANNEX",
        "APPENDIX",
        "NB",
        "FYI",
        "BREAKING",
        "WATCH",
        "LISTEN",
        "READ",
        "ALSO",
    ];
    let up = label.trim().to_uppercase();
    NOT.contains(&up.as_str())
        || up.chars().filter(|c| c.is_alphabetic()).count() < 2 && up != "Q" && up != "A"
}

pub(super) fn classify(t: &str) -> Kind {
    if let Some(rule) = boilerplate::classify_line(t) {
        return Kind::Boiler(rule);
    }
    if let Some((iso, release)) = date_line(t) {
        return Kind::Date { iso, release };
    }
    // "Posted on March 4, 2020 by Ana Ruiz", "By Ana Ruiz | 4 March 2020".
    if let Some(iso) = crate::read::html::header_facts(t).and_then(|f| f.date) {
        return Kind::Date {
            iso,
            release: false,
        };
    }
    if let Some(c) = ATTRIBUTION.captures(t) {
        if c[1].split_whitespace().count() <= 8 {
            return Kind::Attribution(c[1].trim().to_string());
        }
    }
    if CREDIT.is_match(t) && !crate::read::text::is_all_caps(t.split(':').next().unwrap_or("")) {
        return Kind::Credit;
    }
    if is_turn_line(t) {
        return Kind::Turn;
    }
    if let Some(c) = BULLET.captures(t) {
        let _ = &c;
        return Kind::Item {
            ordered: false,
            marker: None,
        };
    }
    if let Some(c) = NUMBERED.captures(t) {
        return Kind::Item {
            ordered: true,
            marker: Some(c[1].to_string()),
        };
    }
    if heading_like(t) {
        Kind::Heading
    } else {
        Kind::Prose
    }
}

/// "IV. Incursions", "B. Funding" standing alone: a numbered section
/// heading, not a list item.
pub(super) fn is_section_number(kind: &Kind, t: &str) -> bool {
    let Kind::Item {
        ordered: true,
        marker: Some(m),
    } = kind
    else {
        return false;
    };
    let roman_or_letter = m
        .trim_end_matches(['.', ')'])
        .chars()
        .all(|c| "IVXLCDM".contains(c) || c.is_ascii_uppercase());
    let rest = item_text(t);
    roman_or_letter && rest.split_whitespace().count() <= 12 && heading_like(rest)
}

/// "Presenter: Jo Bloggs", "Duration: 10'00": production credits, never speakers.
pub fn is_credit_line(t: &str) -> bool {
    CREDIT.is_match(t) && !crate::read::text::is_all_caps(t.split(':').next().unwrap_or(""))
}

/// Strips a list marker from an item's text.
pub(super) fn item_text(t: &str) -> &str {
    if let Some(c) = BULLET.captures(t) {
        return c.get(2).map_or(t, |m| &t[m.start()..]);
    }
    if let Some(c) = NUMBERED.captures(t) {
        return c.get(2).map_or(t, |m| &t[m.start()..]);
    }
    t
}

/// Groups the lines of a file into units.
pub(super) fn units(lines: &[&str]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let g0 = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
        group(
            &lines[g0..i],
            u32::try_from(g0 + 1).unwrap_or(u32::MAX),
            &mut out,
        );
    }
    out
}

/// Splits one blank-line-separated group into units.
pub(super) fn group(lines: &[&str], first_line: u32, out: &mut Vec<Unit>) {
    let parsed: Vec<(usize, String, Kind)> = lines
        .iter()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            let t = squash_spaces(l.trim());
            let k = classify(&t);
            (indent, t, k)
        })
        .collect();
    let line_no = |k: usize| first_line + u32::try_from(k).unwrap_or(0);
    let structured = parsed.len() == 1
        || parsed
            .iter()
            .any(|(_, _, k)| !matches!(k, Kind::Prose | Kind::Heading))
        || parsed
            .iter()
            .all(|(_, t, k)| *k == Kind::Heading && t.split_whitespace().count() <= 12);
    if !structured {
        let text = parsed
            .iter()
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let kind = if heading_like(&text) && parsed.len() <= 2 {
            Kind::Heading
        } else {
            Kind::Prose
        };
        out.push(Unit {
            kind,
            text,
            start: first_line,
            end: line_no(parsed.len() - 1),
            indent: parsed[0].0,
        });
        return;
    }
    let base = out.len();
    let single = parsed.len() == 1;
    for (k, (indent, t, mut kind)) in parsed.into_iter().enumerate() {
        if single && is_section_number(&kind, &t) {
            kind = Kind::Heading;
        }
        let ln = line_no(k);
        let has_prev = out.len() > base;
        if let Some(prev) = out.last_mut().filter(|_| has_prev) {
            let continues = match (&prev.kind, &kind) {
                // An indented line under a list item continues it; teaser
                // lists show themselves by their category or "Read More" lines.
                (
                    Kind::Item { .. } | Kind::Boiler(Rule::Teaser),
                    Kind::Prose | Kind::Heading | Kind::Boiler(_),
                ) if indent > prev.indent => true,
                (Kind::Turn | Kind::Prose, Kind::Prose) => true,
                // A heading wrapped over two lines: the second starts lowercase.
                (Kind::Heading, Kind::Heading | Kind::Prose) => {
                    t.chars().next().is_some_and(char::is_lowercase)
                }
                _ => false,
            };
            if continues {
                let teaser = boilerplate::is_teaser_category(&t)
                    || boilerplate::READ_MORE_INLINE.is_match(&t)
                    || kind == Kind::Boiler(Rule::ReadMore);
                if matches!(prev.kind, Kind::Item { .. }) && teaser {
                    prev.kind = Kind::Boiler(Rule::Teaser);
                }
                prev.text.push(' ');
                prev.text.push_str(&t);
                prev.end = ln;
                continue;
            }
        }
        out.push(Unit {
            kind,
            text: t,
            start: ln,
            end: ln,
            indent,
        });
    }
}
