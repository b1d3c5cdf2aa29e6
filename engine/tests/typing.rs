//! What a word typed letter by letter costs in chunk fetches: the word
//! being typed gets no typo candidates while longer terms start with it,
//! and its guesses read at most `MAX_GUESS_CHUNKS` postings chunks, the
//! same ones whatever earlier queries loaded.

mod common;
use common::{doc, Index};
use engine::{
    ChunkId, Document, IndexReader, Query, SearchRequest, WriterSettings, MAX_GUESS_CHUNKS,
};

/// Many distinct words of one first letter, so the letter spans many
/// dictionary and postings chunks.
fn corpus() -> Vec<Document> {
    let syllables = ["ra", "mo", "ti", "ne", "lu", "ka", "so", "pe"];
    (0..400)
        .map(|i| {
            let word = |k: usize| {
                let mut w = String::from("p");
                let mut n = i * 7 + k;
                for _ in 0..3 {
                    w.push_str(syllables[n % syllables.len()]);
                    n /= syllables.len();
                }
                w
            };
            // Frequent words spread over the letter: a short prefix's
            // best completions sit in many postings chunks.
            let frequent = [
                "pablo", "pedro", "pinto", "plum", "polar", "prism", "pshaw", "ptero", "pumice",
                "pyre",
            ];
            let body = format!(
                "{} {} {} photograph photographer {} {} {}",
                word(0),
                word(1),
                word(2),
                if i % 3 == 0 { "photography" } else { "" },
                frequent[i % frequent.len()],
                frequent[(i + 3) % frequent.len()],
            );
            doc(
                &format!("d/{i:03}"),
                &format!("Entry {i}"),
                &[body.as_str()],
            )
        })
        .collect()
}

fn small_chunks() -> WriterSettings {
    WriterSettings {
        term_chunk_bytes: 300,
        dict_chunk_bytes: 200,
        ..WriterSettings::default()
    }
}

/// Loads what `text` needs, round by round; returns the files fetched.
fn fetch(ix: &mut Index, text: &str) -> Vec<String> {
    let q = Query::parse(text);
    let mut fetched = Vec::new();
    for _ in 0..3 {
        let missing = ix.reader().missing_term_chunks(&q);
        for id in &missing {
            fetched.push(id.file(ix.reader().manifest()).unwrap().to_string());
        }
        engine::block_on(ix.searcher.load(&missing)).unwrap();
    }
    assert!(ix.reader().missing_term_chunks(&q).is_empty());
    fetched
}

fn dictionary_chunks_of(reader: &IndexReader, first: char) -> usize {
    reader
        .manifest()
        .term_chunks
        .iter()
        .filter(|c| c.first.starts_with(first) || c.last.starts_with(first))
        .count()
}

#[test]
fn a_word_being_typed_that_terms_start_with_gets_no_typo_round() {
    let mut ix = Index::build(&corpus(), small_chunks());
    let p_chunks = dictionary_chunks_of(&ix.reader(), 'p');
    assert!(
        p_chunks >= 8,
        "the letter spans {p_chunks} dictionary chunks"
    );
    let fetched = fetch(&mut ix, "photog");
    let dicts = fetched.iter().filter(|f| f.starts_with("terms-")).count();
    assert!(
        dicts <= 2,
        "{dicts} dictionary chunks for a prefix: {fetched:?}"
    );
    let ids = ix.ids("photog");
    assert_eq!(ids.len(), 400, "every entry has a completion of photog");

    // A word no term starts with is a typo: its letter is searched.
    let mut ix = Index::build(&corpus(), small_chunks());
    let fetched = fetch(&mut ix, "photpgraph");
    let dicts = fetched.iter().filter(|f| f.starts_with("terms-")).count();
    assert!(dicts >= p_chunks - 1, "{dicts} of {p_chunks}: {fetched:?}");
    assert!(
        !ix.ids("photpgraph").is_empty(),
        "the typo still finds photograph"
    );
}

