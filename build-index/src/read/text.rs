//! Small text helpers shared by every stage: space normalisation, accent
//! folding for matching, slugs for ids, word counting.

/// True for every Unicode space that should behave like U+0020 (NBSP, narrow
/// NBSP, the en/em/thin spaces, ideographic space, …). Tabs count too.
pub fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Characters that carry no text at all and only break matching.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    ) || is_bidi_override(c)
}

/// Bidirectional embeddings, overrides and isolates: they can make a
/// title or a file name display as something else ("Trojan Source"), and
/// plain prose does not need them.
fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A metadata value as it may be shown: bidirectional controls (marks
/// included), other control characters and invisible characters removed,
/// spaces squashed.
pub fn clean_label(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| {
            !(is_invisible(c) || c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}'))
        })
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    squash_spaces(&kept)
}

/// Normalises a whole file's text: CRLF/CR → LF, Unicode spaces → ASCII
/// space, invisible characters dropped, other control characters (except
/// `\n`) dropped. Line structure is kept so line numbers stay valid.
pub fn normalize(input: &str) -> String {
    // Most text is plain ASCII without carriage returns or controls.
    if input
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            c if is_unicode_space(c) => out.push(' '),
            c if is_invisible(c) => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Collapses runs of spaces inside a line and trims it.
pub fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Lowercase, accents removed, curly quotes and dashes made ASCII: the form
/// used to compare words (topics, gazetteer, titles printed twice).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
            continue;
        }
        engine::tokenizer::strip_marks(ch, |c| fold_char(c, &mut out));
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    match c {
        '‘' | '’' | '‚' | '′' | '`' => out.push('\''),
        '“' | '”' | '„' | '″' => out.push('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
        c => out.extend(c.to_lowercase()),
    }
}

/// Words (runs of letters/digits) of `s`, folded.
pub fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Number of words: whitespace-separated pieces holding a letter or digit.
pub fn word_count(s: &str) -> u32 {
    let n = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// ASCII slug: folded, every run of other characters becomes one `-`.
pub fn slug(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == '\'' {
            // "EU leaders’ summit" → "eu-leaders-summit", "IRIN’s" → "irins"
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Words that carry no meaning at the end of a shortened slug.
const SLUG_STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "de",
    "del", "la", "el", "y", "en",
];

/// The title part of a document id: at most eight words and 60 characters,
/// without a dangling stop word ("…-dominguez-of" → "…-dominguez"), so ids
/// stay readable in URLs while still telling documents apart.
pub fn title_slug(title: &str) -> String {
    let full = slug(title);
    let mut words: Vec<&str> = full.split('-').filter(|w| !w.is_empty()).take(8).collect();
    while words.iter().map(|w| w.len() + 1).sum::<usize>() > 61 && words.len() > 1 {
        words.pop();
    }
    while words.len() > 1 && words.last().is_some_and(|w| SLUG_STOPWORDS.contains(w)) {
        words.pop();
    }
    let s = words.join("-");
    if s.is_empty() {
        "untitled".to_string()
    } else {
        s
    }
}

/// The file part of a document id: the corpus-relative path without its
/// extension, slugged ("seeds/002_63…txt" → "002-63…", "a/b.md" → "a-b").
pub fn file_slug(relative_path: &str) -> String {
    let without_ext = match relative_path.rfind('.') {
        Some(dot) if !relative_path[dot..].contains('/') => &relative_path[..dot],
        _ => relative_path,
    };
    let s = slug(without_ext);
    if s.is_empty() {
        "file".to_string()
    } else {
        s
    }
}

/// Title case for labels printed in capitals ("SECRETARY BLINKEN" →
/// "Secretary Blinken", "U.S. DEPARTMENT of STATE" → "U.S. Department of
/// State"); short function words stay lowercase, dotted abbreviations stay.
pub fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "y",
    ];
    s.split(' ')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else if w.contains('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
                w.to_string()
            } else {
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when the letters of `s` are all uppercase (and there are some).
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_spaces_become_spaces_and_lines_survive() {
        let s = normalize("a\u{a0}b\u{202f}c\r\nd\re\u{200b}f");
        assert_eq!(s, "a b c\nd\nef");
    }

    #[test]
    fn fold_removes_accents_and_curly_punctuation() {
        assert_eq!(fold("Juárez – “Sí” ’s"), "juarez - \"si\" 's");
    }

    #[test]
    fn title_slug_is_short_and_drops_trailing_stopwords() {
        assert_eq!(
            title_slug("Secretary Antony J. Blinken With Alejandro Dominguez of Milenio TV"),
            "secretary-antony-j-blinken-with-alejandro-dominguez"
        );
        assert_eq!(
            title_slug("Migrants to bear the brunt of scant solidarity at EU leaders’ summit"),
            "migrants-to-bear-the-brunt-of-scant-solidarity"
        );
        assert_eq!(title_slug("¿?"), "untitled");
    }

    #[test]
    fn file_slug_drops_extension_and_slashes() {
        assert_eq!(
            file_slug("002_6329a5d890f25ed4.txt"),
            "002-6329a5d890f25ed4"
        );
        assert_eq!(file_slug("news/2021/Año Nuevo.md"), "news-2021-ano-nuevo");
        assert_eq!(file_slug("dir.v2/readme"), "dir-v2-readme");
    }

    #[test]
    fn title_case_keeps_abbreviations() {
        assert_eq!(
            title_case("U.S. DEPARTMENT of STATE"),
            "U.S. Department of State"
        );
        assert_eq!(title_case("SECRETARY BLINKEN"), "Secretary Blinken");
    }

    #[test]
    fn word_count_ignores_punctuation_only_pieces() {
        assert_eq!(word_count("Hello – world , 2021"), 3);
    }
}
