//! The document model: what build-index produces, what the index stores in
//! its JSON document chunks, and what the reader renders.
//!
//! Field names here are the public JSON names (`inspect --json`, the doc
//! chunks); renaming one is a format change (bump `format::FORMAT_VERSION`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Read from the document text itself (or its front matter / HTML head).
    Text,
    /// Supplied by a catalog entry in `archive.toml` or `--catalog`.
    Catalog,
}

/// One real document found in a corpus file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable, readable id: `<file-slug>/<title-slug>` (a `-2`, `-3` suffix
    /// only when one file holds two documents with the same title slug).
    /// Derived from file and content, never from a global counter.
    pub id: String,
    pub title: String,
    /// ISO 8601 (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known);
    /// `None` when the text does not fix it. Never guessed.
    pub date: Option<String>,
    pub year: Option<i32>,
    /// Publisher.
    pub source: Option<String>,
    /// e.g. "joint statement", "press release", "news article", "interview",
    /// "transcript", "communiqué", "roundup", "radio programme".
    pub doc_type: Option<String>,
    /// ISO 639-1 code, e.g. "en", "es".
    pub lang: String,
    /// People who speak in a transcript, by display name.
    pub speakers: Vec<String>,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub topics: Vec<String>,
    pub word_count: u32,
    /// Path of the corpus file, relative to the corpus root, `/`-separated.
    pub source_file: String,
    /// First and last line (1-based, inclusive) of the document in `source_file`.
    pub line_start: u32,
    pub line_end: u32,
    /// Origin of each metadata field that has a value (`title`, `date`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub origin: BTreeMap<String, Origin>,
    /// Free-form extra metadata (front matter keys we do not model), shown
    /// in the reader but never searched.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
    /// The body as typed blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Documents like this one, most alike first (build-index computes
    /// them; FORMAT.md "Related documents"). Last, so a bundle written
    /// before the field existed reads the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A document like another one, with what it carries for the reader to
/// show it without fetching the target's chunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Related {
    /// The target's id.
    pub id: String,
    pub title: String,
    /// Why it is related, e.g. "Shared people: Antony J. Blinken" or
    /// "Shared words: asylum, cartel, border".
    pub reason: String,
}

/// A block of a document body. Every block carries the 1-based line in the
/// source file where it starts (0 when unknown, e.g. JSONL input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "BlockWire")]
pub enum Block {
    Heading {
        /// 1 = top-level section heading inside the document.
        level: u8,
        text: String,
        #[serde(default)]
        line: u32,
    },
    Paragraph {
        text: String,
        #[serde(default)]
        line: u32,
    },
    ListItem {
        ordered: bool,
        /// Nesting depth, 0 = top level.
        depth: u8,
        /// The marker as printed ("1.", "a)", "IV."), for ordered lists.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        marker: Option<String>,
        text: String,
        #[serde(default)]
        line: u32,
    },
    /// One speaker turn of a transcript.
    Turn {
        /// The person's canonical name, one across forms of address
        /// ("Antony J. Blinken" for "SECRETARY BLINKEN"), or the role label
        /// ("QUESTION").
        speaker: String,
        /// The label exactly as printed ("SECRETARY BLINKEN"): what readers
        /// show.
        label: String,
        /// True for role labels (QUESTION, MODERATOR, ...): not a person.
        #[serde(default)]
        role: bool,
        /// Annotations such as "Via interpreter".
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        notes: Vec<String>,
        text: String,
        #[serde(default)]
        line: u32,
    },
}

/// A block as the document chunks' JSON has it: one flat object whose
/// `type` says which fields count. Read through this rather than serde's
/// internally tagged enum, which buffers every block into a generic value
/// first: the same JSON, a fifth of the code in the reader's wasm.
#[derive(Deserialize)]
struct BlockWire {
    #[serde(rename = "type")]
    kind: BlockKind,
    level: Option<u8>,
    text: String,
    #[serde(default)]
    line: u32,
    ordered: Option<bool>,
    depth: Option<u8>,
    #[serde(default)]
    marker: Option<String>,
    speaker: Option<String>,
    label: Option<String>,
    #[serde(default)]
    role: bool,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Turn,
}

impl TryFrom<BlockWire> for Block {
    type Error = String;

    fn try_from(w: BlockWire) -> Result<Block, String> {
        let need = |field: &str| format!("missing field `{field}`");
        let BlockWire { text, line, .. } = w;
        Ok(match w.kind {
            BlockKind::Heading => Block::Heading {
                level: w.level.ok_or_else(|| need("level"))?,
                text,
                line,
            },
            BlockKind::Paragraph => Block::Paragraph { text, line },
            BlockKind::ListItem => Block::ListItem {
                ordered: w.ordered.ok_or_else(|| need("ordered"))?,
                depth: w.depth.ok_or_else(|| need("depth"))?,
                marker: w.marker,
                text,
                line,
            },
            BlockKind::Turn => Block::Turn {
                speaker: w.speaker.ok_or_else(|| need("speaker"))?,
                label: w.label.ok_or_else(|| need("label"))?,
                role: w.role,
                notes: w.notes,
                text,
                line,
            },
        })
    }
}