#[test]
fn a_short_prefix_reads_few_postings_chunks_and_ranks_the_same_warm_or_cold() {
    let mut cold = Index::build(&corpus(), small_chunks());
    let postings = cold.reader().manifest().posting_chunks.len();
    assert!(
        postings > 3 * MAX_GUESS_CHUNKS,
        "{postings} postings chunks"
    );
    let fetched = fetch(&mut cold, "p");
    let read = fetched
        .iter()
        .filter(|f| f.starts_with("postings-"))
        .count();
    assert!(
        read <= MAX_GUESS_CHUNKS,
        "{read} postings chunks for `p`: {fetched:?}"
    );
    let cold_ids = cold.hit_ids(
        &cold
            .reader()
            .search(&Query::parse("p"), &SearchRequest::default())
            .unwrap(),
    );
    assert!(!cold_ids.is_empty());

    // Every chunk loaded: the same plan, the same results.
    let warm = Index::build(&corpus(), small_chunks());
    let m = warm.reader().manifest().clone();
    let all: Vec<ChunkId> = ChunkId::all(&m)
        .into_iter()
        .filter(|c| !matches!(c, ChunkId::Docs(_)))
        .collect();
    engine::block_on(warm.searcher.load(&all)).unwrap();
    let warm_res = warm
        .reader()
        .search(&Query::parse("p"), &SearchRequest::default())
        .unwrap();
    let cold_res = cold
        .reader()
        .search(&Query::parse("p"), &SearchRequest::default())
        .unwrap();
    assert_eq!(warm_res.total, cold_res.total);
    let docs = |r: &engine::SearchResults| r.hits.iter().map(|h| h.doc).collect::<Vec<_>>();
    assert_eq!(docs(&warm_res), docs(&cold_res));
}

#[test]
fn a_one_letter_prefix_reads_the_completion_table_not_the_letter() {
    let mut ix = Index::build(&corpus(), small_chunks());
    assert!(!ix.reader().manifest().completion_chunks.is_empty());
    let fetched = fetch(&mut ix, "p");
    let dicts = fetched.iter().filter(|f| f.starts_with("terms-")).count();
    let completions = fetched
        .iter()
        .filter(|f| f.starts_with("completions-"))
        .count();
    assert_eq!(dicts, 0, "{fetched:?}");
    let letter = dictionary_chunks_of(&ix.reader(), 'p');
    assert!(
        completions >= 1 && completions * 3 <= letter,
        "{completions} of {letter}: {fetched:?}"
    );
}

#[test]
fn short_prefixes_rank_the_same_from_the_completion_table_as_from_the_dictionary() {
    // Beside the corpus, many frequent completions of one two-letter
    // prefix, each with its own frequency: the table must keep the best.
    let mut docs = corpus();
    let suffixes = [
        "ra", "mo", "ti", "ne", "lu", "ka", "so", "pe", "di", "vo", "ga", "fu", "ze", "bi",
    ];
    for (i, d) in docs.iter_mut().enumerate() {
        let extra: Vec<String> = suffixes
            .iter()
            .enumerate()
            .filter(|(j, _)| i % (j + 2) == 0)
            .map(|(_, s)| format!("ph{s}x"))
            .collect();
        d.blocks.push(engine::Block::Paragraph {
            text: extra.join(" "),
            line: 2,
        });
    }
    let mut with = Index::build(&docs, small_chunks());
    let mut without = Index::build(&docs, small_chunks());
    // A version 4 index: no completion table, the dictionary answers.
    let mut m = without.reader().manifest().clone();
    m.completion_chunks.clear();
    let docmeta = without.file(&m.docmeta);
    without.searcher = engine::Searcher::with_reader(
        common::memory_source(without.files.clone()),
        IndexReader::open(m, &docmeta).unwrap(),
    );
    let mut prefixes: Vec<String> = vec![
        "p".into(),
        "e".into(),
        "ph".into(),
        "pe".into(),
        "pu".into(),
        "en".into(),
        "x".into(),
    ];
    prefixes.push("entry p".into());
    for q in prefixes {
        let a = with.search(&q);
        let b = without.search(&q);
        assert_eq!(a.total, b.total, "{q}");
        let hits = |r: &engine::SearchResults| {
            r.hits
                .iter()
                .map(|h| (h.doc, (h.score * 1000.0).round() as i64))
                .collect::<Vec<_>>()
        };
        assert_eq!(hits(&a), hits(&b), "{q}");
    }
}
