//! Citations as text, in the shapes researchers paste into their work.

use super::{month_name, CiteInfo, DateParts, Name};

/// A text citation style. "-like": the shape and order of the named
/// guide, not every one of its rules (no italics in plain text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Apa,
    Chicago,
}

impl Style {
    pub const ALL: [Style; 3] = [Style::Plain, Style::Apa, Style::Chicago];

    pub fn label(self) -> &'static str {
        match self {
            Style::Plain => "Plain",
            Style::Apa => "APA-like",
            Style::Chicago => "Chicago-like",
        }
    }

    /// The value of the style's `<option>`.
    pub fn key(self) -> &'static str {
        match self {
            Style::Plain => "plain",
            Style::Apa => "apa",
            Style::Chicago => "chicago",
        }
    }

    pub fn from_key(key: &str) -> Style {
        Style::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or(Style::Plain)
    }
}

pub fn format_style(style: Style, c: &CiteInfo<'_>) -> String {
    match style {
        Style::Plain => plain(c),
        Style::Apa => apa(c),
        Style::Chicago => chicago(c),
    }
}

/// "8 October 2021"
fn day_month_year(d: DateParts) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month_name(m), d.year),
        (Some(m), None) => format!("{} {}", month_name(m), d.year),
        _ => d.year.to_string(),
    }
}

/// "October 8, 2021"
fn month_day_year(d: DateParts) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{} {day}, {}", month_name(m), d.year),
        (Some(m), None) => format!("{} {}", month_name(m), d.year),
        _ => d.year.to_string(),
    }
}

/// "A", "A and B", "A, B and C" (or with ", &" / ", and" as `last` says).
fn join_names(names: &[String], last: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{}{last}{end}", init.join(", ")),
    }
}

/// Adds a closing full stop unless the text already ends a sentence.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '?', '!']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn plain(c: &CiteInfo<'_>) -> String {
    let mut out = String::new();
    let by = if c.speakers.is_empty() {
        c.source().map(str::to_string)
    } else {
        Some(join_names(c.speakers, " and "))
    };
    if let Some(by) = &by {
        out.push_str(&sentence(by));
        out.push(' ');
    }
    out.push_str(&format!("“{}.” ", c.title()));
    let date = c.date_parts().map_or("n.d.".to_string(), day_month_year);
    match c.source().filter(|_| !c.speakers.is_empty()) {
        Some(source) => out.push_str(&format!("{source}, {date}. ")),
        None => out.push_str(&format!("{date}. ")),
    }
    if !c.archive.trim().is_empty() {
        out.push_str(&format!("In {}. ", c.archive.trim().trim_end_matches('.')));
    }
    out.push_str(c.url);
    if let Some(a) = c.accessed_parts() {
        out.push_str(&format!(" (accessed {})", day_month_year(a)));
    }
    out.push('.');
    out
}

fn apa(c: &CiteInfo<'_>) -> String {
    let authors: Vec<String> = c
        .speakers
        .iter()
        .map(|s| Name::split(s).initials())
        .collect();
    let date = c
        .date_parts()
        .map_or("n.d.".to_string(), |d| match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{}, {} {day}", d.year, month_name(m)),
            (Some(m), None) => format!("{}, {}", d.year, month_name(m)),
            _ => d.year.to_string(),
        });
    let title = sentence(c.title());
    let mut out = if !authors.is_empty() {
        let by = if authors.len() == 2 {
            authors.join(", & ")
        } else {
            join_names(&authors, ", & ")
        };
        format!("{} ({date}). {title} ", sentence(&by))
    } else if let Some(source) = c.source() {
        // A group author: the publisher is not repeated after the title.
        format!("{} ({date}). {title} ", sentence(source))
    } else {
        format!("{title} ({date}). ")
    };
    if let Some(source) = c.source().filter(|_| !authors.is_empty()) {
        out.push_str(&sentence(source));
        out.push(' ');
    }
    match c.accessed_parts() {
        Some(a) => out.push_str(&format!("Retrieved {}, from {}", month_day_year(a), c.url)),
        None => out.push_str(c.url),
    }
    out
}

fn chicago(c: &CiteInfo<'_>) -> String {
    let mut names: Vec<String> = Vec::new();
    for (i, s) in c.speakers.iter().enumerate() {
        names.push(if i == 0 {
            Name::split(s).inverted()
        } else {
            s.clone()
        });
    }
    let by = if names.is_empty() {
        c.source().map(str::to_string)
    } else if names.len() == 2 {
        Some(names.join(", and "))
    } else {
        Some(join_names(&names, ", and "))
    };
    let mut out = String::new();
    if let Some(by) = &by {
        out.push_str(&sentence(by));
        out.push(' ');
    }
    out.push_str(&format!("“{}.” ", c.title()));
    let date = c.date_parts().map(month_day_year);
    let publisher = c.source().filter(|_| !names.is_empty());
    match (publisher, date) {
        (Some(p), Some(d)) => out.push_str(&format!("{p}, {d}. ")),
        (Some(p), None) => out.push_str(&format!("{p}. ")),
        (None, Some(d)) => out.push_str(&format!("{d}. ")),
        (None, None) => {}
    }
    if !c.archive.trim().is_empty() {
        out.push_str(&sentence(c.archive));
        out.push(' ');
    }
    if let Some(a) = c.accessed_parts() {
        out.push_str(&format!("Accessed {}. ", month_day_year(a)));
    }
    out.push_str(c.url);
    out.push('.');
    out
}
