//! A fingerprint of the reader's markup: the sources of the app (`src/`),
//! of the view crate (`view/src/`) and of the engine types they print
//! (`engine/src/`), and the locked versions of Yew and the rest
//! (`Cargo.lock`). build-index renders the app's first
//! page with the app compiled into it and marks the page with this; the
//! browser adopts that page's nodes only when its own wasm has the same
//! fingerprint (hydrating markup from another version of the app would
//! fail half-way), and otherwise draws its own.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // DefaultHasher::new() has fixed keys: the native build (build-index)
    // and the wasm build hash the same sources to the same value.
    let mut hash = DefaultHasher::new();
    for dir in ["src", "view/src", "engine/src", "Cargo.lock"] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for file in files {
            let rel = file.strip_prefix(root).unwrap_or(&file);
            hash.write(rel.to_string_lossy().as_bytes());
            hash.write(&std::fs::read(&file).unwrap_or_default());
        }
    }
    println!("cargo:rustc-env=READER_MARKUP={:016x}", hash.finish());
}
