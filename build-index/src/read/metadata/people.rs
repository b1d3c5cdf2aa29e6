//! People named in a document.
//!
//! **Rule for `people`.** A person is a full name (two to four capitalised
//! words, middle initials allowed, e.g. "Antony J. Blinken") that the text
//! introduces in one of three ways:
//! 1. after a title or role: "Vice President Kamala Harris", "Texas Gov.
//!    Greg Abbott", "Mexican journalist Emilio Gutierrez Soto";
//! 2. with an appositive role: "Ken Salazar, U.S. Ambassador to Mexico",
//!    "Lisa Doughten, chief of …";
//! 3. as the subject or object of a speech verb: "Oscar Leeser said",
//!    "according to Jane Roe", "told Daniel Johnson";
//! 4. as the guest in the document's title: "… With Alejandro Dominguez of
//!    Milenio TV".
//!
//! A surname used alone with a title ("Mr Keating told") counts when the
//! document also prints the full name. Named speakers of a transcript are
//! people too. Names made of place, organisation or calendar words are
//! rejected, so "United States" or "Homeland Security" never qualify.
//!
//! Speaker labels become people in [`super::speakers`].

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::name_words::{is_title_word, NOT_NAME, TITLES};
use super::places::Gazetteer;

const SPEECH_VERBS: &str = "said|says|told|added|noted|stated|explained|wrote|argued|warned|asked|replied|declared|recalled|insisted|stressed|urged|announced|tweeted|testified";

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad people pattern {p}: {e}"))
}

/// A name never crosses a line break and starts after a non-letter. Word
/// boundaries elsewhere are ASCII ones (`(?-u:\b)`): Unicode ones would stop
/// the regex engine's fast DFA on any non-ASCII text.
/// An inner capital is part of the word: "McAllister", "DiCaprio".
const NAME_CORE: &str = r"((?:\p{Lu}[\p{Ll}\p{M}'’\-]+(?:\p{Lu}[\p{Ll}\p{M}'’\-]+)?|\p{Lu}\.)(?:[ \t]+(?:de|del|la|van|von|der|da|dos|bin|al|el|\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}'’\-]+(?:\p{Lu}[\p{Ll}\p{M}'’\-]+)?(?:-\p{Lu}[\p{Ll}\p{M}'’\-]+)?)){1,3})";
/// A name where the match starts: after a non-letter (or at the start).
const NAME_START: &str = r"(?:^|[^\p{L}\p{N}])";

static TITLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let mut titles: Vec<String> = TITLES.iter().map(|t| regex::escape(t)).collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    re(&format!(
        r"(?i:(?-u:\b)(?:{}))\s*,?\s+{NAME_CORE}",
        titles.join("|")
    ))
});
static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{NAME_START}{NAME_CORE},\s+(?:the\s+|a\s+|an\s+|who\S*\s+(?:is\s+|was\s+)?)?(?:[\p{{L}}.\-]+\s+){{0,3}}(?i:president|vice-president|secretary|minister|ambassador|commissioner|governor|mayor|senator|chief|director|head|chair|spokesperson|spokesman|spokeswoman|representative|coordinator|envoy|editor|correspondent|professor|researcher|official|commander|leader|founder|ceo|executive)(?-u:\b)"
    ))
});
static SUBJECT_SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{NAME_START}{NAME_CORE}\s+(?:{SPEECH_VERBS})(?-u:\b)"
    ))
});
static OBJECT_SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)(?:{SPEECH_VERBS}|(?i:according)\s+to)\s+{NAME_CORE}"
    ))
});
/// "Secretary Jane Roe With Omar Diallo of Radio X": the guest named in a
/// title.
static WITH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i:(?-u:\b)with)[ \t]+{NAME_CORE}(?:[ \t]+(?i:of|from|on|at)(?-u:\b)|,|$)"
    ))
});
static TITLE_SURNAME: LazyLock<Regex> = LazyLock::new(|| {
    let mut titles: Vec<String> = TITLES.iter().map(|t| regex::escape(t)).collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    re(&format!(
        r"(?i:(?-u:\b)(?:{}))\s+(\p{{Lu}}[\p{{Ll}}\p{{M}}'’\-]+)(?-u:\b)",
        titles.join("|")
    ))
});

pub(super) fn valid_name_word(w: &str) -> bool {
    let bare = w.trim_end_matches("’s").trim_end_matches("'s");
    !(NOT_NAME.contains(&bare)
        || engine::MONTH_NAMES.contains(&bare)
        || is_title_word(bare)
        || (bare.len() > 3 && crate::read::text::is_all_caps(bare)))
}

/// Cleans a name candidate: keeps the longest run of name words from its
/// start (`from_end` = false, after a title) or from its end (before a
/// speech verb), rejects place names. None when no person's name remains.
pub(super) fn clean_name(candidate: &str, gaz: &Gazetteer) -> Option<String> {
    clean_name_from(candidate, false, gaz)
}

