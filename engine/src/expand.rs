//! Word expansion: which dictionary terms a query word matches, and with
//! which tier weight.
//!
//! | tier | weight | rule |
//! |---|---|---|
//! | exact | 1.0 | term equals the word as typed (accents kept) |
//! | folded | 0.85 | term equals the word without diacritics (`juarez` for `Juárez`) |
//! | stem | 0.7 | same stem (double Snowball, per document language) |
//! | prefix | 0.5 | last word only: term starts with the word |
//! | typo 1 / 2 | 0.35 / 0.2 | Levenshtein distance (transposition = 1), same first letter |
//! | prefix typo | 0.25 | last word only: a prefix of the term is one typo away |
//!
//! Typo candidates assume the first letter is right: it keeps the automaton
//! walk inside one letter's part of the dictionary and lets the reader fetch
//! only the term chunks covering that letter (see FORMAT.md).

use crate::format::termdict::unpack;
use crate::plan::ChunkSet;
use crate::query::{Clause, Query, Unit, Word};
use crate::reader::{Dict, IndexReader};
use crate::tokenizer::{fold, stem};
use crate::typo::Typos;
use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Streamer};

pub const EXACT: f32 = 1.0;
pub const FOLDED: f32 = 0.85;
pub const STEM: f32 = 0.7;
pub const PREFIX: f32 = 0.5;
pub const TYPO1: f32 = 0.35;
pub const TYPO2: f32 = 0.2;
pub const PREFIX_TYPO: f32 = 0.25;

/// The tier a weight stands for, for explanations.
pub(crate) fn tier_name(weight: f32) -> &'static str {
    match weight {
        w if w >= EXACT => "exact",
        w if w >= FOLDED => "folded",
        w if w >= STEM => "stem",
        w if w >= PREFIX => "prefix",
        w if w >= TYPO1 => "1 typo",
        w if w >= PREFIX_TYPO => "prefix typo",
        _ => "2 typos",
    }
}

/// Most terms one prefix expands to (the most frequent are kept); short
/// prefixes match so much that more terms only cost time.
const MAX_PREFIX_TERMS: usize = 30;
const MAX_SHORT_PREFIX_TERMS: usize = 10;
/// Words of at most this many characters are short: their prefix
/// completions and exact forms come from the completion chunks.
pub(crate) const SHORT_WORD_CHARS: usize = 2;
/// Completions kept per short prefix: one more than a short word takes,
/// since the prefix itself, when it is a term, is not its own completion.
pub(crate) const COMPLETIONS_PER_PREFIX: usize = MAX_SHORT_PREFIX_TERMS + 1;
const MAX_TYPO_TERMS: usize = 30;
/// Postings chunks a query reads for its guesses (prefix completions and
/// typo candidates), beyond those of the words as typed and their stems.
/// A short prefix's completions are spread over the whole letter; each
/// chunk is a request while typing, and the rarer guesses add little.
pub const MAX_GUESS_CHUNKS: usize = 4;
/// Longest inflection a stem match may add (`-ational`, `-izaciones`).
const MAX_SUFFIX_BYTES: usize = 8;
/// Bound on dictionary terms examined by one stem or prefix scan.
const MAX_SCAN: usize = 20_000;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expansion {
    /// Index of the postings chunk holding the term's list.
    pub chunk: usize,
    pub offset: u64,
    pub df: u32,
    pub term: String,
    pub weight: f32,
}

/// Which expansions a use of a word allows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Ranked words: everything.
    Full,
    /// Exclusions: exact, folded and stems (no guessing).
    NoFuzzy,
    /// Phrase words: exact and folded.
    Exact,
}

impl Scope {
    pub(crate) fn for_clause(c: &Clause) -> Scope {
        if c.negated {
            Scope::NoFuzzy
        } else {
            Scope::Full
        }
    }
}

/// Where to look for terms sharing stem `s`: stems are mostly prefixes of
/// their words, but Snowball may rewrite the last letter (`policy` →
/// `polici`), so longer stems drop it; short stems are used whole, since a
/// one-letter-shorter prefix of them matches a large part of the dictionary.
fn stem_scan_prefix(s: &str) -> &str {
    if s.chars().count() <= 4 {
        return s;
    }
    let cut = s.char_indices().last().map_or(0, |(i, _)| i);
    &s[..cut]
}

fn first_char(s: &str) -> Option<&str> {
    s.chars().next().map(|c| &s[..c.len_utf8()])
}

