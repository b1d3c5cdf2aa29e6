//! Reading `manifest.json` field by field (see `crate::json` for why not
//! serde's derive): the same fields and defaults as the derived types.

use super::*;
use crate::json::{self, Fields};

impl ManifestWire {
    pub(super) fn read(f: &Fields<'_>) -> Result<ManifestWire, String> {
        Ok(ManifestWire {
            format_version: f.u32("format_version")?,
            generator: f.str("generator")?,
            archive: ArchiveInfo::read(&f.need_object("archive")?)?,
            search: SearchSettings::read(&f.need_object("search")?)?,
            doc_count: f.u32("doc_count")?,
            langs: f.strings("langs", true)?,
            docmeta: f.str("docmeta")?,
            ids: f.str("ids")?,
            files: json::array_of(f.need("files")?, "manifest files", |e| {
                Ok(FileEntry {
                    name: e.str("name")?,
                    size: e.u64("size")?,
                    sha256: e.str("sha256")?,
                })
            })?,
            term_chunks: TermTable::read(&f.need_object("term_chunks")?)?,
            completion_chunks: match f.object("completion_chunks")? {
                Some(t) => TermTable::read(&t)?,
                None => TermTable::default(),
            },
            posting_chunks: {
                let t = f.need_object("posting_chunks")?;
                PostingTable {
                    first: t.strings("first", false)?,
                    hashes: t.str("hashes")?,
                }
            },
            doc_chunks: {
                let t = f.need_object("doc_chunks")?;
                DocTable {
                    counts: t.u32s("counts")?,
                    hashes: t.str("hashes")?,
                }
            },
        })
    }
}

impl TermTable {
    fn read(f: &Fields<'_>) -> Result<TermTable, String> {
        Ok(TermTable {
            first: f.strings("first", false)?,
            last: f.strings("last", false)?,
            hashes: f.str("hashes")?,
        })
    }
}

impl ArchiveInfo {
    #[allow(clippy::field_reassign_with_default)]
    fn read(f: &Fields<'_>) -> Result<ArchiveInfo, String> {
        // Set one by one: see `crate::model::Document::read`.
        let mut a = ArchiveInfo::default();
        a.name = f.str_or_empty("name")?;
        a.description = f.str_or_empty("description")?;
        a.public_url = f.str_or_empty("public_url")?;
        a.lang = f.str_or_empty("lang")?;
        a.page_size = f.u32_or("page_size", Some(0))?;
        if let Some(e) = f.object("embed")? {
            a.embed.allowed_origins = e.strings("allowed_origins", true)?;
            a.embed.allow_filter_change = e.bool_or_false("allow_filter_change")?;
        }
        if let Some(e) = f.object("examples")? {
            let x = &mut a.examples;
            x.words = e.opt_str("words")?;
            x.phrase = e.opt_str("phrase")?;
            x.exclude = e.opt_str("exclude")?;
            x.either = e.opt_str("either")?;
            x.prefix = e.opt_str("prefix")?;
            x.fields = e.strings("fields", true)?;
            x.dates = e.strings("dates", true)?;
        }
        Ok(a)
    }
}

impl SearchSettings {
    fn read(f: &Fields<'_>) -> Result<SearchSettings, String> {
        let d = SearchSettings::default();
        let dw = d.weights;
        let size = |key: &str, default: usize| -> Result<usize, String> {
            Ok(f.opt_u64(key, u64::from(u32::MAX))?
                .map_or(default, |n| n as usize))
        };
        Ok(SearchSettings {
            one_typo_min_len: size("one_typo_min_len", d.one_typo_min_len)?,
            two_typos_min_len: size("two_typos_min_len", d.two_typos_min_len)?,
            weights: match f.object("weights")? {
                Some(w) => FieldWeights {
                    title: w.f32_or("title", dw.title)?,
                    speaker: w.f32_or("speaker", dw.speaker)?,
                    body: w.f32_or("body", dw.body)?,
                    meta: w.f32_or("meta", dw.meta)?,
                    heading: w.f32_or("heading", dw.heading)?,
                },
                None => dw,
            },
        })
    }
}
