//! A document's header: title, kind, source, date and length, the people
//! and places it names, where it comes from, and its actions. The reader
//! draws it above the document with the query's matches in the title and
//! its cite button; build-index renders it on every static document page
//! with a link into the reader.

use engine::Document;
use yew::prelude::*;

use crate::display_date;

#[derive(Clone, PartialEq)]
pub struct DocHeaderProps<'a> {
    /// Borrowed: a static page renders every document of a corpus, and a
    /// copy of each only to hand it over would be wasted.
    pub doc: &'a Document,
    /// The title as shown (the reader's has its matches marked); the plain
    /// title without it.
    pub title: Option<Html>,
    /// The title's level: 1 on a page of its own, 2 under a grouped page's
    /// heading.
    pub level: u8,
    /// The title's id, when something links or moves the focus to it.
    pub title_id: Option<AttrValue>,
    /// A static page's link into the reader, after the provenance.
    pub reader_link: Option<AttrValue>,
    /// After the provenance: the reader's cite button.
    pub children: Html,
}

/// "1 word", "3 words".
fn words(n: u32) -> String {
    if n == 1 {
        "1 word".to_owned()
    } else {
        format!("{n} words")
    }
}

pub fn doc_header(props: &DocHeaderProps<'_>) -> Html {
    let doc = &props.doc;
    let facts: Vec<(&str, String)> = [
        ("Speakers", doc.speakers.join(", ")),
        ("People", doc.people.join(", ")),
        ("Places", doc.places.join(", ")),
        ("Topics", doc.topics.join(", ")),
    ]
    .into_iter()
    .chain(doc.extra.iter().map(|(k, v)| (k.as_str(), v.clone())))
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let title = props
        .title
        .clone()
        .unwrap_or_else(|| html! { { doc.title.clone() } });
    let tag = format!("h{}", props.level.clamp(1, 6));
    let focusable = props.title_id.as_ref().map(|_| "-1");
    html! {
        <header class="doc-header">
            <@{tag} class="doc-title" id={props.title_id.clone()} tabindex={focusable}>{ title }</@>
            <p class="doc-meta">
                if let Some(t) = &doc.doc_type {
                    <span class="badge">{ t.clone() }</span>
                }
                if let Some(s) = &doc.source {
                    <span>{ s.clone() }</span>
                }
                if let Some(date) = &doc.date {
                    <time datetime={date.clone()}>{ display_date(date) }</time>
                }
                <span>{ words(doc.word_count) }</span>
            </p>
            if !facts.is_empty() {
                <dl class="doc-facts">
                    { for facts.iter().map(|(k, v)| html! {
                        <div><dt>{ k.to_string() }</dt><dd>{ v.clone() }</dd></div>
                    }) }
                </dl>
            }
            <div class="doc-actions">
                <p class="provenance">
                    { "From " }<code>{ doc.source_file.clone() }</code>
                    { format!(", lines {}–{}", doc.line_start, doc.line_end) }
                </p>
                if let Some(href) = &props.reader_link {
                    <p><a href={href.clone()}>{ "Open in the searchable reader" }</a></p>
                }
                { props.children.clone() }
            </div>
        </header>
    }
}
