//! Any file bytes decode to text or a reason to skip them, never a panic;
//! a decode that lost characters is always reported as an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for html in [false, true] {
        let mut w = Vec::new();
        if let Some(text) = build_index::read::encoding::decode(data, "f", html, &mut w) {
            // Text that was not UTF-16/32 and held no U+FFFD of its own.
            let plain = !data.contains(&0)
                && !data.starts_with(&[0xFF, 0xFE])
                && !data.starts_with(&[0xFE, 0xFF]);
            if plain
                && text.contains('\u{fffd}')
                && !data.windows(3).any(|x| x == "\u{fffd}".as_bytes())
            {
                assert!(
                    w.iter().any(|x| x.severity == build_index::Severity::Error),
                    "lost text without an error: {w:?}"
                );
            }
        }
    }
});
