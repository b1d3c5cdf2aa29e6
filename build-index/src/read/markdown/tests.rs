use super::*;

#[test]
fn yaml_front_matter_subset() {
    let f = parse_yaml("title: \"Wells: a story\"\ndate: 2020-03-04\ntags: [a, 'b']\npeople:\n  - Ana Ruiz\n  - Li Wei\nmeta:\n  editor: Jo\n")
            .expect("valid");
    assert_eq!(f["title"], Value::One("Wells: a story".into()));
    assert_eq!(f["tags"], Value::Many(vec!["a".into(), "b".into()]));
    assert_eq!(
        f["people"],
        Value::Many(vec!["Ana Ruiz".into(), "Li Wei".into()])
    );
    assert_eq!(f["meta.editor"], Value::One("Jo".into()));
}

#[test]
fn broken_yaml_front_matter_is_reported_with_its_line() {
    let src = "---\ntitle: Wells\ndate: [2020\nsource: x\n---\n# Wells\n\nText.\n";
    let (draft, err) = read(src);
    let (msg, line) = err.expect("an error");
    assert!(msg.contains("not valid YAML"), "{msg}");
    assert!((3..=5).contains(&line), "line {line}");
    assert!(draft.is_some(), "the body is still read");
}

#[test]
fn document_with_yaml_front_matter() {
    let src = "---\ntitle: Wells\ndate: March 4, 2020\nsource: Valley Gazette\ncolor: blue\n---\n# Wells\n\nThe *council* met [today](http://x).\n\n## Costs\n\n- Digging\n  - Deep\n1. First\n";
    let (d, err) = read(src);
    let d = d.expect("markdown document");
    assert!(err.is_none());
    assert_eq!(d.title, "Wells");
    assert_eq!(d.stated.date.as_deref(), Some("2020-03-04"));
    assert_eq!(d.stated.source.as_deref(), Some("Valley Gazette"));
    assert_eq!(d.stated.extra["color"], "blue");
    assert_eq!(d.blocks[0], RawBlock::para("The council met today.", 9));
    assert!(matches!(
        d.blocks[1].kind,
        RawKind::Heading { level: 1, .. }
    ));
    assert!(matches!(
        d.blocks[3].kind,
        RawKind::ListItem {
            depth: 1,
            ordered: false,
            ..
        }
    ));
    assert!(matches!(
        d.blocks[4].kind,
        RawKind::ListItem { ordered: true, .. }
    ));
    assert_eq!((d.line_start, d.line_end), (1, 15));
}

#[test]
fn toml_front_matter_and_bad_toml() {
    let (d, err) = read("+++\ntitle = \"T\"\npeople = [\"A B\"]\n+++\nBody text here.\n");
    assert!(err.is_none());
    let d = d.expect("doc");
    assert_eq!(d.title, "T");
    assert_eq!(d.stated.people, vec!["A B".to_string()]);
    let (_, err) = read("+++\ntitle = \n+++\nBody\n");
    assert!(err.expect("error").0.contains("TOML"));
}

#[test]
fn plain_markdown_without_headings_is_left_to_segmentation() {
    assert!(read("Just some text.\n\nMore text.").0.is_none());
}

#[test]
fn raw_html_leaves_its_text_and_never_its_tags_or_scripts() {
    let (d, _) = read("# T\n\n<script>alert(1)</script> is shown as text.\n\nSome <b>bold</b> &amp; <i>more</i>.\n\n<div class=\"note\">\n<p>Inside a block.</p>\n</div>\n");
    let texts: Vec<String> = d.expect("doc").blocks.into_iter().map(|b| b.text).collect();
    assert_eq!(
        texts,
        vec!["is shown as text.", "Some bold & more.", "Inside a block."]
    );
}

#[test]
fn commonmark_structure_with_lines() {
    let src = "# Title\n\nIntro *with* [a link](http://x) and `code`.\n\n1. one\n2. two\n   - nested\n\n> quoted\n> text\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nfn main() {}\n```\n\nSetext\n------\n";
    let (blocks, h1, any) = read_body(src, 1);
    assert!(any);
    assert_eq!(h1, Some(("Title".to_string(), 1)));
    let got: Vec<(String, u32)> = blocks.iter().map(|b| (b.text.clone(), b.line)).collect();
    assert_eq!(
        got,
        vec![
            ("Intro with a link and code.".to_string(), 3),
            ("one".to_string(), 5),
            ("two".to_string(), 6),
            ("nested".to_string(), 7),
            ("quoted text".to_string(), 9),
            ("a | b".to_string(), 12),
            ("1 | 2".to_string(), 14),
            ("fn main() {}".to_string(), 16),
            ("Setext".to_string(), 20),
        ]
    );
    assert!(
        matches!(blocks[2].kind, RawKind::ListItem { ordered: true, marker: Some(ref m), .. } if m == "2.")
    );
    assert!(matches!(
        blocks[3].kind,
        RawKind::ListItem {
            ordered: false,
            depth: 1,
            ..
        }
    ));
    assert!(matches!(blocks[8].kind, RawKind::Heading { level: 1, .. }));
}