impl Block {
    /// The searchable text of the block.
    pub fn text(&self) -> &str {
        match self {
            Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::ListItem { text, .. }
            | Block::Turn { text, .. } => text,
        }
    }

    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::ListItem { line, .. }
            | Block::Turn { line, .. } => *line,
        }
    }

    /// True when this block is a turn that goes on the turn of `prev`: the
    /// same person (by canonical name), or the same role label. Each
    /// paragraph of a turn stays its own block, so its permalink stays put;
    /// readers show the speaker once, on the first block of the run.
    pub fn continues_turn(&self, prev: Option<&Block>) -> bool {
        match (self, prev) {
            (
                Block::Turn {
                    speaker,
                    label,
                    role,
                    ..
                },
                Some(Block::Turn {
                    speaker: prev_speaker,
                    label: prev_label,
                    role: prev_role,
                    ..
                }),
            ) => {
                role == prev_role
                    && if *role {
                        label.trim().eq_ignore_ascii_case(prev_label.trim())
                    } else {
                        speaker == prev_speaker
                    }
            }
            _ => false,
        }
    }
}

impl Document {
    /// Value(s) of a facet for this document.
    pub fn facet_values(&self, facet: Facet) -> Vec<String> {
        match facet {
            Facet::Type => self.doc_type.iter().cloned().collect(),
            Facet::Source => self.source.iter().cloned().collect(),
            Facet::Year => self.year.iter().map(|y| y.to_string()).collect(),
            Facet::Speaker => self.speakers.clone(),
            Facet::Person => self.people.clone(),
            Facet::Place => self.places.clone(),
            Facet::Topic => self.topics.clone(),
            Facet::Lang => vec![self.lang.clone()],
        }
    }
}

/// A field documents are counted and filtered by. The engine, the
/// reader's state and its components share this list; its name is the
/// one in docmeta, in the address (`speaker=…`), in exports and in the
/// query language (`type:interview`, `speaker:blinken`). Ordered as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Type,
    Source,
    Year,
    Speaker,
    Person,
    Place,
    Topic,
    Lang,
}

impl Facet {
    /// Every facet, in display order.
    pub const ALL: [Facet; 8] = [
        Facet::Type,
        Facet::Source,
        Facet::Year,
        Facet::Speaker,
        Facet::Person,
        Facet::Place,
        Facet::Topic,
        Facet::Lang,
    ];

    /// The facet's name (the same as its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Facet::Type => "type",
            Facet::Source => "source",
            Facet::Year => "year",
            Facet::Speaker => "speaker",
            Facet::Person => "person",
            Facet::Place => "place",
            Facet::Topic => "topic",
            Facet::Lang => "lang",
        }
    }

    /// The facet called `name` exactly (see [`Facet::name`]).
    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl std::fmt::Display for Facet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

mod read;

#[cfg(test)]
mod tests {
    use super::{Block, Facet};

    #[test]
    fn facet_names_round_trip_and_match_serde() {
        for facet in Facet::ALL {
            assert_eq!(Facet::from_name(facet.name()), Some(facet));
            assert_eq!(
                serde_json::to_string(&facet).unwrap(),
                format!("\"{}\"", facet.name())
            );
        }
        assert_eq!(Facet::from_name("speakers"), None);
        let mut sorted = Facet::ALL;
        sorted.sort();
        assert_eq!(
            sorted,
            Facet::ALL,
            "ALL is in the order maps keyed by Facet iterate"
        );
    }

    #[test]
    fn blocks_read_back_as_written_and_a_missing_field_is_an_error() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: "H".into(),
                line: 3,
            },
            Block::Paragraph {
                text: "P".into(),
                line: 0,
            },
            Block::ListItem {
                ordered: true,
                depth: 1,
                marker: Some("a)".into()),
                text: "L".into(),
                line: 9,
            },
            Block::Turn {
                speaker: "Antony J. Blinken".into(),
                label: "SECRETARY BLINKEN".into(),
                role: false,
                notes: vec!["Via interpreter".into()],
                text: "T".into(),
                line: 12,
            },
        ];
        let json = serde_json::to_string(&blocks).unwrap();
        assert!(json.contains("\"type\":\"list_item\""), "{json}");
        let back: Vec<Block> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, blocks);
        let err = serde_json::from_str::<Block>(r#"{"type":"turn","label":"Q","text":"t"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `speaker`"), "{err}");
        assert!(serde_json::from_str::<Block>(r#"{"type":"table","text":"t"}"#).is_err());
    }
}
