//! Matching and ranking.
//!
//! Score of a document = Σ over positive clauses of the best
//! `tier weight × BM25F(term)` among the clause's expansions, then, for the
//! top candidates, a proximity factor (query words close together) and a
//! title bonus (the query is the title: on top; the title contains the
//! query as a phrase: ×1.5). All tunables are the constants below plus the
//! field weights in `archive.toml` (`[search.weights]`).

use crate::api::{DocNum, Hit, SearchNote, SearchRequest, SearchResults, Sort};
use crate::expand::{Expansion, Scope};
use crate::explain::Explanation;
use crate::format::docmeta::dequantize_len;
use crate::format::postings::{PostingList, FIELDS, TITLE};
use crate::format::FormatError;
use crate::plan::ChunkSet;
use crate::query::{Clause, Query, Unit, Word};
use crate::reader::IndexReader;
use std::cell::OnceCell;
use std::collections::BTreeMap;

mod accumulate;
mod explanation;
mod order;

use accumulate::*;
use explanation::*;

use crate::bm25::K1;
/// Max proximity boost (adjacent words): score × (1 + PROXIMITY).
pub const PROXIMITY: f32 = 0.5;
/// Candidates that get proximity and title scoring.
pub const RERANK: usize = 200;
/// With fewer documents than this holding every word, documents holding
/// some of the words follow them.
pub const FILL_BELOW: usize = 10;
/// Added when the title is exactly the query.
pub const EXACT_TITLE_BONUS: f32 = 1000.0;
/// Factor when the title contains the query words in order.
pub const TITLE_PHRASE_FACTOR: f32 = 1.5;

/// A decoded expansion with lazily decoded positions.
pub(crate) struct TermHits<'a> {
    pub exp: Expansion,
    pub list: PostingList<'a>,
    /// The idf this expansion scores with: the query word's own when the
    /// word is in the dictionary (see [`Ctx::word`]), else the term's.
    idf: f32,
    positions: OnceCell<(Vec<u32>, Vec<u32>)>,
}

impl<'a> TermHits<'a> {
    /// `idf × tier weight × (K1 + 1)`: what every posting of this
    /// expansion is scaled by.
    fn idf_weighted(&self) -> f32 {
        self.idf * self.exp.weight * (K1 + 1.0)
    }

    fn index_of(&self, doc: DocNum) -> Option<usize> {
        self.list.docs.binary_search(&doc).ok()
    }

    fn positions_of(&self, i: usize, file: &str) -> &[u32] {
        let (starts, flat) = self
            .positions
            .get_or_init(|| self.list.positions(file).unwrap_or_default());
        match (starts.get(i), starts.get(i + 1)) {
            (Some(&a), Some(&b)) if (b as usize) <= flat.len() && a <= b => {
                &flat[a as usize..b as usize]
            }
            _ => &[],
        }
    }
}

/// Per-query state: the decoded expansions.
pub(crate) struct Ctx<'a> {
    r: &'a IndexReader,
    pub terms: Vec<TermHits<'a>>,
    /// The postings chunks this search reads (`IndexReader::postings_plan`).
    plan: ChunkSet,
}

/// Docs matched by one unit or clause, sorted by doc, with scores and the
/// expansions (indices into `Ctx::terms`) that can explain the match.
#[derive(Default)]
struct Matches {
    docs: Vec<(DocNum, f32)>,
    terms: Vec<usize>,
    /// Words of a single-word clause (for proximity/title); empty otherwise.
    word: bool,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    doc: DocNum,
    score: f32,
    /// Positive clauses matched (only differs between docs in partial mode).
    nmatch: u32,
    /// Matched every positive clause: full matches rank before the rest.
    full: bool,
}

impl<'a> Ctx<'a> {
    fn new(r: &'a IndexReader, plan: ChunkSet) -> Self {
        Ctx {
            r,
            terms: Vec::new(),
            plan,
        }
    }

