//! Per-document score accumulation and intersection.

use super::*;

/// Dense per-document score accumulator (a sparse map is far slower for
/// common terms).
pub(super) struct Acc {
    pub(super) score: Vec<f32>,
    pub(super) touched: Vec<DocNum>,
}

impl Acc {
    pub(super) fn new(n: usize) -> Acc {
        Acc {
            score: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    pub(super) fn max(&mut self, d: DocNum, s: f32) {
        let s = s.max(f32::MIN_POSITIVE);
        let x = &mut self.score[d as usize];
        if *x == 0.0 {
            self.touched.push(d);
        }
        if s > *x {
            *x = s;
        }
    }

    pub(super) fn add(&mut self, d: DocNum, s: f32) {
        let x = &mut self.score[d as usize];
        if *x == 0.0 {
            self.touched.push(d);
        }
        *x += s.max(f32::MIN_POSITIVE);
    }

    /// The scored documents in order: a scan of the scores when many are
    /// (no sort needed), else the touched ones sorted.
    pub(super) fn finish(mut self) -> Vec<(DocNum, f32)> {
        if self.touched.len() >= self.score.len() / 8 {
            return (0..).zip(self.score).filter(|&(_, s)| s != 0.0).collect();
        }
        crate::sorting::sort_u32(&mut self.touched);
        self.touched
            .iter()
            .map(|&d| (d, self.score[d as usize]))
            .collect()
    }
}

/// Intersects sorted doc lists, summing scores.
pub(super) fn intersect(a: &[(DocNum, f32)], b: &[(DocNum, f32)]) -> Vec<(DocNum, f32)> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
}
