//! Any bytes as manifest.json are refused with a FormatError or read as a
//! manifest; never a panic, whatever its lists and ranges claim.
#![no_main]

use engine::IndexReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = IndexReader::parse_manifest(data) {
        // A manifest that parses must also be safe to open with any docmeta.
        let _ = IndexReader::open(m, data);
    }
});