    fn file(&self, t: &TermHits<'_>) -> &'a str {
        &self.r.manifest.posting_chunks[t.exp.chunk].file
    }

    fn load(&mut self, exps: Vec<Expansion>) -> Vec<usize> {
        let n = self.r.meta.doc_count;
        let mut ids = Vec::new();
        for exp in exps {
            if !self.plan.contains(&exp.chunk) {
                continue;
            }
            let Some(chunk) = self.r.postings.get(&exp.chunk) else {
                continue;
            };
            let Ok(list) = chunk.list_at(exp.offset, n) else {
                continue;
            };
            ids.push(self.terms.len());
            let idf = th_idf(n, list.docs.len());
            self.terms.push(TermHits {
                exp,
                list,
                idf,
                positions: OnceCell::new(),
            });
        }
        ids
    }

    /// `weight × BM25F` for every posting of term `t`, into `acc`.
    fn score_term(&self, t: usize, acc: &mut Acc) {
        let th = &self.terms[t];
        let idf = th.idf_weighted();
        for (i, &doc) in th.list.docs.iter().enumerate() {
            acc.max(doc, self.posting_score(t, i, idf));
        }
    }

    /// `weight × BM25F` for every posting of term `t`, appended to `out`.
    fn score_term_into(&self, t: usize, out: &mut Vec<(DocNum, f32)>) {
        let th = &self.terms[t];
        let idf = th.idf_weighted();
        for (i, &doc) in th.list.docs.iter().enumerate() {
            out.push((doc, self.posting_score(t, i, idf)));
        }
    }

    /// `idf_weighted × tf / (K1 + tf)` with `tf` the BM25F field sum.
    fn posting_score(&self, t: usize, i: usize, idf_weighted: f32) -> f32 {
        let th = &self.terms[t];
        let (tfs, lens) = (&th.list.tfs[i], &th.list.lens[i]);
        let mut tf = 0f32;
        for f in 0..FIELDS {
            if tfs[f] != 0 {
                tf += tfs[f] as f32 * self.r.norms[f][lens[f] as usize];
            }
        }
        (idf_weighted * tf / (K1 + tf)).max(f32::MIN_POSITIVE)
    }

    /// Best `weight × BM25F` per document over `terms`.
    fn best_scores(&self, terms: &[usize]) -> Vec<(DocNum, f32)> {
        let n = self.r.meta.doc_count as usize;
        let postings: usize = terms.iter().map(|&t| self.terms[t].list.docs.len()).sum();
        if postings.saturating_mul(16) < n {
            // Few postings: sorting them beats zeroing a per-document array.
            let mut pairs: Vec<(DocNum, f32)> = Vec::with_capacity(postings);
            for &t in terms {
                self.score_term_into(t, &mut pairs);
            }
            crate::sorting::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            pairs.dedup_by_key(|p| p.0);
            return pairs;
        }
        let mut acc = Acc::new(n);
        for &t in terms {
            self.score_term(t, &mut acc);
        }
        acc.finish()
    }

    fn word(&mut self, w: &Word, scope: Scope) -> Matches {
        let ids = self.load(self.r.expand(w, scope));
        // A word the dictionary holds is as informative as itself: its
        // stems, completions and typo neighbours score with its idf, so a
        // rare variant (`borders`, `modulefinder`) cannot outscore the
        // word as typed just by being rare.
        let own_df = ids
            .iter()
            .map(|&t| &self.terms[t])
            .filter(|th| th.exp.weight >= crate::expand::FOLDED)
            .map(|th| th.list.docs.len())
            .max();
        if let Some(df) = own_df {
            let idf = th_idf(self.r.meta.doc_count, df);
            for &t in &ids {
                self.terms[t].idf = idf;
            }
        }
        Matches {
            docs: self.best_scores(&ids),
            terms: ids,
            word: true,
        }
    }

    fn phrase(&mut self, words: &[Word]) -> Matches {
        let per_word: Vec<Vec<usize>> = words
            .iter()
            .map(|w| self.load(self.r.expand(w, Scope::Exact)))
            .collect();
        let all_terms: Vec<usize> = per_word.iter().flatten().copied().collect();
        if per_word.iter().any(Vec::is_empty) {
            return Matches {
                docs: Vec::new(),
                terms: all_terms,
                word: false,
            };
        }
        // Candidates: docs having every word.
        // Each list is sorted by document (`best_scores`).
        let doc_sets: Vec<Vec<(DocNum, f32)>> =
            per_word.iter().map(|ts| self.best_scores(ts)).collect();
        let mut docs = Vec::new();
        'doc: for &(doc, s0) in &doc_sets[0] {
            let mut score = s0;
            for set in &doc_sets[1..] {
                match set.binary_search_by_key(&doc, |p| p.0) {
                    Ok(i) => score += set[i].1,
                    Err(_) => continue 'doc,
                }
            }
            let positions: Vec<Vec<u32>> =
                per_word.iter().map(|ts| self.positions(ts, doc)).collect();
            let hit = positions[0].iter().any(|&p| {
                positions[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, ps)| ps.binary_search(&(p + k as u32 + 1)).is_ok())
            });
            if hit {
                docs.push((doc, score));
            }
        }
        Matches {
            docs,
            terms: all_terms,
            word: false,
        }
    }

    /// Sorted positions of any of `terms` in `doc`.
    /// The document's title length, from a posting of one of `terms` that
    /// occurs in its title; 0 when none does (then no position of these
    /// terms is a title position either).
    fn title_len(&self, terms: &[Vec<usize>], doc: DocNum) -> u32 {
        terms
            .iter()
            .flatten()
            .find_map(|&t| {
                let th = &self.terms[t];
                let i = th.index_of(doc)?;
                (th.list.tfs[i][TITLE] > 0).then(|| dequantize_len(th.list.lens[i][TITLE]))
            })
            .unwrap_or(0)
    }

    fn positions(&self, terms: &[usize], doc: DocNum) -> Vec<u32> {
        let mut out = Vec::new();
        for &t in terms {
            if let Some(i) = self.terms[t].index_of(doc) {
                out.extend_from_slice(self.terms[t].positions_of(i, self.file(&self.terms[t])));
            }
        }
        crate::sorting::sort_u32(&mut out);
        out.dedup();
        out
    }

    fn clause(&mut self, c: &Clause) -> Matches {
        let scope = if c.negated {
            Scope::NoFuzzy
        } else {
            Scope::Full
        };
        let mut merged = Acc::new(self.r.meta.doc_count as usize);
        let mut terms = Vec::new();
        let single = c.any_of.len() == 1;
        let mut word = false;
        for u in &c.any_of {
            let m = match u {
                Unit::Word(w) => self.word(w, scope),
                Unit::Phrase(ws) if ws.len() == 1 => {
                    let mut m = self.word(&ws[0], Scope::Exact);
                    m.word = true;
                    m
                }
                Unit::Phrase(ws) => self.phrase(ws),
            };
            word = single && m.word;
            terms.extend(m.terms);
            for (d, s) in m.docs {
                merged.add(d, s);
            }
        }
        Matches {
            docs: merged.finish(),
            terms,
            word,
        }
    }

    /// Minimum distance between positions of two clauses in a document.
    fn min_distance(&self, a: &[usize], b: &[usize], doc: DocNum) -> Option<u32> {
        let pa = self.positions(a, doc);
        let pb = self.positions(b, doc);
        let (mut i, mut j, mut best) = (0, 0, None::<u32>);
        while i < pa.len() && j < pb.len() {
            let d = pa[i].abs_diff(pb[j]);
            // Words in query order are one closer than reversed ones.
            let d = if pb[j] > pa[i] { d } else { d + 1 };
            best = Some(best.map_or(d, |x| x.min(d)));
            if pa[i] < pb[j] {
                i += 1;
            } else {
                j += 1;
            }
        }
        best
    }
}

