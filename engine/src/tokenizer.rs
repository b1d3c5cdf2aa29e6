//! The one tokenizer, used for indexing and for queries alike.
//!
//! Text is cut with Unicode word segmentation (UAX #29, [`word_break`]), then each word is
//! normalised: lowercased, typographic quotes folded, diacritics stripped for
//! the search `term` (the lowercased original is kept in `text`, so an exact
//! accented match can rank above a folded one). Compound words — `H-2`,
//! `socket.gaierror`, `snake_case` — yield their parts as ordinary tokens at
//! consecutive positions (so phrases over the parts work) plus the whole form
//! as an extra token at the position of the first part (so the compound can
//! be searched as one word). Dotted single letters (`U.S.`) join into one
//! word (`us`).
//!
//! ```
//! let toks = engine::tokenizer::tokenize("Juárez, H-2 visas", "en");
//! let terms: Vec<&str> = toks.iter().map(|t| t.term.as_str()).collect();
//! assert_eq!(terms, ["juarez", "h", "2", "h-2", "h2", "visas"]);
//! ```

mod marks_table;
pub mod word_break;

/// Longest term kept, in bytes: longer "words" are base64 blobs, hashes or
/// URLs glued together, and would only bloat the dictionary.
pub const MAX_TERM_BYTES: usize = 64;

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercased original form (diacritics kept, quotes normalised).
    pub text: String,
    /// Search term: `text` with diacritics folded.
    pub term: String,
    /// Byte range of the token in the tokenized text.
    pub start: usize,
    pub end: usize,
    /// Word position; an extra (compound) token shares the position of the
    /// first part it covers.
    pub position: u32,
    /// False for the extra whole-compound tokens (`h-2`, `h2`,
    /// `socket.gaierror`); phrases and proximity use only primary tokens.
    pub primary: bool,
}

/// Splits `text` into tokens. `lang` is accepted for future per-language
/// rules; segmentation and folding are language-independent today, and
/// stemming is applied at match time (see [`stem`]).
/// Longest text tokenized in one go by [`for_each_token`]: a longer one is
/// cut at a space into pieces of about this size, so the memory a text
/// needs follows the piece, not the paragraph (a 60 MB paragraph would
/// otherwise hold a token list twenty times its size).
pub const PIECE_BYTES: usize = 64 * 1024;

/// The tokens of `text`, as [`tokenize`] gives them, handed to `f` one
/// piece of at most about [`PIECE_BYTES`] at a time. Pieces are cut at
/// whitespace, where a token never continues, so the tokens are the same.
pub fn for_each_token(text: &str, lang: &str, mut f: impl FnMut(&Token)) {
    let mut rest = text;
    let mut offset = 0usize;
    let mut base = 0u32;
    while !rest.is_empty() {
        let cut = if rest.len() <= PIECE_BYTES {
            rest.len()
        } else {
            let mut c = PIECE_BYTES;
            while !rest.is_char_boundary(c) {
                c -= 1;
            }
            match rest[..c].rfind(char::is_whitespace) {
                Some(i) if i > 0 => i,
                _ => c,
            }
        };
        let mut max = None;
        for mut t in tokenize(&rest[..cut], lang) {
            t.start += offset;
            t.end += offset;
            t.position = t.position.saturating_add(base);
            max = max.max(Some(t.position));
            f(&t);
        }
        if let Some(m) = max {
            base = m.saturating_add(1);
        }
        offset += cut;
        rest = &rest[cut..];
    }
}

pub fn tokenize(text: &str, _lang: &str) -> Vec<Token> {
    tokenize_segments(word_break::segments(text))
}

