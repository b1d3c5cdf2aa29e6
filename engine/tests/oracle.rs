//! The engine against a naive scan of the same documents (the oracle), for
//! random small corpora and random queries: matching set, phrases,
//! exclusions, field filters, facet selections and disjunctive facet counts.
//! Typos and prefixes are off here (they depend on the dictionary, which a
//! scan does not have); their behaviour is covered in `search.rs`.

mod common;
use common::Index;
use engine::tokenizer::{stem, tokenize};
use engine::{Block, Document, Facet, SearchRequest, SearchSettings, WriterSettings};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const VOCAB: &[&str] = &[
    "border",
    "borders",
    "wall",
    "walls",
    "cartel",
    "cartels",
    "juárez",
    "juarez",
    "migration",
    "migrants",
    "policy",
    "policies",
    "climate",
    "drought",
    "fentanyl",
    "arrested",
    "arrest",
    "the",
    "of",
    "water",
];
const TYPES: &[&str] = &["interview", "press release", "news article"];
const SOURCES: &[&str] = &["State Department", "Voice of America", "Reuters"];

fn arb_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(VOCAB), 0..max).prop_map(|w| w.join(" "))
}

fn arb_doc() -> impl Strategy<Value = Document> {
    (
        arb_text(4),
        proptest::collection::vec(arb_text(12), 0..3),
        proptest::option::of(proptest::sample::select(TYPES)),
        proptest::option::of(proptest::sample::select(SOURCES)),
        proptest::option::of(2018i32..2023),
        proptest::collection::btree_set(
            proptest::sample::select(&["Mexico", "Ciudad Juárez", "Texas"][..]),
            0..3,
        ),
    )
        .prop_map(|(title, body, ty, source, year, places)| Document {
            title,
            lang: "en".into(),
            doc_type: ty.map(str::to_string),
            source: source.map(str::to_string),
            date: year.map(|y| format!("{y}-06-15")),
            year,
            places: places.into_iter().map(str::to_string).collect(),
            blocks: body
                .into_iter()
                .map(|text| Block::Paragraph { text, line: 0 })
                .collect(),
            ..Default::default()
        })
}