fn th_idf(n: u32, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Documents holding every positive clause (every document when there is
/// none), with their summed scores.
fn full_matches(positive: &[Matches], n: u32, keep: &dyn Fn(DocNum) -> bool) -> Vec<Cand> {
    if positive.is_empty() {
        (0..n)
            .filter(|&d| keep(d))
            .map(|doc| Cand {
                doc,
                score: 0.0,
                nmatch: 0,
                full: true,
            })
            .collect()
    } else {
        let mut order: Vec<usize> = (0..positive.len()).collect();
        crate::sorting::sort_by_key(&mut order, |&i| positive[i].docs.len());
        let mut acc = positive[order[0]].docs.clone();
        for &i in &order[1..] {
            acc = intersect(&acc, &positive[i].docs);
        }
        acc.into_iter()
            .filter(|&(d, _)| keep(d))
            .map(|(doc, score)| Cand {
                doc,
                score,
                nmatch: positive.len() as u32,
                full: true,
            })
            .collect()
    }
}

/// Documents holding some but not all of the positive clauses' words,
/// scored by the share of the words they hold.
fn partial_matches(positive: &[Matches], n: u32, keep: &dyn Fn(DocNum) -> bool) -> Vec<Cand> {
    let words = positive.len();
    let mut union = Acc::new(n as usize);
    let mut count = vec![0u8; n as usize];
    for m in positive {
        for &(d, s) in &m.docs {
            union.add(d, s);
            count[d as usize] = count[d as usize].saturating_add(1);
        }
    }
    union
        .finish()
        .into_iter()
        .map(|(doc, score)| {
            let nmatch = u32::from(count[doc as usize]);
            Cand {
                doc,
                score: score * nmatch as f32 / words as f32,
                nmatch,
                full: false,
            }
        })
        .filter(|c| (c.nmatch as usize) < words && keep(c.doc))
        .collect()
}

/// The notes on what of the query was not searched, before `note`.
/// The notes of a search, in the order to show them: how the query was
/// read first, then what the results are.
fn query_notes(q: &Query, matching: Option<SearchNote>) -> Vec<SearchNote> {
    let mut notes = Vec::new();
    if q.shortened {
        notes.push(SearchNote::Shortened {
            chars: crate::query::MAX_QUERY_CHARS,
            words: crate::query::MAX_QUERY_CLAUSES,
        });
    }
    if q.long_word {
        notes.push(SearchNote::LongWordLeftOut {
            bytes: crate::tokenizer::MAX_TERM_BYTES,
        });
    }
    notes.extend(matching);
    notes
}

/// A ranked candidate as a hit: the terms it matched and, when asked,
/// why it scored what it did.
fn hit(
    ctx: &Ctx<'_>,
    q: &Query,
    positive: &[Matches],
    notes: Option<&BTreeMap<DocNum, Vec<Explanation>>>,
    c: Cand,
    explain: bool,
) -> Hit {
    let mut matched: Vec<String> = positive
        .iter()
        .flat_map(|m| m.terms.iter())
        .filter(|&&t| ctx.terms[t].index_of(c.doc).is_some())
        .map(|&t| ctx.terms[t].exp.term.clone())
        .collect();
    crate::sorting::sort_dedup(&mut matched);
    let explain = explain.then(|| {
        let mut e = Explanation::new(c.score, "score");
        let labels = q.clauses.iter().filter(|c| !c.negated).map(clause_label);
        for (m, label) in positive.iter().zip(labels) {
            e.push(ctx.explain_clause(label, m, c.doc));
        }
        if !c.full {
            e.push(Explanation::new(
                c.nmatch as f32 / positive.len() as f32,
                format!(
                    "× {} of {} words matched (ranked after full matches)",
                    c.nmatch,
                    positive.len()
                ),
            ));
        }
        for n in notes.and_then(|n| n.get(&c.doc)).into_iter().flatten() {
            e.push(n.clone());
        }
        e
    });
    Hit {
        doc: c.doc,
        score: c.score,
        matched,
        explain,
    }
}

impl IndexReader {
    /// Runs a query. Needs the chunks [`IndexReader::missing_term_chunks`]
    /// names (a [`crate::Searcher`] fetches them); one not loaded is
    /// [`FormatError::NotLoaded`], never a word that matches nothing.
    pub fn search(&self, q: &Query, req: &SearchRequest) -> Result<SearchResults, FormatError> {
        self.all_loaded(self.missing_dict_chunks(q))?;
        let plan = self.postings_plan(q);
        self.all_loaded(self.missing_postings(&plan))?;
        let mut ctx = Ctx::new(self, plan);
        let n = self.meta.doc_count;
        let allowed = self.query_filter_mask(q, req);
        let positive: Vec<Matches> = q
            .clauses
            .iter()
            .filter(|c| !c.negated)
            .map(|c| ctx.clause(c))
            .collect();
        let has_negated = q.clauses.iter().any(|c| c.negated);
        let mut excluded = vec![false; if has_negated { n as usize } else { 0 }];
        for c in q.clauses.iter().filter(|c| c.negated) {
            for (d, _) in ctx.clause(c).docs {
                excluded[d as usize] = true;
            }
        }
        let keep = |d: DocNum| {
            !excluded.get(d as usize).copied().unwrap_or(false)
                && allowed.as_ref().is_none_or(|a| a[d as usize])
        };
        let selections = self.facet_selections(req);

        let mut note = None;
        let explain = cfg!(feature = "explain") && req.explain;
        let mut notes = explain.then(BTreeMap::new);
        let mut base = full_matches(&positive, n, &keep);
        let and_hits = base
            .iter()
            .filter(|c| self.passes(c.doc, &selections, None))
            .count();
        let words = positive.len();
        if words >= 2 && and_hits < FILL_BELOW {
            // Few documents have every word: after them come those that
            // have some (a known-item query often holds words the page never
            // uses: "module", "built-in variable"), their score scaled by
            // the share of the words they have, so a page with the one rare
            // word can still come before one with two common ones.
            let before = base.len();
            base.extend(partial_matches(&positive, n, &keep));
            if and_hits == 0 && !base.is_empty() {
                note = Some(SearchNote::SomeWordsOnly);
            } else if base.len() > before {
                note = Some(SearchNote::SomeWordsFollow { all: and_hits });
            }
        }
        if words >= 2 || positive.iter().any(|m| m.word) {
            self.rerank(&ctx, &positive, &mut base, notes.as_mut());
        }

        let facets = self.facet_counts(base.iter().map(|c| c.doc), &selections);
        let mut hits: Vec<Cand> = base
            .into_iter()
            .filter(|c| self.passes(c.doc, &selections, None))
            .collect();
        let total = hits.len();
        self.sort(&mut hits, req.sort, !positive.is_empty(), req.limit);
        let hits: Vec<Hit> = hits
            .into_iter()
            .map(|c| hit(&ctx, q, &positive, notes.as_ref(), c, explain))
            .collect();
        let suggestion = if total == 0 { self.suggest(q) } else { None };
        let notes = query_notes(q, note);
        Ok(SearchResults {
            total,
            hits,
            facets,
            notes,
            suggestion,
        })
    }
}
