//! Turning a file's bytes into text, without losing any silently.
//!
//! In order:
//! 1. A byte-order mark decides: UTF-8, UTF-16 LE/BE (encoding_rs) or
//!    UTF-32 LE/BE (decoded here; encoding_rs leaves UTF-32 out, as the
//!    web platform does).
//! 2. UTF-16 without a mark is recognised by its zero bytes in every other
//!    position (Windows tools write it for "Unicode" text).
//! 3. Other files with zero or control bytes are binary and skipped.
//! 4. Valid UTF-8 is UTF-8 (a page that declares another charset but is
//!    valid UTF-8 was converted and its declaration left behind).
//! 5. An HTML page's `<meta charset>` (or `http-equiv` content type, or
//!    XML declaration) in its first 1024 bytes names the encoding.
//! 6. Mostly-UTF-8 text with a few bad bytes stays UTF-8 (the bad bytes
//!    become U+FFFD, an error: text was lost).
//! 7. Anything else is guessed from its bytes (chardetng, Firefox's
//!    detector) and decoded; the guess is a warning naming the file.
//!
//! Any character that could not be decoded is reported as an error (exit
//! code 2), with the line of the first one.

use crate::Warning;
use encoding_rs::Encoding;

/// Decodes `bytes`, or says why the file is skipped.
pub fn decode(bytes: &[u8], file: &str, html: bool, warnings: &mut Vec<Warning>) -> Option<String> {
    let warn =
        |w: &mut Vec<Warning>, msg: String| w.push(Warning::warn(file.to_string(), None, msg));
    if let Some((text, lost, name)) = by_mark(bytes) {
        report_loss(&text, lost, name, file, warnings);
        return non_empty(text, file, warnings);
    }
    if let Some(enc) = utf16_without_mark(bytes) {
        let (text, lost) = enc.decode_without_bom_handling(bytes);
        warn(
            warnings,
            format!(
                "no byte-order mark: read as {} (its zero bytes say so)",
                enc.name()
            ),
        );
        report_loss(&text, lost, enc.name(), file, warnings);
        return non_empty(text.into_owned(), file, warnings);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        warn(warnings, "skipped: empty file".into());
        return None;
    }
    if looks_binary(bytes) {
        warn(warnings, "skipped: binary file (not text)".into());
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let declared = if html { declared_charset(bytes) } else { None };
    let (enc, how) = match declared {
        Some(e) => (e, "as its <meta charset> declares"),
        None if mostly_utf8(bytes) => (encoding_rs::UTF_8, ""),
        None => (
            guess(bytes),
            "a guess from its bytes; save it as UTF-8 to be sure",
        ),
    };
    let (text, lost) = enc.decode_without_bom_handling(bytes);
    if enc != encoding_rs::UTF_8 {
        warn(
            warnings,
            format!("not UTF-8: read as {} ({how})", enc.name()),
        );
    }
    report_loss(&text, lost, enc.name(), file, warnings);
    Some(text.into_owned())
}

fn non_empty(text: String, file: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    if text.trim().is_empty() {
        warnings.push(Warning::warn(
            file.to_string(),
            None,
            "skipped: empty file".into(),
        ));
        return None;
    }
    Some(text)
}

/// An error naming the first line where decoding lost characters.
fn report_loss(text: &str, lost: bool, enc: &str, file: &str, warnings: &mut Vec<Warning>) {
    if !lost {
        return;
    }
    let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
    let line = text
        .find('\u{fffd}')
        .map(|at| 1 + text[..at].matches('\n').count());
    warnings.push(Warning::error(
        file.to_string(),
        line.and_then(|l| u32::try_from(l).ok()),
        format!(
            "invalid {enc}: {bad} character{} could not be decoded and became \u{fffd} (text was lost; fix or re-save the file)",
            if bad == 1 { "" } else { "s" }
        ),
    ));
}

/// Text decoded by a byte-order mark: (text, whether anything was lost,
/// the encoding's name).
fn by_mark(bytes: &[u8]) -> Option<(String, bool, &'static str)> {
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        let (t, lost) = utf32(body, u32::from_le_bytes);
        return Some((t, lost, "UTF-32LE"));
    }
    if let Some(body) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        let (t, lost) = utf32(body, u32::from_be_bytes);
        return Some((t, lost, "UTF-32BE"));
    }
    let (enc, len) = Encoding::for_bom(bytes)?;
    let (t, lost) = enc.decode_without_bom_handling(&bytes[len..]);
    Some((t.into_owned(), lost, enc.name()))
}

