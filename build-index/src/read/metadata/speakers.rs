//! Speaker labels to canonical people.
//!
//! A transcript prints its speakers as labels: "SECRETARY BLINKEN",
//! "ATTORNEY GENERAL SESSIONS", "MR ELIAS", "ANTONY J. BLINKEN". One person
//! gets one canonical name across those forms, so the `speaker` facet lists
//! each person once and `speaker:"jeff sessions"` finds all their turns.
//!
//! **Rule.** A label loses its leading titles and forms of address (the
//! titles of [`super::name_words`] and the words that qualify them:
//! "Deputy", "Foreign", "of State"), never its last word. That last word is
//! the surname; words left before it are given names. The canonical name is
//! the fuller name the document prints or lists (front matter, catalog) with
//! that surname and, when the label has given names, the same first name (an
//! initial matches a name with that letter). Forms of one name ("Antony
//! Blinken", "Antony J. Blinken") are one person: the most printed form wins,
//! the longer on a tie. When the fuller names belong to different people
//! ("Jeff Sessions", "Pete Sessions"), the one printed after the label's own
//! title ("Attorney General Jeff Sessions") wins, then the one the document
//! lists; otherwise none does, because merging two people is worse than
//! showing a surname. Without a fuller name the canonical name is the label
//! without its titles, cased as the text prints it ("McAllister").
//!
//! Role labels (QUESTION, MODERATOR) are no person and are not resolved
//! ([`crate::read::structure::is_role_label`]); every turn keeps its label as
//! printed for display.

use super::name_words::is_title_word;
use super::people::{clean_name, valid_name_word};
use super::places::Gazetteer;
use crate::read::draft::Stated;
use crate::read::text::{fold, is_all_caps, title_case};
use engine::{Block, Document};
use std::collections::BTreeMap;

/// Words that qualify a title and are stripped with it ("Deputy Secretary",
/// "Foreign Minister", "Secretary of State", "The Honourable").
const QUALIFIERS: &[&str] = &[
    "acting",
    "assistant",
    "associate",
    "chief",
    "deputy",
    "executive",
    "first",
    "foreign",
    "former",
    "general",
    "high",
    "hon",
    "honorable",
    "honourable",
    "interior",
    "lieutenant",
    "of",
    "prime",
    "right",
    "rt",
    "senior",
    "special",
    "state",
    "the",
    "under",
    "vice",
];

/// Lowercase words that join the parts of a name ("Miguel de la Madrid").
const PARTICLES: &[&str] = &[
    "de", "del", "la", "van", "von", "der", "da", "dos", "di", "le", "bin", "al", "el",
];

/// Resolves the speaker labels of one document, whose text (title, extras
/// and body) is `text` and which lists `listed` names (stated speakers and
/// people).
pub struct SpeakerNames<'a> {
    tokens: Vec<Token<'a>>,
    listed: &'a [String],
    gaz: &'a Gazetteer,
}

/// A word of the text as names are read from it.
struct Token<'a> {
    word: &'a str,
    folded: String,
    /// Punctuation right after the word: a name ends there.
    ends_name: bool,
    /// A comma, colon or the like after the word: a title before a name
    /// does not reach across it (an abbreviation's period does).
    ends_phrase: bool,
    /// First word of its line: nothing runs across lines.
    line_start: bool,
}

/// A label taken apart: title words, given names, surname.
struct Label<'a> {
    /// Folded title words stripped from the front ("attorney", "general").
    titles: Vec<String>,
    given: Vec<&'a str>,
    surname: &'a str,
}

/// A fuller name found for a label's surname.
#[derive(Default)]
struct Candidate {
    /// Folded first word.
    first: String,
    count: usize,
    /// Printed right after the label's title ("Attorney General Jeff Sessions").
    titled: bool,
    listed: bool,
}

impl<'a> SpeakerNames<'a> {
    pub fn new(text: &'a str, listed: &'a [String], gaz: &'a Gazetteer) -> Self {
        SpeakerNames {
            tokens: tokens(text),
            listed,
            gaz,
        }
    }

    /// The canonical name for a person's label: see the module docs.
    pub fn canonical(&self, label: &str) -> String {
        let Some(l) = parse_label(label) else {
            return title_case(label.trim());
        };
        let found = self.candidates(&l);
        choose(&found).unwrap_or_else(|| self.printed(&l))
    }

