//! Behaviour of the query engine on a small hand-made corpus (not the
//! seeds): each test names what it guards.

mod common;
use common::{doc, Index};
use engine::{Block, Document, SearchRequest, Sort, WriterSettings};

fn corpus() -> Vec<Document> {
    let mut d = vec![
        doc("a/fentanyl", "Fentanyl seizures at the border", &["Border agents seized fentanyl and other drugs near Ciudad Juárez."]),
        doc("a/traffickers", "Arms traffickers arrested", &["Police arrested traffickers moving firearms. Human smuggling networks were also targeted."]),
        doc("b/interview", "Interview with the Secretary", &["We discussed border security and migration policy."]),
        doc("b/visas", "New H-2 visa rules", &["The H-2A and H-2B programs expand. See socket.gaierror for details about the U.S. system."]),
        doc("c/climate", "Climate and drought", &["Drought and heat affect crops. The border wall was not discussed."]),
        doc("c/border-security", "Border security", &["A short note."]),
        doc("d/juarez", "Juarez without accent", &["Reports from Juarez mention migration."]),
    ];
    d[0].date = Some("2021-10-08".into());
    d[0].source = Some("State Department".into());
    d[0].doc_type = Some("press release".into());
    d[0].places = vec!["Ciudad Juárez".into(), "Mexico".into()];
    d[1].date = Some("2022-01".into());
    d[1].source = Some("Voice of America".into());
    d[1].doc_type = Some("news article".into());
    d[2].date = Some("2020-05-01".into());
    d[2].source = Some("State Department".into());
    d[2].doc_type = Some("interview".into());
    d[2].speakers = vec!["Antony J. Blinken".into()];
    d[2].blocks.push(Block::Turn {
        speaker: "Antony J. Blinken".into(),
        label: "SECRETARY BLINKEN".into(),
        role: false,
        notes: vec![],
        text: "Fentanyl is a priority.".into(),
        line: 3,
    });
    d[3].source = Some("Voice of America".into());
    d[3].doc_type = Some("news article".into());
    d[4].date = Some("2019".into());
    d[4].topics = vec!["Climate".into()];
    d[5].date = Some("2023-03-03".into());
    d
}

fn index() -> Index {
    Index::build(&corpus(), WriterSettings::default())
}

#[test]
fn typo_in_a_long_word_still_finds_it() {
    let mut ix = index();
    let ids = ix.ids("fentanil ");
    assert_eq!(ids[0], "a/fentanyl");
    assert!(ids.contains(&"b/interview".to_string()));
}

#[test]
fn short_words_do_not_get_typos() {
    let mut ix = index();
    assert!(ix.ids("wal ").is_empty(), "3 letters: exact only");
}

#[test]
fn unaccented_query_finds_accented_text_and_exact_accent_ranks_first() {
    let mut ix = index();
    let ids = ix.ids("juarez ");
    assert!(ids.contains(&"a/fentanyl".to_string()) && ids.contains(&"d/juarez".to_string()));
    let ids = ix.ids("Juárez ");
    assert_eq!(ids.len(), 2);
    let res = ix.search("Juárez ");
    assert!(res
        .hits
        .iter()
        .any(|h| h.matched.contains(&"juárez".to_string())));
}

#[test]
fn stemming_matches_other_word_forms() {
    let mut ix = index();
    assert_eq!(ix.ids("trafficking "), ["a/traffickers"]);
    assert_eq!(ix.ids("arrest "), ["a/traffickers"]);
}

#[test]
fn last_word_is_a_prefix_while_typing() {
    let mut ix = index();
    assert_eq!(ix.ids("drou"), ["c/climate"]);
    assert!(
        ix.ids("drou ").is_empty(),
        "a finished word is not a prefix"
    );
}

#[test]
fn quoted_phrase_requires_adjacent_words() {
    let mut ix = index();
    assert_eq!(ix.ids("\"border wall\""), ["c/climate"]);
    let both = ix.ids("border wall ");
    assert!(both.contains(&"c/climate".to_string()));
    assert!(ix.ids("\"wall border\"").is_empty());
}

