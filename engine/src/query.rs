//! The query language. Parsing never fails: anything it cannot read as
//! syntax is read as words.
//!
//! | syntax | meaning |
//! |---|---|
//! | `border wall` | documents with both words (ranked); when fewer than ten have both, those with one follow |
//! | `"border wall"` | the phrase, anywhere in the query |
//! | `-mexico`, `-"border wall"` | exclusion |
//! | `cartel OR fentanyl` | either (binds the words on both sides of `OR`) |
//! | `type:interview`, `source:"Voice of America"`, `speaker:blinken`, `person:`, `place:`, `topic:`, `lang:` | facet filters: a value matches when it contains the given words |
//! | `year:2021`, `year:2019..2021` | year or year range |
//! | `after:2020-01-01`, `before:2021-06` | date range, both ends inclusive (`since:`/`until:` are synonyms; `date:2021-10` is that month) |
//!
//! The last word is matched as a prefix too (as-you-type) unless the query
//! ends with a space.

use crate::format::docmeta::{parse_date, period_end};
use crate::model::Facet;
use crate::tokenizer::tokenize;

/// Characters of query text read; the rest is ignored (and the search
/// says so). A pasted page would otherwise expand into thousands of
/// words, each with its prefixes and typos, and freeze the reader.
pub const MAX_QUERY_CHARS: usize = 256;

/// Words and phrases (clauses) read from a query, for the same reason.
pub const MAX_QUERY_CLAUSES: usize = 24;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// True when the text was longer than [`MAX_QUERY_CHARS`] or held more
    /// than [`MAX_QUERY_CLAUSES`] words: only the first part was read.
    pub shortened: bool,
    /// True when a word was longer than the longest term the index keeps
    /// ([`crate::tokenizer::MAX_TERM_BYTES`]): it cannot match and was left out.
    pub long_word: bool,
    /// Clauses joined with AND.
    pub clauses: Vec<Clause>,
    /// Field filters (`type:interview`); AND across filters.
    pub filters: Vec<FieldFilter>,
    /// Inclusive date bounds as day numbers (see `format::docmeta`).
    pub after: Option<i64>,
    pub before: Option<i64>,
}

/// One AND-ed part of a query: any of `any_of` must match (OR), or, when
/// `negated`, none of them may.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub negated: bool,
    pub any_of: Vec<Unit>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A word, matched exactly, folded, stemmed, with typos and (if
    /// `prefix`) as a prefix.
    Word(Word),
    /// Consecutive words, matched exactly or folded.
    Phrase(Vec<Word>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded search term.
    pub term: String,
    /// Lowercased unfolded form (equal to `term` without diacritics).
    pub exact: String,
    /// Also match terms that start with `term` (the word being typed).
    pub prefix: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFilter {
    pub facet: Facet,
    pub value: String,
    pub negated: bool,
}

/// What a `name:` before a value filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Facet(Facet),
    After,
    Before,
    Date,
}

/// Filter names accepted before `:`, besides each facet's own name.
const FIELD_ALIASES: &[(&str, Field)] = &[
    ("doc_type", Field::Facet(Facet::Type)),
    ("speakers", Field::Facet(Facet::Speaker)),
    ("people", Field::Facet(Facet::Person)),
    ("places", Field::Facet(Facet::Place)),
    ("topics", Field::Facet(Facet::Topic)),
    ("language", Field::Facet(Facet::Lang)),
    ("after", Field::After),
    ("since", Field::After),
    ("from", Field::After),
    ("before", Field::Before),
    ("until", Field::Before),
    ("to", Field::Before),
    ("date", Field::Date),
];

enum Item {
    Text {
        negated: bool,
        text: String,
        last: bool,
    },
    Quoted {
        negated: bool,
        text: String,
    },
    Field {
        negated: bool,
        field: Field,
        value: String,
    },
    Or,
}

fn field_name(name: &str) -> Option<Field> {
    let lower = name.to_lowercase();
    Facet::from_name(&lower).map(Field::Facet).or_else(|| {
        FIELD_ALIASES
            .iter()
            .find(|(a, _)| *a == lower)
            .map(|(_, f)| *f)
    })
}

fn lex(text: &str) -> Vec<Item> {
    let chars: Vec<char> = text.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    let read_quoted = |i: &mut usize| -> String {
        // `*i` is just past the opening quote; an unclosed quote runs to the end.
        let start = *i;
        while *i < chars.len() && !is_quote(chars[*i]) {
            *i += 1;
        }
        let s: String = chars[start..*i].iter().collect();
        *i = (*i + 1).min(chars.len());
        s
    };
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        if matches!(chars[i], '-' | '\u{2212}')
            && i + 1 < chars.len()
            && !chars[i + 1].is_whitespace()
        {
            negated = true;
            i += 1;
        }
        if is_quote(chars[i]) {
            i += 1;
            let text = read_quoted(&mut i);
            items.push(Item::Quoted { negated, text });
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !is_quote(chars[i]) {
            i += 1;
        }
        let bare: String = chars[start..i].iter().collect();
        if let Some((name, rest)) = bare.split_once(':') {
            if let Some(field) = field_name(name) {
                let value = if rest.is_empty() && i < chars.len() && is_quote(chars[i]) {
                    i += 1;
                    read_quoted(&mut i)
                } else {
                    rest.to_string()
                };
                if !value.trim().is_empty() {
                    items.push(Item::Field {
                        negated,
                        field,
                        value: value.trim().to_string(),
                    });
                }
                continue;
            }
        }
        if bare == "OR" && !negated {
            items.push(Item::Or);
            continue;
        }
        let last = i == chars.len();
        items.push(Item::Text {
            negated,
            text: bare,
            last,
        });
    }
    items
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}'
    )
}

