//! Why a document scored what it did (`build-index query --explain`).

use super::*;

impl Ctx<'_> {
    /// Why `doc` scored what it did in clause `m`: every expansion that
    /// occurs in it, with its tier, idf and per-field term frequencies.
    pub(super) fn explain_clause(&self, label: String, m: &Matches, doc: DocNum) -> Explanation {
        let value = m
            .docs
            .binary_search_by_key(&doc, |p| p.0)
            .map_or(0.0, |i| m.docs[i].1);
        let mut e = Explanation::new(value, label);
        for &t in &m.terms {
            let th = &self.terms[t];
            let Some(i) = th.index_of(doc) else { continue };
            let df = th.list.docs.len();
            let idf = th.idf;
            let score = self.posting_score(t, i, th.idf_weighted());
            let mut te = Explanation::new(
                score,
                format!(
                    "term {:?} ({} ×{}), idf {} (df {df})",
                    th.exp.term,
                    crate::expand::tier_name(th.exp.weight),
                    crate::api::fixed(f64::from(th.exp.weight), 2)
                        .trim_end_matches('0')
                        .trim_end_matches('.'),
                    crate::api::fixed(f64::from(idf), 2)
                ),
            );
            let (tfs, lens) = (&th.list.tfs[i], &th.list.lens[i]);
            for f in 0..FIELDS {
                if tfs[f] != 0 {
                    let norm = self.r.norms[f][lens[f] as usize];
                    te.push(Explanation::new(
                        tfs[f] as f32 * norm,
                        format!(
                            "{}: tf {} × weight/length norm {} (length {})",
                            FIELD_NAMES[f],
                            tfs[f],
                            crate::api::fixed(f64::from(norm), 2),
                            dequantize_len(lens[f])
                        ),
                    ));
                }
            }
            e.push(te);
        }
        e
    }
}

/// How a clause reads in an explanation: its words, alternatives by OR.
pub(super) fn clause_label(c: &Clause) -> String {
    let units: Vec<String> = c
        .any_of
        .iter()
        .map(|u| match u {
            Unit::Word(w) => format!("word {:?}", w.exact),
            Unit::Phrase(ws) => {
                let words: Vec<&str> = ws.iter().map(|w| w.exact.as_str()).collect();
                format!("phrase {:?}", words.join(" "))
            }
        })
        .collect();
    units.join(" OR ")
}

/// Field names for explanations, in posting-field order.
pub(super) const FIELD_NAMES: [&str; FIELDS] = ["title", "speaker", "body", "meta", "heading"];
