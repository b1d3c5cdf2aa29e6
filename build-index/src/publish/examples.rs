//! Example queries for the reader's search help, chosen from the archive's
//! own documents so that each one finds something here: the help teaches
//! the syntax with words a visitor of this archive would type.
//!
//! Word examples come from a sample of titles (a title's words are in its
//! document); a left-out word is checked against the whole of the document
//! that must still match, compared as stems as the search does.

use engine::tokenizer::{for_each_token, stem};
use engine::{tokenize, Document, Facet, SearchExamples};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Documents whose title words are kept; the rest are only counted.
const SAMPLE: usize = 400;
/// Shorter words are too often function words to teach with.
const MIN_WORD_CHARS: usize = 4;

/// A sampled document: its title words in order, the stems of all its
/// words, and its date.
struct Sampled {
    title: Vec<String>,
    stems: HashSet<String>,
    date: Option<String>,
    lang: String,
}

/// Watches the documents go by (in any order) and picks the examples at
/// the end.
#[derive(Default)]
pub struct ExampleFinder {
    seen: usize,
    sample: Vec<Sampled>,
    /// Field name → value → documents.
    values: BTreeMap<Facet, HashMap<String, u32>>,
    years: BTreeMap<i32, u32>,
    months: BTreeMap<String, u32>,
}

/// The facets a search example is given for, in the order shown.
const FIELDS: [Facet; 5] = [
    Facet::Speaker,
    Facet::Person,
    Facet::Place,
    Facet::Type,
    Facet::Source,
];

impl ExampleFinder {
    pub fn observe(&mut self, doc: &Document) {
        self.seen += 1;
        for field in FIELDS {
            let counts = self.values.entry(field).or_default();
            for v in doc.facet_values(field) {
                *counts.entry(v).or_default() += 1;
            }
        }
        if let Some(y) = doc.year {
            *self.years.entry(y).or_default() += 1;
        }
        if let Some(m) = doc
            .date
            .as_deref()
            .and_then(|d| d.get(..7))
            .filter(|m| m.len() == 7)
        {
            *self.months.entry(m.to_string()).or_default() += 1;
        }
        // Every k-th document, k growing with the corpus, so the sample
        // spreads over the whole of it without knowing its size.
        let stride = 1 + self.seen / SAMPLE;
        if self.sample.len() < SAMPLE * 2 && self.seen.is_multiple_of(stride) {
            self.sample.push(sample(doc));
        }
    }

    pub fn finish(self) -> SearchExamples {
        let mut ex = SearchExamples::default();
        self.words(&mut ex);
        ex.fields = FIELDS
            .iter()
            .filter_map(|f| {
                let counts = self.values.get(f)?;
                let (value, _) = counts
                    .iter()
                    .filter(|(v, _)| !v.trim().is_empty())
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
                Some(format!("{f}:{}", field_value(value)))
            })
            .collect();
        ex.dates = self.dates();
        ex
    }

    /// Words, phrase, left-out word, either word and prefix.
    fn words(&self, ex: &mut SearchExamples) {
        let mut df: HashMap<&str, u32> = HashMap::new();
        for s in &self.sample {
            let unique: HashSet<&str> = s.title.iter().map(String::as_str).collect();
            for w in unique {
                *df.entry(w).or_default() += 1;
            }
        }
        let by_df = |a: &&str, b: &&str| df[a].cmp(&df[b]).then_with(|| b.cmp(a));
        // The anchor: the newest sampled document with two teachable title
        // words, led by the most common one.
        let mut anchors: Vec<&Sampled> = self
            .sample
            .iter()
            .filter(|s| teachable(&s.title).count() >= 2)
            .collect();
        anchors.sort_by(|a, b| b.date.cmp(&a.date));
        let Some(anchor) = anchors.first() else {
            return;
        };
        let mut words: Vec<&str> = teachable(&anchor.title).collect();
        words.sort_by(|a, b| by_df(b, a));
        words.dedup();
        let (w1, w2) = match words.as_slice() {
            [a, b, ..] => (*a, *b),
            _ => return,
        };
        ex.words = Some(format!("{w1} {w2}"));
        ex.phrase = anchor
            .title
            .windows(2)
            .find(|p| p.iter().all(|w| w.chars().count() >= 3 && is_word(w)))
            .map(|p| format!("\"{} {}\"", p[0], p[1]));
        // A word of other titles that the anchor lacks in every form.
        let mut others: Vec<&str> = df
            .keys()
            .copied()
            .filter(|w| teachable_word(w) && !anchor.stems.contains(&stem(w, &anchor.lang)))
            .collect();
        others.sort_by(|a, b| by_df(b, a));
        if let Some(w3) = others.first() {
            ex.exclude = Some(format!("{w1} -{w3}"));
            ex.either = Some(format!("{w1} OR {w3}"));
        }
        let chars: Vec<char> = w1.chars().collect();
        if chars.len() >= 6 {
            ex.prefix = Some(chars[..(chars.len() - 3).max(4)].iter().collect());
        }
    }

