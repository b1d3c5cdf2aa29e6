//! What the table-generating tests share: packing numbers as LEB128
//! varints, writing bytes as a Rust byte string, and the check that a
//! generated file is up to date (or its rewrite, when asked).

/// Every Unicode scalar value.
pub fn all_chars() -> impl Iterator<Item = char> {
    (0u32..=0x10ffff).filter_map(char::from_u32)
}

/// Appends `n` as a LEB128 varint.
pub fn varint(mut n: u32, bytes: &mut Vec<u8>) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

/// `bytes` as the lines of a `b"..."` literal, 32 bytes a line, closed.
pub fn push_byte_string(out: &mut String, bytes: &[u8]) {
    for line in bytes.chunks(32) {
        out.push_str("    ");
        for b in line {
            out.push_str(&format!("\\x{b:02x}"));
        }
        out.push_str("\\\n");
    }
    out.push_str("\";\n");
}

/// Fails unless `table` (a path in the engine crate) holds `fresh`;
/// rewrites it first when the variable `update` is set.
pub fn check_table(table: &str, fresh: &str, update: &str, test: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(table);
    if std::env::var_os(update).is_some() {
        std::fs::write(&path, fresh).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap();
    assert!(
        stored == fresh,
        "{table} is stale: run {update}=1 cargo test -p archive-engine --test {test}"
    );
}
