//! `docmeta`: the per-document numbers the reader needs at start-up, stored
//! column by column, so ranking, facet counts, filters and date sort work
//! before any document chunk is fetched.
//!
//! ```text
//! "ARDM" | version u32 LE
//! doc_count          varint
//! avg_len            4 × f32 LE (average field length: title, speaker, body, meta)
//! dates              date_count varint, then the distinct dates ascending (varints: first
//!                    absolute, then deltas > 0), then doc_count varints: each document's
//!                    index in that table. A date is days << 2 | precision (0 none,
//!                    1 year, 2 month, 3 day), days counted from 0000-03-01 (proleptic
//!                    Gregorian). A corpus has far fewer distinct dates than documents
//!                    (Reuters: 58 for 19,043 stories), so one index byte per document.
//! facet_count        varint; per facet:
//!   name             varint length + UTF-8
//!   value_count      varint; values sorted by byte order, front-coded:
//!                    shared prefix length with the previous value (varint)
//!                    + the rest (varint length + UTF-8)
//!   per value        k varint, then the k documents having it, ascending:
//!                    first absolute, then deltas (> 0)
//! crc32 u32 LE
//! ```

use super::postings::FIELDS;
use super::{check_envelope, footer, header, put_str, put_varint, ByteReader, FormatError};
use crate::api::DocNum;

pub const MAGIC: &[u8; 4] = b"ARDM";

/// Lengths up to this are stored exactly; longer ones on a 4 % log scale.
const EXACT_LEN: u32 = 40;

/// The length a quantized byte stands for.
pub fn dequantize_len(q: u8) -> u32 {
    let q = u32::from(q);
    if q <= EXACT_LEN {
        q
    } else {
        (EXACT_LEN as f64 * 1.04f64.powi((q - EXACT_LEN) as i32)) as u32
    }
}

/// Field length → one byte (exact up to 40 words, then ±2 %).
pub fn quantize_len(len: u32) -> u8 {
    if len <= EXACT_LEN {
        return len as u8;
    }
    let mut best = EXACT_LEN as u8;
    for q in EXACT_LEN as u8..=255 {
        if dequantize_len(q) <= len {
            best = q;
        } else {
            break;
        }
    }
    best
}

/// A parsed ISO date: `(days, precision)`; precision 1 = year, 2 = month,
/// 3 = day.
pub fn parse_date(s: &str) -> Option<(i64, u8)> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse::<i64>().ok()
        } else {
            None
        }
    };
    let y = num(parts.first()?, 4)?;
    let (m, d, prec) = match parts.len() {
        1 => (1, 1, 1),
        2 => (num(parts[1], 2)?, 1, 2),
        3 => (num(parts[1], 2)?, num(parts[2], 2)?, 3),
        _ => return None,
    };
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((days_from_civil(y, m, d), prec))
}

