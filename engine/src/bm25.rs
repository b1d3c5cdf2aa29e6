//! BM25F's parameters and the per-field length normalisation table, which
//! the reader computes once when it opens an index and matching uses for
//! every posting.

use crate::format::docmeta::{dequantize_len, DocMeta};
use crate::format::postings::FIELDS;

/// BM25 saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation per field (title, speaker, body, meta,
/// heading): a page with many headings is long in that field by design.
pub const B: [f32; FIELDS] = [0.5, 0.5, 0.5, 0.5, 0.3];

/// `1 / (1 - b + b·len/avg) × field weight` for each quantized length.
pub(crate) fn norm_table(meta: &DocMeta, weights: [f32; FIELDS]) -> [[f32; 256]; FIELDS] {
    let mut t = [[0f32; 256]; FIELDS];
    for f in 0..FIELDS {
        let avg = meta.avg_len[f].max(1.0);
        for (q, slot) in t[f].iter_mut().enumerate() {
            let len = dequantize_len(q as u8) as f32;
            *slot = weights[f] / (1.0 - B[f] + B[f] * len / avg);
        }
    }
    t
}
