//! Document tokens for highlighting, and the reader's small cache of them.
//!
//! Tokenizing is the expensive part of a snippet, and while a visitor
//! types the same top documents come back keystroke after keystroke; so
//! the tokens of recently snippeted documents are kept on the reader. The
//! cache lives here, apart from `snippet`, so that the reader holding it
//! does not depend on the code that uses it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::api::DocNum;
use crate::model::{Block, Document};
use crate::tokenizer::tokenize;

/// A token reduced to what highlighting needs: its byte range and, as
/// numbers in its document's vocabulary, its term and unfolded form (the
/// same number when they are equal).
#[derive(Debug)]
pub(crate) struct Tok {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) term: u32,
    pub(crate) text: u32,
}

/// The tokens of some texts (a title, or every block of a document, in
/// block order) over one vocabulary. Each keystroke asks which tokens
/// match a new set of terms: that is one look-up per distinct word,
/// then a pass over the tokens with no hashing at all.
#[derive(Debug)]
pub(crate) struct DocTokens {
    /// Word → its number.
    vocab: HashMap<Box<str>, u32>,
    pub(crate) blocks: Vec<Vec<Tok>>,
}

impl DocTokens {
    pub(crate) fn new<'a>(texts: impl Iterator<Item = &'a str>, lang: &str) -> DocTokens {
        let mut vocab: HashMap<Box<str>, u32> = HashMap::new();
        let mut id = |word: String| -> u32 {
            let next = vocab.len() as u32;
            *vocab.entry(word.into_boxed_str()).or_insert(next)
        };
        let blocks = texts
            .map(|text| {
                tokenize(text, lang)
                    .into_iter()
                    .map(|t| {
                        let same = t.text == t.term;
                        let (start, end) = (t.start as u32, t.end as u32);
                        let term = id(t.term);
                        let text = if same { term } else { id(t.text) };
                        Tok {
                            start,
                            end,
                            term,
                            text,
                        }
                    })
                    .collect()
            })
            .collect();
        DocTokens { vocab, blocks }
    }

    pub(crate) fn of_document(doc: &Document) -> DocTokens {
        DocTokens::new(doc.blocks.iter().map(Block::text), &doc.lang)
    }

    /// For each word number, whether the word is one of `matched`.
    pub(crate) fn hits(&self, matched: &[String]) -> Vec<bool> {
        let mut hits = vec![false; self.vocab.len()];
        for m in matched {
            if let Some(&i) = self.vocab.get(m.as_str()) {
                hits[i as usize] = true;
            }
        }
        hits
    }
}

/// Documents whose tokens are kept; a results page and a little more.
const TOKEN_CACHE_DOCS: usize = 48;

/// Bounded cache of document tokens, shared by `snippet` and `highlights`:
/// a short list searched in order (a map type of its own would cost the
/// reader's wasm its copy of the B-tree code).
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    docs: Mutex<Vec<(DocNum, Arc<DocTokens>)>>,
}

impl TokenCache {
    pub(crate) fn get(&self, num: DocNum, doc: &Document) -> Arc<DocTokens> {
        // A poisoned lock only means another caller panicked mid-insert; the
        // map itself is still valid, so keep using it.
        let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, t)) = docs.iter().find(|(n, _)| *n == num) {
            return Arc::clone(t);
        }
        if docs.len() >= TOKEN_CACHE_DOCS {
            docs.clear();
        }
        let toks = Arc::new(DocTokens::of_document(doc));
        docs.push((num, Arc::clone(&toks)));
        toks
    }
}