/// The tokens of a text already cut at word boundaries (`(offset,
/// piece)`, in order): [`tokenize`] after its cutting, which the tests
/// compare with other cutters.
pub fn tokenize_segments<'a>(cut: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<Token> {
    let mut out = Vec::new();
    let mut position = 0u32;
    let mut segs: Vec<(usize, &str)> = Vec::new();
    for (start, seg) in cut {
        // Most segments are a word or a single space: no split needed.
        if seg.len() == 1
            || !seg.chars().any(char::is_whitespace)
            || seg.chars().all(char::is_whitespace)
        {
            segs.push((start, seg));
        } else {
            segs.extend(split_spaces((start, seg)));
        }
    }
    let mut i = 0;
    while i < segs.len() {
        let (start, seg) = segs[i];
        if !is_wordlike(seg) {
            i += 1;
            continue;
        }
        // Join `word-word-word` (no spaces) into one hyphenated compound.
        let mut group = vec![(start, seg)];
        let mut j = i + 1;
        while j + 1 < segs.len() && is_hyphen(segs[j].1) && is_wordlike(segs[j + 1].1) {
            group.push(segs[j + 1]);
            j += 2;
        }
        if group.len() == 1 {
            push_word(&mut out, &mut position, start, seg);
        } else {
            let first_pos = position;
            let first_idx = out.len();
            for &(s, w) in &group {
                push_word(&mut out, &mut position, s, w);
            }
            if out.len() > first_idx + 1 {
                let parts: Vec<Token> = out[first_idx..]
                    .iter()
                    .filter(|t| t.primary)
                    .cloned()
                    .collect();
                let (s, e) = (
                    group[0].0,
                    group[group.len() - 1].0 + group[group.len() - 1].1.len(),
                );
                let hy_text = join(&parts, |t| &t.text, "-");
                let hy_term = join(&parts, |t| &t.term, "-");
                push_extra(&mut out, hy_text, hy_term, s, e, first_pos);
                let text = join(&parts, |t| &t.text, "");
                let term = join(&parts, |t| &t.term, "");
                push_extra(&mut out, text, term, s, e, first_pos);
            }
        }
        i = j;
    }
    out
}

