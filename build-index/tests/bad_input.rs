//! Bad input: each case gets a clear message naming the file (and line),
//! nothing is lost, and a failed build writes nothing and leaves an
//! existing output untouched. These run the real binary.
//!
//! Unreadable files: the tests run as root in CI, where `chmod 000` does
//! not stop a read, so the unreadable cases use entries no one can read as
//! a file — a broken symbolic link and a FIFO (which must never be opened:
//! opening it would block). A `chmod 000` file is also checked: as root it
//! is read normally; as another user it is reported.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ARTICLE: &str = "Wells run dry in the eastern valley\n\nFarmers in the eastern valley said on Monday that their wells had dropped to the lowest level in forty years, and the water board asked households to save water until the autumn rains arrive.\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_build-index"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bi-bad-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn inspect_json(corpus: &Path) -> (Vec<serde_json::Value>, Output) {
    let o = run(
        &["inspect", corpus.to_str().expect("utf8 path"), "--json"],
        corpus,
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap_or_default();
    (v, o)
}

/// Names of the entries in `dir` (to check nothing half-written is left).
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_windows_1252_file_is_read_as_such_with_a_warning_naming_it() {
    let d = tmp("cp1252");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    let mut bytes = ARTICLE.as_bytes().to_vec();
    bytes.extend_from_slice(b"\nA caf\xe9 by the river stayed open \x96 \x93for now\x94.\n");
    fs::write(corpus.join("latin1.txt"), &bytes).expect("write");
    let out = d.join("site");
    let o = run(
        &[
            corpus.to_str().expect("p"),
            "-o",
            out.to_str().expect("p"),
            "--index-only",
        ],
        &d,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("latin1.txt: not UTF-8: read as windows-1252"),
        "{err}"
    );
    let q = run(
        &[
            "query",
            "--index",
            out.to_str().expect("p"),
            "--json",
            "café",
        ],
        &d,
    );
    let v: serde_json::Value = serde_json::from_slice(&q.stdout).expect("json");
    assert_eq!(v["total"], 1, "café is found: {v}");
    assert!(
        v["results"][0]["snippet"]
            .as_str()
            .unwrap_or("")
            .contains("café"),
        "{v}"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn empty_and_binary_files_are_skipped_with_a_warning() {
    let d = tmp("empty");
    fs::write(d.join("empty.txt"), b"").expect("w");
    fs::write(d.join("blank.md"), b"\n  \n").expect("w");
    fs::write(
        d.join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    )
    .expect("w");
    fs::write(d.join("ok.txt"), ARTICLE).expect("w");
    let (docs, o) = inspect_json(&d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("empty.txt: skipped: empty file"), "{err}");
    assert!(err.contains("blank.md: skipped: empty file"), "{err}");
    assert!(err.contains("image.txt: skipped: binary file"), "{err}");
    assert_eq!(docs.len(), 1);
}

#[test]
fn unreadable_entries_are_reported_and_the_rest_is_built() {
    let d = tmp("unreadable");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    fs::write(corpus.join("ok.txt"), ARTICLE).expect("w");
    std::os::unix::fs::symlink(corpus.join("gone.txt"), corpus.join("broken.txt"))
        .expect("symlink");
    let fifo = Command::new("mkfifo")
        .arg(corpus.join("pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    let locked = corpus.join("locked.txt");
    fs::write(&locked, ARTICLE.replace("Wells", "Pumps")).expect("w");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let root_can_read = fs::read(&locked).is_ok();

    let out = d.join("site");
    let o = run(
        &[
            corpus.to_str().expect("p"),
            "-o",
            out.to_str().expect("p"),
            "--index-only",
            "--json",
        ],
        &d,
    );
    let err = stderr(&o);
    assert!(
        err.contains("broken.txt: cannot read: broken link"),
        "{err}"
    );
    assert!(
        err.contains("pipe.txt: skipped: not a regular file"),
        "{err}"
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "exit code says files were lost: {err}"
    );
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json summary");
    let expected_docs = if root_can_read { 2 } else { 1 };
    assert_eq!(summary["documents"], expected_docs);
    if !root_can_read {
        assert!(err.contains("locked.txt: cannot read"), "{err}");
    }
    assert!(
        out.join("index/manifest.json").is_file(),
        "the readable files were built"
    );
    let _ = fs::set_permissions(&locked, fs::Permissions::from_mode(0o644));
}

/// A 50 MB plain-text file of 25,000-odd bulletins, generated here (never
/// committed). Every bulletin must come out as a document. The full build
/// (index included) runs in optimised test builds; unoptimised ones check the
/// reading side only, since the debug engine would take minutes to index it.
#[test]
fn a_fifty_megabyte_file_is_read_whole() {
    let d = tmp("big");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    let mut text = String::with_capacity(52 << 20);
    let mut n = 0u64;
    let para = "The water board measured the river at the weir and reported the level to the council, which met to discuss the budget for repairs to the old bridge and the gauges. ".repeat(12);
    while text.len() < 50 << 20 {
        n += 1;
        text.push_str(&format!(
            "Bulletin number {n} on the state of the river\n\nMarch 3, 2018\n\n{para}\n\n###\n\n"
        ));
    }
    fs::write(corpus.join("huge.txt"), &text).expect("write 50 MB");
    let size = text.len() as u64;
    drop(text);
    if cfg!(debug_assertions) {
        let o = run(&["inspect", corpus.to_str().expect("p"), "--json"], &d);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let docs: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(docs.len() as u64, n, "every bulletin is a document");
        assert_eq!(
            docs.last().and_then(|d| d["title"].as_str()),
            Some(format!("Bulletin number {n} on the state of the river").as_str())
        );
    } else {
        let out = d.join("site");
        let o = run(
            &[
                corpus.to_str().expect("p"),
                "-o",
                out.to_str().expect("p"),
                "--index-only",
                "--json",
            ],
            &d,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let summary: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json summary");
        assert_eq!(summary["documents"], n, "every bulletin is a document");
        assert_eq!(summary["bytes_read"], size);
    }
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_folder_with_no_documents_fails_and_writes_nothing() {
    let d = tmp("nodocs");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    fs::write(corpus.join("notes.pdf"), b"%PDF-1.4").expect("w");
    fs::write(
        corpus.join("chrome.txt"),
        "Tag Archives: Nothing\n\n© 2020 Example Press. All rights reserved.\n",
    )
    .expect("w");
    let out = d.join("site");
    let o = run(
        &[corpus.to_str().expect("p"), "-o", out.to_str().expect("p")],
        &d,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no documents found in"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("notes.pdf: skipped: not a .txt"), "{err}");
    assert!(!out.exists(), "no output folder");
    assert_eq!(
        entries(&d),
        vec!["c".to_string()],
        "no temporary folder left behind"
    );
}

#[test]
fn a_failed_build_leaves_an_existing_output_untouched() {
    let d = tmp("keep");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    let out = d.join("site");
    fs::create_dir_all(out.join("index")).expect("dir");
    fs::write(out.join("index/manifest.json"), b"previous build").expect("w");
    // A previous build's marker: the folder may be replaced.
    fs::write(out.join(".build-index-output"), b"").expect("w");
    // Empty corpus: fails after reading.
    let o = run(
        &[corpus.to_str().expect("p"), "-o", out.to_str().expect("p")],
        &d,
    );
    assert_eq!(o.status.code(), Some(1));
    // Missing app folder: fails before reading.
    fs::write(corpus.join("a.txt"), ARTICLE).expect("w");
    let o = run(
        &[
            corpus.to_str().expect("p"),
            "-o",
            out.to_str().expect("p"),
            "--app",
            "/nonexistent/dist",
        ],
        &d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        fs::read(out.join("index/manifest.json")).expect("kept"),
        b"previous build"
    );
    assert_eq!(entries(&d), vec!["c".to_string(), "site".to_string()]);
    // A good build replaces it whole.
    let o = run(
        &[
            corpus.to_str().expect("p"),
            "-o",
            out.to_str().expect("p"),
            "--index-only",
        ],
        &d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(
        fs::read(out.join("index/manifest.json")).expect("new"),
        b"previous build"
    );
    assert_eq!(entries(&d), vec!["c".to_string(), "site".to_string()]);
}

#[test]
fn script_tags_in_text_stay_text() {
    let d = tmp("script");
    fs::write(
        d.join("post.txt"),
        "A note about scripts on the archive pages\n\nSomeone pasted <script>alert('x')</script> into the comment box, and the archive must show it exactly as typed, as text, and never run it.\n",
    )
    .expect("w");
    let out = d.join("site");
    let o = run(
        &[
            d.to_str().expect("p"),
            "-o",
            out.to_str().expect("p"),
            "--index-only",
        ],
        &d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs_file = entries(&out.join("index"))
        .into_iter()
        .find(|n| n.starts_with("docs-"))
        .expect("doc chunk");
    let bytes = fs::read(out.join("index").join(&docs_file)).expect("read");
    // A doc chunk is the JSON document array inside the binary envelope.
    let docs = engine::format::docstore::parse(&docs_file, &bytes, 1)
        .expect("doc chunk is JSON documents");
    assert!(
        docs[0]
            .blocks
            .iter()
            .any(|b| b.text().contains("<script>alert('x')</script>")),
        "{:?}",
        docs[0].blocks
    );
}

/// Found by fuzzing: rs-trafilatura 0.2.2 panics on this page (a string
/// sliced inside a character). The page is read by our own rules instead,
/// the build succeeds, and no panic message reaches the user.
#[test]
fn a_page_that_panics_the_main_text_extractor_is_read_by_our_own_rules() {
    let d = tmp("extractor-panic");
    let corpus = d.join("c");
    fs::create_dir_all(&corpus).expect("dir");
    let page = include_bytes!("fixtures/trafilatura-char-boundary-panic.html");
    fs::write(corpus.join("page.html"), page).expect("write");
    fs::write(corpus.join("article.txt"), ARTICLE).expect("write");
    let out = d.join("site");
    let o = run(
        &[
            corpus.to_str().expect("p"),
            "-o",
            out.to_str().expect("p"),
            "--index-only",
        ],
        &d,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.join("index/manifest.json").is_file());
}