/// Terms that are only the accented twin of a folded term: their folded
/// twin carries every document, so fuzzy expansions skip them.
pub(crate) fn is_unfolded_variant(t: &str) -> bool {
    !t.is_ascii() && fold(t) != t
}

impl IndexReader {
    /// The postings chunk whose range holds `term`.
    fn postings_chunk_of(&self, term: &str) -> Option<usize> {
        let chunks = &self.manifest.posting_chunks;
        chunks
            .partition_point(|c| c.first.as_str() <= term)
            .checked_sub(1)
    }

    fn expansion(&self, term: &str, packed: u64, weight: f32) -> Option<Expansion> {
        let (offset, df) = unpack(packed);
        Some(Expansion {
            chunk: self.postings_chunk_of(term)?,
            offset,
            df,
            term: term.to_string(),
            weight,
        })
    }

    /// Finds `term` in the loaded dictionary chunks: its packed value.
    pub(crate) fn lookup(&self, term: &str) -> Option<u64> {
        self.lookup_in(Dict::Terms, term)
    }

    fn lookup_in(&self, dict: Dict, term: &str) -> Option<u64> {
        let (chunks, loaded) = self.dict(dict);
        let i = chunks.partition_point(|c| c.last.as_str() < term);
        chunks.get(i).filter(|c| c.first.as_str() <= term)?;
        loaded.get(&i)?.map.get(term)
    }

    /// The table and loaded chunks of a dictionary.
    pub(crate) fn dict(
        &self,
        dict: Dict,
    ) -> (
        &[crate::format::TermChunkEntry],
        &crate::loaded::Loaded<crate::format::termdict::TermDict>,
    ) {
        match dict {
            Dict::Terms => (&self.manifest.term_chunks, &self.chunks),
            Dict::Completions => (&self.manifest.completion_chunks, &self.completions),
        }
    }

    /// Where the lookups of `w` read: the completion chunks for a short
    /// word (when the index has them), else the dictionary.
    pub(crate) fn dict_of(&self, w: &Word) -> Dict {
        let short = |t: &str| t.chars().count() <= SHORT_WORD_CHARS;
        if !self.manifest.completion_chunks.is_empty() && short(&w.term) && short(&w.exact) {
            Dict::Completions
        } else {
            Dict::Terms
        }
    }

    /// Visits loaded terms starting with `prefix` (bounded by MAX_SCAN).
    fn scan_prefix(&self, prefix: &str, f: impl FnMut(&str, u64)) {
        self.scan_prefix_in(Dict::Terms, prefix, f);
    }

    fn scan_prefix_in(&self, dict: Dict, prefix: &str, mut f: impl FnMut(&str, u64)) {
        let mut seen = 0;
        let (table, loaded) = self.dict(dict);
        for i in crate::reader::chunk_ids_for_prefix(table, prefix) {
            let Some(dict) = loaded.get(&i) else {
                continue;
            };
            let mut s = dict
                .map
                .search(Str::new(prefix).starts_with())
                .into_stream();
            while let Some((k, v)) = s.next() {
                seen += 1;
                if seen > MAX_SCAN {
                    return;
                }
                if let Ok(t) = std::str::from_utf8(k) {
                    f(t, v);
                }
            }
        }
    }

    /// Terms within `dist` typos of `word` (prefix distance when `prefix`),
    /// sharing its first letter: `(term, packed value, distance)`.
    pub(crate) fn typo_terms(&self, word: &str, dist: u8, prefix: bool) -> Vec<(String, u64, u8)> {
        let Some(first) = first_char(word) else {
            return Vec::new();
        };
        let Some(typos) = Typos::new(word, dist.clamp(1, 2), prefix) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for i in self.chunk_ids_for_prefix(first) {
            let Some(dict) = self.chunks.get(&i) else {
                continue;
            };
            let mut s = dict.map.search_with_state(&typos).into_stream();
            while let Some((k, v, state)) = s.next() {
                let Ok(t) = std::str::from_utf8(k) else {
                    continue;
                };
                if is_unfolded_variant(t) {
                    continue;
                }
                let d = typos.reported(&state);
                out.push((t.to_string(), v, d));
                if out.len() > MAX_SCAN {
                    return out;
                }
            }
        }
        out
    }

    /// Long enough for typo tolerance (`one_typo_min_len`).
    pub(crate) fn typo_eligible(&self, w: &Word) -> bool {
        w.term.chars().count() >= self.manifest.search.one_typo_min_len.max(1)
    }

