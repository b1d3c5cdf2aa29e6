//! build-index on a user's own disk: it never deletes what it did not
//! write, never publishes what is outside the corpus, never hides that text
//! was lost, and its ids never move to another document. Each test is named
//! after what it guards; they run the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ARTICLE: &str = "Wells run dry in the eastern valley\n\nFarmers in the eastern valley said on Monday that their wells had dropped to the lowest level in forty years, and the water board asked households to save water until the autumn rains arrive.\n";

const OTHER: &str = "Ferry service resumes after storm\n\nThe island ferry sailed again on Tuesday after three days in port, carrying food, mail and the first visitors since the storm closed the harbour.\n";

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bi-safe-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_build-index"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A corpus folder with one article.
fn corpus_in(d: &Path) -> PathBuf {
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    fs::write(c.join("wells.txt"), ARTICLE).expect("write");
    c
}

fn build(corpus: &Path, out: &Path, cwd: &Path, extra: &[&str]) -> Output {
    let mut args = vec![p(corpus), "-o", p(out), "--index-only"];
    args.extend_from_slice(extra);
    run(&args, cwd)
}

fn inspect(corpus: &Path) -> (Vec<serde_json::Value>, Output) {
    let o = run(&["inspect", p(corpus), "--json"], corpus);
    (serde_json::from_slice(&o.stdout).unwrap_or_default(), o)
}

