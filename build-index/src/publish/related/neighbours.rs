//! Each document's nearest neighbours by cosine over the capped vectors,
//! found through inverted lists of those vectors (so a document is only
//! ever compared with documents sharing one of its heaviest words or
//! values), and the reason each neighbour is shown.

use super::vectors::{Kind, Rows, Vectors};
use engine::Related;

/// Related documents kept per document.
pub const MAX_RELATED: usize = 5;
/// Entries kept per word (or value) list: the documents where it weighs
/// most. A list is walked once for each document holding the word, so the
/// cap bounds the work per document (at most `TERMS_PER_DOC` lists of this
/// length) and keeps the whole linear in the corpus. With the candidates
/// scored again ([`RESCORE`]), 100 keeps 98% of the score of the exact top
/// five on Reuters-21578, for a quarter of the work of no cap.
pub const POSTING_CAP: usize = 100;
/// Weight of shared metadata against shared words (both cosines, 0..1):
/// a shared rare person says a lot, but two stories can share a place and
/// be about different things (at 0.5, Reuters stories about a company
/// were related to every other story from its country).
pub const META_WEIGHT: f32 = 0.3;
/// Below this score a neighbour is too weak to offer. On the seeds, pairs
/// on one subject score 0.16–0.52, pairs that only share a field
/// (migration, US–Mexico relations) under 0.15.
pub const MIN_SCORE: f32 = 0.15;
/// Words and values two documents must share at least: one word in
/// common is chance, whatever its weight.
const MIN_SHARED: usize = 2;
/// Values or words a reason names.
const REASON_ITEMS: usize = 3;
/// Share of the first word's weight in the score below which a shared
/// word is not named in the reason.
const REASON_FLOOR: f32 = 0.2;
/// A document's heaviest words whose lists are walked for candidates
/// (the rest still count in the scores of the candidates): on
/// Reuters-21578 the top five keep 99.7% of the score found with all 32,
/// for half the work.
const SEARCH_TERMS: usize = 16;
/// Candidates scored again from their whole vectors, by their estimate
/// from the capped lists.
const RESCORE: usize = 4 * MAX_RELATED;

/// Inverted lists over the capped vectors: per key, (document, weight).
struct Postings {
    starts: Vec<usize>,
    items: Vec<(u32, f32)>,
}

impl Postings {
    fn new(rows: &Rows<f32>, keys: usize) -> Postings {
        let mut starts = vec![0usize; keys + 1];
        for d in 0..rows.len() {
            for &(k, _) in rows.row(d) {
                starts[k as usize + 1] += 1;
            }
        }
        for k in 0..keys {
            starts[k + 1] += starts[k];
        }
        let mut fill = starts.clone();
        let mut items = vec![(0u32, 0f32); starts[keys]];
        for d in 0..rows.len() {
            for &(k, w) in rows.row(d) {
                items[fill[k as usize]] = (d as u32, w);
                fill[k as usize] += 1;
            }
        }
        let mut p = Postings { starts, items };
        p.cap();
        p
    }

    /// Cuts every list to its [`POSTING_CAP`] heaviest entries, in place.
    fn cap(&mut self) {
        let mut write = 0;
        for k in 0..self.starts.len() - 1 {
            let (from, to) = (self.starts[k], self.starts[k + 1]);
            let list = &mut self.items[from..to];
            if list.len() > POSTING_CAP {
                list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            }
            let kept = list.len().min(POSTING_CAP);
            self.items.copy_within(from..from + kept, write);
            self.starts[k] = write;
            write += kept;
        }
        *self.starts.last_mut().expect("keys + 1 starts") = write;
        self.items.truncate(write);
        self.items.shrink_to_fit();
    }

    fn list(&self, k: u32) -> &[(u32, f32)] {
        &self.items[self.starts[k as usize]..self.starts[k as usize + 1]]
    }
}

/// Scores of one document against all others, reused from one document
/// to the next: only the entries touched are reset.
pub(super) struct Scores {
    score: Vec<f32>,
    touched: Vec<u32>,
    /// Candidates of the document at hand (kept for its allocation).
    found: Vec<(f32, u32)>,
}

impl Scores {
    pub(super) fn new(docs: usize) -> Scores {
        Scores {
            score: vec![0.0; docs],
            touched: Vec::new(),
            found: Vec::new(),
        }
    }

    fn add(&mut self, doc: u32, s: f32) {
        let slot = &mut self.score[doc as usize];
        if *slot == 0.0 {
            self.touched.push(doc);
        }
        *slot += s;
    }
}

/// Finds related documents in a set of [`Vectors`].
pub(super) struct Finder<'a> {
    v: &'a Vectors,
    terms: Postings,
    meta: Postings,
}

impl<'a> Finder<'a> {
    pub(super) fn new(v: &'a Vectors) -> Finder<'a> {
        Finder {
            v,
            terms: Postings::new(&v.terms, v.words.len()),
            meta: Postings::new(&v.meta, v.values.len()),
        }
    }

    pub(super) fn docs(&self) -> usize {
        self.v.titles.len()
    }

    /// Document `d`'s related documents, best first; `id` names a document.
    pub(super) fn related<'i>(
        &self,
        d: usize,
        scores: &mut Scores,
        id: impl Fn(usize) -> &'i str,
    ) -> Vec<Related> {
        self.neighbours(d, scores)
            .into_iter()
            .map(|c| Related {
                id: id(c).to_string(),
                title: self.v.titles[c].to_string(),
                reason: self.reason(d, c),
            })
            .collect()
    }

