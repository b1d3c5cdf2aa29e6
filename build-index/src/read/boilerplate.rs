//! Page chrome that must never be indexed: navigation, tag-archive headers,
//! related-article lists, "Read More" teasers, footers, copyright lines,
//! reading-time and "Listen /" widgets, e-mail placeholders left by
//! obfuscating scrapers, photo credits and language-switch links.
//!
//! Each rule looks at one line (already stripped of surrounding spaces) and
//! says whether the whole line is chrome. Rules that need context (a list of
//! teasers, a link list under "For more information") live in `segment`,
//! which uses [`Rule::FurtherReading`] and [`is_teaser_category`] from here.
//! Every regex is compiled once.

use regex::Regex;
use std::sync::LazyLock;

static COMMENTS_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|thoughts)(?:\s+(?:on|to)\s+.{1,80})?\s*:?$|^(?:leave\s+a\s+(?:reply|comment)|join\s+the\s+discussion|add\s+a\s+comment)$",
    )
});

/// The header of a comment section: "12 comments", "3 Responses to …",
/// "Leave a Reply".
pub fn is_comments_header(line: &str) -> bool {
    let t = line.trim();
    t.split_whitespace().count() <= 14 && !t.ends_with('.') && COMMENTS_HEADER.is_match(t)
}

/// A menu printed as one line: four or more items of one to three words,
/// without digits or sentence punctuation, between `|`, `·` or `•`
/// ("Home | About | Archive | Contact").
fn is_menu(line: &str) -> bool {
    let items: Vec<&str> = line.split(['|', '·', '•']).map(str::trim).collect();
    items.len() >= 4
        && items.iter().all(|i| {
            let w = i.split_whitespace().count();
            (1..=3).contains(&w)
                && !i.chars().any(|c| c.is_ascii_digit())
                && !i.ends_with(['.', ',', ';', ':', '!', '?'])
        })
}

/// Why a line was dropped. Kept in the stats and tests, never indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// "Tag Archives: Asylum", "Category Archives: …", "Posts tagged …".
    TagArchive,
    /// "16 min read", "Reading time: 4 minutes".
    ReadingTime,
    /// "Listen /", "Listen to this article", "Play audio".
    Listen,
    /// "[Read More…]", "Continue reading →".
    ReadMore,
    /// A line left empty once "[email protected]" placeholders are removed.
    EmailPlaceholder,
    /// "(TOP PHOTO: … CREDIT: …)", captions ending in "UN Photo/Jane Doe".
    PhotoCredit,
    /// "[Spanish Version]", "En español", "Read in English".
    LanguageSwitch,
    /// "© 2005 …", "Copyright …", "All rights reserved."
    Copyright,
    /// Menu and share widgets: "Skip to content", "Share this", "Back to top".
    Navigation,
    /// "Related MEPs", "Related articles", "More from: …", "Tags: …".
    Related,
    /// The header of a link list: "For More Information", "See also".
    FurtherReading,
    /// Press-release end marks: "###", "-30-", "- END -".
    EndMarker,
    /// A site name with its domain: "Human Rights and Current Affairs: DoOurBest.org".
    SiteName,
    /// One item of a related-stories teaser list (decided in `segment`).
    Teaser,
    /// A line of one shape printed after each article of a file ("Posted
    /// in … | Tagged … | Leave a comment"; decided in `segment`).
    Trailer,
}

fn re(p: &str) -> Regex {
    // The patterns are constants checked by the unit tests below.
    Regex::new(p).unwrap_or_else(|e| panic!("bad boilerplate pattern {p}: {e}"))
}