/// UAX #29 keeps U+202F (narrow no-break space) inside words; every
/// Unicode space separates words here.
fn split_spaces((start, seg): (usize, &str)) -> Vec<(usize, &str)> {
    if !seg.chars().any(char::is_whitespace) || seg.chars().all(char::is_whitespace) {
        return vec![(start, seg)];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in seg.char_indices() {
        if c.is_whitespace() {
            if i > from {
                out.push((start + from, &seg[from..i]));
            }
            out.push((start + i, &seg[i..i + c.len_utf8()]));
            from = i + c.len_utf8();
        }
    }
    if from < seg.len() {
        out.push((start + from, &seg[from..]));
    }
    out
}

fn join(parts: &[Token], f: impl Fn(&Token) -> &String, sep: &str) -> String {
    parts
        .iter()
        .map(f)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(sep)
}

fn push_extra(
    out: &mut Vec<Token>,
    text: String,
    term: String,
    start: usize,
    end: usize,
    position: u32,
) {
    if term.is_empty()
        || term.len() > MAX_TERM_BYTES
        || out
            .iter()
            .rev()
            .take(8)
            .any(|t| t.term == term && t.position == position)
    {
        return;
    }
    out.push(Token {
        text,
        term,
        start,
        end,
        position,
        primary: false,
    });
}

fn is_wordlike(seg: &str) -> bool {
    seg.chars().any(char::is_alphanumeric)
}

fn is_hyphen(seg: &str) -> bool {
    matches!(seg, "-" | "\u{2010}" | "\u{2011}")
}

/// One UAX #29 word: may be `mexico's`, `u.s`, `socket.gaierror`, `1,000`.
fn push_word(out: &mut Vec<Token>, position: &mut u32, start: usize, seg: &str) {
    let lower = normalize_word(seg);
    // Split on the in-word separators UAX #29 keeps inside a word.
    let pieces: Vec<(usize, &str)> = split_inner(&lower);
    let all_digits = pieces
        .iter()
        .all(|(_, p)| p.chars().all(|c| c.is_ascii_digit()));
    let single_letters = pieces.len() > 1
        && pieces
            .iter()
            .all(|(_, p)| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if pieces.len() <= 1 || all_digits || single_letters {
        // `1,000` → `1000`; `3.5` stays; `u.s` → `us`.
        let text: String = if single_letters || lower.contains(',') {
            lower
                .chars()
                .filter(|c| !matches!(c, '.' | ',' | '_'))
                .collect()
        } else {
            lower.clone()
        };
        push_primary(out, position, text, start, start + seg.len());
        return;
    }
    let first_pos = *position;
    // Byte offsets of `lower` and `seg` may differ (lowercasing can change
    // lengths); map piece offsets proportionally only when lengths agree.
    let same_len = lower.len() == seg.len();
    for (off, piece) in &pieces {
        let (s, e) = if same_len {
            (start + off, start + off + piece.len())
        } else {
            (start, start + seg.len())
        };
        push_primary(out, position, (*piece).to_string(), s, e);
    }
    let whole_term = fold(&lower);
    push_extra(out, lower, whole_term, start, start + seg.len(), first_pos);
}

fn push_primary(out: &mut Vec<Token>, position: &mut u32, text: String, start: usize, end: usize) {
    let term = fold(&text);
    if term.is_empty() || term.len() > MAX_TERM_BYTES || !term.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Token {
        text,
        term,
        start,
        end,
        position: *position,
        primary: true,
    });
    *position += 1;
}

/// Splits on `.`, `_`, `:` (UAX #29 MidLetter/ExtendNumLet kept inside words).
fn split_inner(word: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in word.char_indices() {
        if matches!(c, '.' | '_' | ':' | '\u{b7}') {
            if i > from {
                out.push((from, &word[from..i]));
            }
            from = i + c.len_utf8();
        }
    }
    if from < word.len() {
        out.push((from, &word[from..]));
    }
    out
}

/// Lowercases, normalises quotes and strips possessive/elided apostrophes:
/// `Mexico’s` → `mexico`, `don't` → `dont`.
fn normalize_word(seg: &str) -> String {
    let mut s: String = seg
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    if s.ends_with("'s") {
        s.truncate(s.len() - 2);
    }
    s.retain(|c| c != '\'');
    s
}

/// Folds a lowercased word for search: diacritics stripped (NFD + drop
/// combining marks) and the few letters that do not decompose mapped.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(|c| {
        let mut kept = ['\0'; 3];
        let mut n = 0;
        strip_marks(c, |d| {
            kept[n] = d;
            n += 1;
        });
        kept.into_iter().take(n)
    }) {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Hands `f` the characters of `c`'s canonical decomposition (NFD) that
/// are not combining marks: `é` → `e`, `ǿ` → `ø`, a mark → nothing, a
/// Hangul syllable → its jamo. The same as NFD followed by dropping
/// General_Category=Mark, from a table generated and checked against
/// `unicode-normalization` for every character (`tests/fold_table.rs`),
/// which keeps that crate's tables out of the reader's wasm.
pub fn strip_marks(c: char, mut f: impl FnMut(char)) {
    let u = c as u32;
    if u < 0xc0 {
        return f(c);
    }
    let to_one = to_one();
    if let Ok(i) = to_one.binary_search_by_key(&u, |e| e.0) {
        return f(char::from_u32(to_one[i].1).unwrap_or(c));
    }
    if let Ok(i) = marks_table::TO_MANY.binary_search_by_key(&u, |e| e.0) {
        return marks_table::TO_MANY[i].1.chars().for_each(f);
    }
    let in_marks = is_mark(u);
    if in_marks {
        return;
    }
    // Hangul syllables decompose by formula (Unicode §3.12), not by table.
    const S_BASE: u32 = 0xac00;
    if (S_BASE..S_BASE + 11_172).contains(&u) {
        let s = u - S_BASE;
        let jamo = [0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11a7 + s % 28];
        let n = if s.is_multiple_of(28) { 2 } else { 3 };
        return jamo[..n]
            .iter()
            .filter_map(|&j| char::from_u32(j))
            .for_each(f);
    }
    f(c)
}

/// `marks_table::TO_ONE`, unpacked on first use.
fn to_one() -> &'static [(u32, u32)] {
    static PAIRS: std::sync::OnceLock<Vec<(u32, u32)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| unpack_pairs(marks_table::TO_ONE, marks_table::TO_ONE_LEN))
}

/// Whether `u` is a General_Category=Mark character.
pub(crate) fn is_mark(u: u32) -> bool {
    marks()
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `marks_table::MARKS`, unpacked on first use.
fn marks() -> &'static [(u32, u32)] {
    static RANGES: std::sync::OnceLock<Vec<(u32, u32)>> = std::sync::OnceLock::new();
    RANGES.get_or_init(|| unpack_pairs(marks_table::MARKS, marks_table::MARKS_LEN))
}

/// `n` pairs packed by `engine/tests/fold_table.rs`: the keys' steps,
/// then the values' zigzag changes, as LEB128 varints.
fn unpack_pairs(bytes: &[u8], n: usize) -> Vec<(u32, u32)> {
    let mut at = 0;
    let mut varint = || read_varint(bytes, &mut at);
    let mut pairs = Vec::with_capacity(n);
    let mut key = 0u32;
    for _ in 0..n {
        key = key.wrapping_add(varint());
        pairs.push((key, 0));
    }
    let mut value = 0i64;
    for pair in &mut pairs {
        let z = varint();
        value += i64::from(z >> 1) ^ -i64::from(z & 1);
        pair.1 = value as u32;
    }
    pairs
}