#[test]
fn an_output_path_that_is_a_users_file_is_refused_and_kept() {
    let d = tmp("file");
    let c = corpus_in(&d);
    let notes = d.join("notes.txt");
    fs::write(&notes, "my notes").expect("write");
    let o = build(&c, &notes, &d, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notes.txt") && err.contains("is a file"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&notes).expect("kept"), "my notes");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn an_output_folder_of_the_users_own_files_is_refused_unless_forced() {
    let d = tmp("folder");
    let c = corpus_in(&d);
    let mine = d.join("thesis");
    fs::create_dir_all(&mine).expect("dir");
    fs::write(mine.join("chapter1.docx"), "draft").expect("write");
    let o = build(&c, &mine, &d, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("did not write") && err.contains("--force"),
        "{err}"
    );
    assert!(mine.join("chapter1.docx").is_file());
    let o = build(&c, &mine, &d, &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(mine.join("index/manifest.json").is_file());
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn the_corpus_and_its_parent_are_never_an_output_even_forced() {
    let d = tmp("corpus");
    let c = corpus_in(&d);
    fs::write(d.join("sibling.txt"), "keep me").expect("write");
    for out in [c.clone(), d.clone(), c.join("..")] {
        for force in [&[][..], &["--force"][..]] {
            let o = build(&c, &out, &d, force);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{err}");
            assert!(err.contains("corpus"), "{err}");
        }
    }
    assert_eq!(
        fs::read_to_string(c.join("wells.txt")).expect("kept"),
        ARTICLE
    );
    assert_eq!(
        fs::read_to_string(d.join("sibling.txt")).expect("kept"),
        "keep me"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_previous_output_is_replaced_whole_and_leaves_nothing_beside_it() {
    let d = tmp("again");
    let c = corpus_in(&d);
    let out = d.join("site");
    assert_eq!(build(&c, &out, &d, &[]).status.code(), Some(0));
    assert!(
        out.join(".build-index-output").is_file(),
        "the marker is written"
    );
    fs::write(c.join("ferry.txt"), OTHER).expect("write");
    let o = build(&c, &out, &d, &["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["documents"], 2);
    let mut names: Vec<String> = fs::read_dir(&d)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["corpus", "site"]);
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn staging_folders_of_killed_runs_are_removed_and_a_moved_aside_output_comes_back() {
    let d = tmp("stale");
    let c = corpus_in(&d);
    let out = d.join("site");
    // What a run killed mid-build (staging) and mid-commit (old output
    // moved aside, new one not yet in place) leaves; the pid is dead.
    let stale = d.join(".site.building-4194999-abcdef");
    fs::create_dir_all(stale.join("index")).expect("dir");
    fs::write(stale.join("index/big.bin"), vec![0u8; 4096]).expect("write");
    let aside = d.join(".site.old-4194999");
    fs::create_dir_all(&aside).expect("dir");
    fs::write(aside.join(".build-index-output"), "").expect("write");
    let o = build(&c, &out, &d, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!stale.exists(), "stale staging removed: {err}");
    assert!(!aside.exists(), "old output restored, then replaced: {err}");
    assert!(out.join("index/manifest.json").is_file());
    assert!(err.contains("interrupted"), "{err}");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_link_to_a_file_outside_the_corpus_is_not_published() {
    let d = tmp("link");
    let c = corpus_in(&d);
    let secret = d.join("secret.txt");
    fs::write(
        &secret,
        "Private diary\n\nThe combination of the safe is written here in full.\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(&secret, c.join("passwd.txt")).expect("link");
    std::os::unix::fs::symlink(c.join("wells.txt"), c.join("inside.txt")).expect("link");
    let (docs, o) = inspect(&c);
    let err = stderr(&o);
    assert!(
        err.contains("passwd.txt: skipped: a link to") && err.contains("outside the corpus"),
        "{err}"
    );
    let titles: Vec<&str> = docs.iter().filter_map(|d| d["title"].as_str()).collect();
    assert!(!titles.iter().any(|t| t.contains("diary")), "{titles:?}");
    assert_eq!(
        docs.len(),
        2,
        "the link inside the corpus is read: {titles:?}"
    );
    // The opt-in setting follows it.
    fs::write(
        c.join("archive.toml"),
        "[corpus]\nfollow_links_outside = true\n",
    )
    .expect("write");
    let (docs, _) = inspect(&c);
    assert_eq!(docs.len(), 3);
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn an_output_inside_the_corpus_is_not_read_by_the_next_build() {
    let d = tmp("inside");
    let c = corpus_in(&d);
    fs::write(c.join("ferry.txt"), OTHER).expect("write");
    let out = c.join("public");
    let mut counts = Vec::new();
    for _ in 0..3 {
        // A full site (static pages too) when the reader app is bundled.
        let o = run(&[p(&c), "-o", p(&out), "--json"], &d);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        counts.push(v["documents"].as_u64().expect("count"));
    }
    assert_eq!(counts, vec![2, 2, 2]);
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn file_names_that_slug_alike_all_build_and_are_reported_with_both_names() {
    let d = tmp("ids");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    for name in ["report 2020.txt", "report-2020.txt", "report_2020.txt"] {
        fs::write(c.join(name), ARTICLE).expect("write");
    }
    let (docs, o) = inspect(&c);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("report 2020.txt") && err.contains("report_2020.txt"),
        "{err}"
    );
    assert_eq!(
        err.matches("make the same id").count(),
        1,
        "said once: {err}"
    );
    let ids: std::collections::BTreeSet<&str> =
        docs.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let out = d.join("site");
    let o = build(&c, &out, &d, &[]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "built, with the collision reported: {}",
        stderr(&o)
    );
    assert!(out.join("index/manifest.json").is_file());
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn adding_a_file_never_moves_an_existing_permalink_to_another_document() {
    let d = tmp("stable");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    fs::write(c.join("b.md"), ARTICLE).expect("write");
    let (before, _) = inspect(&c);
    let old: Vec<(String, String)> = before
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap_or("").to_string(),
                d["source_file"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // A file sorting before it, whose name slugs alike.
    fs::write(c.join("b.txt"), OTHER).expect("write");
    let (after, _) = inspect(&c);
    for (id, file) in &old {
        if let Some(now) = after.iter().find(|d| d["id"].as_str() == Some(id)) {
            assert_eq!(
                now["source_file"].as_str(),
                Some(file.as_str()),
                "{id} moved"
            );
        }
    }
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn utf16_with_a_byte_order_mark_is_read_as_text() {
    let d = tmp("utf16");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(c.join("unicode.txt"), bytes).expect("write");
    let (docs, o) = inspect(&c);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["title"], "Wells run dry in the eastern valley");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn text_that_could_not_be_decoded_gives_exit_2_naming_the_file_and_line() {
    let d = tmp("lost");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    let mut bytes = "Año nuevo en el valle\n\nLos agricultores del valle dijeron el lunes que sus pozos están más bajos que nunca, y la junta pidió ahorrar agua.\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Una l\xednea rota al final.\n");
    fs::write(c.join("roto.txt"), bytes).expect("write");
    let (_, o) = inspect(&c);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("roto.txt:4:") && err.contains("text was lost"),
        "{err}"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn inspect_into_a_closed_pipe_ends_quietly() {
    let d = tmp("pipe");
    let c = corpus_in(&d);
    for i in 0..200 {
        fs::write(
            c.join(format!("n{i}.txt")),
            ARTICLE.replace("eastern", &format!("district {i}")),
        )
        .expect("write");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_build-index"))
        .args(["inspect", p(&c)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read one line, then close the pipe as `| head -1` does.
    {
        use std::io::BufRead;
        let mut line = String::new();
        let out = child.stdout.take().expect("stdout");
        std::io::BufReader::new(out)
            .read_line(&mut line)
            .expect("line");
        assert!(line.starts_with("id"), "{line}");
    }
    let o = child.wait_with_output().expect("wait");
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(o.status.code(), Some(101), "{err}");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_query_that_starts_with_a_minus_needs_no_double_dash() {
    let d = tmp("minus");
    let c = corpus_in(&d);
    fs::write(c.join("ferry.txt"), OTHER).expect("write");
    let out = d.join("site");
    assert_eq!(build(&c, &out, &d, &[]).status.code(), Some(0));
    let o = run(&["query", "--index", p(&out), "--json", "-ferry"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(
        v["results"][0]["title"],
        "Wells run dry in the eastern valley"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_hidden_corpus_file_is_skipped_with_a_word() {
    let d = tmp("hidden");
    let c = corpus_in(&d);
    fs::write(c.join("..txt"), OTHER).expect("write");
    let (docs, o) = inspect(&c);
    let err = stderr(&o);
    assert_eq!(docs.len(), 1);
    assert!(err.contains("..txt: skipped: hidden file"), "{err}");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn bidi_override_characters_leave_titles() {
    let d = tmp("bidi");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    fs::write(
        c.join("a.txt"),
        ARTICLE.replace("Wells run dry", "Wells \u{202e}yrd nur\u{202c} today"),
    )
    .expect("write");
    let (docs, _) = inspect(&c);
    let title = docs[0]["title"].as_str().unwrap_or_default();
    assert!(
        !title.contains('\u{202e}') && !title.contains('\u{202c}'),
        "{title:?}"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_public_url_that_is_not_http_is_refused_naming_the_setting() {
    let d = tmp("url");
    let c = corpus_in(&d);
    fs::write(
        c.join("archive.toml"),
        "[archive]\npublic_url = \"javascript:alert(1)\"\n",
    )
    .expect("write");
    let o = build(&c, &d.join("site"), &d, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("archive.toml") && err.contains("public_url"),
        "{err}"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn an_error_names_its_cause_once() {
    let d = tmp("once");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    fs::write(c.join("notes.pdf"), "x").expect("write");
    let o = build(&c, &d.join("site"), &d, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_default();
    assert_eq!(line.matches("no documents found").count(), 1, "{line}");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn an_output_below_a_file_says_that_file_is_not_a_folder() {
    let d = tmp("below");
    let c = corpus_in(&d);
    fs::write(d.join("plain"), "x").expect("write");
    let o = build(&c, &d.join("plain/site"), &d, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is not a folder") && !err.contains("File exists"),
        "{err}"
    );
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn one_long_paragraph_costs_memory_by_the_piece_not_by_the_paragraph() {
    let d = tmp("long");
    let c = d.join("corpus");
    fs::create_dir_all(&c).expect("dir");
    let words = [
        "water", "valley", "farmers", "wells", "board", "autumn", "rains", "level",
    ];
    let mut text = String::from("One very long paragraph\n\n");
    let mut i = 0usize;
    while text.len() < 12 << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    text.push_str("end.\n");
    fs::write(c.join("long.txt"), &text).expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_build-index"))
        .args([p(&c), "-o", p(&d.join("site")), "--index-only"])
        .env("BUILD_INDEX_TRACE", "1")
        .output()
        .expect("runs");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let peak: u64 = err
        .lines()
        .filter_map(|l| l.split("peak ").nth(1)?.split(' ').next()?.parse().ok())
        .max()
        .expect("trace lines");
    // 12 MB of text: the token list of one paragraph took over 300 MB.
    assert!(peak < 160, "peak {peak} MB for 12 MB of text: {err}");
    let _ = fs::remove_dir_all(&d);
}
