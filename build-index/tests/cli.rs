//! The command line: `inspect --json` fields, `query --json` shape,
//! deterministic output, config discovery.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_build-index"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bi-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

#[test]
fn inspect_json_has_exactly_the_documented_fields() {
    let o = bin()
        .args(["inspect", "seeds", "--json"])
        .current_dir(repo())
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&o.stdout).expect("json array");
    assert_eq!(v.len(), 9);
    let mut keys: Vec<&str> = v[0].keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut want = vec![
        "id",
        "title",
        "date",
        "year",
        "source",
        "doc_type",
        "speakers",
        "people",
        "places",
        "topics",
        "word_count",
        "source_file",
        "line_start",
        "line_end",
    ];
    want.sort_unstable();
    assert_eq!(keys, want);
}

#[test]
fn inspect_table_lists_documents() {
    let o = bin()
        .args(["inspect", "seeds"])
        .current_dir(repo())
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("id  "), "{out}");
    assert!(
        out.contains("2001-06-22") && out.contains("communiqué") && out.contains("126–281"),
        "{out}"
    );
    assert!(out.contains("9 documents from 5 files"));
}

#[test]
fn builds_are_byte_identical_and_query_json_has_the_documented_shape() {
    let d = tmp("det");
    let (a, b) = (d.join("a"), d.join("b"));
    for out in [&a, &b] {
        let o = bin()
            .args(["seeds", "-o", out.to_str().expect("p"), "--index-only"])
            .current_dir(repo())
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let names = |p: &Path| {
        let mut v: Vec<String> = fs::read_dir(p.join("index"))
            .expect("index")
            .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&a), names(&b));
    for n in names(&a) {
        assert_eq!(
            fs::read(a.join("index").join(&n)).expect("a"),
            fs::read(b.join("index").join(&n)).expect("b"),
            "{n}"
        );
    }

    let o = bin()
        .args([
            "query",
            "--index",
            a.to_str().expect("p"),
            "--json",
            "--limit",
            "3",
            "Blinken",
        ])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["total"].as_u64().unwrap_or(0) >= 1);
    assert!(v["facets"].is_object());
    let first = &v["results"][0];
    for k in [
        "id",
        "score",
        "title",
        "source_file",
        "line_start",
        "line_end",
        "snippet",
    ] {
        assert!(first.get(k).is_some(), "result lacks {k}: {first}");
    }
    assert_eq!(
        first["id"],
        "002-6329a5d890f25ed4/secretary-antony-j-blinken-with-alejandro-dominguez"
    );
}

#[test]
fn no_catalog_keeps_only_what_the_text_states() {
    let o = bin()
        .args(["inspect", "seeds", "--json", "--no-catalog"])
        .current_dir(repo())
        .output()
        .expect("runs");
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    let first = &v[0];
    assert!(
        first["date"].is_null(),
        "the statement prints no date: {first}"
    );
    let with = bin()
        .args(["inspect", "seeds", "--json"])
        .current_dir(repo())
        .output()
        .expect("runs");
    let w: Vec<serde_json::Value> = serde_json::from_slice(&with.stdout).expect("json");
    assert_eq!(w[0]["date"], "2017-12");
}

#[test]
fn extra_catalog_file_and_config_errors_name_the_file() {
    let d = tmp("cat");
    let cat = d.join("more.toml");
    fs::write(
        &cat,
        "[[catalog]]\nfile = \"004_ec578307baffb18e.txt\"\ntopics = [\"Diplomacy\"]\n",
    )
    .expect("w");
    let o = bin()
        .args([
            "inspect",
            "seeds",
            "--json",
            "--catalog",
            cat.to_str().expect("p"),
        ])
        .current_dir(repo())
        .output()
        .expect("runs");
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v[8]["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .any(|t| t == "Diplomacy"));

    let bad = d.join("bad.toml");
    fs::write(&bad, "[archive]\nname = 3\n").expect("w");
    let o = bin()
        .args(["inspect", "seeds", "--config", bad.to_str().expect("p")])
        .current_dir(repo())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.toml") && err.contains("invalid settings"),
        "{err}"
    );
}

#[test]
fn config_is_discovered_beside_the_corpus_when_none_is_in_the_working_folder() {
    let d = tmp("discover");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    fs::write(
        corpus.join("archive.toml"),
        "[[topics]]\nname = \"Wells\"\nterms = [\"well\", \"wells\"]\n",
    )
    .expect("w");
    fs::write(corpus.join("a.txt"), "Wells run dry\n\nThe wells in the valley ran dry this week, farmers said, and the board asked for restraint from every household in the valley.\n").expect("w");
    let o = bin()
        .args(["inspect", "c", "--json"])
        .current_dir(&d)
        .output()
        .expect("runs");
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["topics"], serde_json::json!(["Wells"]));
}