    fn dates(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((year, _)) = self
            .years
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        {
            out.push(format!("year:{year}"));
        }
        if let (Some(first), Some(last)) = (self.years.keys().next(), self.years.keys().last()) {
            if first != last {
                out.push(format!("year:{first}..{last}"));
            }
        }
        // The month that leaves about half of the dated documents after it.
        let total: u32 = self.months.values().sum();
        let mut after = 0;
        for (month, n) in self.months.iter().rev() {
            after += n;
            if after * 2 >= total {
                out.push(format!("after:{month}"));
                break;
            }
        }
        out
    }
}

fn sample(doc: &Document) -> Sampled {
    let title: Vec<String> = tokenize(&doc.title, &doc.lang)
        .into_iter()
        .map(|t| t.term)
        .collect();
    let mut stems = HashSet::new();
    // Token by token: a block may be megabytes long.
    let mut add = |text: &str| {
        for_each_token(text, &doc.lang, |t| {
            stems.insert(stem(&t.term, &doc.lang));
        });
    };
    add(&doc.title);
    for b in &doc.blocks {
        add(b.text());
    }
    for f in Facet::ALL {
        for v in doc.facet_values(f) {
            add(&v);
        }
    }
    Sampled {
        title,
        stems,
        date: doc.date.clone(),
        lang: doc.lang.clone(),
    }
}

fn is_word(w: &str) -> bool {
    w.chars().all(char::is_alphabetic)
}

fn teachable_word(w: &str) -> bool {
    is_word(w) && w.chars().count() >= MIN_WORD_CHARS
}

fn teachable(title: &[String]) -> impl Iterator<Item = &str> {
    title
        .iter()
        .map(String::as_str)
        .filter(|w| teachable_word(w))
}

/// A filter value as typed: lower case, quoted when it has spaces.
fn field_value(v: &str) -> String {
    let v = v.trim().to_lowercase();
    if v.contains(char::is_whitespace) {
        format!("\"{}\"", v.replace('"', ""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, body: &str, date: &str, place: &str) -> Document {
        Document {
            id: id.into(),
            title: title.into(),
            date: Some(date.into()),
            year: date.get(..4).and_then(|y| y.parse().ok()),
            lang: "en".into(),
            places: vec![place.into()],
            blocks: vec![engine::Block::Paragraph {
                text: body.into(),
                line: 1,
            }],
            ..Document::default()
        }
    }

    fn finder(docs: &[Document]) -> SearchExamples {
        let mut f = ExampleFinder::default();
        for d in docs {
            f.observe(d);
        }
        f.finish()
    }

    #[test]
    fn examples_come_from_the_documents_and_match_them() {
        let docs = [
            doc(
                "a",
                "Border security talks",
                "Officials met on border security.",
                "2020-03-01",
                "El Paso",
            ),
            doc(
                "b",
                "Border crossings rise",
                "Crossings rose in spring.",
                "2021-05-02",
                "Tijuana",
            ),
            doc(
                "c",
                "Asylum rules change",
                "New asylum rules.",
                "2019-01-09",
                "El Paso",
            ),
        ];
        let ex = finder(&docs);
        // The newest document with two title words: b, led by "border".
        assert_eq!(ex.words.as_deref(), Some("border crossings"));
        assert_eq!(ex.phrase.as_deref(), Some("\"border crossings\""));
        let exclude = ex.exclude.unwrap();
        assert!(exclude.starts_with("border -"), "{exclude}");
        let left_out = exclude.trim_start_matches("border -");
        assert!(
            !docs[1].title.to_lowercase().contains(left_out),
            "{left_out}"
        );
        assert_eq!(ex.prefix.as_deref(), Some("bord"), "four letters at least");
        assert!(
            ex.fields.contains(&"place:\"el paso\"".to_string()),
            "{:?}",
            ex.fields
        );
        assert_eq!(
            ex.dates,
            vec!["year:2019", "year:2019..2021", "after:2020-03"]
        );
    }

    #[test]
    fn a_corpus_without_titles_or_dates_gives_no_such_examples() {
        let mut d = doc("a", "x", "text", "2020", "");
        d.date = None;
        d.year = None;
        d.places.clear();
        let ex = finder(&[d]);
        assert_eq!(ex.words, None);
        assert!(ex.dates.is_empty() && ex.fields.is_empty(), "{ex:?}");
    }
}
