//! Metadata of a document, every value from the text (origin `text`); the
//! catalog may add or correct values afterwards (origin `catalog`).
//!
//! - `title`: the title line the segmenter chose, front matter, `<h1>`/`<title>`.
//! - `date`: only a date the text states (dateline, release line, front
//!   matter, HTML meta); never guessed from "last week" or body mentions.
//! - `source`: an attribution line ("Source: …"), a publisher line above the
//!   title, front matter/meta, or the newsroom naming itself in the opening
//!   ("IRIN’s team of editors…", "Here at IRIN").
//! - `doc_type`: see [`doc_type`].
//! - `lang`: stated language, else a stop-word vote (English/Spanish/French),
//!   else the archive default.
//! - `speakers`: see [`speakers`]; `people`: see [`people`]; `places`: see
//!   [`places`].
//! - `extra`: printed facts the model has no field for, minus page chrome;
//!   see [`extra`].
//! - `topics`: taxonomy terms from `archive.toml`, see [`topics`].

pub mod dates;
pub mod extra;
pub mod name_words;
pub mod people;
pub mod places;
pub mod speakers;
pub mod topics;

pub use dates::{is_iso_date, parse_date};

use crate::read::draft::{Draft, RawBlock, Stated};
use crate::read::structure::build_blocks;
use crate::read::text::word_count;
use engine::{Block, Document, Origin};
use places::Gazetteer;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use topics::TopicMatcher;

/// What metadata extraction needs besides the draft, built once per run.
pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    pub topics: &'a TopicMatcher,
    pub default_lang: &'a str,
}

static SELF_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)(?:[Hh]ere at|[Ww]e at)\s+(\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,2})(?-u:\b)|(?-u:\b)(\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,2})[’']s\s+(?:team|editors|newsroom|reporters|correspondents|staff)(?-u:\b))")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The newsroom naming itself in the first paragraphs.
fn self_named_source(blocks: &[Block]) -> Option<String> {
    blocks.iter().take(3).find_map(|b| {
        let c = SELF_NAMED.captures(b.text())?;
        c.get(1)
            .or_else(|| c.get(2))
            .map(|m| m.as_str().to_string())
    })
}

/// `doc_type` from, in order: a stated type (label line, front matter), the
/// title's genre words, the body's shape (turns: interview when one named
/// person answers questions, else transcript; audio cues: radio programme),
/// a site section ("Press Releases"), a source attribution (news article).
pub fn doc_type(
    title: &str,
    stated: &crate::read::draft::Stated,
    blocks: &[Block],
) -> Option<String> {
    if let Some(t) = &stated.doc_type {
        return Some(normalize_type(t));
    }
    let t = crate::read::text::fold(title);
    let has = |w: &str| t.contains(w);
    if has("joint statement") {
        return Some("joint statement".into());
    }
    if has("communique") {
        return Some("communiqué".into());
    }
    if has("cheat sheet") || has("roundup") || has("round-up") || has("digest") || has("weekly") {
        return Some("roundup".into());
    }
    let mut named = std::collections::BTreeSet::new();
    let mut questions = 0;
    for b in blocks {
        if let Block::Turn { label, role, .. } = b {
            if *role {
                questions += 1;
            } else {
                named.insert(label.as_str());
            }
        }
    }
    if !named.is_empty() || questions > 0 {
        if named.len() == 1 && questions > 0 || has("interview") {
            return Some("interview".into());
        }
        return Some("transcript".into());
    }
    if has("interview") {
        return Some("interview".into());
    }
    if has("press availability") || has("press briefing") || has("remarks") || has("transcript") {
        return Some("transcript".into());
    }
    if stated.audio {
        return Some("radio programme".into());
    }
    if has("statement") {
        return Some("statement".into());
    }
    if has("press release")
        || stated
            .section
            .as_deref()
            .is_some_and(|s| crate::read::text::fold(s).contains("press release"))
    {
        return Some("press release".into());
    }
    if stated.source.is_some() && stated.extra.contains_key("attribution") {
        return Some("news article".into());
    }
    None
}

fn normalize_type(t: &str) -> String {
    let f = crate::read::text::fold(t.trim());
    match f.as_str() {
        "joint communique" | "communique" => "communiqué".to_string(),
        "news release" => "press release".to_string(),
        "article" | "news" => "news article".to_string(),
        _ => f,
    }
}

/// Language by stop-word vote; None when the text is too short to tell.
pub fn detect_lang(text: &str) -> Option<&'static str> {
    const EN: &[&str] = &[
        "the", "and", "of", "to", "is", "that", "with", "for", "was", "are", "this", "have",
    ];
    const ES: &[&str] = &[
        "el", "los", "las", "del", "que", "y", "con", "para", "una", "por", "es", "se",
    ];
    const FR: &[&str] = &[
        "le", "les", "des", "et", "est", "une", "pour", "dans", "que", "qui", "sur", "du",
    ];
    let mut counts = [0usize; 3];
    let mut total = 0;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        let w = w.to_lowercase();
        total += 1;
        for (i, list) in [EN, ES, FR].iter().enumerate() {
            if list.contains(&w.as_str()) {
                counts[i] += 1;
            }
        }
    }
    if total < 8 {
        return None;
    }
    let (best, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if *n < 2 {
        return None;
    }
    Some(["en", "es", "fr"][best])
}