fn utf32(body: &[u8], word: fn([u8; 4]) -> u32) -> (String, bool) {
    let mut lost = !body.len().is_multiple_of(4);
    let text = body
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(word([c[0], c[1], c[2], c[3]])).unwrap_or_else(|| {
                lost = true;
                '\u{fffd}'
            })
        })
        .collect();
    (text, lost)
}

/// UTF-16 text without a mark: in the first 4 KB, at least a third of the
/// bytes at even (BE) or odd (LE) positions are zero, and almost none at
/// the others — the pattern of mostly-Latin text in UTF-16.
fn utf16_without_mark(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let many = |n: usize| n * 3 >= pairs;
    let few = |n: usize| n * 50 <= pairs;
    if many(odd) && few(even) {
        Some(encoding_rs::UTF_16LE)
    } else if many(even) && few(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    head.contains(&0) || controls * 10 > head.len()
}

/// True when the bytes are UTF-8 but for a few bad sequences: at least as
/// many well-formed multi-byte characters as bad bytes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > 0 && good >= bad
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut d = chardetng::EncodingDetector::new();
    d.feed(bytes, true);
    d.guess(None, false)
}

/// The encoding an HTML page declares in its first 1024 bytes: `<meta
/// charset=…>`, `<meta http-equiv content="…; charset=…">` or `<?xml
/// encoding="…"?>`. UTF-16 labels are ignored (a page that reaches this
/// point is not UTF-16), as the HTML standard's prescan does.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("charset").or_else(|| rest.find("encoding")) {
        let after = &rest[at..];
        let after = after.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let value = after
            .trim_start()
            .strip_prefix('=')
            .map(|v| v.trim_start().trim_start_matches(['"', '\'']))
            .map(|v| {
                let end = v
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                    })
                    .unwrap_or(v.len());
                &v[..end]
            });
        if let Some(enc) = value.and_then(|v| Encoding::for_label(v.as_bytes())) {
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(encoding_rs::UTF_8);
            }
            return Some(enc.output_encoding());
        }
        rest = &rest[at + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8], html: bool) -> (Option<String>, Vec<Warning>) {
        let mut w = Vec::new();
        (decode(bytes, "f", html, &mut w), w)
    }

    #[test]
    fn utf16_and_utf32_with_marks_are_text() {
        let text = "café au lait\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut u32le = vec![0xFF, 0xFE, 0, 0];
        u32le.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        let mut u32be = vec![0, 0, 0xFE, 0xFF];
        u32be.extend(text.chars().flat_map(|c| (c as u32).to_be_bytes()));
        for b in [le, be, u32le, u32be] {
            let (t, w) = run(&b, false);
            assert_eq!(t.as_deref(), Some(text));
            assert!(w.is_empty(), "{w:?}");
        }
    }

    #[test]
    fn utf16_without_a_mark_is_recognised() {
        let text = "Plain words in UTF-16 without a mark, as Notepad once wrote them.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (t, w) = run(&le, false);
        assert_eq!(t.as_deref(), Some(text));
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("UTF-16LE"));
    }

    #[test]
    fn windows_1252_is_guessed_with_a_warning_and_nothing_lost() {
        let (t, w) = run(
            b"A caf\xe9 \x96 open \x93late\x94 on Sunday, na\xefve.\n",
            false,
        );
        assert_eq!(
            t.as_deref(),
            Some("A café – open “late” on Sunday, naïve.\n")
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].severity, crate::Severity::Warning);
        assert!(w[0].message.contains("windows-1252"), "{}", w[0].message);
    }

    #[test]
    fn meta_charset_names_the_encoding_of_a_page() {
        let page =
            b"<html><head><meta charset=\"iso-8859-2\"><title>\xa3\xf3d\xbc</title></head></html>";
        let (t, w) = run(page, true);
        assert!(t.expect("text").contains("Łódź"));
        assert!(w[0].message.contains("<meta charset>"), "{w:?}");
        let ct = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>";
        assert_eq!(declared_charset(ct), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(
            declared_charset(b"<?xml version='1.0' encoding='Shift_JIS'?>"),
            Some(encoding_rs::SHIFT_JIS)
        );
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_an_error_naming_the_line() {
        let mut bytes = "línea uno\nmañana é\nbad ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff here \xfe");
        let (t, w) = run(&bytes, false);
        assert!(t.expect("text").contains("mañana"));
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].severity, crate::Severity::Error);
        assert_eq!(w[0].line, Some(3));
        assert!(w[0].message.contains("2 characters"), "{}", w[0].message);
    }

    #[test]
    fn empty_and_binary_files_are_skipped() {
        assert!(run(b"  \n\n", false).0.is_none());
        assert!(run(b"\x7fELF\x02\x01\x01\x00\x00\x00", false).0.is_none());
        assert!(run(b"\xEF\xBB\xBF  \n", false).0.is_none());
    }
}
