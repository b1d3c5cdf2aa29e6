//! Turning byte-range highlights into text pieces. Corpus text is never
//! parsed as HTML: the reader renders each piece as a text node, wrapping
//! the matched ones in `<mark>`.

use engine::Range;

/// Splits `text` into `(is_match, piece)` runs. Ranges may arrive unsorted,
/// overlapping, out of bounds or inside a UTF-8 sequence; they are sorted,
/// clamped and widened to character boundaries rather than trusted.
pub fn segments<'a>(text: &'a str, ranges: &[Range]) -> Vec<(bool, &'a str)> {
    let mut spans: Vec<(usize, usize)> = ranges
        .iter()
        .map(|r| (floor_boundary(text, r.start), ceil_boundary(text, r.end)))
        .filter(|(s, e)| s < e)
        .collect();
    engine::sorting::sort(&mut spans);
    let mut out: Vec<(bool, &'a str)> = Vec::new();
    let mut pos = 0;
    let mut last_hit: Option<usize> = None;
    for (start, end) in spans {
        if start < pos {
            // Overlaps the previous highlight: one match, widened.
            if let (Some(i), true) = (last_hit, end > pos) {
                let from = pos - out[i].1.len();
                out[i] = (true, &text[from..end]);
                pos = end;
            }
            continue;
        }
        if start > pos {
            out.push((false, &text[pos..start]));
        }
        // Adjacent highlights stay separate so the match navigator can count them.
        out.push((true, &text[start..end]));
        last_hit = Some(out.len() - 1);
        pos = end;
    }
    if pos < text.len() {
        out.push((false, &text[pos..]));
    }
    out
}

fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: usize, end: usize) -> Range {
        Range { start, end }
    }

    #[test]
    fn splits_around_matches() {
        let s = segments("the fentanyl crisis", &[r(4, 12)]);
        assert_eq!(
            s,
            vec![(false, "the "), (true, "fentanyl"), (false, " crisis")]
        );
    }

    #[test]
    fn survives_bad_ranges() {
        let text = "Juárez y Ciudad";
        // 3 is inside "á"; unsorted; overlapping; past the end.
        let s = segments(text, &[r(9, 99), r(3, 5), r(0, 4)]);
        assert_eq!(s, vec![(true, "Juár"), (false, "ez y"), (true, " Ciudad")]);
        let joined: String = s.iter().map(|(_, p)| *p).collect();
        assert_eq!(joined, text);
        assert_eq!(segments("", &[r(0, 3)]), vec![]);
    }
}
