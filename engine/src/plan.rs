//! Which chunks a query needs before it can be answered: the rounds of
//! dictionary, typo and postings chunks a caller fetches and hands back to
//! the reader. Planning reads the dictionaries through `expand`; the
//! reader itself only holds what was loaded.

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
        let mut need = ChunkSet::default();
        let mut short = ChunkSet::default();
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
        let mut need = ChunkSet::default();
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
    pub(crate) fn missing_postings(&self, plan: &ChunkSet) -> Vec<ChunkId> {
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

    fn not_loaded(&self, dict: Dict, need: ChunkSet) -> Vec<ChunkId> {
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

/// A set of chunk numbers, in order: a sorted list (a B-tree set of its
/// own would cost the reader's wasm its copy of the B-tree code, for sets
/// of a few numbers).
#[derive(Debug, Default, Clone)]
pub(crate) struct ChunkSet(Vec<usize>);

impl ChunkSet {
    /// Adds `i`; false when it was there.
    pub(crate) fn insert(&mut self, i: usize) -> bool {
        match self.0.binary_search(&i) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, i);
                true
            }
        }
    }

    pub(crate) fn contains(&self, i: &usize) -> bool {
        self.0.binary_search(i).is_ok()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.0.iter()
    }
}

impl Extend<usize> for ChunkSet {
    fn extend<I: IntoIterator<Item = usize>>(&mut self, items: I) {
        for i in items {
            self.insert(i);
        }
    }
}

impl IntoIterator for ChunkSet {
    type Item = usize;
    type IntoIter = std::vec::IntoIter<usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod chunk_set_tests {
    use super::ChunkSet;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        #[test]
        fn behaves_as_a_btree_set(ops in proptest::collection::vec(0usize..40, 0..80)) {
            let (mut ours, mut theirs) = (ChunkSet::default(), BTreeSet::new());
            for i in ops {
                prop_assert_eq!(ours.contains(&i), theirs.contains(&i));
                prop_assert_eq!(ours.insert(i), theirs.insert(i));
                prop_assert_eq!(ours.len(), theirs.len());
            }
            prop_assert_eq!(ours.into_iter().collect::<Vec<_>>(), theirs.into_iter().collect::<Vec<_>>());
        }
    }
}
