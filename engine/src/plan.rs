//! Which chunks a query needs before it can be answered: the rounds of
//! dictionary, typo and postings chunks a caller fetches and hands back to
//! the reader. Planning reads the dictionaries through `expand`; the
//! reader itself only holds what was loaded.

use crate::query::Query;
use crate::reader::{chunk_ids_for_prefix, Dict, IndexReader};

impl IndexReader {
    /// The term chunks a query needs that are not loaded yet, one round at
    /// a time; call it again after adding them until it returns nothing
    /// (at most three rounds):
    /// 1. dictionary chunks covering each word as typed and its stem range
    ///    (exact, folded, stem and prefix lookups);
    /// 2. for a word long enough for typos that the dictionary does not
    ///    hold (and, for the word being typed, that no term starts with),
    ///    every dictionary chunk of its first letter (typo candidates share
    ///    the first letter);
    /// 3. the postings chunks of the terms the words expanded to, as
    ///    [`IndexReader::postings_plan`] caps them.
    pub fn missing_term_chunks(&self, q: &Query) -> Vec<String> {
        let files = |dict: Dict, need: std::collections::BTreeSet<usize>| -> Vec<String> {
            let (table, loaded) = self.dict(dict);
            need.into_iter()
                .filter(|i| !loaded.contains_key(i))
                .map(|i| table[i].file.clone())
                .collect()
        };
        let mut need = std::collections::BTreeSet::new();
        let mut short = std::collections::BTreeSet::new();
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
        let mut round1 = files(Dict::Terms, need);
        round1.extend(files(Dict::Completions, short));
        if !round1.is_empty() {
            return round1;
        }
        let mut need = std::collections::BTreeSet::new();
        for w in q.words() {
            if self.typo_eligible(w) && !self.is_known(w) && !self.completes(w) {
                for form in [&w.term, &w.exact] {
                    if let Some(c) = form.chars().next() {
                        need.extend(self.chunk_ids_for_prefix(c.encode_utf8(&mut [0; 4])));
                    }
                }
            }
        }
        let round2 = files(Dict::Terms, need);
        if !round2.is_empty() {
            return round2;
        }
        self.postings_plan(q)
            .into_iter()
            .filter(|i| !self.postings.contains_key(i))
            .map(|i| self.manifest.posting_chunks[i].file.clone())
            .collect()
    }
}