static TAG_ARCHIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:tag|category|author|date|monthly|yearly|daily)\s+archives?\s*:|posts?\s+tagged\b|archives?\s+for\s+(?:the\s+)?\S|browsing\s+(?:tag|category)\b)",
    )
});
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\d+\s*(?:min|mins|minutes?)\.?\s+read|reading\s+time\s*:?\s*\d+\s*(?:min|mins|minutes?)\.?)$",
    )
});
static LISTEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:listen(?:\s+now)?|listen\s+to\s+(?:this|the)\s+(?:article|story|programme|program|episode|interview)|play\s+audio|download\s+(?:audio|mp3))\s*/?\s*(?:\d+:\d+)?$",
    )
});
static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\[(]?\s*(?:read\s+more|continue\s+reading|read\s+the\s+full\s+(?:story|article|statement)|full\s+story|more)\s*(?:…|\.\.\.)?\s*[\])]?\s*[»›→>]*$",
    )
});
/// Cloudflare's e-mail obfuscation leaves this text in scraped pages.
pub static EMAIL_PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\[\s*email\s*protected\s*\]"));
static EMAIL_LABEL_ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:e-?mail|contact|mail)?\s*:?\s*[|/,;-]*\s*$"));
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\(?\s*(?:top\s+|main\s+|featured\s+)?(?:photo|image|picture|photograph|illustration|video)s?\s*(?:credit|courtesy)?\s*:|^\(?\s*(?:photo|image)s?\s+(?:by|courtesy\s+of)\s|^\(.{0,400}\bcredit\s*:[^)]*\)$",
    )
});
/// A caption ending in an agency credit: "… UN News/Maoqi Li", "… AP Photo/Eric Gay".
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\b(?:[A-Z][A-Za-z]*\s+)?(?:Photo|Photos|News|Images|Pictures|Press)|\bPhoto)\s*/\s*\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}\.?\)?$",
    )
});
static LANGUAGE_SWITCH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\[\\(]*\s*(?:(?:spanish|english|french|portuguese|arabic|chinese|russian|german|español|français|português)\s+(?:version|translation|text)|en\s+español|en\s+français|versi[oó]n\s+en\s+español|read\s+(?:this\s+)?in\s+(?:english|spanish|french)|leer\s+en\s+español|english\s*\|\s*español)\s*[\]\\)]*(?:\([^)]*\))?$",
    )
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:©|\(c\)\s|copyright\b)|all\s+rights\s+reserved|^\p{L}[\p{L} ]{0,40}©")
});
static NAVIGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:skip\s+to\s+(?:main\s+)?content|skip\s+navigation|main\s+menu|menu|home|search|back\s+to\s+top|top\s+of\s+page|print(?:\s+this\s+page)?|share(?:\s+this(?:\s+(?:article|page|story))?)?\s*:?|tweet|e-?mail\s+this|facebook|twitter|linkedin|whatsapp|subscribe|sign\s+up|log\s+in|sign\s+in|next\s+(?:article|post|story)|previous\s+(?:article|post|story)|(?:facebook|twitter|linkedin|email|print|whatsapp)(?:\s*[|·•/]?\s*(?:facebook|twitter|linkedin|email|print|whatsapp|x))+)\s*[»›→]?$",
    )
});
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:related(?:\s+[\p{L}\-]+){0,2}\s*:?|more\s+(?:from|on|in|about)\s*:.*|more\s+(?:from|stories|articles|news)(?:\s+[\p{L}\-]+){0,3}|(?:tags|tagged|filed\s+under|categories)\s*:.*|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed))$",
    )
});
static FURTHER_READING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:for\s+more\s+information|more\s+information|further\s+(?:reading|information)|useful\s+links|related\s+links|see\s+also|learn\s+more|links|resources)\s*:?$",
    )
});
static END_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:#{3}|-\s*30\s*-|-\s*end\s*-|\*\s*\*\s*\*|end\s+of\s+(?:document|transcript|release|statement))$",
    )
});
static SITE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b[a-z0-9][a-z0-9\-]*\.(?:org|com|net|info|gov|edu|int|io|news)(?:\.[a-z]{2})?/?$")
});
static TEASER_CATEGORY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:In|Filed in|Posted in)\s+\p{Lu}[\p{L}\p{N} .&'’,\-]{1,60}$"));
/// "[Read More…]" at the end of a teaser's text.
pub static READ_MORE_INLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\[\s*(?:read\s+more|continue\s+reading)\s*(?:…|\.\.\.)?\s*\]"));

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The rule that makes this whole line chrome, if any. `line` is trimmed.
pub fn classify_line(line: &str) -> Option<Rule> {
    // No rule applies to long paragraphs; counting stops early for them.
    let n = line.split_whitespace().take(81).count();
    if n == 0 || n > 80 {
        return None;
    }
    if END_MARKER.is_match(line) {
        return Some(Rule::EndMarker);
    }
    if n <= 12 && TAG_ARCHIVE.is_match(line) {
        return Some(Rule::TagArchive);
    }
    if n <= 6 && READING_TIME.is_match(line) {
        return Some(Rule::ReadingTime);
    }
    if n <= 7 && LISTEN.is_match(line) {
        return Some(Rule::Listen);
    }
    if n <= 5 && READ_MORE.is_match(line) {
        return Some(Rule::ReadMore);
    }
    if EMAIL_PLACEHOLDER.is_match(line)
        && EMAIL_LABEL_ONLY.is_match(&EMAIL_PLACEHOLDER.replace_all(line, ""))
    {
        return Some(Rule::EmailPlaceholder);
    }
    if n <= 80 && PHOTO_CREDIT.is_match(line) {
        return Some(Rule::PhotoCredit);
    }
    if (2..=60).contains(&n) && CAPTION_CREDIT.is_match(line) {
        return Some(Rule::PhotoCredit);
    }
    if n <= 6 && LANGUAGE_SWITCH.is_match(line) {
        return Some(Rule::LanguageSwitch);
    }
    if n <= 30 && COPYRIGHT.is_match(line) {
        return Some(Rule::Copyright);
    }
    if is_menu(line) {
        return Some(Rule::Navigation);
    }
    if n <= 8 && NAVIGATION.is_match(line) {
        return Some(Rule::Navigation);
    }
    if n <= 5 && FURTHER_READING.is_match(line) {
        return Some(Rule::FurtherReading);
    }
    if (n <= 4 || line.contains(':')) && n <= 16 && RELATED.is_match(line) {
        return Some(Rule::Related);
    }
    if n <= 10 && SITE_NAME.is_match(line) && !line.ends_with('.') {
        return Some(Rule::SiteName);
    }
    None
}

/// True for the category line under a teaser's title ("In Crime News").
pub fn is_teaser_category(line: &str) -> bool {
    words(line) <= 10 && TEASER_CATEGORY.is_match(line)
}

/// Removes chrome embedded in a line of real text (e-mail placeholders,
/// inline "[Read More…]"). Returns the input unchanged when there is none.
pub fn clean_inline(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('[') {
        return std::borrow::Cow::Borrowed(text);
    }
    let a = EMAIL_PLACEHOLDER.replace_all(text, "");
    let b = READ_MORE_INLINE.replace_all(&a, "").into_owned();
    if b == text {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(crate::read::text::squash_spaces(&b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_section_headers() {
        for h in [
            "12 comments",
            "3 Responses to “Wells run dry”",
            "Leave a Reply",
            "Comments",
            "1 Comment",
        ] {
            assert!(is_comments_header(h), "{h}");
        }
        assert!(!is_comments_header(
            "Comments on the draft plan were due in May."
        ));
    }

    #[test]
    fn a_menu_line_is_navigation_and_a_table_row_is_not() {
        assert_eq!(
            classify_line("Home | About | Archive | Contact"),
            Some(Rule::Navigation)
        );
        assert_eq!(
            classify_line("News · Sport · Weather · Opinion · Video"),
            Some(Rule::Navigation)
        );
        assert_eq!(classify_line("1 | Kyle Busch | 5040 | 5"), None);
        assert_eq!(classify_line("Name | Party"), None);
    }

    fn is(line: &str, rule: Rule) {
        assert_eq!(classify_line(line), Some(rule), "{line:?}");
    }
    fn keep(line: &str) {
        assert_eq!(classify_line(line), None, "{line:?} must be kept");
    }

    #[test]
    fn tag_archive_headers() {
        is("Tag Archives: Climate", Rule::TagArchive);
        is("Category Archives: Press", Rule::TagArchive);
        is("Posts tagged “wells”", Rule::TagArchive);
        keep("Archives reveal a hidden history of the valley");
    }

    #[test]
    fn reading_time() {
        is("5 min read", Rule::ReadingTime);
        is("Reading time: 12 minutes", Rule::ReadingTime);
        keep("We waited 5 min for the read-out.");
    }

    #[test]
    fn listen_widgets() {
        is("Listen /", Rule::Listen);
        is("Listen to this article", Rule::Listen);
        keep("Listen to the farmers, she said.");
    }

    #[test]
    fn read_more_teasers() {
        is("[Read More…]", Rule::ReadMore);
        is("Continue reading →", Rule::ReadMore);
        keep("Read more books than you buy.");
        assert_eq!(clean_inline("Jane Roe, [Read More…]"), "Jane Roe,");
    }

    #[test]
    fn email_placeholders() {
        is("Email:[email protected]", Rule::EmailPlaceholder);
        is("[email protected]", Rule::EmailPlaceholder);
        assert_eq!(
            clean_inline("Write to [email protected] for tickets."),
            "Write to for tickets."
        );
        keep("Email the clerk before noon.");
    }

    #[test]
    fn photo_credits() {
        is(
            "(TOP PHOTO: A ferry at dawn. CREDIT: Jo Bloggs/Agency)",
            Rule::PhotoCredit,
        );
        is("Photo: Ana Ruiz", Rule::PhotoCredit);
        is(
            "Volunteers load sacks of grain in a warehouse. UN Photo/Ana Ruiz",
            Rule::PhotoCredit,
        );
        is(
            "The mayor at the opening. Local News/Ben Wu",
            Rule::PhotoCredit,
        );
        keep("The photo shows the river at its lowest level in a century.");
    }

    #[test]
    fn language_switch_links() {
        is(r"[\[Spanish Version\]](#)", Rule::LanguageSwitch);
        is("[French Version]", Rule::LanguageSwitch);
        is("En español", Rule::LanguageSwitch);
        keep("The Spanish version of the treaty differs.");
    }

    #[test]
    fn copyright_footers() {
        is(
            "Valley Gazette © 2019 Valley Media. All rights reserved.",
            Rule::Copyright,
        );
        is("Copyright 2020 Example Press", Rule::Copyright);
        keep("The copyright office reopened on Monday after a long closure that lasted most of the winter and spring of that year, officials confirmed in a statement.");
    }

    #[test]
    fn navigation_and_share_widgets() {
        is("Skip to main content", Rule::Navigation);
        is("Share this:", Rule::Navigation);
        is("Facebook Twitter Email", Rule::Navigation);
        is("Back to top", Rule::Navigation);
        keep("Home is where the harvest is.");
    }

    #[test]
    fn related_lists() {
        is("Related MEPs", Rule::Related);
        is("Related articles", Rule::Related);
        is("More from: Jane Roe, Minister of Water", Rule::Related);
        is("Tags: drought, wells", Rule::Related);
        keep("Related costs rose sharply in the second quarter of the year.");
    }

    #[test]
    fn further_reading_and_end_markers() {
        is("For More Information", Rule::FurtherReading);
        is("See also:", Rule::FurtherReading);
        is("###", Rule::EndMarker);
        is("-30-", Rule::EndMarker);
        keep("For more information on wells, the council held hearings.");
    }

    #[test]
    fn site_names() {
        is("Water and Soil News: WellsWatch.org", Rule::SiteName);
        keep("Visit the library.");
    }

    #[test]
    fn teaser_category_lines() {
        assert!(is_teaser_category("In Crime Control and Security News"));
        assert!(!is_teaser_category(
            "In 2019 the river flooded twice, and the town moved."
        ));
    }
}
