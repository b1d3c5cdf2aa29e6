//! Offline use: the service worker that keeps a published archive working
//! without a network after one visit, and the link to the one-file
//! download (`offline.html`) that works from disk.
//!
//! build-index marks the reader's `index.html` with
//! `<meta name="archive-service-worker" content="sw.js">` and
//! `<meta name="archive-offline-download" content="offline.html">` when it
//! wrote those files, so nothing here requests a file that is not there
//! (a plain `trunk serve` has neither; the one-file bundle has neither
//! either, and needs neither).
//!
//! API for the app:
//! - [`OfflineStatusView`]: a small component for the header or footer. It
//!   registers the worker on first render and shows "Available offline"
//!   once everything is cached, plus the "Download for offline use" link.
//! - [`register_service_worker`] and [`status`] for a custom UI.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// What the visitor can expect without a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfflineStatus {
    /// No service worker: `file://`, an old browser, or no `sw.js`.
    Unavailable,
    /// The worker is installing (downloading the app and the index).
    Preparing,
    /// Everything is cached: the archive works offline.
    Ready,
    /// The reader is cached and the index chunks each search used: an
    /// index too big to download whole on a first visit (build-index marks
    /// the page with `archive-offline-scope` = `visited`).
    Partial,
    /// This page is the one-file download: it is offline by nature.
    SingleFile,
}

fn meta(name: &str) -> Option<String> {
    let doc = crate::dom::window()?.document()?;
    let el = doc
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?;
    el.get_attribute("content").filter(|c| !c.is_empty())
}

fn is_http() -> bool {
    crate::dom::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "http:" || p == "https:")
}

/// The status before registration finishes.
pub fn status() -> OfflineStatus {
    let single = crate::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("archive-data"))
        .is_some();
    if single {
        OfflineStatus::SingleFile
    } else if is_http() && meta("archive-service-worker").is_some() {
        OfflineStatus::Preparing
    } else {
        OfflineStatus::Unavailable
    }
}

/// The one-file download's address, when the site has one.
pub fn download_href() -> Option<String> {
    if status() == OfflineStatus::SingleFile {
        return None;
    }
    meta("archive-offline-download")
}

/// Registers `sw.js` (relative to the page, so its scope is the site's
/// folder at any sub-path) and reports [`OfflineStatus::Ready`] once the
/// worker has cached everything and is active, or
/// [`OfflineStatus::Unavailable`] if it cannot.
pub fn register_service_worker(on_status: Callback<OfflineStatus>) {
    let initial = status();
    on_status.emit(initial);
    if initial != OfflineStatus::Preparing {
        return;
    }
    let Some(script) = meta("archive-service-worker") else {
        return;
    };
    let Some(window) = crate::dom::window() else {
        return;
    };
    let navigator = window.navigator();
    // `serviceWorker` is missing in insecure contexts and some browsers.
    let has_sw = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has_sw {
        on_status.emit(OfflineStatus::Unavailable);
        return;
    }
    let container = navigator.service_worker();
    spawn_local(async move {
        if JsFuture::from(container.register(&script)).await.is_err() {
            on_status.emit(OfflineStatus::Unavailable);
            return;
        }
        // `ready` resolves once a worker is active, i.e. after install
        // precached every file.
        let ready = match container.ready() {
            Ok(p) => JsFuture::from(p).await.is_ok(),
            Err(_) => false,
        };
        on_status.emit(match (ready, meta("archive-offline-scope").as_deref()) {
            (true, Some("visited")) => OfflineStatus::Partial,
            (true, _) => OfflineStatus::Ready,
            (false, _) => OfflineStatus::Unavailable,
        });
    });
}

/// Wait after start-up before the service worker is registered.
const REGISTER_DELAY_MS: u32 = 1000;

pub struct OfflineStatusProps {
    /// The archive's name, for the downloaded file's name.
    pub archive_name: AttrValue,
    /// Whether the page has what the visitor came for (the first results or
    /// the document): the worker's precaching downloads the whole app and
    /// index again, so it waits until start-up is over.
    pub start: bool,
    /// The site's one-file download ([`download_href`]), given by the app
    /// so that build-index's rendering of the header has the same link.
    pub download: Option<AttrValue>,
    /// False in an embed: no status, no download, no service worker.
    pub shown: bool,
}

/// "Available offline" once cached, and "Download for offline use". A hook
/// of the root component rather than a component: a component type costs
/// the wasm its own copy of Yew's machinery.
#[hook]
pub fn use_offline_status(props: OfflineStatusProps) -> Html {
    let state = use_state(status);
    {
        let state = state.clone();
        let registered = use_mut_ref(|| false);
        let shown = props.shown;
        use_effect_with(props.start, move |start| {
            if *start && shown && !registered.replace(true) {
                // Registering is a round trip to the browser, and the
                // worker then fetches every file: not while the page is
                // still drawing its first results or the visitor's first
                // keystrokes.
                gloo::timers::callback::Timeout::new(REGISTER_DELAY_MS, move || {
                    register_service_worker(Callback::from(move |s| state.set(s)))
                })
                .forget();
            }
        });
    }
    if !props.shown {
        return Html::default();
    }
    let (label, hint) = match *state {
        OfflineStatus::Ready => (Some("Available offline"), None),
        OfflineStatus::Partial => (
            Some("Partly available offline"),
            Some("This archive is too large to keep whole: the reader, and what you have searched and read, work without a network."),
        ),
        OfflineStatus::SingleFile => (Some("Offline copy"), None),
        OfflineStatus::Preparing | OfflineStatus::Unavailable => (None, None),
    };
    let download = props.download.map(|href| {
        let file = format!("{}.html", file_slug(&props.archive_name));
        html! {
            <a class="offline-download" href={href} download={file}>
                { "Download for offline use" }
            </a>
        }
    });
    html! {
        <div class="offline" data-offline={format!("{:?}", *state).to_lowercase()}>
            if let Some(label) = label {
                <span class="offline-status" role="status" title={hint}>{ label }</span>
            }
            { for download }
        </div>
    }
}

/// A file name from the archive's name ("Migration & Border" →
/// "migration-border"), "archive" when nothing usable is left.
pub fn file_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "archive".to_owned()
    } else {
        out.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::file_slug;

    #[test]
    fn download_names_are_safe_slugs() {
        assert_eq!(
            file_slug("Migration & Border Security Archive"),
            "migration-border-security-archive"
        );
        assert_eq!(file_slug("  ¿Qué?  "), "qué");
        assert_eq!(file_slug("///"), "archive");
    }
}