#[test]
fn exclusion_and_or() {
    let mut ix = index();
    let ids = ix.ids("border -fentanyl");
    assert!(!ids.contains(&"a/fentanyl".to_string()));
    assert!(ids.contains(&"c/climate".to_string()));
    let ids = ix.ids("drought OR firearms");
    assert_eq!(ids.len(), 2);
}

#[test]
fn field_filters_restrict_results() {
    let mut ix = index();
    assert_eq!(ix.ids("speaker:blinken"), ["b/interview"]);
    assert_eq!(ix.ids("fentanyl type:interview"), ["b/interview"]);
    let ids = ix.ids(r#"source:"voice of america""#);
    assert_eq!(ids.len(), 2);
    assert_eq!(ix.ids("year:2019"), ["c/climate"]);
    let ids = ix.ids("after:2021-01-01 before:2022-12");
    assert_eq!(ids.len(), 2);
}

#[test]
fn compounds_acronyms_and_identifiers() {
    let mut ix = index();
    assert_eq!(ix.ids("h2a "), ["b/visas"]);
    assert_eq!(ix.ids("H-2B "), ["b/visas"]);
    assert_eq!(ix.ids("socket.gaierror "), ["b/visas"]);
    assert_eq!(ix.ids("gaierror "), ["b/visas"]);
    assert_eq!(ix.ids("U.S. "), ["b/visas"]);
}

#[test]
fn exact_title_match_ranks_first() {
    let mut ix = index();
    let ids = ix.ids("border security");
    assert_eq!(ids[0], "c/border-security");
}

#[test]
fn no_document_with_all_words_falls_back_with_a_note() {
    let mut ix = index();
    let res = ix.search("drought firearms ");
    assert_eq!(res.total, 2);
    assert_eq!(res.notes, [engine::SearchNote::SomeWordsOnly]);
    let res = ix.search("drought crops ");
    assert!(res.notes.is_empty());
}

#[test]
fn nothing_found_suggests_a_spelling() {
    let mut ix = index();
    let res = ix.search("wal ");
    assert_eq!(res.total, 0);
    assert_eq!(res.suggestion.as_deref(), Some("wall"));
}

#[test]
fn empty_query_browses_newest_first_with_undated_last() {
    let mut ix = index();
    let ids = ix.ids("");
    assert_eq!(ids.len(), 7);
    assert_eq!(ids[0], "c/border-security");
    assert!(ids[5..].contains(&"b/visas".to_string()));
    let res = ix.search_req(
        "",
        &SearchRequest {
            sort: Sort::Oldest,
            ..Default::default()
        },
    );
    let ids = ix.hit_ids(&res);
    assert_eq!(ids[0], "c/climate");
    assert!(ids[5..].contains(&"d/juarez".to_string()));
}

#[test]
fn facet_counts_are_disjunctive() {
    let mut ix = index();
    let mut req = SearchRequest::default();
    req.filters
        .insert(engine::Facet::Source, vec!["State Department".into()]);
    let res = ix.search_req("", &req);
    assert_eq!(res.total, 2);
    // The source facet still shows the other source's count (OR within facet).
    assert_eq!(
        res.facets[&engine::Facet::Source],
        vec![
            ("State Department".to_string(), 2),
            ("Voice of America".to_string(), 2)
        ]
    );
    // Other facets count only within the selection.
    assert_eq!(
        res.facets[&engine::Facet::Type],
        vec![
            ("interview".to_string(), 1),
            ("press release".to_string(), 1)
        ]
    );
    req.filters.insert(
        engine::Facet::Source,
        vec!["State Department".into(), "Voice of America".into()],
    );
    req.filters
        .insert(engine::Facet::Type, vec!["news article".into()]);
    let res = ix.search_req("", &req);
    assert_eq!(res.total, 2);
    assert_eq!(
        res.facets[&engine::Facet::Type][0],
        ("news article".to_string(), 2)
    );
}

#[test]
fn date_range_request_filter() {
    let mut ix = index();
    let req = SearchRequest {
        date_from: Some("2021".into()),
        date_to: Some("2022".into()),
        ..Default::default()
    };
    assert_eq!(ix.search_req("", &req).total, 2);
}

#[test]
fn snippets_and_highlights_mark_the_matched_forms() {
    let mut ix = index();
    let res = ix.search("trafficking ");
    let h = &res.hits[0];
    let s = ix.reader().snippet(h.doc, &h.matched, 200);
    let marked: Vec<&str> = s
        .highlights
        .iter()
        .map(|r| &s.text[r.start..r.end])
        .collect();
    assert_eq!(marked, ["traffickers"]);
    let hl = ix.reader().highlights(h.doc, &h.matched);
    assert_eq!(hl.title.len(), 1);
    assert_eq!(hl.blocks.len(), 1);
}

#[test]
fn documents_by_id_and_dates_without_doc_chunks() {
    let ix = index();
    let n = ix.reader().doc_by_id("a/traffickers").unwrap();
    assert_eq!(ix.reader().date_of(n).as_deref(), Some("2022-01"));
    assert!(
        ix.reader().document(n).is_none(),
        "doc chunk not loaded yet"
    );
    assert_eq!(ix.reader().doc_by_id("nope"), None);
}

#[test]
fn limit_truncates_hits_but_not_total() {
    let mut ix = index();
    let res = ix.search_req(
        "border ",
        &SearchRequest {
            limit: 1,
            ..Default::default()
        },
    );
    assert_eq!(res.hits.len(), 1);
    assert!(res.total >= 3);
}

#[test]
fn damaged_files_give_typed_errors_not_panics() {
    use engine::{FormatError, IndexReader};
    let ix = index();
    let m = ix.reader().manifest().clone();
    let docmeta = ix.file(&m.docmeta);
    assert!(matches!(
        IndexReader::open(m.clone(), &docmeta[..docmeta.len() - 3]),
        Err(FormatError::Corrupt { .. } | FormatError::Checksum { .. })
    ));
    let mut r = IndexReader::open(m.clone(), &docmeta).unwrap();
    let mut bytes = ix.file(&m.doc_chunks[0].file);
    bytes[10] ^= 1;
    assert!(matches!(
        r.add_chunk(engine::ChunkId::Docs(0), &bytes),
        Err(FormatError::Checksum { .. })
    ));
    assert!(matches!(
        r.add_chunk(engine::ChunkId::Terms(usize::MAX), b"x"),
        Err(FormatError::Missing { .. })
    ));
    // A query whose chunks were never fetched is an error naming one, not
    // an empty result.
    let fresh = IndexReader::open(m.clone(), &docmeta).unwrap();
    let q = engine::Query::parse("fentanyl");
    match fresh.search(&q, &engine::SearchRequest::default()) {
        Err(FormatError::NotLoaded { file }) => {
            assert!(m.term_chunks.iter().any(|c| c.file == file))
        }
        other => panic!("expected NotLoaded, got {other:?}"),
    }
    let json = String::from_utf8(ix.file("manifest.json"))
        .unwrap()
        .replacen(
            &format!("\"format_version\":{}", engine::format::FORMAT_VERSION),
            "\"format_version\":7",
            1,
        );
    let e = IndexReader::parse_manifest(json.as_bytes()).unwrap_err();
    assert!(matches!(e, FormatError::Version { found: 7, .. }));
    assert!(e.to_string().contains("rebuild the index"));
}

/// A reference page that names the word in a section heading ranks above
/// a short page that only mentions it, and above a long one repeating it.
#[test]
fn a_section_heading_naming_the_word_ranks_first() {
    let filler = "Other settings are described elsewhere in this guide. ".repeat(30);
    let mut reference = doc(
        "ref/settings",
        "Settings",
        &[&filler, "Default: True.", &filler],
    );
    reference.blocks.insert(
        1,
        Block::Heading {
            level: 2,
            text: "APPEND_SLASH".into(),
            line: 2,
        },
    );
    let docs = vec![
        reference,
        doc("rel/notes", "Release notes", &["The APPEND_SLASH setting now also applies to HEAD requests."]),
        doc("howto/urls", "URL design", &["Trailing slashes are added by CommonMiddleware when APPEND_SLASH is on; see APPEND_SLASH for the details of how redirects are made."]),
    ];
    let mut ix = Index::build(&docs, WriterSettings::default());
    assert_eq!(ix.ids("APPEND_SLASH ")[0], "ref/settings");
}

/// When few documents have every word, those with some follow them
/// (never before them, more words first), and the results say so.
#[test]
fn few_full_matches_are_followed_by_near_ones() {
    let mut ix = index();
    let res = ix.search("border security fentanyl ");
    let ids = ix.hit_ids(&res);
    assert_eq!(ids[0], "b/interview", "every word: first");
    let next: Vec<&str> = ids[1..3].iter().map(String::as_str).collect();
    assert!(
        next.contains(&"a/fentanyl") && next.contains(&"c/border-security"),
        "two of the three words next: {ids:?}"
    );
    assert!(ids.len() > 3, "then one of the three: {ids:?}");
    assert_eq!(res.notes, [engine::SearchNote::SomeWordsFollow { all: 1 }]);
    // A word no document has at all: the others still find documents.
    let ids = ix.ids("fentanyl xylophone ");
    assert!(ids.contains(&"a/fentanyl".to_string()));
}

/// A stem variant rarer than the word as typed does not outscore it.
#[test]
fn the_word_as_typed_outranks_a_rarer_inflection() {
    let docs = vec![
        doc(
            "a",
            "One",
            &["The border was closed for the border crossing."],
        ),
        doc("b", "Two", &["Two borders met."]),
        doc("c", "Three", &["A border town."]),
        doc("d", "Four", &["Another border story."]),
    ];
    let mut ix = Index::build(&docs, WriterSettings::default());
    let ids = ix.ids("border ");
    assert_eq!(ids.last().map(String::as_str), Some("b"), "{ids:?}");
}

/// `--explain`: every hit carries a breakdown whose total is its score,
/// with a line per query word; none is built unless asked.
#[cfg(feature = "explain")]
#[test]
fn explanations_add_up_and_are_only_built_on_request() {
    let mut ix = index();
    assert!(ix
        .search("border security ")
        .hits
        .iter()
        .all(|h| h.explain.is_none()));
    let req = SearchRequest {
        explain: true,
        ..Default::default()
    };
    let res = ix.search_req("border security ", &req);
    assert!(!res.hits.is_empty());
    for h in &res.hits {
        let e = h.explain.as_ref().expect("explained");
        assert_eq!(e.value, h.score);
        let text = e.to_string();
        assert!(
            text.contains("word \"border\"") && text.contains("word \"security\""),
            "{text}"
        );
        assert!(text.contains("(exact ×1)"), "{text}");
    }
}

/// A word longer than any term the index keeps cannot match: the search
/// runs on the other words and says that one was left out.
#[test]
fn an_overlong_word_is_left_out_and_the_results_say_so() {
    let mut ix = index();
    let long = "x".repeat(80);
    let res = ix.search(&format!("fentanyl {long} "));
    assert!(!res.hits.is_empty());
    assert_eq!(
        res.notes,
        [engine::SearchNote::LongWordLeftOut { bytes: 64 }]
    );
    assert!(ix.search("fentanyl ").notes.is_empty());
}

#[test]
fn a_searcher_whose_source_lacks_a_chunk_fails_instead_of_matching_nothing() {
    use engine::{block_on, FormatError, Query, ReadySource, SearchRequest, Searcher};
    let ix = index();
    let files = ix.files.clone();
    // Every file but the postings: the words are found in the dictionary,
    // their posting lists cannot be fetched.
    let source = ReadySource(move |name: &str| {
        files
            .iter()
            .find(|f| f.name == name && !name.starts_with("postings-"))
            .map(|f| f.bytes.clone())
            .ok_or(FormatError::Missing { file: name.into() })
    });
    let s = block_on(Searcher::open(source)).expect("start-up files are there");
    let q = Query::parse("fentanyl");
    match block_on(s.search(&q, &SearchRequest::default())) {
        Err(FormatError::Missing { file }) => assert!(file.starts_with("postings-"), "{file}"),
        other => panic!("expected the missing postings chunk, got {other:?}"),
    }
    // What was fetched stays loaded, and the same search still fails.
    assert!(block_on(s.search(&q, &SearchRequest::default())).is_err());
}
