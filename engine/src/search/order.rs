//! After matching: the rerank of the best candidates (proximity, title),
//! the sort orders and the spelling suggestion.

use super::*;

impl IndexReader {
    /// Proximity and title bonuses for the best candidates.
    pub(super) fn rerank(
        &self,
        ctx: &Ctx<'_>,
        positive: &[Matches],
        base: &mut [Cand],
        notes: Option<&mut BTreeMap<DocNum, Vec<Explanation>>>,
    ) {
        // None, as far as the compiler can tell, without the feature.
        let mut notes = notes.filter(|_| cfg!(feature = "explain"));
        let by_score = |a: &Cand, b: &Cand| {
            b.full
                .cmp(&a.full)
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        };
        if base.len() > RERANK {
            select_first(base, RERANK, &mut |a, b| by_score(a, b));
        }
        let words: Vec<&Matches> = positive.iter().filter(|m| m.word).collect();
        let title_terms: Vec<Vec<usize>> = words
            .iter()
            .map(|m| {
                m.terms
                    .iter()
                    .copied()
                    .filter(|&t| ctx.terms[t].exp.weight >= crate::expand::STEM)
                    .collect()
            })
            .collect();
        for c in base.iter_mut().take(RERANK) {
            if words.len() >= 2 {
                let mut sum = 0.0;
                for pair in words.windows(2) {
                    if let Some(d) = ctx.min_distance(&pair[0].terms, &pair[1].terms, c.doc) {
                        sum += 1.0 / d.max(1) as f32;
                    }
                }
                let factor = 1.0 + PROXIMITY * sum / (words.len() - 1) as f32;
                c.score *= factor;
                if let Some(n) = notes.as_deref_mut() {
                    n.entry(c.doc).or_default().push(Explanation::new(
                        factor,
                        "× proximity of the query words (1 = far apart)",
                    ));
                }
            }
            if !words.is_empty() && words.len() == positive.len() {
                let title_len = ctx.title_len(&title_terms, c.doc);
                let pos: Vec<Vec<u32>> = title_terms
                    .iter()
                    .map(|ts| ctx.positions(ts, c.doc))
                    .collect();
                let in_title = |p: u32| p < title_len;
                let run_at = |p: u32| {
                    pos.iter().enumerate().all(|(k, ps)| {
                        ps.binary_search(&(p + k as u32)).is_ok() && in_title(p + k as u32)
                    })
                };
                let note = if run_at(0) && title_len as usize == words.len() {
                    c.score += EXACT_TITLE_BONUS;
                    Some(Explanation::new(
                        EXACT_TITLE_BONUS,
                        "+ the title is the query",
                    ))
                } else if words.len() >= 2 && pos[0].iter().any(|&p| run_at(p)) {
                    c.score *= TITLE_PHRASE_FACTOR;
                    Some(Explanation::new(
                        TITLE_PHRASE_FACTOR,
                        "× the title holds the query as a phrase",
                    ))
                } else {
                    None
                };
                if let (Some(n), Some(note)) = (notes.as_deref_mut(), note) {
                    n.entry(c.doc).or_default().push(note);
                }
            }
        }
    }

    /// Sorts `hits` and keeps the first `limit` (0 = all); only the kept
    /// ones are fully sorted.
    pub(super) fn sort(&self, hits: &mut Vec<Cand>, sort: Sort, ranked: bool, limit: usize) {
        let date = |d: DocNum| self.meta.dates.get(d as usize).copied().unwrap_or(0) >> 2;
        let by_score = |a: &Cand, b: &Cand| {
            b.full
                .cmp(&a.full)
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        };
        let cmp = |a: &Cand, b: &Cand| {
            let (da, db) = (date(a.doc), date(b.doc));
            match sort {
                Sort::Relevance if ranked => by_score(a, b),
                Sort::Relevance | Sort::Newest => (da == 0)
                    .cmp(&(db == 0))
                    .then(db.cmp(&da))
                    .then_with(|| by_score(a, b)),
                Sort::Oldest => (da == 0)
                    .cmp(&(db == 0))
                    .then(da.cmp(&db))
                    .then_with(|| by_score(a, b)),
            }
        };
        if limit > 0 && hits.len() > limit {
            select_first(hits, limit, &mut |a, b| cmp(a, b));
            hits.truncate(limit);
        }
        crate::sorting::sort_by(hits, cmp);
    }

    /// "Did you mean": the query's words with unknown ones replaced by the
    /// closest frequent dictionary term.
    pub(super) fn suggest(&self, q: &Query) -> Option<String> {
        let mut changed = false;
        let mut words = Vec::new();
        for c in q.clauses.iter().filter(|c| !c.negated) {
            for w in c.any_of.iter().flat_map(|u| match u {
                Unit::Word(w) => std::slice::from_ref(w),
                Unit::Phrase(ws) => ws.as_slice(),
            }) {
                match self.closest_term(&w.term) {
                    Some(t) => {
                        changed = true;
                        words.push(t);
                    }
                    None => words.push(w.exact.clone()),
                }
            }
        }
        changed.then(|| words.join(" "))
    }
}

/// Moves the `n` first candidates by `cmp` to the front, unordered: one
/// compiled selection for both orders.
#[inline(never)]
fn select_first(v: &mut [Cand], n: usize, cmp: &mut dyn FnMut(&Cand, &Cand) -> std::cmp::Ordering) {
    v.select_nth_unstable_by(n - 1, |a, b| cmp(a, b));
}
