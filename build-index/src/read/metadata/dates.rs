//! Dates the text states: a dateline ("October 21, 2021"), a release line
//! ("Released on June 22, 2001"), front matter or HTML meta. Nothing is
//! inferred from relative phrases ("last week") or from body mentions.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|(_, v)| *v)
}

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad date pattern {p}: {e}"))
}

const WEEKDAY: &str = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|lunes|martes|miércoles|jueves|viernes|sábado|domingo),?\s+";

static MDY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:{WEEKDAY})?(\p{{L}}+\.?)\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$"
    ))
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:{WEEKDAY})?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?(\p{{L}}+\.?),?\s+(?:de\s+)?(\d{{4}})$"
    ))
});
static MY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(\p{L}+\.?)\s+(?:de\s+)?(\d{4})$"));
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$",
    )
});
static PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:released|published|posted|issued|updated|dated|date|fecha|publicado)(?:\s+(?:on|el))?\s*:?\s*(.+?)\.?$",
    )
});

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn ymd(y: &str, m: Option<u32>, d: Option<u32>) -> Option<String> {
    let y: i32 = y.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    match (m, d) {
        (None, _) => Some(format!("{y:04}")),
        (Some(m), None) if (1..=12).contains(&m) => Some(format!("{y:04}-{m:02}")),
        (Some(m), Some(d)) if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// Parses a string that is only a date, in the common English and Spanish
/// forms or ISO 8601, into ISO (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
/// Ambiguous numeric forms such as `03/04/2021` are refused.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('.').trim();
    if s.len() > 40 {
        return None;
    }
    if let Some(c) = ISO.captures(s) {
        let m = c.get(2).and_then(|m| m.as_str().parse().ok());
        let d = c.get(3).and_then(|d| d.as_str().parse().ok());
        return ymd(&c[1], m, d);
    }
    if let Some(c) = MDY.captures(s) {
        return ymd(&c[3], Some(month(&c[1])?), c[2].parse().ok());
    }
    if let Some(c) = DMY.captures(s) {
        return ymd(&c[3], Some(month(&c[2])?), c[1].parse().ok());
    }
    if let Some(c) = MY.captures(s) {
        return ymd(&c[2], Some(month(&c[1])?), None);
    }
    None
}

/// A line that states a date on its own ("October 21, 2021") or with a
/// release verb ("Released on June 22, 2001"). The bool says whether it was
/// a release line.
pub fn date_line(line: &str) -> Option<(String, bool)> {
    if line.len() > 60 {
        return None;
    }
    if let Some(d) = parse_date(line) {
        // A bare year is a number, not a dateline.
        if d.len() > 4 {
            return Some((d, false));
        }
        return None;
    }
    let c = PREFIXED.captures(line)?;
    let d = parse_date(&c[1])?;
    Some((d, true))
}

/// True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` with a real month and day.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let ok = matches!(b.len(), 4 | 7 | 10);
    ok && s.bytes().all(|c| c.is_ascii_digit() || c == b'-') && parse_date(s).as_deref() == Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms() {
        assert_eq!(
            parse_date("October 21, 2021").as_deref(),
            Some("2021-10-21")
        );
        assert_eq!(
            parse_date("Thursday, June 22, 2001").as_deref(),
            Some("2001-06-22")
        );
        assert_eq!(
            parse_date("15 December 2017").as_deref(),
            Some("2017-12-15")
        );
        assert_eq!(parse_date("Oct. 3, 1999").as_deref(), Some("1999-10-03"));
        assert_eq!(
            parse_date("21 de octubre de 2021").as_deref(),
            Some("2021-10-21")
        );
        assert_eq!(
            parse_date("2021-10-21T08:00:00Z").as_deref(),
            Some("2021-10-21")
        );
        assert_eq!(parse_date("March 2019").as_deref(), Some("2019-03"));
        assert_eq!(parse_date("2019").as_deref(), Some("2019"));
    }

    #[test]
    fn refuses_ambiguous_and_impossible_dates() {
        assert_eq!(parse_date("03/04/2021"), None);
        assert_eq!(parse_date("February 30, 2021"), None);
        assert_eq!(parse_date("Wednesday, July 26"), None);
        assert_eq!(parse_date("last week"), None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("Released on June 22, 2001"),
            Some(("2001-06-22".into(), true))
        );
        assert_eq!(
            date_line("June 22, 2001"),
            Some(("2001-06-22".into(), false))
        );
        assert_eq!(date_line("2001"), None);
        assert_eq!(date_line("On June 22, 2001 the talks began."), None);
    }

    #[test]
    fn iso_check() {
        assert!(is_iso_date("2017-12"));
        assert!(is_iso_date("2017-12-15"));
        assert!(!is_iso_date("2017-13"));
        assert!(!is_iso_date("17-12-15"));
    }
}
