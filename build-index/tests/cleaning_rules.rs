//! The archivist's `[[clean]]` rules in archive.toml: lines dropped by
//! pattern for the files a glob picks, and the one element of an HTML page
//! that holds its text. Runs the real binary.

use std::fs;
use std::process::Command;

#[test]
fn clean_rules_drop_lines_and_pick_the_main_element_for_the_files_they_name() {
    let d = std::env::temp_dir().join(format!("bi-clean-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    let c = d.join("corpus");
    fs::create_dir_all(c.join("news")).expect("dir");
    fs::create_dir_all(c.join("other")).expect("dir");
    let text = "Wells run dry in the eastern valley\n\nFarmers in the eastern valley said on Monday that their wells had dropped to the lowest level in forty years.\n\nSPONSORED: Buy our pumps today and save on every order this month only.\n\nThe water board asked households to save water until the autumn rains arrive.\n";
    fs::write(c.join("news/wells.txt"), text).expect("write");
    fs::write(c.join("other/wells.txt"), text).expect("write");
    fs::write(
        c.join("news/page.html"),
        "<html><body><div class=\"nav\">Home News Sport Weather and everything else a visitor might want to read about today</div>\n<div class=\"story-text\"><h1>Ferry resumes</h1><p>The island ferry sailed again on Tuesday after three days in port.</p></div>\n<p>Comments are closed on this page and will not open again until the editors say so.</p></body></html>",
    )
    .expect("write");
    fs::write(
        c.join("archive.toml"),
        "[[clean]]\nfiles = \"news/*\"\ndrop_lines = [\"^SPONSORED:\"]\nmain = \"div.story-text\"\n",
    )
    .expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_build-index"))
        .args(["text", c.to_str().expect("path"), "--json"])
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let news = v["news/wells.txt"].as_str().expect("news");
    let other = v["other/wells.txt"].as_str().expect("other");
    assert!(
        !news.contains("SPONSORED") && news.contains("autumn rains"),
        "{news}"
    );
    assert!(
        other.contains("SPONSORED"),
        "the rule names news/* only: {other}"
    );
    let page = v["news/page.html"].as_str().expect("page");
    assert!(
        page.contains("island ferry")
            && !page.contains("Comments are closed")
            && !page.contains("visitor"),
        "{page}"
    );
    // A bad pattern is refused, naming the file and the entry.
    fs::write(c.join("archive.toml"), "[[clean]]\ndrop_lines = [\"(\"]\n").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_build-index"))
        .args(["inspect", c.to_str().expect("path")])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("archive.toml") && err.contains("[[clean]] entry 1"),
        "{err}"
    );
    let _ = fs::remove_dir_all(&d);
}
