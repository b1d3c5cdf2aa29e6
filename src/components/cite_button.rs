use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::cite::{bibtex, permalink, plain, CiteInfo};
use crate::dom;
use crate::state::ViewState;
use engine::Document;
use std::rc::Rc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub doc: Rc<Document>,
    pub view: ViewState,
    pub archive_name: String,
    pub public_url: String,
}

/// Copies a citation (plain text and BibTeX) with a permalink, and shows it
/// so it can also be selected by hand when the clipboard is refused.
#[component]
pub fn CiteButton(props: &Props) -> Html {
    let shown = use_state(|| None::<(String, String, bool)>);
    let onclick = {
        let shown = shown.clone();
        let doc = props.doc.clone();
        let view = props.view.clone();
        let archive = props.archive_name.clone();
        let public = props.public_url.clone();
        Callback::from(move |_: MouseEvent| {
            if shown.is_some() {
                shown.set(None);
                return;
            }
            let url = permalink(&public, &dom::page_url(), &view.with_doc(&doc.id, view.p));
            let accessed = dom::today();
            let info = CiteInfo {
                id: &doc.id,
                title: &doc.title,
                source: doc.source.as_deref(),
                date: doc.date.as_deref(),
                archive: &archive,
                url: &url,
                accessed: &accessed,
                source_file: &doc.source_file,
                line_start: doc.line_start,
                line_end: doc.line_end,
            };
            let text = plain(&info);
            let bib = bibtex(&info);
            let both = format!("{text}\n\n{bib}\n");
            let shown = shown.clone();
            spawn_local(async move {
                let copied = dom::copy_text(&both).await;
                shown.set(Some((text, bib, copied)));
            });
        })
    };
    let close = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(None))
    };
    html! {
        <div class="cite-wrap">
            <button type="button" class="cite small-button" aria-expanded={shown.is_some().to_string()} aria-controls="cite-panel" {onclick}>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 9h3v4H2V9c0-3 1-5 4-6M10 9h3v4H9V9c0-3 1-5 4-6" /></svg>
                { "Cite" }
            </button>
            if let Some((text, bib, copied)) = &*shown {
                <div id="cite-panel" class="cite-panel" role="region" aria-label="Citation">
                    <p class="cite-status" role="status">
                        { if *copied { "Citation copied to the clipboard." } else { "Copying was not allowed here: select the text below and copy it." } }
                    </p>
                    <h3>{ "Plain text" }</h3>
                    <p class="cite-plain">{ text.clone() }</p>
                    <h3>{ "BibTeX" }</h3>
                    <pre class="cite-bibtex" tabindex="0">{ bib.clone() }</pre>
                    <button type="button" class="small-button" onclick={close}>{ "Close" }</button>
                </div>
            }
        </div>
    }
}
