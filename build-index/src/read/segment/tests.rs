//! One test per segmentation rule, on small hand-made texts (not the seeds).

use super::*;

fn seg(text: &str) -> Vec<Draft> {
    segment(&crate::read::text::normalize(text), Gazetteer::get())
}

/// A paragraph of `n` sentences about `topic`.
fn para(n: usize, topic: &str) -> String {
    (0..n)
        .map(|i| format!("The {topic} committee met for the {i}th time and agreed on new rules."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn titles(d: &[Draft]) -> Vec<&str> {
    d.iter().map(|d| d.title.as_str()).collect()
}

fn headings(d: &Draft) -> Vec<&str> {
    d.blocks
        .iter()
        .filter(|b| matches!(b.kind, RawKind::Heading { .. }))
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn a_title_line_and_its_body_are_one_document() {
    let d = seg(&format!(
        "Orchard owners count frost damage\n\n{}\n\n{}\n",
        para(3, "orchard"),
        para(2, "frost")
    ));
    assert_eq!(titles(&d), vec!["Orchard owners count frost damage"]);
    assert_eq!((d[0].line_start, d[0].line_end), (1, 5));
    assert_eq!(d[0].blocks.len(), 2);
}

#[test]
fn an_end_mark_and_a_new_titled_cluster_split_articles() {
    let text = format!(
        "Tag Archives: Orchards\n\nOrchard owners count frost damage after a cold April night\n\n{}\n\n###\n\nBee keepers report a late but strong spring season\n\n{}\n",
        para(3, "orchard"),
        para(3, "bee")
    );
    let d = seg(&text);
    assert_eq!(
        titles(&d),
        vec![
            "Orchard owners count frost damage after a cold April night",
            "Bee keepers report a late but strong spring season"
        ]
    );
    assert_eq!(
        d[0].line_start, 3,
        "the tag-archive header belongs to no document"
    );
    assert_eq!(d[0].line_end, 7, "the end mark closes the first article");
    assert_eq!(d[1].line_start, 9);
}

#[test]
fn a_further_reading_list_closes_an_article_and_its_links_are_dropped() {
    let text = format!(
        "Orchard owners count frost damage\n\n{}\n\nFor more information\n\nFrost guide for growers\n\nRegional weather service\n\nBee keepers report a late but strong spring season in the hills\n\n{}\n",
        para(3, "orchard"),
        para(3, "bee")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 2);
    assert_eq!(
        d[1].title,
        "Bee keepers report a late but strong spring season in the hills"
    );
    let all: Vec<&str> = d
        .iter()
        .flat_map(|d| d.blocks.iter().map(|b| b.text.as_str()))
        .collect();
    assert!(!all
        .iter()
        .any(|t| t.contains("Frost guide") || t.contains("weather service")));
}

#[test]
fn roundup_items_after_an_announcing_colon_stay_inside() {
    let text = format!(
        "Frost, bees and a new cider law: the weekly digest\n\nEach week our editors pick the stories that matter:\n\nFrost returns\n\n{}\n\nBees are back\n\n{}\n",
        para(3, "frost"),
        para(3, "bee")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(headings(&d[0]), vec!["Frost returns", "Bees are back"]);
}

#[test]
fn a_section_heading_without_any_cue_stays_inside() {
    let text = format!(
        "Joint declaration on the protection of orchards\n\n{}\n\nAnnex on shared frost warnings between the two regional services\n\n{}\n",
        para(3, "orchard"),
        para(3, "warning")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(
        headings(&d[0]),
        vec!["Annex on shared frost warnings between the two regional services"]
    );
}

#[test]
fn a_title_printed_twice_is_one_title_and_starts_a_document() {
    let text = format!(
        "Orchard owners count frost damage\n\n{}\n\nCider makers fear a short harvest\n\n“Every apple counts this year” – a cider maker\n\nCider makers fear a short harvest\n\n{}\n",
        para(3, "orchard"),
        para(3, "cider")
    );
    let d = seg(&text);
    assert_eq!(
        titles(&d),
        vec![
            "Orchard owners count frost damage",
            "Cider makers fear a short harvest"
        ]
    );
    assert!(
        headings(&d[1]).is_empty(),
        "the repeated title is not a heading"
    );
}

#[test]
fn a_credits_block_closes_a_programme_and_credits_are_not_speakers() {
    let text = format!(
        "Valley radio: frost, bees and cider this week\n\nListen /\n\n{}\n\nPresenter: Jo Bloggs\nProducer: Ann Example\nDuration: 10'00\n\nPress Releases: Remarks at the opening of the regional orchard fair\n\nMINISTER ROE: {}\n\nQUESTION: What about the bees?\n\nMINISTER ROE: {}\n",
        para(3, "radio"),
        para(2, "fair"),
        para(2, "bee")
    );
    let d = seg(&text);
    assert_eq!(
        titles(&d),
        vec![
            "Valley radio: frost, bees and cider this week",
            "Remarks at the opening of the regional orchard fair"
        ]
    );
    assert!(d[0].stated.audio);
    assert!(d[0].blocks.iter().any(|b| b.text == "Presenter: Jo Bloggs"));
    assert_eq!(d[1].stated.section.as_deref(), Some("Press Releases"));
}

#[test]
fn a_teaser_list_and_footer_after_an_article_are_dropped() {
    let text = format!(
        "Orchard owners count frost damage\n\n{}\n\nMore from: Valley News Desk\n\nValley Network\n\n  • Bee keepers report a strong season\n    In Farming News\n    Jane Roe, [Read More…]\n  • Cider law passes\n    In Politics News\n    The council voted today on the new rules for small cider presses in the valley.\n    [Read More…]\nValley Network © 2020 All rights reserved.\n",
        para(3, "orchard")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line_end, 3);
    assert_eq!(d[0].blocks.len(), 1);
}

#[test]
fn a_small_fragment_after_a_hard_end_is_chrome_but_a_small_file_is_kept() {
    let text = format!(
        "Orchard owners count frost damage\n\n{}\n\n###\n\nFrom: THE VALLEY OFFICE\nOrchards and More: ValleyOrchards.org\nGrow well, always.\nEmail:[email protected]",
        para(3, "orchard")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].stated.source.as_deref(), Some("The Valley Office"));
    assert_eq!(
        d[0].line_end, 7,
        "the attribution line belongs to the article"
    );
    let small = seg("A short note\n\nThe well is dry.\n");
    assert_eq!(small.len(), 1);
}

#[test]
fn header_lines_become_stated_facts() {
    let text = format!(
        "March 3, 2018\n\nValley News Network\n\nMinister Jane Roe With Omar Diallo of Valley Radio\n\n5 min read\n\nJane Roe, Minister of Agriculture\n\nNairobi, Kenya\n\nCity Hall\n\n{}\n",
        para(3, "orchard")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1);
    let s = &d[0].stated;
    assert_eq!(
        d[0].title,
        "Minister Jane Roe With Omar Diallo of Valley Radio"
    );
    assert_eq!(s.date.as_deref(), Some("2018-03-03"));
    assert_eq!(s.source.as_deref(), Some("Valley News Network"));
    assert_eq!(
        s.extra.get("byline").map(String::as_str),
        Some("Jane Roe, Minister of Agriculture")
    );
    assert_eq!(
        s.extra.get("dateline").map(String::as_str),
        Some("Nairobi, Kenya — City Hall")
    );
    assert_eq!(d[0].line_start, 1);
}

#[test]
fn office_header_with_type_label_date_and_language_switch() {
    let text = format!(
        "\n\nMINISTRY of AGRICULTURE\n\nJoint Communique\nPress Office\nNairobi, Kenya\nMay 2, 2019\n[French Version]\n\nTalks on orchard protection and frost warnings\n\n{}\n\nReleased on May 2, 2019\n",
        para(3, "orchard")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1);
    let s = &d[0].stated;
    assert_eq!(d[0].title, "Talks on orchard protection and frost warnings");
    assert_eq!(s.source.as_deref(), Some("Ministry of Agriculture"));
    assert_eq!(s.doc_type.as_deref(), Some("Joint Communique"));
    assert_eq!(s.date.as_deref(), Some("2019-05-02"));
    assert_eq!((d[0].line_start, d[0].line_end), (3, 15));
}

#[test]
fn lists_nest_by_indentation_and_under_an_item_ending_in_a_colon() {
    let text = format!(
        "Orchard rules for the coming season\n\n{}\n\nI. Frost\n\n- Cover young trees;\n - Use fleece\n- Light no fires:\n\n- near hay;\n- near houses.\n\n1. First rule.\n2. Second rule.\n",
        para(2, "orchard")
    );
    let d = seg(&text);
    let items: Vec<(u8, &str)> = d[0]
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            RawKind::ListItem { depth, .. } => Some((*depth, b.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        items,
        vec![
            (0, "Cover young trees;"),
            (1, "Use fleece"),
            (0, "Light no fires:"),
            (1, "near hay;"),
            (1, "near houses."),
            (0, "First rule."),
            (0, "Second rule.")
        ]
    );
    assert_eq!(headings(&d[0]), vec!["I. Frost"]);
}

#[test]
fn a_heading_wrapped_over_two_lines_is_one_heading() {
    let text = format!(
        "Valley radio this week\n\n{}\n\nMore than half of the orchards lost\nsome of their blossom\n\n{}\n",
        para(2, "radio"),
        para(2, "blossom")
    );
    let d = seg(&text);
    assert_eq!(
        headings(&d[0]),
        vec!["More than half of the orchards lost some of their blossom"]
    );
}

#[test]
fn turn_labels_and_continuations_are_units_of_the_body() {
    let text = "Interview with the orchard minister\n\nQUESTION: Why now?\n\nMINISTER ROE: Because the frost came early.\n\nAnd the second part of your question?\n\nQUESTION: Yes.\n";
    let d = seg(text);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].blocks.len(), 4, "{:?}", d[0].blocks);
    assert!(headings(&d[0]).is_empty());
}

#[test]
fn a_short_paragraph_ending_in_a_bare_address_stays_in_the_document() {
    let text = "Water board warns of dry summer\n\nThe water board said on Monday that reservoirs were at their lowest level in a decade and asked households to save water.\n\nFarmers said the restrictions would hurt the harvest, but most agreed they were needed.\n\nResidents can object until June.\nhttps://water.example.org/notice-2020\n";
    let d = segment(text, Gazetteer::get());
    assert_eq!(d.len(), 1);
    assert!(
        d[0].blocks
            .iter()
            .any(|b| b.text.contains("Residents can object")),
        "{:?}",
        d[0].blocks
    );
}

#[test]
fn prose_right_under_a_further_reading_header_is_read_not_a_panic() {
    // Found by the text_segmenter fuzz target.
    let text = format!(
        "Water rules agreed\n\n{}\n\nFor More Information\n\n{}\n",
        para(4, "water"),
        para(3, "harbour")
    );
    let d = seg(&text);
    assert!(!d.is_empty());
}

#[test]
fn a_trailer_repeated_after_each_post_ends_it_and_the_next_post_starts() {
    let post = |t: &str, topic: &str| {
        format!(
            "{t}\nPosted on March 4, 2020 by staff\n\n{}\n\nPosted in News | Tagged {topic} | Leave a comment\n\n",
            para(3, topic)
        )
    };
    let text = format!(
        "Valley Gazette\nHome | About | Archive | Contact\n\nTag Archives: Water\n\n{}{}",
        post("Wells run dry in the eastern valley", "wells"),
        post("Ferry service resumes after the storm", "ferry")
    );
    let d = seg(&text);
    let titles: Vec<&str> = d.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Wells run dry in the eastern valley",
            "Ferry service resumes after the storm"
        ]
    );
    assert_eq!(
        d[0].line_start, 6,
        "the page's header is not part of the first post"
    );
    assert_eq!(d[1].stated.date.as_deref(), Some("2020-03-04"));
    assert!(d
        .iter()
        .all(|x| x.blocks.iter().all(|b| !b.text.contains("Leave a comment"))));
}

#[test]
fn a_related_list_of_titles_with_standfirsts_is_not_documents() {
    let text = format!(
        "Wells run dry in the eastern valley\nMarch 4, 2020\n\n{}\n\nRelated stories\n\nFerry Resumes After Storm\nThe island ferry sailed again on Tuesday after three days in port…\n\nBridge Closes for Repairs\nThe old bridge will close for six weeks while engineers replace its deck…\n\nSalmon Return to the River\nFishermen counted more salmon this autumn than in any year since records began…\n",
        para(4, "wells")
    );
    let d = seg(&text);
    assert_eq!(
        d.len(),
        1,
        "{:?}",
        d.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
}

#[test]
fn a_comment_tail_is_not_documents() {
    let text = format!(
        "Wells run dry in the eastern valley\nMarch 4, 2020\n\n{}\n\n3 comments\n\nMike R. says:\nMarch 5, 2020 at 3:04 pm\n\nGreat reporting, thank you for covering the valley.\n\nReply\n\nK. Smith says:\nMarch 5, 2020 at 4:10 pm\n\nDoes anyone know where the full figures are published?\n\nReply\n",
        para(4, "wells")
    );
    let d = seg(&text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0]
        .blocks
        .iter()
        .all(|b| !b.text.contains("Great reporting")));
}

#[test]
fn a_dated_item_of_a_listing_is_a_document_however_short() {
    let text = "Press Releases\n\nMarch 4, 2020\nNew water office opens in the valley\n\nThe ministry opened a new water office in the valley on Monday.\n\nRead more »\n\nMarch 9, 2020\nDrought plan sets summer limits\n\nThe drought plan sets limits on irrigation for the summer months.\n\nRead more »\n";
    let d = seg(text);
    let titles: Vec<&str> = d.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "New water office opens in the valley",
            "Drought plan sets summer limits"
        ]
    );
    assert_eq!(d[1].stated.date.as_deref(), Some("2020-03-09"));
}

#[test]
fn a_text_of_short_lines_only_is_one_document() {
    let d = seg("ACME MILLS QTR NET\n\nShr 80 cts vs 72 cts\n    Net 5,513,000 vs 4,741,000\n    Revs 290.9 mln vs 264.2 mln\n    Year\n    Shr 3.09 dlrs vs 2.72 dlrs\n");
    assert_eq!(titles(&d), ["ACME MILLS QTR NET"]);
    assert_eq!(d[0].blocks.len(), 5);
    assert_eq!(d[0].blocks[0].line, 3);
    // A few words are not a document.
    assert!(seg("Home\n\nAbout\n").is_empty());
}
