//! One document being assembled from units: its header (title, date,
//! source, type, speakers), its blocks, and its end.

use super::*;

/// A document being assembled.
pub(super) struct Acc {
    pub(super) title: Option<String>,
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) stated: Stated,
    pub(super) blocks: Vec<RawBlock>,
    pub(super) has_turns: bool,
    pub(super) closed: bool,
    pub(super) words: u32,
    /// Indentation of items nested under an item ending in ":".
    pub(super) nest_under: Option<usize>,
    /// An unnumbered heading was seen: numbered ones rank below it.
    pub(super) plain_heading: bool,
}

impl Acc {
    pub(super) fn new() -> Acc {
        Acc {
            title: None,
            start: 0,
            end: 0,
            stated: Stated::default(),
            blocks: Vec::new(),
            has_turns: false,
            closed: false,
            words: 0,
            nest_under: None,
            plain_heading: false,
        }
    }

    pub(super) fn extend_lines(&mut self, u: &Unit) {
        if self.start == 0 || u.start < self.start {
            self.start = u.start;
        }
        self.end = self.end.max(u.end);
    }

    pub(super) fn push_body(&mut self, u: &Unit, list_indents: &mut Vec<usize>) {
        self.extend_lines(u);
        self.words += u.words();
        let text = boilerplate::clean_inline(&u.text).into_owned();
        match &u.kind {
            Kind::Item { ordered, marker } => {
                // An item ending in ":" followed, after a blank line, by items
                // at its own indentation introduces them: they nest under it.
                let prev_colon = matches!(self.blocks.last(), Some(RawBlock { kind: RawKind::ListItem { .. }, text, line }) if text.ends_with(':') && *line < u.start.saturating_sub(1));
                // After a blank line, a list that is not introduced by a
                // colon item, or that switches between bullets and numbers,
                // is a new list: the colon nesting ends.
                let gap = self.blocks.last().is_some_and(|b| b.line + 1 < u.start);
                let switched = matches!(self.blocks.last(), Some(RawBlock { kind: RawKind::ListItem { ordered: o, .. }, .. }) if o != ordered);
                if (gap && !prev_colon) || switched {
                    self.nest_under = None;
                }
                if prev_colon && list_indents.last() == Some(&(u.indent * 2)) {
                    self.nest_under = Some(u.indent);
                }
                let indent = if self.nest_under == Some(u.indent) {
                    u.indent * 2 + 1
                } else {
                    u.indent * 2
                };
                // Depth = position of this indentation among the open list levels.
                while list_indents.last().is_some_and(|&i| i > indent) {
                    list_indents.pop();
                }
                if list_indents.last() != Some(&indent) {
                    list_indents.push(indent);
                }
                let depth = u8::try_from(list_indents.len().saturating_sub(1)).unwrap_or(u8::MAX);
                self.blocks.push(RawBlock {
                    kind: RawKind::ListItem {
                        ordered: *ordered,
                        depth,
                        marker: marker.clone(),
                    },
                    text: item_text(&text).to_string(),
                    line: u.start,
                });
                return;
            }
            Kind::Turn => self.has_turns = true,
            _ => {}
        }
        list_indents.clear();
        self.nest_under = None;
        self.blocks.push(RawBlock::para(text, u.start));
    }

    pub(super) fn push_heading(&mut self, u: &Unit) {
        if self
            .title
            .as_deref()
            .is_some_and(|t| fold(t) == fold(&u.text))
        {
            return; // a title printed twice is one title
        }
        self.extend_lines(u);
        let numbered = NUMBERED.is_match(&u.text);
        let level = if numbered && self.plain_heading { 2 } else { 1 };
        self.plain_heading |= !numbered;
        self.blocks.push(RawBlock {
            kind: RawKind::Heading {
                level,
                explicit: false,
            },
            text: u.text.clone(),
            line: u.start,
        });
    }

    /// Units around the body that are not headings: dates, credits,
    /// attributions, chrome.
    pub(super) fn absorb_meta(&mut self, u: &Unit) {
        match &u.kind {
            Kind::Date { iso, release } => {
                if self.stated.date.is_none() {
                    self.stated.date = Some(iso.clone());
                }
                if *release {
                    self.stated.extra.insert("released".into(), u.text.clone());
                }
                self.extend_lines(u);
            }
            Kind::Attribution(src) => {
                if self.stated.source.is_none() {
                    self.stated.source = Some(clean_source(src));
                }
                self.stated
                    .extra
                    .insert("attribution".into(), u.text.clone());
                self.extend_lines(u);
            }
            Kind::Credit => {
                self.stated.audio = true;
                self.extend_lines(u);
                self.blocks.push(RawBlock::para(u.text.clone(), u.start));
            }
            Kind::Boiler(Rule::Listen) => self.stated.audio = true,
            Kind::Boiler(Rule::EndMarker) => self.extend_lines(u),
            _ => {}
        }
    }

    pub(super) fn finish(self, first_body_line: Option<&str>) -> Draft {
        let title = self
            .title
            .unwrap_or_else(|| fallback_title(first_body_line.unwrap_or("Untitled")));
        Draft {
            title,
            line_start: self.start,
            line_end: self.end,
            stated: self.stated,
            blocks: self.blocks,
        }
    }
}

pub(super) fn clean_source(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    // "THE WHITE HOUSE", "U.S. DEPARTMENT of STATE": printed in capitals.
    if upper * 3 > letters * 2 {
        title_case(s)
    } else {
        s.to_string()
    }
}

/// A title for a text that prints none: its first words.
pub fn fallback_title(first: &str) -> String {
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() <= 12 {
        words
            .join(" ")
            .trim_end_matches(['.', ':', ','])
            .to_string()
    } else {
        format!(
            "{}…",
            words[..10].join(" ").trim_end_matches(['.', ':', ','])
        )
    }
}

/// Splits a title like "Press Releases: Press Availability at …" into the
/// site section and the real title.
pub(super) fn split_section(title: &str) -> (Option<String>, String) {
    match SECTION_PREFIX.captures(title) {
        Some(c) => (Some(c[1].to_string()), c[2].to_string()),
        None => (None, title.to_string()),
    }
}