/// The LEB128 varint at `*at` in a generated table (see
/// `engine/tests/generated`), moving `*at` past it.
pub(crate) fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut v, mut shift) = (0u32, 0);
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// Languages with a stemmer (ISO 639-1).
pub const STEMMED_LANGS: &[&str] = &["en", "es"];

/// Stems a folded term for `lang`; languages without a stemmer return the
/// term unchanged. Stems are compared, never stored in the index.
pub fn stem(term: &str, lang: &str) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    let algo = match lang {
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        _ => return term.to_string(),
    };
    // Numbers and mixed digit words are identifiers, not inflected words.
    if term.chars().any(|c| c.is_ascii_digit()) {
        return term.to_string();
    }
    let stemmer = Stemmer::create(algo);
    let once = stemmer.stem(term).into_owned();
    // Stemming twice conflates agent nouns with their verb (`traffickers` →
    // `trafficker` → `traffick` = `trafficking`), which single Snowball
    // passes keep apart.
    let twice = stemmer.stem(&once).into_owned();
    if twice.chars().count() >= 3 {
        twice
    } else {
        once
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_in_pieces_gives_the_same_tokens() {
        let text = "Ciudad Juárez, H-2 visas and socket.gaierror in 2021; ".repeat(3000);
        assert!(text.len() > 2 * PIECE_BYTES);
        let whole = tokenize(&text, "en");
        let mut pieces = Vec::new();
        for_each_token(&text, "en", |t| pieces.push(t.clone()));
        assert_eq!(pieces, whole);
    }

    fn terms(s: &str) -> Vec<String> {
        tokenize(s, "en").into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn folds_diacritics_and_keeps_unfolded_text() {
        let t = tokenize("Juárez São", "es");
        assert_eq!(t[0].term, "juarez");
        assert_eq!(t[0].text, "juárez");
        assert_eq!(t[1].term, "sao");
        assert_eq!((t[0].start, t[0].end), (0, "Juárez".len()));
    }

    #[test]
    fn acronyms_and_numbers() {
        assert_eq!(terms("the U.S. and TCOs"), ["the", "us", "and", "tcos"]);
        assert_eq!(terms("1,000 people, 3.5%"), ["1000", "people", "3.5"]);
    }

    #[test]
    fn hyphenated_compound_gives_parts_and_whole() {
        let t = tokenize("H-2A visas", "en");
        let v: Vec<(&str, u32, bool)> = t
            .iter()
            .map(|t| (t.term.as_str(), t.position, t.primary))
            .collect();
        assert_eq!(
            v,
            [
                ("h", 0, true),
                ("2a", 1, true),
                ("h-2a", 0, false),
                ("h2a", 0, false),
                ("visas", 2, true)
            ]
        );
        assert_eq!((t[2].start, t[2].end), (0, 4));
    }

    #[test]
    fn dotted_and_underscored_identifiers() {
        assert_eq!(
            terms("socket.gaierror"),
            ["socket", "gaierror", "socket.gaierror"]
        );
        assert_eq!(terms("max_len"), ["max", "len", "max_len"]);
        let t = tokenize("socket.gaierror", "en");
        assert_eq!(&"socket.gaierror"[t[1].start..t[1].end], "gaierror");
    }

    #[test]
    fn curly_quotes_and_possessives() {
        assert_eq!(
            terms("Mexico’s “border” don’t"),
            ["mexico", "border", "dont"]
        );
    }

    #[test]
    fn unicode_spaces_and_dashes_separate_words() {
        assert_eq!(terms("a\u{a0}b\u{202f}c—d – e"), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn positions_are_consecutive_for_primary_tokens() {
        let t = tokenize("one two three", "en");
        assert_eq!(t.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn stems_english_and_spanish() {
        assert_eq!(stem("trafficking", "en"), stem("traffickers", "en"));
        assert_eq!(stem("policy", "en"), stem("policies", "en"));
        assert_eq!(stem("migraciones", "es"), stem("migracion", "es"));
        assert_eq!(stem("h2", "en"), "h2");
        assert_eq!(stem("words", "xx"), "words");
    }

    #[test]
    fn offsets_always_slice_the_input() {
        for s in ["İstanbul ÅSA x.y", "ǅemal-ẞtraße", "a_b.c-d e'f’s"] {
            for t in tokenize(s, "en") {
                assert!(s.get(t.start..t.end).is_some(), "{s:?} {t:?}");
            }
        }
    }
}