/// All the text a name can be printed in (titles and bylines included).
fn full_text(title: &str, stated: &Stated, raw: &[RawBlock], blocks: &[Block]) -> String {
    let mut text = String::with_capacity(
        raw.iter().map(|b| b.text.len() + 1).sum::<usize>() + title.len() + 64,
    );
    text.push_str(title);
    text.push_str(".\n\n");
    for v in stated.extra.values() {
        text.push_str(v);
        text.push_str(".\n\n");
    }
    for b in blocks {
        text.push_str(b.text());
        text.push('\n');
    }
    text
}

/// Builds the document (without its id, see `crate::assign_ids`).
pub fn build_document(draft: Draft, source_file: &str, ctx: &Context<'_>) -> Document {
    let Draft {
        title,
        line_start,
        line_end,
        stated,
        blocks: raw,
    } = draft;
    let mut blocks = build_blocks(&raw);
    let mut origin = BTreeMap::new();
    let mut set = |k: &str| {
        origin.insert(k.to_string(), Origin::Text);
    };

    let full_text = full_text(&title, &stated, &raw, &blocks);
    let speakers = speakers::resolve_turns(&mut blocks, &stated, &full_text, ctx.gazetteer);

    let mut people = people::people_in(&title, &full_text, &speakers, ctx.gazetteer);
    for p in &stated.people {
        if !people.contains(p) {
            people.push(p.clone());
        }
    }
    people.sort();
    let mut places = stated.places.clone();
    for p in ctx.gazetteer.find(&full_text) {
        if !places.contains(&p) {
            places.push(p);
        }
    }
    places.sort();
    let mut topics = stated.topics.clone();
    for t in ctx.topics.find(&full_text) {
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    topics.sort();

    let date = stated.date.clone();
    let year = date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let source = stated.source.clone().or_else(|| self_named_source(&blocks));
    let doc_type = doc_type(&title, &stated, &blocks);
    let lang = stated
        .lang
        .clone()
        .or_else(|| detect_lang(&full_text).map(str::to_string))
        .unwrap_or_else(|| ctx.default_lang.to_string());
    let word_count = blocks.iter().map(|b| word_count(b.text())).sum();

    set("title");
    set("lang");
    set("word_count");
    for (k, present) in [
        ("date", date.is_some()),
        ("year", year.is_some()),
        ("source", source.is_some()),
        ("doc_type", doc_type.is_some()),
        ("speakers", !speakers.is_empty()),
        ("people", !people.is_empty()),
        ("places", !places.is_empty()),
        ("topics", !topics.is_empty()),
    ] {
        if present {
            set(k);
        }
    }
    let extra = extra::shown(stated.extra, &title, source.as_deref(), date.as_deref());
    Document {
        id: String::new(),
        title,
        date,
        year,
        source,
        doc_type,
        lang,
        speakers,
        people,
        places,
        topics,
        word_count,
        source_file: source_file.to_string(),
        line_start,
        line_end,
        origin,
        extra,
        blocks,
        related: Vec::new(),
    }
}

/// Cleans every metadata value of `doc` with [`crate::read::text::clean_label`]
/// (the last step, after the catalog: its values come from archive.toml).
pub fn clean_labels(doc: &mut Document) {
    use crate::read::text::clean_label;
    let title = clean_label(&doc.title);
    if !title.is_empty() {
        doc.title = title;
    }
    for v in [&mut doc.source, &mut doc.doc_type].into_iter().flatten() {
        *v = clean_label(v);
    }
    for list in [
        &mut doc.speakers,
        &mut doc.people,
        &mut doc.places,
        &mut doc.topics,
    ] {
        for v in list.iter_mut() {
            *v = clean_label(v);
        }
        list.retain(|v| !v.is_empty());
    }
    for v in doc.extra.values_mut() {
        *v = clean_label(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::draft::{RawBlock, Stated};

    #[test]
    fn bidi_controls_leave_titles_and_metadata() {
        let mut d = Document {
            title: "Invoice \u{202e}fdp.exe\u{202c} paid".into(),
            source: Some("\u{200f}Ministry\u{2067} of Water".into()),
            speakers: vec!["\u{202d}Ana".into()],
            ..Default::default()
        };
        clean_labels(&mut d);
        assert_eq!(d.title, "Invoice fdp.exe paid");
        assert_eq!(d.source.as_deref(), Some("Ministry of Water"));
        assert_eq!(d.speakers, vec!["Ana"]);
    }

    #[test]
    fn lang_vote() {
        assert_eq!(
            detect_lang("El gobierno y los migrantes que llegan a la frontera con sus familias"),
            Some("es")
        );
        assert_eq!(
            detect_lang(
                "The government and the migrants that arrive at the border with their families"
            ),
            Some("en")
        );
        assert_eq!(detect_lang("Hola"), None);
    }

    #[test]
    fn type_from_turns_and_cues() {
        let interview = vec![
            Block::Turn {
                speaker: "A".into(),
                label: "QUESTION".into(),
                role: true,
                notes: vec![],
                text: "?".into(),
                line: 1,
            },
            Block::Turn {
                speaker: "B".into(),
                label: "MINISTER ROE".into(),
                role: false,
                notes: vec![],
                text: ".".into(),
                line: 2,
            },
        ];
        assert_eq!(
            doc_type("Talking water", &Stated::default(), &interview).as_deref(),
            Some("interview")
        );
        let radio = Stated {
            audio: true,
            ..Default::default()
        };
        assert_eq!(
            doc_type("Rivers this week", &radio, &[]).as_deref(),
            Some("radio programme")
        );
        let label = Stated {
            doc_type: Some("Joint Communique".into()),
            ..Default::default()
        };
        assert_eq!(doc_type("x", &label, &[]).as_deref(), Some("communiqué"));
        assert_eq!(
            doc_type("Wells: The cheat sheet", &Stated::default(), &[]).as_deref(),
            Some("roundup")
        );
        assert_eq!(doc_type("Plain", &Stated::default(), &[]), None);
    }

    #[test]
    fn self_named_newsroom_is_the_source() {
        let b = build_blocks(&[RawBlock::para(
            "Every week, WATERWIRE’s team of editors reads the news.",
            1,
        )]);
        assert_eq!(self_named_source(&b).as_deref(), Some("WATERWIRE"));
    }
}