#[derive(Debug, Clone)]
enum Item {
    Word(&'static str),
    Phrase(&'static str, &'static str),
    Not(&'static str),
    Type(&'static str),
}

fn arb_item() -> impl Strategy<Value = Item> {
    let w = || proptest::sample::select(VOCAB);
    prop_oneof![
        4 => w().prop_map(Item::Word),
        1 => (w(), w()).prop_map(|(a, b)| Item::Phrase(a, b)),
        1 => w().prop_map(Item::Not),
        1 => proptest::sample::select(TYPES).prop_map(Item::Type),
    ]
}

fn query_text(items: &[Item]) -> String {
    let mut s: String = items
        .iter()
        .map(|i| match i {
            Item::Word(w) => w.to_string(),
            Item::Phrase(a, b) => format!("\"{a} {b}\""),
            Item::Not(w) => format!("-{w}"),
            Item::Type(t) => format!("type:\"{t}\""),
        })
        .collect::<Vec<_>>()
        .join(" ");
    s.push(' '); // no as-you-type prefix
    s
}

/// Every searchable text unit of a document (a phrase never spans two).
fn units(d: &Document) -> Vec<&str> {
    let mut u = vec![d.title.as_str()];
    u.extend(d.blocks.iter().map(Block::text));
    u.extend(d.source.as_deref());
    u.extend(d.doc_type.as_deref());
    u.extend(d.places.iter().map(String::as_str));
    u
}

fn word_matches(d: &Document, w: &str) -> bool {
    let q = &tokenize(w, "en")[0].term;
    let qs = stem(q, "en");
    units(d)
        .iter()
        .flat_map(|u| tokenize(u, "en"))
        .any(|t| &t.term == q || stem(&t.term, "en") == qs)
}

fn phrase_matches(d: &Document, a: &str, b: &str) -> bool {
    let (a, b) = (&tokenize(a, "en")[0].term, &tokenize(b, "en")[0].term);
    units(d).iter().any(|u| {
        let toks: Vec<String> = tokenize(u, "en")
            .into_iter()
            .filter(|t| t.primary)
            .map(|t| t.term)
            .collect();
        toks.windows(2).any(|p| &p[0] == a && &p[1] == b)
    })
}

type FacetCounts = BTreeMap<Facet, Vec<(String, u32)>>;

/// The oracle: matching doc numbers under AND semantics, followed by the
/// documents with some clauses when fewer than `FILL_BELOW` have them all.
fn oracle(
    docs: &[Document],
    items: &[Item],
    sel: &BTreeMap<Facet, Vec<String>>,
) -> (BTreeSet<u32>, FacetCounts) {
    let positive: Vec<&Item> = items
        .iter()
        .filter(|i| matches!(i, Item::Word(_) | Item::Phrase(..)))
        .collect();
    let clause = |d: &Document, i: &Item| match i {
        Item::Word(w) => word_matches(d, w),
        Item::Phrase(a, b) => phrase_matches(d, a, b),
        _ => false,
    };
    let base_ok = |d: &Document| {
        items.iter().all(|i| match i {
            Item::Not(w) => !word_matches(d, w),
            Item::Type(t) => d.doc_type.as_deref() == Some(*t),
            _ => true,
        })
    };
    let sel_ok = |d: &Document, skip: Option<Facet>| {
        sel.iter()
            .filter(|(f, _)| Some(**f) != skip)
            .all(|(f, vals)| d.facet_values(*f).iter().any(|v| vals.contains(v)))
    };
    let and: Vec<u32> = (0..docs.len() as u32)
        .filter(|&n| {
            let d = &docs[n as usize];
            base_ok(d) && positive.iter().all(|i| clause(d, i))
        })
        .collect();
    let and_hits = and
        .iter()
        .filter(|&&n| sel_ok(&docs[n as usize], None))
        .count();
    let base: Vec<u32> = if positive.len() >= 2 && and_hits < engine::FILL_BELOW {
        // Few have every clause: those with some follow.
        (0..docs.len() as u32)
            .filter(|&n| {
                let d = &docs[n as usize];
                base_ok(d) && positive.iter().any(|i| clause(d, i))
            })
            .collect()
    } else {
        and
    };
    let hits = base
        .iter()
        .copied()
        .filter(|&n| sel_ok(&docs[n as usize], None))
        .collect();
    let mut facets = BTreeMap::new();
    for f in Facet::ALL {
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for &n in &base {
            let d = &docs[n as usize];
            if sel_ok(d, Some(f)) {
                let mut vals = d.facet_values(f);
                vals.sort();
                vals.dedup();
                for v in vals {
                    *counts.entry(v).or_default() += 1;
                }
            }
        }
        for v in sel.get(&f).into_iter().flatten() {
            counts.entry(v.clone()).or_default();
        }
        let mut list: Vec<(String, u32)> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        facets.insert(f, list);
    }
    (hits, facets)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn engine_agrees_with_a_naive_scan(
        mut docs in proptest::collection::vec(arb_doc(), 1..14),
        items in proptest::collection::vec(arb_item(), 0..4),
        sources in proptest::collection::btree_set(proptest::sample::select(SOURCES), 0..3),
    ) {
        for (i, d) in docs.iter_mut().enumerate() {
            d.id = format!("doc/{i:03}");
        }
        let settings = WriterSettings {
            search: SearchSettings { one_typo_min_len: 1000, two_typos_min_len: 1000, ..SearchSettings::default() },
            doc_chunk_bytes: 300,
            term_chunk_bytes: 200,
            ..WriterSettings::default()
        };
        let mut ix = Index::build(&docs, settings);
        let mut sel = BTreeMap::new();
        if !sources.is_empty() {
            sel.insert(Facet::Source, sources.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        }
        let req = SearchRequest { filters: sel.clone().into_iter().collect(), ..Default::default() };
        let text = query_text(&items);
        let res = ix.search_req(&text, &req);
        let (want, want_facets) = oracle(&docs, &items, &sel);
        let got: BTreeSet<u32> = res.hits.iter().map(|h| h.doc).collect();
        prop_assert_eq!(&got, &want, "query {:?}", text);
        prop_assert_eq!(res.total, want.len());
        prop_assert_eq!(&res.facets, &want_facets.clone().into_iter().collect::<engine::FacetMap<_>>(), "query {:?}", text);
    }
}
