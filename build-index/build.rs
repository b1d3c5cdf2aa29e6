//! With the `bundled-app` feature, compiles the reader app's finished
//! release build (Trunk's `dist/`) into the binary, so `build-index` alone
//! can publish a complete site on a machine with no Rust or Trunk.
//!
//! It only reads files: running Trunk or cargo from here would block on the
//! target-directory lock. Build the app first (`trunk build --release`),
//! then `cargo build --release -p build-index --features bundled-app`;
//! `BUILD_INDEX_APP_DIR` points elsewhere than the workspace's `dist/`.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=BUILD_INDEX_APP_DIR");
    if env::var_os("CARGO_FEATURE_BUNDLED_APP").is_none() {
        return;
    }
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let app_dir = env::var_os("BUILD_INDEX_APP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("../dist"));
    let app_dir = fs::canonicalize(&app_dir).unwrap_or(app_dir);
    if !app_dir.join("index.html").is_file() {
        panic!(
            "the bundled-app feature embeds the reader's release build, but {} has no index.html; \
             run `trunk build --release` first or set BUILD_INDEX_APP_DIR to Trunk's dist folder",
            app_dir.display()
        );
    }
    let mut files = Vec::new();
    collect(&app_dir, &mut files);
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_app.rs");
    fs::write(&out, code).expect("write bundled_app.rs");
}

fn collect(root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let hidden =
        |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| !hidden(e))
    {
        let entry = entry.unwrap_or_else(|e| panic!("read {}: {e}", root.display()));
        let path = entry.path();
        if entry.file_type().is_dir() {
            // Adding or removing a file in dist/ must re-run this script.
            println!("cargo:rerun-if-changed={}", path.display());
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), path.to_path_buf()));
        }
    }
}