    /// Dictionary prefixes whose chunks the exact, folded, stem and prefix
    /// lookups of `w` read (typo lookups read the whole first letter).
    pub(crate) fn dict_prefixes(&self, w: &Word) -> Vec<String> {
        let mut out = vec![w.exact.clone(), w.term.clone()];
        for lang in &self.stem_langs {
            let s = stem(&w.term, lang);
            out.push(stem_scan_prefix(&s).to_string());
        }
        out
    }

    /// True when the word itself is in the loaded dictionary.
    pub(crate) fn is_known(&self, w: &Word) -> bool {
        let d = self.dict_of(w);
        self.lookup_in(d, &w.exact).is_some() || self.lookup_in(d, &w.term).is_some()
    }

    /// The word still being typed (the query's last, a prefix) is the start
    /// of a longer dictionary term: nothing suggests a typo yet, and typo
    /// candidates would fetch every dictionary chunk of its first letter
    /// on the way to a correctly typed word.
    pub(crate) fn completes(&self, w: &Word) -> bool {
        if !w.prefix {
            return false;
        }
        let (table, loaded) = self.dict(self.dict_of(w));
        crate::reader::chunk_ids_for_prefix(table, &w.term)
            .into_iter()
            .any(|i| {
                loaded.get(&i).is_some_and(|dict| {
                    let mut s = dict
                        .map
                        .search(Str::new(&w.term).starts_with())
                        .into_stream();
                    while let Some((k, _)) = s.next() {
                        if k != w.term.as_bytes() {
                            return true;
                        }
                    }
                    false
                })
            })
    }

    /// All expansions of `w`, best weight per term. Uses only dictionary
    /// chunks, so `missing_term_chunks` and `search` agree on the terms.
    pub(crate) fn expand(&self, w: &Word, scope: Scope) -> Vec<Expansion> {
        let mut found: Vec<(String, u64, f32)> = Vec::new();
        let mut add = |term: &str, packed: u64, weight: f32| {
            if let Some(e) = found.iter_mut().find(|e| e.0 == term) {
                e.2 = e.2.max(weight);
            } else {
                found.push((term.to_string(), packed, weight));
            }
        };
        let dict = self.dict_of(w);
        if let Some(v) = self.lookup_in(dict, &w.exact) {
            add(&w.exact, v, EXACT);
        }
        if w.term != w.exact {
            if let Some(v) = self.lookup_in(dict, &w.term) {
                add(&w.term, v, FOLDED);
            }
        }
        // A short word has no stem worth a scan of the dictionary.
        if scope != Scope::Exact && dict == Dict::Terms {
            for lang in &self.stem_langs {
                let s = stem(&w.term, lang);
                if s == w.term && s.chars().count() < 3 {
                    continue;
                }
                let scan = stem_scan_prefix(&s);
                if scan.is_empty() {
                    continue;
                }
                let max_len = s.len() + MAX_SUFFIX_BYTES;
                self.scan_prefix(scan, |t, v| {
                    if t != w.term
                        && t.len() <= max_len
                        && !is_unfolded_variant(t)
                        && stem(t, lang) == s
                    {
                        add(t, v, STEM);
                    }
                });
            }
        }
        // A word found as typed is spelled right, and so, for now, is a word
        // being typed that longer terms start with: typo candidates would
        // only add noise (and chunks to fetch).
        let known = self.is_known(w) || self.completes(w);
        if scope == Scope::Full {
            if w.prefix {
                for (t, v) in self.completions(dict, w) {
                    add(&t, v, PREFIX);
                }
            }
            if !known && self.typo_eligible(w) {
                for (t, v, weight) in self.typo_candidates(w) {
                    add(&t, v, weight);
                }
            }
        }
        found
            .into_iter()
            .filter_map(|(t, v, weight)| self.expansion(&t, v, weight))
            .collect()
    }

    /// The most frequent completions of a prefix being typed, up to a
    /// count and a budget of postings.
    fn completions(&self, dict: Dict, w: &Word) -> Vec<(String, u64)> {
        let mut cands = Vec::new();
        self.scan_prefix_in(dict, &w.term, |t, v| {
            if t != w.term && !is_unfolded_variant(t) {
                cands.push((t.to_string(), v));
            }
        });
        let max = if w.term.chars().count() <= 2 {
            MAX_SHORT_PREFIX_TERMS
        } else {
            MAX_PREFIX_TERMS
        };
        // Most frequent completions first.
        crate::sorting::sort_by(&mut cands, |a, b| {
            unpack(b.1)
                .1
                .cmp(&unpack(a.1).1)
                .then_with(|| a.0.cmp(&b.0))
        });
        // Stop once the completions cover many postings: a short
        // prefix of a big corpus would otherwise score most of it.
        let budget = (self.meta.doc_count as u64 / 2).max(20_000);
        let mut used = 0u64;
        let mut out = Vec::new();
        for (t, v) in cands.into_iter().take(max) {
            let df = u64::from(unpack(v).1);
            if used > 0 && used + df > budget {
                break;
            }
            used += df;
            out.push((t, v));
        }
        out
    }

