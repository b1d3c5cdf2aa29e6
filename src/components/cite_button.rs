use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{use_disclosure, Disclosure};
use crate::cite::{bibtex, csl_json, format_style, link_caveat, permalink, ris, CiteInfo, Style};
use crate::dom;
use crate::state::ViewState;
use engine::Document;
use std::rc::Rc;

#[derive(Properties)]
pub struct Props {
    pub doc: Rc<Document>,
    pub view: ViewState,
    pub archive_name: String,
    pub public_url: String,
}

/// The document by identity (see `DocView`'s equality).
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.view == other.view
            && self.archive_name == other.archive_name
            && self.public_url == other.public_url
    }
}

/// What the menu copies: a text citation in the chosen style, or a record
/// for a reference manager.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    BibTex,
    Ris,
    CslJson,
}

impl Format {
    fn label(self) -> &'static str {
        match self {
            Format::Text => "Citation",
            Format::BibTex => "BibTeX",
            Format::Ris => "RIS",
            Format::CslJson => "CSL-JSON",
        }
    }
}

/// The last copy: what was copied, and whether the clipboard took it.
#[derive(Clone, PartialEq)]
struct Copied {
    format: Format,
    text: String,
    ok: bool,
}

/// The citation menu: a text citation in a chosen style, and BibTeX, RIS
/// and CSL-JSON records, each copied on its own with the document's (or the
/// marked passage's) permalink. What was copied is also shown, so it can be
/// selected by hand when the clipboard is refused.
#[component]
pub fn CiteButton(props: &Props) -> Html {
    let Disclosure {
        open,
        close,
        on_key,
    } = use_disclosure("cite-toggle");
    let style = use_state(|| Style::Plain);
    let passage = use_state(|| true);
    let copied = use_state(|| None::<Copied>);
    let p = props.view.p.filter(|_| *passage);
    let url = permalink(
        &props.public_url,
        &dom::page_url(),
        &props.view.with_doc(&props.doc.id, p),
    );
    let accessed = dom::today();
    let doc = &props.doc;
    let info = CiteInfo {
        title: &doc.title,
        speakers: &doc.speakers,
        source: doc.source.as_deref(),
        date: doc.date.as_deref(),
        doc_type: doc.doc_type.as_deref(),
        archive: &props.archive_name,
        url: &url,
        accessed: &accessed,
    };
    // Only an open menu shows a citation.
    let text = if *open {
        format_style(*style, &info)
    } else {
        String::new()
    };
    let copy = |format: Format, body: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let text = body.clone();
            spawn_local(async move {
                let ok = dom::copy_text(&text).await;
                copied.set(Some(Copied { format, text, ok }));
            });
        })
    };
    let toggle = {
        let open = open.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            copied.set(None);
        })
    };
    let on_passage = {
        let passage = passage.clone();
        Callback::from(move |_: Event| passage.set(!*passage))
    };
    html! {
        <div class="cite-wrap">
            <button type="button" id="cite-toggle" class="cite small-button" aria-expanded={open.to_string()} aria-controls="cite-panel" onclick={toggle}>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 9h3v4H2V9c0-3 1-5 4-6M10 9h3v4H9V9c0-3 1-5 4-6" /></svg>
                { "Cite" }
            </button>
            if *open {
                <div id="cite-panel" class="cite-panel" role="region" aria-label="Cite this document" onkeydown={on_key}>
                    if let Some(n) = props.view.p {
                        <label class="cite-passage">
                            <input type="checkbox" checked={*passage} onchange={on_passage} />
                            { format!(" Cite the marked passage (paragraph {})", n + 1) }
                        </label>
                    }
                    { style_picker(&style, &copied) }
                    <p class="cite-plain">{ text.clone() }</p>
                    if let Some(caveat) = link_caveat(&props.public_url, &dom::page_url()) {
                        <p class="cite-note">{ caveat }</p>
                    }
                    <div class="cite-actions" role="group" aria-label="Copy">
                        <button type="button" class="small-button cite-copy" onclick={copy(Format::Text, text)}>{ "Copy citation" }</button>
                        <button type="button" class="small-button cite-bibtex-copy" onclick={copy(Format::BibTex, bibtex(&info))}>{ "BibTeX" }</button>
                        <button type="button" class="small-button cite-ris-copy" onclick={copy(Format::Ris, ris(&info))}>{ "RIS" }</button>
                        <button type="button" class="small-button cite-csl-copy" onclick={copy(Format::CslJson, csl_json(&info))}>{ "CSL-JSON" }</button>
                    </div>
                    <p class="cite-status" role="status">
                        { status(copied.as_ref()) }
                    </p>
                    if let Some(c) = copied.as_ref().filter(|c| c.format != Format::Text) {
                        <pre class="cite-record" tabindex="0" aria-label={c.format.label()}>{ c.text.clone() }</pre>
                    }
                    <button type="button" class="small-button" onclick={close}>{ "Close" }</button>
                </div>
            }
        </div>
    }
}

/// The citation style menu; a change clears what was last copied.
fn style_picker(style: &UseStateHandle<Style>, copied: &UseStateHandle<Option<Copied>>) -> Html {
    let on_style = {
        let style = style.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                style.set(Style::from_key(&select.value()));
                copied.set(None);
            }
        })
    };
    html! {
        <div class="cite-style">
            <label for="cite-style">{ "Style" }</label>
            <select id="cite-style" onchange={on_style}>
                { for Style::ALL.iter().map(|s| html! {
                    <option value={s.key()} selected={*s == **style}>{ s.label() }</option>
                }) }
            </select>
        </div>
    }
}

fn status(copied: Option<&Copied>) -> String {
    match copied {
        None => String::new(),
        Some(c) if c.ok => format!("{} copied to the clipboard.", c.format.label()),
        Some(c) if c.format == Format::Text => {
            "Copying was not allowed here: select the citation above and copy it.".to_string()
        }
        Some(c) => format!(
            "Copying was not allowed here: select the {} below and copy it.",
            c.format.label()
        ),
    }
}
