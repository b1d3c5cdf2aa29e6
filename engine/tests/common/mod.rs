//! Shared helpers: build an index in memory and open a reader with every
//! chunk loaded on demand, the way the browser does.
#![allow(dead_code)]

use engine::{
    Block, Document, IndexFile, IndexReader, IndexWriter, Query, SearchRequest, SearchResults,
    WriterSettings,
};

pub struct Index {
    pub files: Vec<IndexFile>,
    pub reader: IndexReader,
}

impl Index {
    pub fn build(docs: &[Document], settings: WriterSettings) -> Index {
        let mut w = IndexWriter::new(settings);
        for d in docs {
            w.add(d);
        }
        let files = w.finish().expect("index builds");
        let manifest =
            IndexReader::parse_manifest(&get(&files, "manifest.json")).expect("manifest parses");
        let docmeta = get(&files, &manifest.docmeta);
        let ids = get(&files, &manifest.ids);
        let mut reader = IndexReader::open(manifest, &docmeta).expect("docmeta opens");
        reader.add_ids(&ids).expect("ids load");
        Index { files, reader }
    }

    pub fn file(&self, name: &str) -> Vec<u8> {
        get(&self.files, name)
    }

    /// Loads what the query needs (like the reader app), then searches.
    pub fn search_req(&mut self, text: &str, req: &SearchRequest) -> SearchResults {
        let q = Query::parse(text);
        // Dictionary chunks first, then the postings of the expanded terms.
        for _round in 0..3 {
            for name in self.reader.missing_term_chunks(&q) {
                let bytes = self.file(&name);
                self.reader
                    .add_term_chunk(&name, &bytes)
                    .expect("term chunk loads");
            }
        }
        assert!(
            self.reader.missing_term_chunks(&q).is_empty(),
            "three rounds load everything"
        );
        let res = self.reader.search(&q, req);
        let docs: Vec<u32> = res.hits.iter().map(|h| h.doc).collect();
        for name in self.reader.missing_doc_chunks(&docs) {
            let bytes = self.file(&name);
            self.reader
                .add_doc_chunk(&name, &bytes)
                .expect("doc chunk loads");
        }
        res
    }

    pub fn search(&mut self, text: &str) -> SearchResults {
        self.search_req(text, &SearchRequest::default())
    }

    /// Ids of the hits, in rank order.
    pub fn ids(&mut self, text: &str) -> Vec<String> {
        let res = self.search(text);
        self.hit_ids(&res)
    }

    pub fn hit_ids(&self, res: &SearchResults) -> Vec<String> {
        res.hits
            .iter()
            .map(|h| {
                self.reader
                    .document(h.doc)
                    .map(|d| d.id.clone())
                    .unwrap_or_default()
            })
            .collect()
    }
}

pub fn get(files: &[IndexFile], name: &str) -> Vec<u8> {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no file {name}"))
        .bytes
        .clone()
}

pub fn doc(id: &str, title: &str, body: &[&str]) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        lang: "en".into(),
        blocks: body
            .iter()
            .enumerate()
            .map(|(i, t)| Block::Paragraph {
                text: t.to_string(),
                line: i as u32 + 1,
            })
            .collect(),
        word_count: body
            .iter()
            .map(|t| t.split_whitespace().count() as u32)
            .sum(),
        source_file: format!("{id}.txt"),
        line_start: 1,
        line_end: body.len() as u32,
        ..Default::default()
    }
}
