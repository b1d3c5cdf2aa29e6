//! What marks a folder as a build-index output: both halves need it, the
//! reader to never read an earlier output as documents, the publisher to
//! replace only what it wrote.

use std::path::Path;

/// The file every build writes at the root of its output: what marks a
/// folder as one build-index may replace.
pub const MARKER: &str = ".build-index-output";

/// The marker's contents (fixed: output is byte-for-byte deterministic).
pub const MARKER_TEXT: &str =
    "This folder was written by build-index. The next build replaces it whole.\n";

/// True when `dir` is a folder a previous build wrote.
pub fn is_previous_output(dir: &Path) -> bool {
    if dir.join(MARKER).is_file() {
        return true;
    }
    // Builds from before the marker: their manifest names the generator.
    ["index/manifest.json", "manifest.json"].iter().any(|m| {
        std::fs::read(dir.join(m))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v.get("generator")?.as_str().map(str::to_owned))
            .is_some_and(|g| g.starts_with("build-index"))
    })
}
