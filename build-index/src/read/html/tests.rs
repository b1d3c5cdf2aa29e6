use super::*;

fn read_one(src: &str) -> Draft {
    let mut drafts = read(src);
    assert_eq!(drafts.len(), 1, "{drafts:#?}");
    drafts.remove(0)
}

const PAGE: &str = "<!doctype html>\n<html lang=\"es-MX\"><head><title>Wells &amp; water | Valley Gazette</title>\n\
        <meta name=\"date\" content=\"2020-03-04\"><script>var x = '<p>not text</p>';</script></head>\n<body>\n\
        <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n<main>\n<h1>Wells &amp; water</h1>\n\
        <p>The council met on\nTuesday.</p>\n<h2>Costs</h2>\n<ul><li>Digging</li><li>Pumps<ol><li>Electric</li></ol></li></ul>\n\
        <div class=\"share-buttons\">Share this</div>\n<p>Read more</p>\n</main>\n<footer>© 2020 Valley Gazette</footer>\n</body></html>";

#[test]
fn an_archivists_main_selector_keeps_only_that_element_with_its_lines() {
    let page = "<html><head><title>Wells | Gazette</title></head><body>\n<div class=\"promo\">Subscribe now for news about the valley and the farms around it every day.</div>\n<div class=\"story\">\n<h1>Wells run dry</h1>\n<p>Farmers said the wells were at their lowest level.</p>\n<div class=\"story\"><p>Nested part.</p></div>\n</div>\n<p>Footer text that is not the story.</p></body></html>";
    let sel = crate::read::clean::Selector::parse("div.story").expect("selector");
    let d = read_selected(page, &sel);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].title, "Wells run dry");
    let texts: Vec<(&str, u32)> = d[0]
        .blocks
        .iter()
        .map(|b| (b.text.as_str(), b.line))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("Farmers said the wells were at their lowest level.", 5),
            ("Nested part.", 6)
        ]
    );
}

#[test]
fn a_headings_permalink_sign_is_not_part_of_it_and_rows_read_as_lines() {
    let page = "<html><body><h1>Guide</h1><h2>Install<a class=\"headerlink\" href=\"#install\" title=\"Permalink\">¶</a></h2>\
            <p>Run the installer.</p><table><tr><th>Pos.</th><th>Driver</th></tr><tr><td>1</td><td>Kyle Busch</td></tr></table></body></html>";
    let d = read_one(page);
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(texts.contains(&"Install"), "{texts:?}");
    assert!(texts.contains(&"1 | Kyle Busch"), "{texts:?}");
    assert!(texts.contains(&"Pos. | Driver"), "{texts:?}");
}

#[test]
fn keeps_article_drops_chrome_and_scripts() {
    let d = read_one(PAGE);
    assert_eq!(d.title, "Wells & water");
    assert_eq!(d.stated.date.as_deref(), Some("2020-03-04"));
    assert_eq!(d.stated.lang.as_deref(), Some("es"));
    assert_eq!(
        d.stated.source.as_deref(),
        Some("Valley Gazette"),
        "the <title> names the site"
    );
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "The council met on Tuesday.",
            "Costs",
            "Digging",
            "Pumps",
            "Electric"
        ]
    );
    assert_eq!(d.blocks[0].line, 8);
    assert!(matches!(
        d.blocks[1].kind,
        RawKind::Heading { level: 1, .. }
    ));
    assert!(matches!(
        d.blocks[4].kind,
        RawKind::ListItem {
            ordered: true,
            depth: 1,
            ..
        }
    ));
    assert!(!texts
        .iter()
        .any(|t| t.contains("not text") || t.contains("Home")));
}

#[test]
fn a_definition_term_reads_as_a_heading_of_its_definition() {
    let d = read_one(
            "<h1>os.path</h1><p>This module implements some useful functions on pathnames.</p>\
             <dl><dt>os.path.join(path, *paths)</dt><dd><p>Join one or more path segments intelligently.</p></dd></dl>",
        );
    assert!(d
        .blocks
        .iter()
        .any(|b| b.text == "os.path.join(path, *paths)"
            && matches!(
                b.kind,
                RawKind::Heading {
                    level: 5,
                    explicit: true
                }
            )));
    assert!(d
        .blocks
        .iter()
        .any(|b| b.text.starts_with("Join one") && b.kind == RawKind::Paragraph));
}

#[test]
fn a_masthead_h1_naming_the_site_is_not_the_title() {
    let d = read_one(
            "<title>Settings &#8212; Widget 3.2 documentation</title>\
             <div class=\"header\"><h1><a href=\"index.html\">Widget 3.2 documentation</a></h1></div>\
             <div class=\"body\"><h1>Settings</h1><p>Here is a full list of settings and their default values.</p></div>",
        );
    assert_eq!(d.title, "Settings");
    assert!(d.blocks.iter().all(|b| !b.text.contains("documentation")));
    // Without a <title>, the first <h1> is still the title.
    let d = read_one("<h1>First</h1><p>Some text of the page here.</p><h1>Second</h1>");
    assert_eq!(d.title, "First");
}

#[test]
fn title_tag_with_site_suffix_names_the_source() {
    let d = read_one("<title>Flood report – River News</title><p>Text of the report.</p>");
    assert_eq!(d.title, "Flood report");
    assert_eq!(d.stated.source.as_deref(), Some("River News"));
}

#[test]
fn entities_and_stray_angle_brackets() {
    assert_eq!(
        decode_entities("a &lt;b&gt; &#233; &#x2014; &bogus; & &hearts; &Zopf; &notin;"),
        "a <b> é — &bogus; & ♥ ℤ ∉"
    );
    let d = read_one("<p>1 < 2 and &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    assert_eq!(d.blocks[0].text, "1 < 2 and <script>alert(1)</script>");
}