fn clean_name_from(candidate: &str, from_end: bool, gaz: &Gazetteer) -> Option<String> {
    let all: Vec<&str> = candidate.split_whitespace().collect();
    let mut words: Vec<&str> = if from_end {
        let mut v: Vec<&str> = all
            .iter()
            .rev()
            .take_while(|w| valid_name_word(w))
            .copied()
            .collect();
        v.reverse();
        v
    } else {
        let skip = all.iter().take_while(|w| is_title_word(w)).count();
        all[skip..]
            .iter()
            .take_while(|w| valid_name_word(w))
            .copied()
            .collect()
    };
    while words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase) || w.ends_with('.'))
    {
        words.pop();
    }
    if words.len() < 2 || words.len() > 4 {
        return None;
    }
    let name = words.join(" ");
    let name = name
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    if words.iter().any(|w| gaz.is_place_line(w)) || gaz.is_place_line(&name) {
        return None;
    }
    Some(name)
}

/// People mentioned by the rule in the module docs, plus `speakers`.
/// `title` is searched for "… with Jane Roe of …" (rule 4: the guest of an
/// interview or conversation named in its title).
pub fn people_in(title: &str, text: &str, speakers: &[String], gaz: &Gazetteer) -> Vec<String> {
    let mut found = people(text, speakers, gaz);
    for c in WITH_NAME.captures_iter(title) {
        if let Some(n) = c
            .get(1)
            .and_then(|m| clean_name_from(m.as_str(), false, gaz))
        {
            if !found.contains(&n) {
                found.push(n);
            }
        }
    }
    found.sort();
    found
}

/// People mentioned by rules 1–3 of the module docs, plus `speakers`.
pub fn people(text: &str, speakers: &[String], gaz: &Gazetteer) -> Vec<String> {
    let mut full: Vec<String> = Vec::new();
    let add = |n: String, full: &mut Vec<String>| {
        if !full.contains(&n) {
            full.push(n);
        }
    };
    for (r, from_end) in [
        (&*TITLE_NAME, false),
        (&*APPOSITIVE, true),
        (&*SUBJECT_SPEECH, true),
        (&*OBJECT_SPEECH, false),
    ] {
        for c in r.captures_iter(text) {
            if let Some(n) = c
                .get(1)
                .and_then(|m| clean_name_from(m.as_str(), from_end, gaz))
            {
                add(n, &mut full);
            }
        }
    }
    // A surname alone with a title joins the full name printed elsewhere.
    for c in TITLE_SURNAME.captures_iter(text) {
        let surname = &c[1];
        if full.iter().any(|f| f.ends_with(surname)) {
            continue;
        }
        if let Some(f) = full_name_for(text, surname, gaz) {
            add(f, &mut full);
        }
    }
    // Shorter forms of a longer name ("Osorio Chong" of "Miguel Osorio Chong") fold in.
    let snapshot = full.clone();
    full.retain(|n| {
        !snapshot
            .iter()
            .any(|m| m != n && m.ends_with(&format!(" {n}")))
    });
    for s in speakers {
        add(s.clone(), &mut full);
    }
    full.sort();
    full
}

/// The most frequent full name in `text` that ends with `surname`.
pub fn full_name_for(text: &str, surname: &str, gaz: &Gazetteer) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut from = 0;
    let lower_surname = surname.to_lowercase();
    while let Some(pos) = find_word(text, surname, from) {
        from = pos + surname.len();
        let before = &text[..pos];
        // Walk back over capitalised words and initials on the same line.
        let mut words: Vec<&str> = Vec::new();
        let Some(before) = before.strip_suffix(' ') else {
            continue;
        };
        for w in before.rsplit(' ') {
            let w = w.trim();
            let ok = w.chars().next().is_some_and(char::is_uppercase)
                && !w.ends_with(',')
                && !w.ends_with(':')
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
            if !ok || words.len() >= 3 || is_title_word(w) {
                break;
            }
            words.push(w);
        }
        if words.is_empty() {
            continue;
        }
        words.reverse();
        let candidate = format!("{} {}", words.join(" "), surname);
        if let Some(name) = clean_name(&candidate, gaz) {
            if name.to_lowercase().ends_with(&lower_surname) {
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())))
        .map(|(n, _)| n)
}

/// Byte position of `word` as a whole word (exact case) at or after `from`.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let mut start = from;
    while let Some(off) = text.get(start..)?.find(word) {
        let pos = start + off;
        let before_ok = text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[pos + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(pos);
        }
        start = pos + word.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::get()
    }

    #[test]
    fn titles_appositives_and_speech_verbs() {
        let text = "Vice President Jane Q. Roe met Omar Diallo, the Minister of Water, in Dakar. \
                    “We will dig,” Ana Ruiz said. Mayor Li said little. The United States said nothing. \
                    According to Peter Stone the wells are dry. Ms Ruiz agreed.";
        let p = people(text, &[], g());
        assert_eq!(
            p,
            vec!["Ana Ruiz", "Jane Q. Roe", "Omar Diallo", "Peter Stone"]
        );
    }

    #[test]
    fn surname_with_title_joins_full_name() {
        let text = "The talks featured Michael Keating. Later Mr Keating told reporters more.";
        assert_eq!(people(text, &[], g()), vec!["Michael Keating"]);
    }

    #[test]
    fn an_inner_capital_stays_in_the_name() {
        let text = "Attorney General Fiona McAllister spoke. Leo DiCaprio said so.";
        assert_eq!(
            people(text, &[], g()),
            vec!["Fiona McAllister", "Leo DiCaprio"],
            "no name is cut at its inner capital"
        );
    }

    #[test]
    fn capitalised_pairs_alone_are_not_people() {
        let text = "Homeland Security and Costa Rica signed. Border Patrol agents and El Paso officials met.";
        assert!(people(text, &[], g()).is_empty());
    }
}
