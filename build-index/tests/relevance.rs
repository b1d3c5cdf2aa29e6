//! Relevance on the seeds: judged queries → nDCG@10, printed per query and
//! on average, with a floor asserted.
//!
//! The judgments were made by reading `seeds/*.txt`: grade 2 = the
//! document is about the query (or is the one the query names), grade 1 =
//! it discusses the query in passing. Documents are named by a stable
//! fragment of their id (the title slug), never by line numbers. Queries
//! cover single words, names, misspellings, accents, phrases, prefixes (no
//! trailing space: the last word is being typed) and multi-word queries.
//! Run with `cargo test -p build-index --test relevance -- --nocapture` to
//! see the table.

use build_index::config::Config;
use build_index::load_corpus;
use engine::{
    block_on, Document, FormatError, IndexWriter, Query, SearchRequest, Searcher, WriterSettings,
};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

// Stable id fragments of the seed documents.
const EU_STATEMENT: &str = "europe-the-continent-of-solidarity";
const ROUNDUP: &str = "record-temperatures-refugee-wishlists";
const EU_SUMMIT: &str = "migrants-to-bear-the-brunt";
const UN_AFRICA: &str = "un-and-africa-emergency-response";
const PRESS_AVAILABILITY: &str = "press-availability-at-the-second-u-s-mexico";
const SECURITY_DIALOGUE: &str = "joint-statement-u-s-mexico-high-level-security";
const BLINKEN_INTERVIEW: &str = "secretary-antony-j-blinken-with-alejandro-dominguez";
const FULL_COURT_PRESS: &str = "u-s-state-department-officials-say-full-court";
const MIGRATION_TALKS: &str = "u-s-mexico-migration-talks-and-plan";

/// (query, [(document, grade)]).
const JUDGMENTS: &[(&str, &[(&str, u32)])] = &[
    (
        "fentanyl ",
        &[
            (PRESS_AVAILABILITY, 2),
            (SECURITY_DIALOGUE, 2),
            (FULL_COURT_PRESS, 1),
        ],
    ),
    (
        "fentanil ",
        &[
            (PRESS_AVAILABILITY, 2),
            (SECURITY_DIALOGUE, 2),
            (FULL_COURT_PRESS, 1),
        ],
    ),
    (
        "fenta",
        &[
            (PRESS_AVAILABILITY, 2),
            (SECURITY_DIALOGUE, 2),
            (FULL_COURT_PRESS, 1),
        ],
    ),
    ("Videgaray ", &[(PRESS_AVAILABILITY, 2)]),
    ("Videgarai ", &[(PRESS_AVAILABILITY, 2)]),
    ("videg", &[(PRESS_AVAILABILITY, 2)]),
    ("Juarez ", &[(FULL_COURT_PRESS, 2)]),
    ("Juárez ", &[(FULL_COURT_PRESS, 2)]),
    ("Blinken ", &[(BLINKEN_INTERVIEW, 2)]),
    ("Blinkin ", &[(BLINKEN_INTERVIEW, 2)]),
    ("Sulivan ", &[(PRESS_AVAILABILITY, 2)]),
    ("Tillerson ", &[(PRESS_AVAILABILITY, 2)]),
    ("Milenio ", &[(BLINKEN_INTERVIEW, 2)]),
    (
        "trafficking ",
        &[
            (SECURITY_DIALOGUE, 2),
            (PRESS_AVAILABILITY, 2),
            (MIGRATION_TALKS, 2),
            (BLINKEN_INTERVIEW, 1),
            (EU_STATEMENT, 1),
            (EU_SUMMIT, 1),
            (FULL_COURT_PRESS, 1),
        ],
    ),
    (
        "traffickers ",
        &[
            (MIGRATION_TALKS, 2),
            (SECURITY_DIALOGUE, 1),
            (PRESS_AVAILABILITY, 1),
            (BLINKEN_INTERVIEW, 1),
        ],
    ),
    ("climate ", &[(ROUNDUP, 2)]),
    ("drought ", &[(ROUNDUP, 2)]),
    ("heatwave ", &[(ROUNDUP, 2)]),
    ("Yemen ", &[(ROUNDUP, 2)]),
    ("Rohingya ", &[(ROUNDUP, 2)]),
    ("south sudan ", &[(ROUNDUP, 2)]),
    ("Somalia ", &[(UN_AFRICA, 2), (ROUNDUP, 1)]),
    (
        "asylum ",
        &[
            (BLINKEN_INTERVIEW, 2),
            (EU_STATEMENT, 1),
            (ROUNDUP, 1),
            (UN_AFRICA, 1),
            (PRESS_AVAILABILITY, 1),
        ],
    ),
    (
        "refugees ",
        &[
            (ROUNDUP, 2),
            (EU_SUMMIT, 1),
            (EU_STATEMENT, 1),
            (FULL_COURT_PRESS, 1),
        ],
    ),
    ("solidarity ", &[(EU_SUMMIT, 2), (EU_STATEMENT, 2)]),
    ("Libya ", &[(EU_STATEMENT, 2), (EU_SUMMIT, 2)]),
    ("firearms ", &[(SECURITY_DIALOGUE, 2)]),
    (
        "opioid ",
        &[(PRESS_AVAILABILITY, 2), (SECURITY_DIALOGUE, 1)],
    ),
    ("heroin ", &[(PRESS_AVAILABILITY, 2)]),
    ("bicentennial ", &[(SECURITY_DIALOGUE, 2)]),
    (
        "extradition ",
        &[(BLINKEN_INTERVIEW, 2), (SECURITY_DIALOGUE, 1)],
    ),
    ("Haiti ", &[(BLINKEN_INTERVIEW, 2), (FULL_COURT_PRESS, 1)]),
    (
        "Merida ",
        &[
            (PRESS_AVAILABILITY, 2),
            (BLINKEN_INTERVIEW, 1),
            (MIGRATION_TALKS, 1),
        ],
    ),
    ("\"full court press\"", &[(FULL_COURT_PRESS, 2)]),
    ("\"plan of action\"", &[(MIGRATION_TALKS, 2)]),
    ("\"money laundering\"", &[(SECURITY_DIALOGUE, 2)]),
    (
        "precursor chemicals ",
        &[(SECURITY_DIALOGUE, 2), (PRESS_AVAILABILITY, 1)],
    ),
    (
        "weapons trafficking ",
        &[
            (SECURITY_DIALOGUE, 2),
            (PRESS_AVAILABILITY, 1),
            (BLINKEN_INTERVIEW, 1),
            (MIGRATION_TALKS, 1),
        ],
    ),
    ("migration talks ", &[(MIGRATION_TALKS, 2)]),
    (
        "border security dialogue ",
        &[
            (SECURITY_DIALOGUE, 2),
            (MIGRATION_TALKS, 1),
            (PRESS_AVAILABILITY, 1),
        ],
    ),
    (
        "migrant day solidarity ",
        &[(EU_STATEMENT, 2), (EU_SUMMIT, 1)],
    ),
];