    /// Dictionary terms within one or two typos of `w` (and, for a prefix,
    /// terms one typo from extending it), nearest and most frequent first,
    /// with the weight of their distance.
    fn typo_candidates(&self, w: &Word) -> Vec<(String, u64, f32)> {
        let dist = if w.term.chars().count() >= self.manifest.search.two_typos_min_len {
            2
        } else {
            1
        };
        let mut cands: Vec<(u8, String, u64)> = self
            .typo_terms(&w.term, dist, false)
            .into_iter()
            .filter(|c| c.2 > 0)
            .map(|(t, v, d)| (d, t, v))
            .collect();
        if w.prefix {
            cands.extend(
                self.typo_terms(&w.term, 1, true)
                    .into_iter()
                    .filter(|(t, _, d)| *d > 0 && !t.starts_with(&w.term))
                    .map(|(t, v, _)| (3, t, v)),
            );
        }
        crate::sorting::sort_by(&mut cands, |a, b| {
            a.0.cmp(&b.0)
                .then(unpack(b.2).1.cmp(&unpack(a.2).1))
                .then_with(|| a.1.cmp(&b.1))
        });
        // At most MAX_TYPO_TERMS kept: a short list to look through.
        let mut seen: Vec<String> = Vec::new();
        cands
            .into_iter()
            .filter(|c| {
                let new = !seen.contains(&c.1);
                if new {
                    seen.push(c.1.clone());
                }
                new
            })
            .take(MAX_TYPO_TERMS)
            .map(|(d, t, v)| {
                let weight = match d {
                    1 => TYPO1,
                    2 => TYPO2,
                    _ => PREFIX_TYPO,
                };
                (t, v, weight)
            })
            .collect()
    }

    /// Every expansion a query's search will use (same scopes as `search`).
    pub(crate) fn query_expansions(&self, q: &Query) -> Vec<Expansion> {
        let mut out = Vec::new();
        for c in &q.clauses {
            for u in &c.any_of {
                match u {
                    Unit::Word(w) => out.extend(self.expand(w, Scope::for_clause(c))),
                    Unit::Phrase(ws) => {
                        for w in ws {
                            out.extend(self.expand(w, Scope::Exact));
                        }
                    }
                }
            }
        }
        out
    }

    /// The postings chunks a search of `q` reads: every chunk holding a
    /// word as typed, folded or stemmed, plus at most [`MAX_GUESS_CHUNKS`]
    /// for the guesses, best guesses (tier, then frequency) first. Search
    /// uses exactly these, whatever else happens to be loaded, so results
    /// do not depend on what earlier queries fetched.
    pub(crate) fn postings_plan(&self, q: &Query) -> ChunkSet {
        let mut exps = self.query_expansions(q);
        let mut plan = ChunkSet::default();
        plan.extend(exps.iter().filter(|e| e.weight >= STEM).map(|e| e.chunk));
        exps.retain(|e| e.weight < STEM);
        crate::sorting::sort_by(&mut exps, |a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(b.df.cmp(&a.df))
                .then_with(|| a.term.cmp(&b.term))
        });
        let mut guesses = ChunkSet::default();
        for e in exps {
            if plan.contains(&e.chunk) || guesses.contains(&e.chunk) {
                continue;
            }
            if guesses.len() == MAX_GUESS_CHUNKS {
                break;
            }
            guesses.insert(e.chunk);
        }
        plan.extend(guesses);
        plan
    }

    /// The closest frequent dictionary term to `word` (for "did you mean"),
    /// if `word` itself is not in the dictionary.
    pub(crate) fn closest_term(&self, word: &str) -> Option<String> {
        if self.lookup(word).is_some() {
            return None;
        }
        let dist = if word.chars().count() <= 4 { 1 } else { 2 };
        self.typo_terms(word, dist, false)
            .into_iter()
            .filter(|c| c.2 > 0)
            .map(|(t, v, d)| (d, std::cmp::Reverse(unpack(v).1), t))
            .min()
            .map(|(_, _, t)| t)
    }
}
