//! Shared helpers: build an index in memory and open a reader with every
//! chunk loaded on demand, the way the browser does.
#![allow(dead_code)]

use std::cell::Ref;
use std::rc::Rc;

use engine::{
    block_on, Block, Document, FormatError, IndexFile, IndexReader, IndexWriter, Query,
    ReadySource, SearchRequest, SearchResults, Searcher, WriterSettings,
};

/// Files in memory, served the way the browser's source serves them.
pub type MemorySource = ReadySource<Box<dyn Fn(&str) -> Result<Vec<u8>, FormatError>>>;

pub fn memory_source(files: Rc<Vec<IndexFile>>) -> MemorySource {
    ReadySource(Box::new(move |name: &str| {
        files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.bytes.clone())
            .ok_or(FormatError::Missing { file: name.into() })
    }))
}

pub struct Index {
    pub files: Rc<Vec<IndexFile>>,
    pub searcher: Searcher<MemorySource>,
}

impl Index {
    pub fn build(docs: &[Document], settings: WriterSettings) -> Index {
        let mut w = IndexWriter::new(settings);
        for d in docs {
            w.add(d);
        }
        let files = Rc::new(w.finish().expect("index builds"));
        let searcher = block_on(Searcher::open(memory_source(files.clone()))).expect("index opens");
        block_on(searcher.load_ids()).expect("ids load");
        Index { files, searcher }
    }

    pub fn reader(&self) -> Ref<'_, IndexReader> {
        self.searcher.reader()
    }

    pub fn file(&self, name: &str) -> Vec<u8> {
        get(&self.files, name)
    }

    /// Loads what the query needs (like the reader app), then searches and
    /// loads the hits' documents.
    pub fn search_req(&mut self, text: &str, req: &SearchRequest) -> SearchResults {
        let q = Query::parse(text);
        block_on(self.searcher.search_with_docs(&q, req)).expect("search loads and runs")
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
        let reader = self.reader();
        res.hits
            .iter()
            .map(|h| {
                reader
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
