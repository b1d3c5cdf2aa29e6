//! A document as the format readers and the segmenter find it, before
//! metadata extraction: a title, its line range, the facts stated around
//! the body (header lines, front matter, HTML meta, JSONL fields) and the
//! body as raw blocks.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawKind {
    /// `explicit`: marked up as a heading (Markdown `#`, HTML `<h2>`), as
    /// opposed to a short plain-text line that reads like one.
    Heading {
        level: u8,
        explicit: bool,
    },
    Paragraph,
    ListItem {
        ordered: bool,
        depth: u8,
        marker: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: RawKind,
    pub text: String,
    /// 1-based source line (0 when unknown).
    pub line: u32,
}

impl RawBlock {
    pub fn para(text: impl Into<String>, line: u32) -> RawBlock {
        RawBlock {
            kind: RawKind::Paragraph,
            text: text.into(),
            line,
        }
    }
}

/// Facts stated by the text outside the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stated {
    /// ISO date.
    pub date: Option<String>,
    pub source: Option<String>,
    pub doc_type: Option<String>,
    pub lang: Option<String>,
    pub speakers: Vec<String>,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    /// A site or section label printed above the title ("News Network",
    /// "Press Releases"): a hint for the type, not the publisher.
    pub section: Option<String>,
    /// Audio cues ("Listen /", "Presenter:", "Duration:") seen around the body.
    pub audio: bool,
    /// Other printed facts: byline, dateline, front matter keys we do not model.
    pub extra: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub title: String,
    pub line_start: u32,
    pub line_end: u32,
    pub stated: Stated,
    pub blocks: Vec<RawBlock>,
}
