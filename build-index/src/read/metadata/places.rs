//! Places from the shipped gazetteer (`data/gazetteer.tsv`): countries,
//! regions and major cities, each with its other spellings.
//!
//! A mention counts when the name stands as whole words, starts with a
//! capital letter, and is not the first word of a longer proper name
//! ("Merida Initiative", "Paris Agreement", "Somalia Partnership Forum").
//! Names of four letters or more match without regard to accents or case of
//! the later letters ("Juarez" finds "Juárez"); short abbreviations (US, UK,
//! DRC) must be printed exactly.

use crate::read::text::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

const GAZETTEER: &str = include_str!("../../../data/gazetteer.tsv");

/// Words that, right after a place name, show the name is part of the name
/// of something else.
const NAMING_WORDS: &[&str] = &[
    "Initiative",
    "Agreement",
    "Declaration",
    "Accord",
    "Accords",
    "Proposal",
    "Protocol",
    "Convention",
    "Forum",
    "Process",
    "Compact",
    "Summit",
    "Conference",
    "Group",
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Club",
    "University",
    "Street",
    "Avenue",
    "Road",
    "Hotel",
    "Airport",
    "Consensus",
    "Principles",
    "Plan",
    "Act",
    "Partnership",
    "Commission",
    "Doctrine",
    "Review",
    "Journal",
    "Gazette",
    "Daily",
    "Dialogue",
];

#[derive(Debug, PartialEq)]
enum Check {
    Place,
    PartOfName,
    No,
}

pub struct Gazetteer {
    automaton: AhoCorasick,
    /// Per pattern: (index into `names`, whether the match must be exact-case).
    patterns: Vec<(usize, bool, String)>,
    names: Vec<String>,
}

impl Gazetteer {
    fn parse(data: &str) -> Gazetteer {
        let mut names = Vec::new();
        let mut patterns: Vec<(usize, bool, String)> = Vec::new();
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let Some(name) = cols.next() else { continue };
            let _kind = cols.next();
            let aliases = cols.next().unwrap_or("");
            let idx = names.len();
            names.push(name.to_string());
            let mut forms: Vec<String> = vec![name.to_string()];
            forms.extend(
                aliases
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string),
            );
            for form in forms {
                let letters = form.chars().filter(|c| c.is_alphabetic()).count();
                let exact = letters <= 3;
                let unaccented = strip_accents(&form);
                if unaccented != form {
                    patterns.push((idx, exact, unaccented));
                }
                patterns.push((idx, exact, form));
            }
        }
        // Data file is part of the binary; building cannot fail on it.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|p| p.2.as_str()))
            .unwrap_or_else(|e| panic!("gazetteer automaton: {e}"));
        Gazetteer {
            automaton,
            patterns,
            names,
        }
    }

    /// The shared gazetteer built from the shipped data file.
    pub fn get() -> &'static Gazetteer {
        static G: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(GAZETTEER));
        &G
    }

    /// Canonical names of the places mentioned in `text`, in first-mention
    /// order. A name the text uses as part of a longer name ("Merida
    /// Initiative") is not counted for its bare mentions either ("through
    /// Merida, we …"): in that text it names the longer thing.
    pub fn find(&self, text: &str) -> Vec<String> {
        let mut seen = vec![false; self.names.len()];
        let mut named_other = vec![false; self.names.len()];
        let mut hits = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (idx, exact, pat) = &self.patterns[m.pattern().as_usize()];
            match self.check(text, m.start(), m.end(), *exact, pat) {
                Check::Place => hits.push(*idx),
                Check::PartOfName => named_other[*idx] = true,
                Check::No => {}
            }
        }
        let mut out = Vec::new();
        for idx in hits {
            if !seen[idx] && !named_other[idx] {
                seen[idx] = true;
                out.push(self.names[idx].clone());
            }
        }
        out
    }

    fn accept(&self, text: &str, start: usize, end: usize, exact: bool, pat: &str) -> bool {
        self.check(text, start, end, exact, pat) == Check::Place
    }

    fn check(&self, text: &str, start: usize, end: usize, exact: bool, pat: &str) -> Check {
        let found = &text[start..end];
        if exact && found != pat {
            return Check::No;
        }
        if !found.chars().next().is_some_and(char::is_uppercase) {
            return Check::No;
        }
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '@' || c == '/') {
            return Check::No;
        }
        let rest = &text[end..];
        let mut after = rest.chars();
        match after.next() {
            Some(c) if c.is_alphanumeric() => return Check::No,
            // "U.S" must not end inside "U.S.A"; a dot after a name is fine.
            Some('.') if found.ends_with('.') => {}
            _ => {}
        }
        let next_word: String = rest
            .trim_start_matches([' ', '’', '\''])
            .trim_start_matches('s')
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if rest.starts_with(' ') && NAMING_WORDS.contains(&next_word.as_str()) {
            return Check::PartOfName;
        }
        Check::Place
    }

    /// True when the whole line names a place: "Mexico City, Mexico",
    /// "Washington, DC", "Nairobi" (a dateline).
    pub fn is_place_line(&self, line: &str) -> bool {
        let line = line.trim().trim_end_matches(['.', ',']);
        if line.is_empty() || line.split_whitespace().count() > 6 {
            return false;
        }
        if self.is_place(line) {
            return true;
        }
        // Every comma-separated part must be a place or a short code (DC, TX).
        line.contains(',')
            && line.split(',').map(str::trim).all(|part| {
                self.is_place(part)
                    || (part.len() <= 4 && part.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
            })
    }

    /// True when all of `s` is one place name.
    fn is_place(&self, s: &str) -> bool {
        self.automaton.find_iter(s).any(|m| {
            let (_, exact, pat) = &self.patterns[m.pattern().as_usize()];
            m.start() == 0 && m.end() == s.len() && self.accept(s, m.start(), m.end(), *exact, pat)
        })
    }
}

fn strip_accents(s: &str) -> String {
    // `fold` also lowercases; keep the case of the original letters.
    s.chars()
        .map(|c| {
            let f = fold(&c.to_string());
            let mut fc = f.chars();
            match (fc.next(), fc.next()) {
                (Some(b), None) if c.is_uppercase() => b.to_ascii_uppercase(),
                (Some(b), None) => b,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_countries_cities_and_aliases() {
        let g = Gazetteer::get();
        let p = g.find(
            "Talks in Ciudad Juarez and El Paso, then the U.S.-Mexico border and Guatemala City.",
        );
        assert_eq!(
            p,
            vec![
                "Ciudad Juárez",
                "El Paso",
                "United States",
                "Mexico",
                "Guatemala City"
            ]
        );
    }

    #[test]
    fn ignores_lowercase_words_and_parts_of_names() {
        let g = Gazetteer::get();
        assert!(g.find("we ate turkey in chad's kitchen").is_empty());
        assert!(g
            .find("The Merida Initiative and the Paris Agreement")
            .is_empty());
        assert!(g
            .find("Through Merida we funded the Merida Initiative.")
            .is_empty());
        assert!(g.find("Email us at desk@mexico").is_empty());
        assert_eq!(g.find("Send US aid; tell us"), vec!["United States"]);
    }

    #[test]
    fn place_lines() {
        let g = Gazetteer::get();
        assert!(g.is_place_line("Mexico City, Mexico"));
        assert!(g.is_place_line("Washington, DC"));
        assert!(!g.is_place_line("Mexico reaffirms its commitment"));
        assert!(!g.is_place_line("Sofitel Hotel"));
    }
}
