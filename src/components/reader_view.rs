use yew::prelude::*;

use super::cite_button::CiteButton;
use super::related_list::{self, related_list};
use crate::archive::DocView;
use crate::cite::permalink as permalink_url;
use crate::dom;
use crate::state::{Action, ViewState};
use view::highlight::segments;
use view::{doc_header, document_body, numbered_hits, BodyProps, DocHeaderProps};

pub struct Props {
    pub doc: DocView,
    pub view: ViewState,
    /// Index of the current match (for `.current`).
    pub current_hit: usize,
    pub dispatch: Callback<Action>,
    pub archive_name: String,
    pub public_url: String,
}

/// Matches in reading order: title first, then blocks. The match navigator
/// and the rendering must count alike, so both use this.
pub fn hit_count(d: &DocView) -> usize {
    let doc = &d.doc;
    let title = segments(&doc.title, &d.highlights.title)
        .iter()
        .filter(|s| s.0)
        .count();
    let blocks: usize = d
        .highlights
        .blocks
        .iter()
        .filter_map(|(i, ranges)| doc.blocks.get(*i).map(|b| (b, ranges)))
        .map(|(b, ranges)| segments(b.text(), ranges).iter().filter(|s| s.0).count())
        .sum();
    title + blocks
}

/// The ¶ link of paragraph `i`: following it marks the paragraph in the
/// address, and the click also copies the paragraph's full link, to paste
/// into notes; `copied` says what was copied.
fn permalink(
    i: usize,
    id: &str,
    view: &ViewState,
    public_url: &str,
    copied: &UseStateHandle<String>,
) -> Html {
    let view = view.with_doc(id, Some(i));
    let href = view.to_hash();
    let onclick = {
        let public_url = public_url.to_string();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let link = permalink_url(&public_url, &dom::page_url(), &view);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if dom::copy_text(&link).await {
                    copied.set(format!("Link to paragraph {} copied.", i + 1));
                    let copied = copied.clone();
                    gloo::timers::callback::Timeout::new(2500, move || copied.set(String::new()))
                        .forget();
                }
            });
        })
    };
    html! {
        <a class="permalink" {href} {onclick}
            title="Link to this paragraph (a click also copies it)"
            aria-label={format!("Link to paragraph {}", i + 1)}>{ "¶" }</a>
    }
}

/// The reading view: header, metadata, provenance, cite, and the body,
/// once the document is there. A hook of the reading page rather than a
/// component: a component type costs the wasm its own copy of Yew's
/// machinery.
#[hook]
pub fn use_reader_view(props: Option<Props>) -> Html {
    let copied = use_state(String::new);
    let Some(props) = props else {
        return Html::default();
    };
    let d = &props.doc;
    let doc = &d.doc;
    let mut counter = 0;
    let title = numbered_hits(
        &doc.title,
        &d.highlights.title,
        &mut counter,
        Some(props.current_hit),
    );
    let on_permalink = {
        let (id, view, public_url) = (doc.id.clone(), props.view.clone(), props.public_url.clone());
        let copied = copied.clone();
        Callback::from(move |i: usize| permalink(i, &id, &view, &public_url, &copied))
    };
    let on_speaker = props.dispatch.reform(|speaker: String| Action::SetFacet {
        facet: engine::Facet::Speaker,
        values: vec![speaker],
    });

    html! {
        <article id="reader" class="reader" lang={doc.lang.clone()}>
            { doc_header(&DocHeaderProps {
                doc,
                title: Some(title),
                level: 1,
                title_id: Some(AttrValue::Static("doc-title")),
                reader_link: None,
                children: html! {
                    <CiteButton
                        doc={doc.clone()}
                        view={props.view.clone()}
                        archive_name={props.archive_name.clone()}
                        public_url={props.public_url.clone()}
                    />
                },
            }) }
            { document_body(&BodyProps {
                doc,
                highlights: d.highlights.blocks.clone(),
                first_hit: counter,
                current_hit: Some(props.current_hit),
                target: props.view.p,
                id_prefix: AttrValue::Static("p-"),
                top_heading: 2,
                permalink: Some(on_permalink),
                on_speaker: Some(on_speaker),
            }) }
            { related_list(&related_list::Props { related: doc.related.clone(), view: props.view.clone() }) }
            { view::with_classes(html! {
                <p class="copied-toast" role="status">{ (*copied).clone() }</p>
            }, "copied-toast", &[(!copied.is_empty()).then_some("shown")]) }
        </article>
    }
}
