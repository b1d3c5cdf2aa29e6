//! Which chunks a query needs before it can be answered: the rounds of
//! dictionary, typo and postings chunks a caller fetches and hands back to
//! the reader. Planning reads the dictionaries through `expand`; the
//! reader itself only holds what was loaded.

use std::collections::BTreeSet;

use crate::chunk::ChunkId;
use crate::format::FormatError;
use crate::query::Query;
use crate::reader::{chunk_ids_for_prefix, Dict, IndexReader};

impl IndexReader {
    /// The chunks a query needs that are not loaded yet, one round at a
    /// time; call it again after adding them until it returns nothing (at
    /// most three rounds):
    /// 1. dictionary chunks covering each word as typed and its stem range
    ///    (exact, folded, stem and prefix lookups);
    /// 2. for a word long enough for typos that the dictionary does not
    ///    hold (and, for the word being typed, that no term starts with),
    ///    every dictionary chunk of its first letter (typo candidates share
    ///    the first letter);
    /// 3. the postings chunks of the terms the words expanded to, as
    ///    [`IndexReader::postings_plan`] caps them.
    pub fn missing_term_chunks(&self, q: &Query) -> Vec<ChunkId> {
        let dicts = self.missing_dict_chunks(q);
        if !dicts.is_empty() {
            return dicts;
        }
        self.missing_postings(&self.postings_plan(q))
    }

    /// Rounds 1 and 2 of [`IndexReader::missing_term_chunks`]: the
    /// dictionary chunks the query's words must be looked up in.
    pub(crate) fn missing_dict_chunks(&self, q: &Query) -> Vec<ChunkId> {
        let mut need = BTreeSet::new();
        let mut short = BTreeSet::new();
        for w in q.words() {
            if self.dict_of(w) == Dict::Completions {
                for form in [&w.term, &w.exact] {
                    short.extend(chunk_ids_for_prefix(&self.manifest.completion_chunks, form));
                }
                continue;
            }
            for p in self.dict_prefixes(w) {
                need.extend(self.chunk_ids_for_prefix(&p));
            }
        }
        let mut round1 = self.not_loaded(Dict::Terms, need);
        round1.extend(self.not_loaded(Dict::Completions, short));
        if !round1.is_empty() {
            return round1;
        }
        let mut need = BTreeSet::new();
        for w in q.words() {
            if self.typo_eligible(w) && !self.is_known(w) && !self.completes(w) {
                for form in [&w.term, &w.exact] {
                    if let Some(c) = form.chars().next() {
                        need.extend(self.chunk_ids_for_prefix(c.encode_utf8(&mut [0; 4])));
                    }
                }
            }
        }
        self.not_loaded(Dict::Terms, need)
    }

    /// The postings chunks of `plan` that are not loaded yet.
    pub(crate) fn missing_postings(&self, plan: &BTreeSet<usize>) -> Vec<ChunkId> {
        plan.iter()
            .filter(|i| !self.postings.contains_key(i))
            .map(|&i| ChunkId::Postings(i))
            .collect()
    }

    /// `Ok` when `missing` is empty, else the error naming the first
    /// chunk: a query is never answered as if a word matched nothing
    /// because its chunk was not fetched.
    pub(crate) fn all_loaded(&self, missing: Vec<ChunkId>) -> Result<(), FormatError> {
        match missing.first() {
            None => Ok(()),
            Some(id) => Err(FormatError::NotLoaded {
                file: id.file(&self.manifest).unwrap_or("a chunk").to_string(),
            }),
        }
    }

    fn not_loaded(&self, dict: Dict, need: BTreeSet<usize>) -> Vec<ChunkId> {
        let (_, loaded) = self.dict(dict);
        let id = match dict {
            Dict::Terms => ChunkId::Terms,
            Dict::Completions => ChunkId::Completions,
        };
        need.into_iter()
            .filter(|i| !loaded.contains_key(i))
            .map(id)
            .collect()
    }
}
