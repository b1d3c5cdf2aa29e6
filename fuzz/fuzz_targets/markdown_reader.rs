//! Any text read as Markdown (front matter included) gives a document or
//! a reported error, never a panic; error lines are inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let text = build_index::read::text::normalize(&raw);
    let lines = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
    let (draft, err) = build_index::read::markdown::read(&text);
    if let Some((_, line)) = err {
        assert!(
            line >= 1 && line <= lines + 1,
            "error line {line} of {lines}"
        );
    }
    if let Some(d) = draft {
        assert!(d.line_start <= d.line_end);
    }
});