fn words_of(text: &str) -> Vec<Word> {
    tokenize(text, "")
        .into_iter()
        .filter(|t| t.primary)
        .map(|t| Word {
            term: t.term,
            exact: t.text,
            prefix: false,
        })
        .collect()
}

impl Query {
    /// Parses query text; never fails.
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
            Some((cut, _)) => {
                q.shortened = true;
                &text[..cut]
            }
            None => text,
        };
        q.long_word = text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() > crate::tokenizer::MAX_TERM_BYTES);
        let mut join_next = false;
        for item in lex(text) {
            if q.clauses.len() >= MAX_QUERY_CLAUSES && !matches!(item, Item::Field { .. }) {
                q.shortened = true;
                continue;
            }
            let (negated, unit) = match item {
                Item::Or => {
                    join_next = q.clauses.last().is_some_and(|c| !c.negated);
                    continue;
                }
                Item::Field {
                    negated,
                    field,
                    value,
                } => {
                    q.add_filter(negated, field, value);
                    join_next = false;
                    continue;
                }
                Item::Quoted { negated, text } => {
                    let words = words_of(&text);
                    if words.is_empty() {
                        continue;
                    }
                    (negated, Unit::Phrase(words))
                }
                Item::Text {
                    negated,
                    text,
                    last,
                } => {
                    let mut words = words_of(&text);
                    match words.len() {
                        0 => continue,
                        1 => {
                            let mut w = words.remove(0);
                            w.prefix = last && !negated;
                            (negated, Unit::Word(w))
                        }
                        _ => (negated, Unit::Phrase(words)),
                    }
                }
            };
            match q.clauses.last_mut() {
                Some(prev) if join_next && !negated => prev.any_of.push(unit),
                _ => q.clauses.push(Clause {
                    negated,
                    any_of: vec![unit],
                }),
            }
            join_next = false;
        }
        q
    }

    fn add_filter(&mut self, negated: bool, field: Field, value: String) {
        match field {
            Field::After | Field::Before | Field::Date => {
                let Some((day, prec)) = parse_date(&value) else {
                    return;
                };
                if field != Field::Before {
                    self.after = Some(self.after.map_or(day, |a| a.max(day)));
                }
                if field != Field::After {
                    let end = period_end(day, prec);
                    self.before = Some(self.before.map_or(end, |b| b.min(end)));
                }
            }
            Field::Facet(Facet::Year) if !negated && value.contains("..") => {
                let (a, b) = value.split_once("..").unwrap_or_default();
                if let Some((d, _)) = parse_date(a.trim()) {
                    self.after = Some(self.after.map_or(d, |x| x.max(d)));
                }
                if let Some((d, p)) = parse_date(b.trim()) {
                    let end = period_end(d, p);
                    self.before = Some(self.before.map_or(end, |x| x.min(end)));
                }
            }
            Field::Facet(facet) => self.filters.push(FieldFilter {
                facet,
                value,
                negated,
            }),
        }
    }

    /// True when there is nothing to search or filter by: browse mode.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
            && self.filters.is_empty()
            && self.after.is_none()
            && self.before.is_none()
    }

    /// Every word of the query, in order (including excluded ones).
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.clauses
            .iter()
            .flat_map(|c| c.any_of.iter())
            .flat_map(|u| match u {
                Unit::Word(w) => std::slice::from_ref(w),
                Unit::Phrase(ws) => ws.as_slice(),
            })
    }

    /// True when some clause must match (the query is not only filters and
    /// exclusions).
    pub fn has_positive(&self) -> bool {
        self.clauses.iter().any(|c| !c.negated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_page_is_cut_to_the_first_words_and_says_so() {
        let long = "asylum border wall fentanyl ".repeat(400);
        let q = Query::parse(&long);
        assert!(q.shortened);
        assert!(q.clauses.len() <= MAX_QUERY_CLAUSES);
        let short = Query::parse("asylum border");
        assert!(!short.shortened);
        let filters_still_count = format!("{} type:interview", "w ".repeat(30));
        assert_eq!(Query::parse(&filters_still_count).filters.len(), 1);
    }

    fn w(term: &str, prefix: bool) -> Word {
        Word {
            term: term.into(),
            exact: term.into(),
            prefix,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_prefix() {
        let q = Query::parse(r#"border "human smuggling" -cartel fent"#);
        assert_eq!(q.clauses.len(), 4);
        assert_eq!(q.clauses[0].any_of, vec![Unit::Word(w("border", false))]);
        assert_eq!(
            q.clauses[1].any_of,
            vec![Unit::Phrase(vec![w("human", false), w("smuggling", false)])]
        );
        assert!(q.clauses[2].negated);
        assert_eq!(q.clauses[3].any_of, vec![Unit::Word(w("fent", true))]);
        assert!(!Query::parse("fent ").clauses[0]
            .any_of
            .iter()
            .any(|u| matches!(u, Unit::Word(w) if w.prefix)));
    }

    #[test]
    fn or_joins_neighbours() {
        let q = Query::parse("cartel OR fentanyl mexico");
        assert_eq!(q.clauses.len(), 2);
        assert_eq!(q.clauses[0].any_of.len(), 2);
        assert_eq!(Query::parse("OR OR").clauses.len(), 0);
        assert_eq!(Query::parse("a OR").clauses.len(), 1);
    }

    #[test]
    fn field_filters_and_dates() {
        let q = Query::parse(
            r#"type:interview source:"Voice of America" -speaker:blinken year:2021 after:2020-01-01 before:2021-06"#,
        );
        assert_eq!(q.filters.len(), 4);
        assert_eq!(q.filters[1].value, "Voice of America");
        assert!(q.filters[2].negated);
        assert_eq!(q.after, parse_date("2020-01-01").map(|d| d.0));
        assert_eq!(q.before, parse_date("2021-06-30").map(|d| d.0));
        assert!(q.clauses.is_empty());
        assert!(!q.is_empty());
    }

    #[test]
    fn degrades_instead_of_failing() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  \"  ").is_empty());
        assert!(Query::parse("- -- ::: type:").is_empty());
        assert_eq!(Query::parse("note: this").clauses.len(), 2);
        assert_eq!(Query::parse("after:someday x").clauses.len(), 1);
        let q = Query::parse("\"unclosed phrase");
        assert!(matches!(&q.clauses[0].any_of[0], Unit::Phrase(ws) if ws.len() == 2));
    }

    #[test]
    fn compound_word_becomes_phrase_of_parts() {
        let q = Query::parse("socket.gaierror");
        assert!(matches!(&q.clauses[0].any_of[0], Unit::Phrase(ws) if ws.len() == 2));
        let q = Query::parse("Juárez");
        assert_eq!(
            q.clauses[0].any_of[0],
            Unit::Word(Word {
                term: "juarez".into(),
                exact: "juárez".into(),
                prefix: true
            })
        );
    }
}
