//! Any bytes read as an HTML page (encoding detection included) give
//! documents without a panic, with their lines inside the page. The page's
//! own rules (tokenizer, block builder, article splitting) are fuzzed; the
//! main-text extractor (rs-trafilatura, a dependency) runs on one input in
//! 64 to keep the rate in the thousands.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut warnings = Vec::new();
    let Some(text) = build_index::read::encoding::decode(data, "f.html", true, &mut warnings)
    else {
        return;
    };
    let text = build_index::read::text::normalize(&text);
    let lines = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
    let drafts = if data.len() % 64 == 0 {
        build_index::read::html::read(&text)
    } else {
        build_index::read::html::read_own_rules(&text)
    };
    for d in drafts {
        assert!(d.line_start <= d.line_end);
        for b in &d.blocks {
            assert!(b.line <= lines + 1, "block line {} of {lines}", b.line);
        }
    }
});
