//! Reading the document chunks' JSON field by field (see `crate::json`
//! for why not serde's derive): the same fields and defaults as the
//! derived types.

use super::{Block, BlockKind, BlockWire, Document, Origin, Related};
use crate::json::{self, Fields};

impl Document {
    /// Reads one document of a chunk. Fields are set one by one on a
    /// default document: an error then drops one value, not a different
    /// set of half-read fields at each `?` (code the wasm would carry).
    #[allow(clippy::field_reassign_with_default)]
    pub fn read(f: &Fields<'_>) -> Result<Document, String> {
        let mut d = Document::default();
        d.id = f.str("id")?;
        d.title = f.str("title")?;
        d.date = f.opt_str("date")?;
        d.year = f.opt_i32("year")?;
        d.source = f.opt_str("source")?;
        d.doc_type = f.opt_str("doc_type")?;
        d.lang = f.str("lang")?;
        d.speakers = f.strings("speakers", false)?;
        d.people = f.strings("people", false)?;
        d.places = f.strings("places", false)?;
        d.topics = f.strings("topics", false)?;
        d.word_count = f.u32("word_count")?;
        d.source_file = f.str("source_file")?;
        d.line_start = f.u32("line_start")?;
        d.line_end = f.u32("line_end")?;
        for (k, v) in f.string_map("origin")? {
            let origin = match v.as_str() {
                "text" => Origin::Text,
                "catalog" => Origin::Catalog,
                _ => return Err(format!("document: unknown origin `{v}`")),
            };
            d.origin.insert(k, origin);
        }
        d.extra = f.string_map("extra")?;
        d.blocks = json::array_of(f.need("blocks")?, "block", Block::read)?;
        if let Some(v) = f.get("related") {
            d.related = json::array_of(v, "related document", Related::read)?;
        }
        Ok(d)
    }
}

impl Related {
    fn read(f: &Fields<'_>) -> Result<Related, String> {
        Ok(Related {
            id: f.str("id")?,
            title: f.str("title")?,
            reason: f.str("reason")?,
        })
    }
}

impl Block {
    /// Reads a block's flat object into the same [`BlockWire`] serde's
    /// reader fills, so which fields each kind needs is decided in one
    /// place (`TryFrom<BlockWire>`).
    fn read(f: &Fields<'_>) -> Result<Block, String> {
        let kind = match f.str("type")?.as_str() {
            "heading" => BlockKind::Heading,
            "paragraph" => BlockKind::Paragraph,
            "list_item" => BlockKind::ListItem,
            "turn" => BlockKind::Turn,
            other => return Err(format!("block: unknown type `{other}`")),
        };
        Block::try_from(BlockWire {
            kind,
            level: f.opt_u8("level")?,
            text: f.str("text")?,
            line: f.u32_or("line", Some(0))?,
            ordered: f.opt_bool("ordered")?,
            depth: f.opt_u8("depth")?,
            marker: f.opt_str("marker")?,
            speaker: f.opt_str("speaker")?,
            label: f.opt_str("label")?,
            role: f.bool_or_false("role")?,
            notes: f.strings("notes", true)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::json;

    /// The field-by-field reader (`Document::read`) against serde's derived
    /// one, on the JSON the writer's serde derive makes.
    fn read_doc(json: &str) -> Result<Document, String> {
        let v = json::parse(json.as_bytes())?;
        Document::read(&json::object(&v, "document")?)
    }

    #[test]
    fn the_document_reader_reads_what_serde_writes_and_reads() {
        let full = Document {
            id: "f/t".into(),
            title: "T".into(),
            date: Some("2021-10-08".into()),
            year: Some(2021),
            source: Some("S".into()),
            doc_type: Some("interview".into()),
            lang: "es".into(),
            speakers: vec!["A".into()],
            people: vec!["B".into(), "C".into()],
            places: vec!["Mexico".into()],
            topics: vec!["security".into()],
            word_count: 12,
            source_file: "dir/f.md".into(),
            line_start: 3,
            line_end: 40,
            origin: BTreeMap::from([
                ("title".into(), Origin::Text),
                ("date".into(), Origin::Catalog),
            ]),
            extra: BTreeMap::from([("author".into(), "D".into())]),
            blocks: vec![
                Block::Heading {
                    level: 2,
                    text: "H".into(),
                    line: 4,
                },
                Block::Paragraph {
                    text: "P".into(),
                    line: 5,
                },
                Block::ListItem {
                    ordered: true,
                    depth: 1,
                    marker: Some("1.".into()),
                    text: "L".into(),
                    line: 6,
                },
                Block::ListItem {
                    ordered: false,
                    depth: 0,
                    marker: None,
                    text: "M".into(),
                    line: 0,
                },
                Block::Turn {
                    speaker: "A".into(),
                    label: "MR. A".into(),
                    role: false,
                    notes: vec!["n".into()],
                    text: "T".into(),
                    line: 7,
                },
                Block::Turn {
                    speaker: "QUESTION".into(),
                    label: "QUESTION".into(),
                    role: true,
                    notes: vec![],
                    text: "Q".into(),
                    line: 8,
                },
            ],
            related: vec![Related {
                id: "g/u".into(),
                title: "U".into(),
                reason: "Shared people: B".into(),
            }],
        };
        for d in [
            full,
            Document {
                id: "a".into(),
                title: "b".into(),
                lang: "en".into(),
                ..Default::default()
            },
        ] {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(read_doc(&json).unwrap(), d, "{json}");
            assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), d);
        }
    }

    #[test]
    fn the_document_reader_accepts_and_refuses_what_serde_does() {
        let base = r#""id":"a","title":"b","lang":"en","speakers":[],"people":[],"places":[],"topics":[],"word_count":1,"source_file":"f","line_start":1,"line_end":2"#;
        let cases = [
            (format!(r#"{{{base},"blocks":[]}}"#), true),
            (
                format!(r#"{{{base},"blocks":[],"date":null,"related":[]}}"#),
                true,
            ),
            (format!(r#"{{{base}}}"#), false),
            (
                format!(r#"{{{base},"blocks":[{{"type":"turn","label":"Q","text":"t"}}]}}"#),
                false,
            ),
            (
                format!(r#"{{{base},"blocks":[{{"type":"table","text":"t"}}]}}"#),
                false,
            ),
            (format!(r#"{{{base},"blocks":[],"year":"2021"}}"#), false),
            (
                format!(r#"{{{base},"blocks":[],"origin":{{"title":"guess"}}}}"#),
                false,
            ),
            (
                format!(r#"{{{base},"blocks":[{{"type":"heading","level":300,"text":"t"}}]}}"#),
                false,
            ),
        ];
        for (json, ok) in cases {
            assert_eq!(read_doc(&json).is_ok(), ok, "{json}: {:?}", read_doc(&json));
            assert_eq!(
                serde_json::from_str::<Document>(&json).is_ok(),
                ok,
                "serde: {json}"
            );
            if ok {
                assert_eq!(
                    read_doc(&json).unwrap(),
                    serde_json::from_str::<Document>(&json).unwrap()
                );
            }
        }
        let err = read_doc(&format!(
            r#"{{{base},"blocks":[{{"type":"turn","label":"Q","text":"t"}}]}}"#
        ))
        .unwrap_err();
        assert!(err.contains("missing field `speaker`"), "{err}");
    }
}
