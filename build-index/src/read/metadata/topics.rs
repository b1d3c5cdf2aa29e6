//! Topics from the `[[topics]]` taxonomy in `archive.toml`: a document gets
//! a topic when its text mentions any of the topic's terms as whole words or
//! phrases, compared case- and accent-insensitively. One automaton holds
//! every term of every topic, built once per run.

use crate::read::text::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

/// One topic of the taxonomy: a document gets the topic when its text
/// mentions any of the terms (whole words, case- and accent-insensitive).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub name: String,
    #[serde(default)]
    pub terms: Vec<String>,
}

pub struct TopicMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: index of its topic.
    topic_of: Vec<usize>,
    names: Vec<String>,
}

impl TopicMatcher {
    pub fn new(topics: &[Topic]) -> TopicMatcher {
        let mut pats = Vec::new();
        let mut topic_of = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            for term in &t.terms {
                let f = fold(term.trim());
                if !f.is_empty() {
                    pats.push(f);
                    topic_of.push(i);
                }
            }
        }
        let automaton = if pats.is_empty() {
            None
        } else {
            // Terms are plain strings; building only fails on absurd sizes.
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&pats)
                .ok()
        };
        TopicMatcher {
            automaton,
            topic_of,
            names: topics.iter().map(|t| t.name.clone()).collect(),
        }
    }

    /// Topic names mentioned in `text`, in taxonomy order.
    pub fn find(&self, text: &str) -> Vec<String> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold(text);
        let bytes = folded.as_bytes();
        let mut hit = vec![false; self.names.len()];
        // Overlapping search so "drug" inside "drug trafficking" and the
        // phrase itself are both seen.
        for m in ac.find_overlapping_iter(&folded) {
            let before_ok = m.start() == 0 || !is_word_byte(&folded, m.start(), true);
            let after_ok = m.end() == bytes.len() || !is_word_byte(&folded, m.end(), false);
            if before_ok && after_ok {
                hit[self.topic_of[m.pattern().as_usize()]] = true;
            }
        }
        self.names
            .iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(n, _)| n.clone())
            .collect()
    }
}

/// Whether the character just before (`before`) or at `pos` is a letter or digit.
fn is_word_byte(s: &str, pos: usize, before: bool) -> bool {
    let c = if before {
        s[..pos].chars().next_back()
    } else {
        s[pos..].chars().next()
    };
    c.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> TopicMatcher {
        TopicMatcher::new(&[
            Topic {
                name: "Water".into(),
                terms: vec!["well".into(), "drought".into(), "río bravo".into()],
            },
            Topic {
                name: "Food".into(),
                terms: vec!["grain".into()],
            },
        ])
    }

    #[test]
    fn whole_words_case_and_accent_insensitive() {
        assert_eq!(
            m().find("The DROUGHT hit the Rio Bravo valley."),
            vec!["Water"]
        );
        assert!(m().find("Farewell, wellness and grains").is_empty());
        assert_eq!(
            m().find("Grain and wells? No: grain and a well."),
            vec!["Water", "Food"]
        );
    }

    #[test]
    fn empty_taxonomy_finds_nothing() {
        assert!(TopicMatcher::new(&[]).find("anything").is_empty());
    }
}
