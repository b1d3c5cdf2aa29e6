//! Word boundaries: the rules of Unicode's word segmentation (UAX #29)
//! that decide where words start and end, over the characters' word-break
//! classes: most follow from properties the reader has tables for anyway
//! (a mark extends, a letter is a letter, a digit a digit: [`baseline`]),
//! and a packed table of the exceptions is generated from
//! `unicode-segmentation` (`engine/tests/word_break_table.rs`, which also
//! checks that the tokens
//! are the same as with that crate's cutting, on every character class,
//! random texts and the seeds). The one rule that only joins what is not
//! part of a word (runs of spaces, WB3d) is left out: the tokenizer
//! splits those itself.

use std::sync::OnceLock;

#[path = "word_break_table.rs"]
mod table;

pub const OTHER: u8 = 0;
pub const A_LETTER: u8 = 1;
pub const HEBREW_LETTER: u8 = 2;
pub const NUMERIC: u8 = 3;
pub const KATAKANA: u8 = 4;
pub const EXTEND_NUM_LET: u8 = 5;
pub const MID_LETTER: u8 = 6;
pub const MID_NUM: u8 = 7;
pub const MID_NUM_LET: u8 = 8;
pub const SINGLE_QUOTE: u8 = 9;
pub const DOUBLE_QUOTE: u8 = 10;
/// Extend, Format and ZWJ: they belong to the character before (WB4).
pub const EXTEND: u8 = 11;
/// CR, LF and the other line ends.
pub const NEWLINE: u8 = 12;
/// Extended_Pictographic: emoji, which a zero-width joiner glues to what
/// comes before (WB3c: `a‍😀` is one piece).
pub const PICTOGRAPHIC: u8 = 13;
/// Regional indicators: flags, read in pairs (WB15, WB16).
pub const REGIONAL: u8 = 14;

/// The word-break class of `c` (one of the constants above).
pub fn class(c: char) -> u8 {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => A_LETTER,
            '0'..='9' => NUMERIC,
            '_' => EXTEND_NUM_LET,
            ':' => MID_LETTER,
            ',' | ';' => MID_NUM,
            '.' => MID_NUM_LET,
            '\'' => SINGLE_QUOTE,
            '"' => DOUBLE_QUOTE,
            '\n' | '\r' | '\u{b}' | '\u{c}' => NEWLINE,
            _ => OTHER,
        };
    }
    let u = c as u32;
    let runs = runs();
    let i = runs.partition_point(|r| r.1 < u);
    match runs.get(i) {
        Some(&(lo, _, class)) if lo <= u => class,
        _ => baseline(c),
    }
}

/// The class `c`'s general properties suggest; the table holds the
/// characters whose class differs.
pub fn baseline(c: char) -> u8 {
    if super::is_mark(c as u32) {
        EXTEND
    } else if c.is_alphabetic() {
        A_LETTER
    } else if c.is_numeric() {
        NUMERIC
    } else {
        OTHER
    }
}

/// `table::PACKED` as (first, last, class) runs, unpacked on first use.
fn runs() -> &'static [(u32, u32, u8)] {
    static RUNS: OnceLock<Vec<(u32, u32, u8)>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let (bytes, mut at) = (table::PACKED, 0);
        let mut out = Vec::with_capacity(table::RUNS);
        let mut end = 0;
        for _ in 0..table::RUNS {
            let lo = end + super::read_varint(bytes, &mut at);
            let hi = lo + super::read_varint(bytes, &mut at);
            out.push((lo, hi, bytes.get(at).copied().unwrap_or(OTHER)));
            at += 1;
            end = hi + 1;
        }
        out
    })
}

/// `text` cut at word boundaries: `(byte offset, piece)`, words whole and
/// everything else a character at a time (with its combining marks).
pub fn segments(text: &str) -> Vec<(usize, &str)> {
    // Each character with the Extend/Format/ZWJ characters after it: the
    // rules look through those (WB4), except after a line end.
    let mut units: Vec<Unit> = Vec::new();
    for (i, c) in text.char_indices() {
        let class = class(c);
        let end = i + c.len_utf8();
        match units.last_mut() {
            Some(last) if class == EXTEND && last.class != NEWLINE => {
                last.end = end;
                last.zwj = c == '\u{200d}';
            }
            _ => units.push(Unit {
                start: i,
                end,
                class,
                zwj: false,
            }),
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for k in 1..=units.len() {
        if k == units.len() || !joins(&units, k) {
            let (start, end) = (units[from].start, units[k - 1].end);
            out.push((start, &text[start..end]));
            from = k;
        }
    }
    out
}

/// A character with the Extend/Format/ZWJ characters after it.
struct Unit {
    start: usize,
    end: usize,
    class: u8,
    /// Ends with a zero-width joiner.
    zwj: bool,
}

/// No boundary between unit `k - 1` and unit `k` (WB3c, WB5 to WB16).
fn joins(units: &[Unit], k: usize) -> bool {
    let class = |i: Option<usize>| i.and_then(|i| units.get(i)).map_or(OTHER, |u| u.class);
    let (before, a, b, after) = (
        class(k.checked_sub(2)),
        class(Some(k - 1)),
        class(Some(k)),
        class(Some(k + 1)),
    );
    if units[k - 1].zwj && b == PICTOGRAPHIC {
        return true;
    }
    if a == REGIONAL && b == REGIONAL {
        let run = units[..k].iter().rev().take_while(|u| u.class == REGIONAL);
        return run.count() % 2 == 1;
    }
    // unicode-segmentation's look past punctuation (WB6, WB7b, WB12)
    // takes a joiner and an emoji for what it looks for.
    let glued = units[k].zwj && after == PICTOGRAPHIC;
    let letter = |c| c == A_LETTER || c == HEBREW_LETTER;
    let mid_letter = |c| matches!(c, MID_LETTER | MID_NUM_LET | SINGLE_QUOTE);
    let mid_num = |c| matches!(c, MID_NUM | MID_NUM_LET | SINGLE_QUOTE);
    let word = |c| letter(c) || matches!(c, NUMERIC | KATAKANA);
    (letter(a) && letter(b))
        || (letter(a) && mid_letter(b) && (letter(after) || glued))
        || (mid_letter(a) && letter(b) && letter(before))
        || (a == HEBREW_LETTER && b == SINGLE_QUOTE)
        || (a == HEBREW_LETTER && b == DOUBLE_QUOTE && (after == HEBREW_LETTER || glued))
        || (a == DOUBLE_QUOTE && b == HEBREW_LETTER && before == HEBREW_LETTER)
        || ((letter(a) || a == NUMERIC) && b == NUMERIC)
        || (a == NUMERIC && letter(b))
        || (mid_num(a) && b == NUMERIC && before == NUMERIC)
        || (a == NUMERIC && mid_num(b) && (after == NUMERIC || glued))
        || (a == KATAKANA && b == KATAKANA)
        || ((word(a) || a == EXTEND_NUM_LET) && b == EXTEND_NUM_LET)
        || (a == EXTEND_NUM_LET && word(b))
}