    /// Up to [`MAX_RELATED`] documents scoring at least [`MIN_SCORE`] with
    /// `d`, best first (ties: lower number), never `d` itself nor a copy of
    /// `d` or of a document already taken.
    fn neighbours(&self, d: usize, scores: &mut Scores) -> Vec<usize> {
        let v = self.v;
        let mut heaviest: Vec<(u32, f32)> = v.terms.row(d).to_vec();
        if heaviest.len() > SEARCH_TERMS {
            heaviest.select_nth_unstable_by(SEARCH_TERMS, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            heaviest.truncate(SEARCH_TERMS);
        }
        for &(t, w) in &heaviest {
            for &(c, wc) in self.terms.list(t) {
                scores.add(c, w * wc);
            }
        }
        for &(m, w) in v.meta.row(d) {
            for &(c, wc) in self.meta.list(m) {
                scores.add(c, META_WEIGHT * w * wc);
            }
        }
        let mut found = std::mem::take(&mut scores.found);
        found.clear();
        for &c in &scores.touched {
            let s = std::mem::take(&mut scores.score[c as usize]);
            if c as usize != d {
                found.push((s, c));
            }
        }
        scores.touched.clear();
        // The capped lists miss part of some candidates' scores: the best
        // by that estimate are scored again from the whole vectors.
        let by_score = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if found.len() > RESCORE {
            found.select_nth_unstable_by(RESCORE, by_score);
            found.truncate(RESCORE);
        }
        for (s, c) in &mut found {
            *s = self.score(d, *c as usize);
        }
        found.retain(|&(s, _)| s >= MIN_SCORE);
        found.sort_unstable_by(by_score);
        let mut taken: Vec<usize> = Vec::with_capacity(MAX_RELATED);
        let mut hashes = vec![v.hashes[d]];
        for &(_, c) in &found {
            let c = c as usize;
            if hashes.contains(&v.hashes[c]) {
                continue;
            }
            hashes.push(v.hashes[c]);
            taken.push(c);
            if taken.len() == MAX_RELATED {
                break;
            }
        }
        scores.found = found;
        taken
    }

    /// `cos(words) + META_WEIGHT × cos(metadata)` of `d` and `c`; 0 when
    /// they share fewer than [`MIN_SHARED`] words and values.
    fn score(&self, d: usize, c: usize) -> f32 {
        let v = self.v;
        let mut keys = 0;
        let mut dot = |a, b| {
            shared(a, b)
                .map(|(_, w)| {
                    keys += 1;
                    w
                })
                .sum::<f32>()
        };
        let s =
            dot(v.terms.row(d), v.terms.row(c)) + META_WEIGHT * dot(v.meta.row(d), v.meta.row(c));
        if keys < MIN_SHARED {
            0.0
        } else {
            s
        }
    }

    /// What `d` and `c` share, from the data: the people they share
    /// (rarest first); else their places and topics when those weigh at
    /// least as much in the score as their words; else the shared words
    /// that weigh most.
    fn reason(&self, d: usize, c: usize) -> String {
        let v = self.v;
        let meta: Vec<(u32, f32)> = shared(v.meta.row(d), v.meta.row(c)).collect();
        let mut words: Vec<(u32, f32)> = shared(v.terms.row(d), v.terms.row(c)).collect();
        let people = meta
            .iter()
            .any(|&(m, _)| v.values[m as usize].0 == Kind::Person);
        let meta_part = META_WEIGHT * meta.iter().map(|(_, w)| w).sum::<f32>();
        let word_part = words.iter().map(|(_, w)| w).sum::<f32>();
        if people || (!meta.is_empty() && meta_part >= word_part) {
            let mut values: Vec<u32> = meta.iter().map(|&(m, _)| m).collect();
            values.sort_by_key(|&m| (v.values[m as usize].0, v.value_df[m as usize], m));
            values.truncate(REASON_ITEMS);
            return values_reason(&values, v);
        }
        words.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A word that weighs a fraction of the first is shared by chance
        // ("pole, an"): naming it would not help the reader.
        let floor = words.first().map_or(0.0, |w| w.1 * REASON_FLOOR);
        let words: Vec<&str> = words
            .iter()
            .take(REASON_ITEMS)
            .take_while(|w| w.1 >= floor)
            .map(|&(t, _)| &*v.words[t as usize])
            .collect();
        format!("Shared words: {}", words.join(", "))
    }
}

/// Keys in both rows (each ordered by key), with the product of their
/// weights.
fn shared<'r>(a: &'r [(u32, f32)], b: &'r [(u32, f32)]) -> impl Iterator<Item = (u32, f32)> + 'r {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            let ((ka, wa), (kb, wb)) = (a[i], b[j]);
            match ka.cmp(&kb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some((ka, wa * wb));
                }
            }
        }
        None
    })
}

/// "Shared people: A, B; places: C" for values sorted by kind.
fn values_reason(values: &[u32], v: &Vectors) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut kind: Option<Kind> = None;
    for &m in values {
        let (k, name) = &v.values[m as usize];
        if kind == Some(*k) {
            if let Some(last) = parts.last_mut() {
                last.push_str(", ");
                last.push_str(name);
            }
        } else {
            parts.push(format!("{}: {name}", k.plural()));
            kind = Some(*k);
        }
    }
    format!("Shared {}", parts.join("; "))
}
