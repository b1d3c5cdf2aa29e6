//! Any text splits into documents without a panic, and every document's
//! lines stay inside the input (line provenance is what citations use).
#![no_main]

use build_index::read::metadata::places::Gazetteer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let text = build_index::read::text::normalize(&raw);
    let lines = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
    for d in build_index::read::segment::segment(&text, Gazetteer::get()) {
        assert!(
            d.line_start >= 1 && d.line_start <= d.line_end,
            "{} > {}",
            d.line_start,
            d.line_end
        );
        assert!(d.line_end <= lines + 1, "line {} of {lines}", d.line_end);
        for b in &d.blocks {
            assert!(
                b.line >= 1 && b.line <= lines + 1,
                "block line {} of {lines}",
                b.line
            );
        }
    }
});
