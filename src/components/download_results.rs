use view::{download_buttons, DownloadButtonsProps};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::archive::ArchiveHandle;
use crate::cite::{permalink, share_link};
use crate::dom;
use crate::export::{to_csv, to_json, ExportedView};
use crate::state::{SearchKey, ViewState};

pub struct Props {
    /// `None` while the archive loads: the buttons show, disabled.
    pub archive: Option<ArchiveHandle>,
    pub search: SearchKey,
    pub view: ViewState,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Csv,
    Json,
}

/// Exports every result of the current search (not just the shown page).
/// A hook of the search page rather than a component: a component type
/// costs the wasm its own copy of Yew's machinery.
#[hook]
pub fn use_download_results(props: &Props) -> Html {
    let status = use_state(String::new);
    let start = |format: Format| {
        let archive = props.archive.clone()?;
        let key = props.search.clone();
        let view = props.view.clone();
        let status = status.clone();
        Some(Callback::from(move |_: MouseEvent| {
            let archive = archive.clone();
            let key = key.clone();
            let view = view.clone();
            let status = status.clone();
            status.set("Preparing download…".into());
            spawn_local(async move {
                let page = dom::page_url();
                let public = archive.info.public_url.clone();
                let link = |id: &str| permalink(&public, &page, &view.with_doc(id, None));
                match archive.export(&key, &link).await {
                    Ok(rows) => {
                        let name = if key.q.trim().is_empty() {
                            "archive-results".to_string()
                        } else {
                            format!("results-{}", slug(&key.q))
                        };
                        let outcome = match format {
                            Format::Csv => dom::download(
                                &format!("{name}.csv"),
                                "text/csv;charset=utf-8",
                                &to_csv(&rows),
                            ),
                            Format::Json => {
                                let url = share_link(&public, &page, &view.results_view());
                                let exported = ExportedView {
                                    query: &key.q,
                                    filters: &key.filters,
                                    date_from: key.from.as_deref(),
                                    date_to: key.to.as_deref(),
                                    sort: key.sort.name(),
                                    url: &url,
                                };
                                dom::download(
                                    &format!("{name}.json"),
                                    "application/json",
                                    &to_json(&exported, &rows),
                                )
                            }
                        };
                        status.set(match outcome {
                            Ok(()) => format!("Downloaded {} results.", rows.len()),
                            Err(_) => "This browser refused the download.".into(),
                        });
                    }
                    Err(e) => status.set(e.headline().to_string()),
                }
            });
        }))
    };
    download_buttons(&DownloadButtonsProps {
        on_csv: start(Format::Csv),
        on_json: start(Format::Json),
        status: (*status).clone().into(),
    })
}

fn slug(q: &str) -> String {
    let s: String = q
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    s.chars().take(40).collect()
}
