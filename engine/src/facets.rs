//! Filters and disjunctive facet counts, all from docmeta.
//!
//! The count shown for value `v` of facet `F` is the number of documents
//! that match the query, the date range, the selections of every *other*
//! facet, and `F = v` — so ticking a second value of a facet shows what
//! it would add (OR within a facet, AND across facets).

use crate::api::{DocNum, SearchRequest};
use crate::format::docmeta::{parse_date, period_end};
use crate::model::Facet;
use crate::query::Query;
use crate::reader::IndexReader;
use crate::tokenizer::tokenize;
use crate::FacetMap;

/// A facet's selected values (from the UI), as a bitmap over its value ids.
pub(crate) struct Selection {
    facet: usize,
    selected: Vec<bool>,
    /// Selected values no document has (still listed, with count 0, so the
    /// UI can show and untick them).
    unknown: Vec<String>,
}

fn folded_words(s: &str) -> Vec<String> {
    tokenize(s, "")
        .into_iter()
        .filter(|t| t.primary)
        .map(|t| t.term)
        .collect()
}

/// Does facet value `value` match the filter text `want` (`speaker:blinken`
/// matches "Antony J. Blinken")? Every word of `want` must be a word of
/// `value`; years and languages compare whole.
fn value_matches(facet: Facet, value: &str, want: &str) -> bool {
    if matches!(facet, Facet::Year | Facet::Lang) {
        return value.eq_ignore_ascii_case(want.trim());
    }
    let have = folded_words(value);
    let want = folded_words(want);
    !want.is_empty() && want.iter().all(|w| have.contains(w))
}

impl IndexReader {
    /// Docs allowed by the query's own filters and the date range (None =
    /// all docs).
    pub(crate) fn query_filter_mask(&self, q: &Query, req: &SearchRequest) -> Option<Vec<bool>> {
        let n = self.meta.doc_count as usize;
        let from = q
            .after
            .into_iter()
            .chain(req.date_from.as_deref().and_then(parse_date).map(|d| d.0))
            .max();
        let to = q
            .before
            .into_iter()
            .chain(
                req.date_to
                    .as_deref()
                    .and_then(parse_date)
                    .map(|(d, p)| period_end(d, p)),
            )
            .min();
        if q.filters.is_empty() && from.is_none() && to.is_none() {
            return None;
        }
        let mut mask = vec![true; n];
        if from.is_some() || to.is_some() {
            for (d, m) in mask.iter_mut().enumerate() {
                let packed = self.meta.dates[d];
                let day = i64::from(packed >> 2);
                // Undated documents cannot be placed in a range.
                *m = packed != 0 && from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t);
            }
        }
        for f in &q.filters {
            let Some(col) = self.meta.facet(f.facet) else {
                continue;
            };
            let ok: Vec<bool> = col
                .values
                .iter()
                .map(|v| value_matches(f.facet, v, &f.value))
                .collect();
            for (d, m) in mask.iter_mut().enumerate() {
                if *m {
                    let has = col.doc_values(d as DocNum).iter().any(|&i| ok[i as usize]);
                    *m = has != f.negated;
                }
            }
        }
        Some(mask)
    }

    pub(crate) fn facet_selections(&self, req: &SearchRequest) -> Vec<Selection> {
        let mut out = Vec::new();
        for (name, values) in req.filters.iter() {
            if values.is_empty() {
                continue;
            }
            let Some(facet) = self.meta.facet_index(*name) else {
                continue;
            };
            let col = &self.meta.facets[facet];
            let selected = col.values.iter().map(|v| values.contains(v)).collect();
            let unknown = values
                .iter()
                .filter(|v| col.values.binary_search(v).is_err())
                .cloned()
                .collect();
            out.push(Selection {
                facet,
                selected,
                unknown,
            });
        }
        out
    }

    /// Does `doc` satisfy every selection except the one for facet `skip`?
    pub(crate) fn passes(&self, doc: DocNum, sels: &[Selection], skip: Option<usize>) -> bool {
        sels.iter().filter(|s| Some(s.facet) != skip).all(|s| {
            self.meta.facets[s.facet]
                .doc_values(doc)
                .iter()
                .any(|&i| s.selected[i as usize])
        })
    }

    /// Disjunctive counts over `base` (the docs matching the query and the
    /// query filters, before facet selections).
    pub(crate) fn facet_counts(
        &self,
        base: impl Iterator<Item = DocNum>,
        sels: &[Selection],
    ) -> FacetMap<Vec<(String, u32)>> {
        let facets = &self.meta.facets;
        let mut counts: Vec<Vec<u32>> = facets.iter().map(|f| vec![0; f.values.len()]).collect();
        for doc in base {
            // Which selections does this doc fail? 0 → counts everywhere;
            // exactly 1 → counts only in that facet; more → nowhere.
            let mut failed = None;
            let mut fails = 0;
            for s in sels {
                if !facets[s.facet]
                    .doc_values(doc)
                    .iter()
                    .any(|&i| s.selected[i as usize])
                {
                    fails += 1;
                    failed = Some(s.facet);
                }
            }
            for (fi, f) in facets.iter().enumerate() {
                if fails == 0 || (fails == 1 && failed == Some(fi)) {
                    for &v in f.doc_values(doc) {
                        counts[fi][v as usize] += 1;
                    }
                }
            }
        }
        let mut out = FacetMap::new();
        for (fi, f) in facets.iter().enumerate() {
            let Some(facet) = Facet::from_name(&f.name) else {
                continue;
            };
            let selected = sels.iter().find(|s| s.facet == fi);
            let mut list: Vec<(String, u32)> = f
                .values
                .iter()
                .enumerate()
                .filter(|&(i, _)| counts[fi][i] > 0 || selected.is_some_and(|s| s.selected[i]))
                .map(|(i, v)| (v.clone(), counts[fi][i]))
                .collect();
            if let Some(sel) = selected {
                list.extend(sel.unknown.iter().map(|v| (v.clone(), 0)));
                list.dedup();
            }
            crate::sorting::sort_by(&mut list, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list.dedup();
            out.insert(facet, list);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{value_matches, Facet};

    #[test]
    fn filter_values_match_by_words() {
        assert!(value_matches(
            Facet::Speaker,
            "Antony J. Blinken",
            "blinken"
        ));
        assert!(value_matches(
            Facet::Source,
            "Voice of America",
            "voice america"
        ));
        assert!(value_matches(Facet::Place, "Ciudad Juárez", "juarez"));
        assert!(!value_matches(Facet::Place, "Ciudad Juárez", "mexico"));
        assert!(value_matches(Facet::Year, "2021", "2021"));
        assert!(!value_matches(Facet::Year, "2021", "20"));
    }
}