/// Last day covered by a date of the given precision (`2021` → Dec 31).
pub fn period_end(days: i64, prec: u8) -> i64 {
    let (y, m, _) = civil_from_days(days);
    match prec {
        1 => days_from_civil(y, 12, 31),
        2 => days_from_civil(y, m, days_in_month(y, m)),
        _ => days,
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 0000-03-01 (a positive count for every year ≥ 0).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Formats a stored date back to the ISO string at its precision.
pub fn format_date(packed: u32) -> Option<String> {
    let prec = (packed & 3) as u8;
    if prec == 0 {
        return None;
    }
    let (y, m, d) = civil_from_days(i64::from(packed >> 2));
    Some(match prec {
        1 => format!("{y:04}"),
        2 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// Packs a document's date (falling back to its year) into the column value.
pub fn pack_date(date: Option<&str>, year: Option<i32>) -> u32 {
    let parsed = date
        .and_then(parse_date)
        .or_else(|| year.and_then(|y| parse_date(&format!("{y:04}"))));
    match parsed {
        Some((days, prec)) if (0..1 << 29).contains(&days) => {
            ((days as u32) << 2) | u32::from(prec)
        }
        _ => 0,
    }
}

/// Length in bytes of the longest common prefix of `a` and `b` that ends
/// on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, ca), cb)| ca != cb)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// One facet's value dictionary and per-document value ids (CSR layout).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FacetColumn {
    pub name: String,
    pub values: Vec<String>,
    /// Document `d`'s ids are `ids[offsets[d]..offsets[d + 1]]`.
    pub offsets: Vec<u32>,
    pub ids: Vec<u32>,
}

impl FacetColumn {
    pub fn doc_values(&self, doc: DocNum) -> &[u32] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.ids[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocMeta {
    pub doc_count: u32,
    /// Average field length (the lengths themselves are in the postings).
    pub avg_len: [f32; FIELDS],
    /// Packed dates (see [`pack_date`]); 0 = undated.
    pub dates: Vec<u32>,
    pub facets: Vec<FacetColumn>,
}

impl DocMeta {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = header(MAGIC);
        put_varint(&mut out, u64::from(self.doc_count));
        for a in self.avg_len {
            out.extend_from_slice(&a.to_le_bytes());
        }
        let mut table: Vec<u32> = self.dates.clone();
        table.sort_unstable();
        table.dedup();
        put_varint(&mut out, table.len() as u64);
        let mut prev = 0;
        for (i, &d) in table.iter().enumerate() {
            put_varint(&mut out, u64::from(if i == 0 { d } else { d - prev }));
            prev = d;
        }
        for d in &self.dates {
            let i = table.binary_search(d).unwrap_or(0);
            put_varint(&mut out, i as u64);
        }
        put_varint(&mut out, self.facets.len() as u64);
        for f in &self.facets {
            put_str(&mut out, &f.name);
            put_varint(&mut out, f.values.len() as u64);
            let mut prev = "";
            for v in &f.values {
                let shared = common_prefix(prev, v);
                put_varint(&mut out, shared as u64);
                put_str(&mut out, &v[shared..]);
                prev = v;
            }
            // Inverted: per value its documents. Doc deltas of a common
            // value are mostly 1-byte, where a per-document list of value
            // ids costs at least a count byte for every document.
            let mut by_value: Vec<Vec<DocNum>> = vec![Vec::new(); f.values.len()];
            for d in 0..self.doc_count {
                for &id in f.doc_values(d) {
                    if let Some(list) = by_value.get_mut(id as usize) {
                        list.push(d);
                    }
                }
            }
            for docs in &by_value {
                put_varint(&mut out, docs.len() as u64);
                let mut prev = 0;
                for (i, &d) in docs.iter().enumerate() {
                    put_varint(&mut out, u64::from(if i == 0 { d } else { d - prev }));
                    prev = d;
                }
            }
        }
        footer(out)
    }

    pub fn parse(file: &str, bytes: &[u8]) -> Result<DocMeta, FormatError> {
        let body = check_envelope(file, MAGIC, bytes)?;
        let mut r = ByteReader::new(file, body);
        let n = r.count()?;
        let mut avg_len = [0f32; FIELDS];
        for a in &mut avg_len {
            *a = r.f32_le()?;
            if !a.is_finite() || *a < 0.0 {
                return Err(r.err("bad average length"));
            }
        }
        let dates = parse_dates(&mut r, n)?;
        let nf = r.count()?;
        let mut facets = Vec::with_capacity(nf);
        for _ in 0..nf {
            facets.push(parse_facet(&mut r, n)?);
        }
        if !r.is_empty() {
            return Err(r.err("trailing bytes"));
        }
        Ok(DocMeta {
            doc_count: n as u32,
            avg_len,
            dates,
            facets,
        })
    }

    pub fn facet(&self, facet: crate::model::Facet) -> Option<&FacetColumn> {
        self.facets.get(self.facet_index(facet)?)
    }

    /// The position of `facet`'s column (columns are stored by name).
    pub fn facet_index(&self, facet: crate::model::Facet) -> Option<usize> {
        self.facets.iter().position(|f| f.name == facet.name())
    }
}

/// The date table, then each document's index into it.
fn parse_dates(r: &mut ByteReader<'_>, n: usize) -> Result<Vec<u32>, FormatError> {
    let nd = r.count()?;
    let mut table: Vec<u32> = Vec::with_capacity(nd);
    for i in 0..nd {
        let v = r.varint_u32()?;
        let d = match table.last() {
            Some(&prev) if i > 0 => prev
                .checked_add(v)
                .filter(|_| v > 0)
                .ok_or_else(|| r.err("bad date delta"))?,
            _ => v,
        };
        table.push(d);
    }
    let mut dates = Vec::with_capacity(n);
    for _ in 0..n {
        let i = r.varint()?;
        let d = usize::try_from(i)
            .ok()
            .and_then(|i| table.get(i))
            .ok_or_else(|| r.err("date index out of range"))?;
        dates.push(*d);
    }
    Ok(dates)
}

/// One facet column: its sorted values, then per value its documents.
fn parse_facet(r: &mut ByteReader<'_>, n: usize) -> Result<FacetColumn, FormatError> {
    let name = r.string()?;
    let nv = r.count()?;
    let mut values: Vec<String> = Vec::with_capacity(nv);
    for _ in 0..nv {
        let shared = r.count()?;
        let rest = r.string()?;
        let prev = values.last().map_or("", String::as_str);
        let head = prev
            .get(..shared)
            .ok_or_else(|| r.err("bad shared prefix"))?;
        values.push(format!("{head}{rest}"));
    }
    if values.windows(2).any(|w| w[0] >= w[1]) {
        return Err(r.err("facet values not sorted"));
    }
    // Per value its documents, turned into per-document value ids.
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for id in 0..nv as u32 {
        let k = r.count()?;
        let mut prev = 0u32;
        for i in 0..k {
            let v = r.varint_u32()?;
            let doc = if i == 0 {
                v
            } else {
                prev.checked_add(v)
                    .filter(|_| v > 0)
                    .ok_or_else(|| r.err("bad document delta"))?
            };
            if doc as usize >= n {
                return Err(r.err("facet document out of range"));
            }
            pairs.push((doc, id));
            prev = doc;
        }
    }
    let mut offsets = vec![0u32; n + 1];
    for &(doc, _) in &pairs {
        offsets[doc as usize + 1] += 1;
    }
    for d in 0..n {
        offsets[d + 1] += offsets[d];
    }
    // Values were visited in id order, so each document's ids land
    // ascending.
    let mut fill = offsets.clone();
    let mut ids = vec![0u32; pairs.len()];
    for (doc, id) in pairs {
        let slot = &mut fill[doc as usize];
        ids[*slot as usize] = id;
        *slot += 1;
    }
    Ok(FacetColumn {
        name,
        values,
        offsets,
        ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quantization_is_exact_for_short_fields_and_close_for_long() {
        for len in 0..=40 {
            assert_eq!(dequantize_len(quantize_len(len)), len);
        }
        for len in [41, 100, 1000, 12_345, 150_000] {
            let back = dequantize_len(quantize_len(len)) as f64;
            assert!(
                (back - len as f64).abs() / (len as f64) < 0.05,
                "{len} -> {back}"
            );
        }
    }

    #[test]
    fn dates_parse_pack_and_format() {
        assert_eq!(
            format_date(pack_date(Some("2021-10-08"), None)).as_deref(),
            Some("2021-10-08")
        );
        assert_eq!(
            format_date(pack_date(Some("2021-10"), None)).as_deref(),
            Some("2021-10")
        );
        assert_eq!(
            format_date(pack_date(None, Some(1999))).as_deref(),
            Some("1999")
        );
        assert_eq!(pack_date(Some("2021-02-30"), None), 0);
        assert_eq!(pack_date(Some("garbage"), None), 0);
        let (d, p) = parse_date("2020-02").unwrap();
        assert_eq!(civil_from_days(period_end(d, p)), (2020, 2, 29));
    }

    fn arb_meta() -> impl Strategy<Value = DocMeta> {
        (0usize..20).prop_flat_map(|n| {
            (
                proptest::collection::vec(0u32..3_000_000, n),
                proptest::collection::btree_set("[a-zé ]{1,8}", 1..6),
                proptest::collection::vec(proptest::collection::btree_set(0u32..5, 0..3), n),
            )
                .prop_map(move |(dates, values, docvals)| {
                    let values: Vec<String> = values.into_iter().collect();
                    let mut offsets = vec![0];
                    let mut ids = Vec::new();
                    for dv in &docvals {
                        ids.extend(dv.iter().copied().filter(|&i| (i as usize) < values.len()));
                        offsets.push(ids.len() as u32);
                    }
                    DocMeta {
                        doc_count: n as u32,
                        avg_len: [1.5, 2.0, 100.0, 3.0, 4.0],
                        dates,
                        facets: vec![FacetColumn {
                            name: "topic".into(),
                            values,
                            offsets,
                            ids,
                        }],
                    }
                })
        })
    }

    proptest! {
        #[test]
        fn docmeta_round_trip(m in arb_meta()) {
            let bytes = m.encode();
            prop_assert_eq!(DocMeta::parse("m", &bytes).unwrap(), m);
        }

        #[test]
        fn date_packing_round_trips(y in 1000i64..3000, m in 1i64..=12, d in 1i64..=28) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(format_date(pack_date(Some(&s), None)), Some(s));
        }
    }
}