    /// Fuller names (two words or more) ending in the label's surname that
    /// fit its given names or title, by name.
    fn candidates(&self, l: &Label<'_>) -> BTreeMap<String, Candidate> {
        let surname = fold(l.surname);
        let mut out: BTreeMap<String, Candidate> = BTreeMap::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if t.folded != surname || !starts_upper(t.word) {
                continue;
            }
            let start = self.name_start(i);
            if start == i {
                continue;
            }
            let printed: Vec<&str> = self.tokens[start..=i].iter().map(|t| t.word).collect();
            let Some(name) = clean_name(&printed.join(" "), self.gaz) else {
                continue;
            };
            if fold(last_word(&name)) != surname {
                continue;
            }
            let first = fold(first_word(&name));
            let Some(titled) = fits(l, &first, self.word_before(start).as_deref()) else {
                continue;
            };
            let c = out.entry(name).or_default();
            c.first = first;
            c.count += 1;
            c.titled |= titled;
        }
        for name in self.listed {
            let name = name.trim();
            if !name.contains(' ') || fold(last_word(name)) != surname {
                continue;
            }
            if fits(l, &fold(first_word(name)), None).is_some() {
                let c = out.entry(name.to_string()).or_default();
                c.first = fold(first_word(name));
                c.listed = true;
            }
        }
        out
    }

    /// Where the name ending at token `end` starts: up to three name words
    /// (and particles) before it on the same line, with no punctuation
    /// between.
    fn name_start(&self, end: usize) -> usize {
        let mut start = end;
        while start > 0 && end - start < 3 && !self.tokens[start].line_start {
            let t = &self.tokens[start - 1];
            let name_word = starts_upper(t.word) && valid_name_word(t.word);
            if t.ends_name || !(name_word || PARTICLES.contains(&t.folded.as_str())) {
                break;
            }
            start -= 1;
        }
        start
    }

    /// The folded word right before token `start` on its line, an
    /// abbreviation's period dropped: where a title printed before a name is.
    fn word_before(&self, start: usize) -> Option<String> {
        let t = self.tokens[..start].last()?;
        (!self.tokens[start].line_start && !t.ends_phrase)
            .then(|| t.folded.trim_end_matches('.').to_string())
    }

    /// The label without its titles, each word as the text prints it
    /// ("McAllister"), else in title case.
    fn printed(&self, l: &Label<'_>) -> String {
        l.given
            .iter()
            .chain(std::iter::once(&l.surname))
            .map(|w| {
                let f = fold(w);
                self.tokens
                    .iter()
                    .find(|t| t.folded == f && starts_upper(t.word) && !is_all_caps(t.word))
                    .map_or_else(|| title_case(w), |t| t.word.to_string())
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Whether a fuller name whose folded first word is `first`, printed after
/// the folded word `before`, can be the person of label `l`: `None` when
/// not, else whether it was printed after the label's title.
fn fits(l: &Label<'_>, first: &str, before: Option<&str>) -> Option<bool> {
    let names_fit = l
        .given
        .first()
        .is_none_or(|n| same_first_name(&fold(n), first));
    let titled = l.titles.last().is_some_and(|t| Some(t.as_str()) == before);
    names_fit.then_some(titled)
}

/// "jeff" and "jeff", or an initial and a name with that letter.
fn same_first_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    let initial = |s: &str| s.chars().count() == 1;
    a == b || (initial(a) || initial(b)) && a.chars().next() == b.chars().next()
}

/// The one person among the candidates (see the module docs), or `None`.
fn choose(found: &BTreeMap<String, Candidate>) -> Option<String> {
    // People: candidates whose first names agree.
    let mut people: Vec<Vec<(&String, &Candidate)>> = Vec::new();
    for (name, c) in found {
        match people
            .iter_mut()
            .find(|p| same_first_name(&p[0].1.first, &c.first))
        {
            Some(p) => p.push((name, c)),
            None => people.push(vec![(name, c)]),
        }
    }
    let only = |keep: &dyn Fn(&Candidate) -> bool| {
        let mut kept = people.iter().filter(|p| p.iter().any(|(_, c)| keep(c)));
        match (kept.next(), kept.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    };
    let person = only(&|_| true)
        .or_else(|| only(&|c| c.titled))
        .or_else(|| only(&|c| c.listed))?;
    person
        .iter()
        .max_by(|a, b| {
            (a.1.count, a.0.len())
                .cmp(&(b.1.count, b.0.len()))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(name, _)| (*name).clone())
}

/// Takes a label apart; `None` when nothing but titles is left ("THE
/// PRESIDENT"), which is then shown as printed.
fn parse_label(label: &str) -> Option<Label<'_>> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let (surname, rest) = words.split_last()?;
    if is_title(&[surname]) {
        return None;
    }
    let mut k = 0;
    'strip: while k < rest.len() {
        for span in (1..=3).rev() {
            if k + span <= rest.len() && is_title(&rest[k..k + span]) {
                k += span;
                continue 'strip;
            }
        }
        break;
    }
    Some(Label {
        titles: rest[..k]
            .iter()
            .map(|w| fold(w).trim_end_matches('.').to_string())
            .collect(),
        given: rest[k..].to_vec(),
        surname,
    })
}

/// A title ("attorney general", "Mr.") or a word that qualifies one.
fn is_title(words: &[&str]) -> bool {
    let phrase = fold(&words.join(" "));
    let bare = phrase.trim_end_matches('.');
    is_title_word(&phrase)
        || is_title_word(bare)
        || is_title_word(&format!("{bare}."))
        || words.len() == 1 && QUALIFIERS.contains(&bare)
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut line_start = true;
        for raw in line.split_whitespace() {
            let lead = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
            let mut word = lead.trim_end_matches(|c: char| !c.is_alphanumeric());
            let mut tail = &lead[word.len()..];
            // An initial keeps its period: "J." is part of "Antony J. Blinken".
            if word.chars().count() == 1 && tail.starts_with('.') {
                word = &lead[..word.len() + 1];
                tail = &tail[1..];
            }
            let possessive = ["’s", "'s"].iter().find_map(|s| word.strip_suffix(s));
            if let Some(w) = possessive {
                word = w;
            }
            if word.is_empty() {
                continue;
            }
            out.push(Token {
                word,
                folded: fold(word),
                ends_name: !tail.is_empty() || possessive.is_some(),
                ends_phrase: tail.contains([',', ';', ':', '!', '?', ')', '”', '"']),
                line_start,
            });
            line_start = false;
        }
    }
    out
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn first_word(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

fn last_word(name: &str) -> &str {
    name.split_whitespace().next_back().unwrap_or(name)
}

/// Sets each person's turn to its canonical name and returns the
/// document's speakers: the stated ones and every person who has a turn,
/// sorted. Role turns keep their label.
pub fn resolve_turns(
    blocks: &mut [Block],
    stated: &Stated,
    text: &str,
    gaz: &Gazetteer,
) -> Vec<String> {
    let mut speakers = stated.speakers.clone();
    if blocks
        .iter()
        .any(|b| matches!(b, Block::Turn { role: false, .. }))
    {
        let listed: Vec<String> = stated
            .speakers
            .iter()
            .chain(&stated.people)
            .cloned()
            .collect();
        let names = SpeakerNames::new(text, &listed, gaz);
        let mut by_label: BTreeMap<String, String> = BTreeMap::new();
        for b in blocks.iter_mut() {
            if let Block::Turn {
                speaker,
                label,
                role: false,
                ..
            } = b
            {
                let name = by_label
                    .entry(label.clone())
                    .or_insert_with(|| names.canonical(label))
                    .clone();
                if !speakers.contains(&name) {
                    speakers.push(name.clone());
                }
                *speaker = name;
            }
        }
    }
    speakers.sort();
    speakers
}

/// Catalog names arrive after the text's: a speaker the text left as a
/// surname takes the one fuller name the document now lists for it, in the
/// speakers, the people and the turns.
pub fn adopt_listed_names(doc: &mut Document) {
    let listed: Vec<String> = doc
        .speakers
        .iter()
        .chain(&doc.people)
        .filter(|n| n.trim().contains(' '))
        .cloned()
        .collect();
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for s in doc.speakers.iter().filter(|s| !s.trim().contains(' ')) {
        let l = Label {
            titles: Vec::new(),
            given: Vec::new(),
            surname: s.trim(),
        };
        let found = SpeakerNames {
            tokens: Vec::new(),
            listed: &listed,
            gaz: Gazetteer::get(),
        }
        .candidates(&l);
        if let Some(full) = choose(&found) {
            renamed.insert(s.clone(), full);
        }
    }
    if renamed.is_empty() {
        return;
    }
    for list in [&mut doc.speakers, &mut doc.people] {
        list.retain(|n| !renamed.contains_key(n));
        for full in renamed.values() {
            if !list.contains(full) {
                list.push(full.clone());
            }
        }
        list.sort();
    }
    for b in &mut doc.blocks {
        if let Block::Turn { speaker, .. } = b {
            if let Some(full) = renamed.get(speaker) {
                *speaker = full.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(label: &str, text: &str) -> String {
        SpeakerNames::new(text, &[], Gazetteer::get()).canonical(label)
    }

    #[test]
    fn forms_of_address_resolve_to_the_full_name_in_the_text() {
        let text = "Attorney General Jeff Sessions met Secretary Kirstjen Nielsen.\n\
                    Later Mr. Sessions and Ms Nielsen spoke.";
        for label in [
            "ATTORNEY GENERAL SESSIONS",
            "MR SESSIONS",
            "MR. SESSIONS",
            "SESSIONS",
            "JEFF SESSIONS",
            "J. SESSIONS",
        ] {
            assert_eq!(canonical(label, text), "Jeff Sessions", "{label}");
        }
        for label in [
            "SECRETARY NIELSEN",
            "MS. NIELSEN",
            "DR NIELSEN",
            "DEPUTY SECRETARY OF STATE NIELSEN",
        ] {
            assert_eq!(canonical(label, text), "Kirstjen Nielsen", "{label}");
        }
    }

    #[test]
    fn without_a_fuller_name_the_label_loses_its_titles() {
        let text = "Attorney General Elias from Mexico thanked Under Secretary Sullivan and Secretary McAllister.";
        assert_eq!(canonical("MR ELIAS", text), "Elias");
        assert_eq!(canonical("DEPUTY SECRETARY SULLIVAN", text), "Sullivan");
        assert_eq!(
            canonical("FOREIGN SECRETARY MCALLISTER", text),
            "McAllister"
        );
        assert_eq!(canonical("MS NAUERT", "Nothing here."), "Nauert");
        assert_eq!(canonical("THE PRESIDENT", text), "The President");
    }

    #[test]
    fn a_first_name_in_the_label_must_agree() {
        let text = "Minister Jane Q. Roe spoke first. Jane Q. Roe, Minister of Water, left.";
        assert_eq!(canonical("MINISTER ROE", text), "Jane Q. Roe");
        assert_eq!(canonical("TOM ROE", text), "Tom Roe");
        assert_eq!(
            canonical("SECRETARY MCALLISTER", "Fiona McAllister said so."),
            "Fiona McAllister"
        );
    }

    #[test]
    fn two_people_sharing_a_surname_do_not_merge_blindly() {
        let both = "Attorney General Jeff Sessions and Representative Pete Sessions met.";
        assert_eq!(
            canonical("ATTORNEY GENERAL SESSIONS", both),
            "Jeff Sessions"
        );
        assert_eq!(canonical("REPRESENTATIVE SESSIONS", both), "Pete Sessions");
        assert_eq!(canonical("PETE SESSIONS", both), "Pete Sessions");
        assert_eq!(canonical("MR SESSIONS", both), "Sessions");
        // The name printed in the same document wins.
        assert_eq!(
            canonical("MR SESSIONS", "Pete Sessions said so."),
            "Pete Sessions"
        );
    }

    #[test]
    fn forms_of_one_name_are_one_person() {
        let text = "Antony J. Blinken arrived. Antony Blinken said so. Antony Blinken left.";
        assert_eq!(canonical("SECRETARY BLINKEN", text), "Antony Blinken");
    }

    #[test]
    fn listed_names_count() {
        let listed = vec!["Irene Castellanos".to_string()];
        let names = SpeakerNames::new("Floods came early.", &listed, Gazetteer::get());
        assert_eq!(names.canonical("CASTELLANOS"), "Irene Castellanos");
    }

    #[test]
    fn role_turns_keep_their_label_and_are_not_speakers() {
        let turn = |label: &str, role: bool| Block::Turn {
            speaker: label.into(),
            label: label.into(),
            role,
            notes: Vec::new(),
            text: "Words.".into(),
            line: 1,
        };
        let mut blocks = vec![
            turn("QUESTION", true),
            turn("ATTORNEY GENERAL SESSIONS", false),
            turn("ATTORNEY GENERAL SESSIONS", false),
            turn("MR ELIAS", false),
        ];
        let text = "Attorney General Jeff Sessions spoke.";
        let speakers = resolve_turns(&mut blocks, &Stated::default(), text, Gazetteer::get());
        assert_eq!(speakers, vec!["Elias", "Jeff Sessions"]);
        assert_eq!(blocks[0], turn("QUESTION", true));
        match &blocks[1] {
            Block::Turn { speaker, label, .. } => {
                assert_eq!(
                    (speaker.as_str(), label.as_str()),
                    ("Jeff Sessions", "ATTORNEY GENERAL SESSIONS")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn catalog_names_replace_a_surname_speaker() {
        let mut doc = Document {
            speakers: vec!["Jeff Sessions".into(), "Sessions".into()],
            people: vec!["Sessions".into()],
            blocks: vec![Block::Turn {
                speaker: "Sessions".into(),
                label: "MR SESSIONS".into(),
                role: false,
                notes: Vec::new(),
                text: "Words.".into(),
                line: 1,
            }],
            ..Document::default()
        };
        adopt_listed_names(&mut doc);
        assert_eq!(doc.speakers, vec!["Jeff Sessions"]);
        assert_eq!(doc.people, vec!["Jeff Sessions"]);
        assert!(
            matches!(&doc.blocks[0], Block::Turn { speaker, .. } if speaker == "Jeff Sessions")
        );
    }
}