/// Mean nDCG@10 over all judged queries must stay at or above this.
const FLOOR: f64 = 0.9;

/// The files of an index built in memory, as the engine's chunk source.
struct Memory(Vec<engine::IndexFile>);

impl engine::ChunkSource for Memory {
    type Error = FormatError;

    fn fetch(
        &self,
        files: &[String],
    ) -> impl std::future::Future<Output = Result<Vec<Vec<u8>>, FormatError>> {
        let get = |n: &String| {
            self.0
                .iter()
                .find(|f| &f.name == n)
                .map(|f| f.bytes.clone())
                .ok_or(FormatError::Missing { file: n.clone() })
        };
        std::future::ready(files.iter().map(get).collect())
    }
}

fn load() -> (Vec<Document>, Searcher<Memory>) {
    let cfg = Config::load(&root().join("archive.toml")).expect("archive.toml");
    let mut docs = load_corpus(&root().join("seeds"), &cfg)
        .expect("seeds load")
        .documents;
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut w = IndexWriter::new(WriterSettings {
        archive: cfg.archive.clone(),
        search: cfg.search.clone(),
        ..Default::default()
    });
    for d in &docs {
        w.add(d);
    }
    let files = w.finish().expect("index");
    let searcher = block_on(Searcher::open(Memory(files))).expect("open");
    (docs, searcher)
}

fn ndcg10(ranked: &[&str], judged: &[(&str, u32)]) -> f64 {
    let gain = |g: u32| f64::from((1u32 << g) - 1);
    let grade = |id: &str| {
        judged
            .iter()
            .find(|(frag, _)| id.contains(frag))
            .map_or(0, |(_, g)| *g)
    };
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| gain(grade(id)) / ((i + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<u32> = judged.iter().map(|(_, g)| *g).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, &g)| gain(g) / ((i + 2) as f64).log2())
        .sum();
    if idcg == 0.0 {
        1.0
    } else {
        dcg / idcg
    }
}

#[test]
fn judged_queries_on_the_seeds_reach_the_ndcg_floor() {
    let (docs, searcher) = load();
    // Every judged document must exist, or the judgments went stale.
    for (_, judged) in JUDGMENTS {
        for (frag, _) in *judged {
            assert!(
                docs.iter().any(|d| d.id.contains(frag)),
                "no seed document matches {frag:?}"
            );
        }
    }
    assert!(JUDGMENTS.len() >= 30);
    let mut total = 0.0;
    let mut worst: (f64, &str) = (1.0, "");
    println!("{:<30} {:>6}  top 3", "query", "nDCG");
    for (text, judged) in JUDGMENTS {
        let q = Query::parse(text);
        let request = SearchRequest {
            limit: 10,
            ..Default::default()
        };
        let res = block_on(searcher.search(&q, &request)).expect("search");
        let ranked: Vec<&str> = res
            .hits
            .iter()
            .map(|h| docs[h.doc as usize].id.as_str())
            .collect();
        let score = ndcg10(&ranked, judged);
        let top: Vec<&str> = ranked
            .iter()
            .take(3)
            .map(|id| id.split('/').nth(1).unwrap_or(id))
            .map(|s| &s[..s.len().min(24)])
            .collect();
        println!("{text:<30} {score:>6.3}  {}", top.join(", "));
        total += score;
        if score < worst.0 {
            worst = (score, text);
        }
    }
    let mean = total / JUDGMENTS.len() as f64;
    println!(
        "mean nDCG@10 over {} queries: {mean:.3} (floor {FLOOR}); worst {:.3} for {:?}",
        JUDGMENTS.len(),
        worst.0,
        worst.1
    );
    assert!(mean >= FLOOR, "mean nDCG@10 {mean:.3} fell below {FLOOR}");
    assert!(
        worst.0 >= 0.5,
        "query {:?} scored nDCG@10 {:.3}",
        worst.1,
        worst.0
    );
}

#[test]
fn ndcg_is_one_for_the_ideal_order_and_lower_otherwise() {
    let judged = [("a", 2), ("b", 1)];
    assert!((ndcg10(&["x/a", "x/b"], &judged) - 1.0).abs() < 1e-9);
    assert!(ndcg10(&["x/b", "x/a"], &judged) < 1.0);
    assert_eq!(ndcg10(&["x/c"], &judged), 0.0);
}
