//! Embed mode: the reader inside another site's `<iframe>`.
//!
//! The host page writes `<iframe src="https://archive.example/?embed&source=Reuters">`.
//! `?embed` (in the query string, so it survives every hash change) turns on
//! minimal chrome and no focus stealing; the other query parameters preset
//! the view with the URL-hash keys (`q`, the facet names of
//! `engine::FACETS`, `from`, `to`, `sort`). `archive.toml`
//! `[embed] allow_filter_change` says whether the visitor may drop them.
//!
//! The postMessage protocol (docs/embed.md; [`ToHost`] and [`FromHost`]):
//! - reader → host `{type: "archive:ready"}` once it listens;
//!   `{type: "archive:height", height}` whenever the content height changes;
//!   `{type: "archive:open", id, title}` when a document is opened.
//!   Sent only to the parent's origin, when `[embed] allowed_origins`
//!   allows it (or lists `"*"`); when the parent's origin is unknown, once
//!   per listed origin, so the browser delivers it only to a match.
//! - host → reader `{type: "archive:query", q}`: accepted only from the
//!   parent window and only from a listed origin (`"*"`: any parent).
//!
//! API for the app:
//! - [`EmbedMode::from_location`]: `Some` in embed mode, with the presets;
//!   [`EmbedMode::initial_view`] merges them into the hash's view at start,
//!   [`EmbedMode::enforce`] re-applies locked presets to every view.
//! - [`use_embed`]: a hook for the root component; once the archive info is
//!   known it reports height, announces readiness and forwards host queries.
//! - [`report_open_doc`]: called when a document is shown.

use std::cell::{Cell, RefCell};

use engine::json::Out;
use engine::EmbedInfo;
use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::state::ViewState;

/// Longest query accepted from a host; anything longer is cut.
const MAX_QUERY_CHARS: usize = 500;

/// The reader is embedded (`?embed` in the query string), with the view
/// the iframe's URL presets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedMode {
    /// Query, filters, date range and sort from the query string.
    pub presets: ViewState,
}

impl EmbedMode {
    pub fn from_location() -> Option<EmbedMode> {
        let search = crate::dom::window()?.location().search().ok()?;
        EmbedMode::from_search(&search)
    }

    /// Parses a query string (`?embed&source=X`); `None` without `embed`.
    pub fn from_search(search: &str) -> Option<EmbedMode> {
        let body = search.strip_prefix('?').unwrap_or(search);
        let embedded = body
            .split('&')
            .any(|kv| kv == "embed" || kv.starts_with("embed="));
        if !embedded {
            return None;
        }
        // Same encoding as the hash; a document cannot be preset.
        let mut presets = ViewState::from_hash(body);
        presets.doc = None;
        presets.p = None;
        Some(EmbedMode { presets })
    }

    /// The view to start in: the hash's, with every preset the hash does not
    /// itself set (a reload keeps what the visitor chose when allowed).
    pub fn initial_view(&self, mut view: ViewState) -> ViewState {
        let p = &self.presets;
        if view.q.is_empty() {
            view.q = p.q.clone();
        }
        for (facet, values) in p.filters.iter() {
            view.filters.get_or_insert_with(*facet, || values.clone());
        }
        if view.from.is_none() && view.to.is_none() {
            view.from = p.from.clone();
            view.to = p.to.clone();
        }
        if view.sort == engine::Sort::default() {
            view.sort = p.sort;
        }
        view
    }

    /// Whether the visitor may change the preset filters.
    pub fn locked(&self, info: &EmbedInfo) -> bool {
        !info.allow_filter_change && self.presets.has_filters()
    }

    /// `view` with the preset filters put back when they are locked: preset
    /// facets hold exactly the preset values, the preset range stays.
    pub fn enforce(&self, info: &EmbedInfo, mut view: ViewState) -> ViewState {
        if !self.locked(info) {
            return view;
        }
        for (facet, values) in self.presets.filters.iter() {
            view.filters.insert(*facet, values.clone());
        }
        if self.presets.from.is_some() || self.presets.to.is_some() {
            view.from = self.presets.from.clone();
            view.to = self.presets.to.clone();
        }
        view
    }
}

/// Where outgoing messages go: the parent's origin when known and allowed;
/// else each allowed origin (postMessage delivers only to a match).
pub fn target_origins(parent_origin: Option<&str>, allowed: &[String]) -> Vec<String> {
    let any = allowed.iter().any(|o| o == "*");
    match parent_origin.filter(|o| !o.is_empty() && *o != "null") {
        Some(origin) => {
            if any || allowed.iter().any(|a| same_origin(a, origin)) {
                vec![origin.to_owned()]
            } else {
                Vec::new()
            }
        }
        None => allowed
            .iter()
            .filter(|o| *o != "*")
            .map(|o| o.trim_end_matches('/').to_owned())
            .collect(),
    }
}

/// Said in the frame's console when the page that embeds the reader is
/// not one archive.toml lets it talk to.
pub fn not_listed_warning(origin: &str, allowed: &[String]) -> String {
    let listed = if allowed.is_empty() {
        "lists no origin".to_string()
    } else {
        format!("lists only {}", allowed.join(", "))
    };
    format!(
        "archive reader: embedded by {origin}, but archive.toml's [embed] allowed_origins {listed}; \
         this frame will not send that page its height or results, nor act on its messages. \
         Add \"{origin}\" to allowed_origins and rebuild to let it."
    )
}

/// Said in the frame's console, once per origin, for a host message that
/// was ignored.
pub fn ignored_message_warning(origin: &str) -> String {
    format!(
        "archive reader: ignored a message from {origin}: it is not in archive.toml's [embed] allowed_origins"
    )
}

/// Whether a host message from `origin` may be acted on.
pub fn accepts_from(origin: &str, allowed: &[String]) -> bool {
    origin != "null" && allowed.iter().any(|a| a == "*" || same_origin(a, origin))
}

fn same_origin(listed: &str, origin: &str) -> bool {
    listed.trim_end_matches('/').eq_ignore_ascii_case(origin)
}

/// A message from the reader to the page that embeds it.
#[derive(Debug, PartialEq)]
pub enum ToHost<'a> {
    /// Sent once the frame listens for host messages.
    Ready,
    /// The content's height in CSS pixels, whenever it changes.
    Height { height: i32 },
    /// The visitor opened a document.
    Open { id: &'a str, title: &'a str },
}

impl ToHost<'_> {
    /// The message as JSON, tagged by its `type`.
    pub fn to_json(&self) -> String {
        let fields = match *self {
            ToHost::Ready => vec![("type", Out::str("archive:ready"))],
            ToHost::Height { height } => vec![
                ("type", Out::str("archive:height")),
                ("height", Out::Int(i64::from(height))),
            ],
            ToHost::Open { id, title } => vec![
                ("type", Out::str("archive:open")),
                ("id", Out::str(id)),
                ("title", Out::str(title)),
            ],
        };
        Out::Object(fields).compact()
    }
}

/// A message from the embedding page to the reader.
#[derive(Debug, PartialEq)]
pub enum FromHost {
    /// Search for `q` (cut to [`MAX_QUERY_CHARS`]).
    Query { q: String },
}

impl FromHost {
    /// The message in JSON text, if it is one this reader knows.
    pub fn from_json(text: &str) -> Option<FromHost> {
        // `{"type": "archive:query", "q": ...}`, read field by field like
        // the index's JSON (engine::json).
        let value = engine::json::parse(text.as_bytes()).ok()?;
        let f = engine::json::object(&value, "message").ok()?;
        if f.str("type").ok()? != "archive:query" {
            return None;
        }
        let q = f.str("q").ok()?;
        Some(FromHost::Query {
            q: q.chars().take(MAX_QUERY_CHARS).collect(),
        })
    }

    /// A `postMessage` payload: a plain object; anything else is `None`.
    fn from_js(data: &JsValue) -> Option<FromHost> {
        if !data.is_object() {
            return None;
        }
        let text = js_sys::JSON::stringify(data).ok()?.as_string()?;
        FromHost::from_json(&text)
    }
}

struct Channel {
    targets: Vec<String>,
    last_height: Cell<i32>,
}

thread_local! {
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

fn parent() -> Option<web_sys::Window> {
    let w = crate::dom::window()?;
    let parent = w.parent().ok()??;
    // A top-level page is its own parent: nobody to talk to.
    if Object::is(&parent, &w) {
        None
    } else {
        Some(parent)
    }
}

/// The embedding page's origin: `location.ancestorOrigins` where the
/// browser has it, else the referrer (the host page, for the iframe's
/// first load).
fn parent_origin() -> Option<String> {
    let w = crate::dom::window()?;
    let location: JsValue = w.location().into();
    if let Ok(list) = Reflect::get(&location, &"ancestorOrigins".into()) {
        if let Some(first) = Reflect::get(&list, &0.into())
            .ok()
            .and_then(|v| v.as_string())
        {
            return Some(first);
        }
    }
    let referrer = w.document()?.referrer();
    let url = web_sys::Url::new(&referrer).ok()?;
    Some(url.origin())
}

fn post(message: &ToHost<'_>) {
    CHANNEL.with(|c| {
        let Some(channel) = c.borrow().as_ref().map(|c| c.targets.clone()) else {
            return;
        };
        let Some(parent) = parent() else { return };
        // A plain object, as hosts read it (`event.data.type`).
        let Ok(obj) = js_sys::JSON::parse(&message.to_json()) else {
            return;
        };
        for origin in &channel {
            let _ = parent.post_message(&obj, origin);
        }
    });
}

/// Reports the content height; sent only when it changed.
pub fn report_height(height: i32) {
    let changed = CHANNEL.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|ch| ch.last_height.replace(height) != height)
    });
    if changed {
        post(&ToHost::Height { height });
    }
}

/// Tells the host which document the visitor opened. A no-op outside
/// embed mode.
pub fn report_open_doc(id: &str, title: &str) {
    post(&ToHost::Open { id, title });
}

/// The element whose height is the content's: the app's shell, not
/// `<html>`/`<body>`, which stretch to the iframe and would only ever grow.
fn content_element() -> Option<web_sys::HtmlElement> {
    let doc = crate::dom::window()?.document()?;
    let el = doc
        .query_selector(".shell")
        .ok()
        .flatten()
        .or_else(|| doc.get_element_by_id("app"))?;
    el.dyn_into().ok()
}

/// What [`use_embed`] keeps alive while embedded.
struct Connection {
    _listener: Option<EventListener>,
    observer: Option<web_sys::ResizeObserver>,
    // Called by the observer: must outlive it.
    _measure: Closure<dyn FnMut()>,
}

/// Starts the embed protocol once `info` (from the manifest) is known, in
/// embed mode and inside a frame only. `on_query` receives host queries.
#[hook]
pub fn use_embed(mode: Option<EmbedMode>, info: Option<EmbedInfo>, on_query: Callback<String>) {
    use_effect_with(info, move |info| {
        let mut connection: Option<Connection> = None;
        if let (Some(_), Some(info), Some(_)) = (mode, info, parent()) {
            let parent_at = parent_origin();
            let targets = target_origins(parent_at.as_deref(), &info.allowed_origins);
            if let Some(origin) = parent_at.filter(|_| targets.is_empty()) {
                // Silence here looks like a broken embed to whoever set it up.
                gloo::console::warn!(not_listed_warning(&origin, &info.allowed_origins));
            }
            CHANNEL.with(|c| {
                *c.borrow_mut() = Some(Channel {
                    targets,
                    last_height: Cell::new(-1),
                })
            });
            let allowed = info.allowed_origins.clone();
            let warned: RefCell<Vec<String>> = RefCell::new(Vec::new());
            let window = crate::dom::window();
            let listener = window.as_ref().map(|w| {
                EventListener::new(w, "message", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                        return;
                    };
                    let from_parent = match (event.source(), parent()) {
                        (Some(source), Some(parent)) => Object::is(&source, &parent),
                        _ => false,
                    };
                    if !from_parent {
                        return;
                    }
                    let origin = event.origin();
                    if !accepts_from(&origin, &allowed) {
                        let mut warned = warned.borrow_mut();
                        if !warned.contains(&origin) {
                            gloo::console::warn!(ignored_message_warning(&origin));
                            warned.push(origin);
                        }
                        return;
                    }
                    if let Some(FromHost::Query { q }) = FromHost::from_js(&event.data()) {
                        on_query.emit(q);
                    }
                })
            });
            let measure = Closure::<dyn FnMut()>::new(|| {
                if let Some(el) = content_element() {
                    report_height(el.offset_height());
                }
            });
            let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (observer.as_ref(), content_element()) {
                observer.observe(&el);
                report_height(el.offset_height());
            }
            post(&ToHost::Ready);
            connection = Some(Connection {
                _listener: listener,
                observer,
                _measure: measure,
            });
        }
        move || {
            if let Some(observer) = connection.as_ref().and_then(|c| c.observer.as_ref()) {
                observer.disconnect();
            }
            drop(connection);
            CHANNEL.with(|c| *c.borrow_mut() = None);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_name_the_origin_and_the_way_out() {
        let w = not_listed_warning("https://host.example", &[]);
        assert!(w.contains("https://host.example") && w.contains("lists no origin"));
        let w = not_listed_warning("https://host.example", &["https://a.org".to_string()]);
        assert!(w.contains("lists only https://a.org"));
        assert!(ignored_message_warning("http://x:1").contains("http://x:1"));
    }

    fn info(origins: &[&str], allow: bool) -> EmbedInfo {
        EmbedInfo {
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            allow_filter_change: allow,
        }
    }

    #[test]
    fn embed_needs_the_embed_parameter() {
        assert!(EmbedMode::from_search("?source=X").is_none());
        assert!(EmbedMode::from_search("").is_none());
        let mode = EmbedMode::from_search("?embed&source=Reuters&topic=Climate&doc=x").unwrap();
        assert_eq!(
            mode.presets.filters[&engine::Facet::Source],
            vec!["Reuters"]
        );
        assert_eq!(mode.presets.filters[&engine::Facet::Topic], vec!["Climate"]);
        assert_eq!(mode.presets.doc, None);
    }

    #[test]
    fn presets_fill_what_the_hash_leaves_open() {
        let mode = EmbedMode::from_search("?embed&source=A&q=border").unwrap();
        let view = mode.initial_view(ViewState::from_hash("#type=interview"));
        assert_eq!(view.q, "border");
        assert_eq!(view.filters[&engine::Facet::Source], vec!["A"]);
        assert_eq!(view.filters[&engine::Facet::Type], vec!["interview"]);
        let typed = mode.initial_view(ViewState::from_hash("#q=fentanyl"));
        assert_eq!(typed.q, "fentanyl");
    }

    #[test]
    fn locked_presets_come_back_and_free_ones_do_not() {
        let mode = EmbedMode::from_search("?embed&source=A").unwrap();
        let cleared = ViewState::from_hash("#q=x");
        let locked = mode.enforce(&info(&[], false), cleared.clone());
        assert_eq!(locked.filters[&engine::Facet::Source], vec!["A"]);
        assert!(mode.locked(&info(&[], false)));
        let free = mode.enforce(&info(&[], true), cleared.clone());
        assert_eq!(free, cleared);
        assert!(!mode.locked(&info(&[], true)));
    }

    #[test]
    fn messages_go_only_to_allowed_parents() {
        let allowed = vec!["http://127.0.0.1:9000".to_string()];
        assert_eq!(
            target_origins(Some("http://127.0.0.1:9000"), &allowed),
            vec!["http://127.0.0.1:9000"]
        );
        assert!(target_origins(Some("http://evil.example"), &allowed).is_empty());
        assert_eq!(target_origins(None, &allowed), allowed);
        assert_eq!(
            target_origins(Some("https://any.example"), &["*".to_string()]),
            vec!["https://any.example"]
        );
        assert!(target_origins(None, &["*".to_string()]).is_empty());
        assert!(target_origins(Some("https://x.example"), &[]).is_empty());
    }

    #[test]
    fn messages_are_tagged_by_type() {
        let open = ToHost::Open {
            id: "a",
            title: "T",
        }
        .to_json();
        assert_eq!(open, r#"{"type":"archive:open","id":"a","title":"T"}"#);
        let height = ToHost::Height { height: 12 }.to_json();
        assert_eq!(height, r#"{"type":"archive:height","height":12}"#);
        assert_eq!(ToHost::Ready.to_json(), r#"{"type":"archive:ready"}"#);
        assert_eq!(
            FromHost::from_json(r#"{"type":"archive:query","q":"border","extra":1}"#),
            Some(FromHost::Query { q: "border".into() })
        );
        assert_eq!(
            FromHost::from_json(r#"{"type":"archive:other","q":"x"}"#),
            None
        );
        assert_eq!(
            FromHost::from_json(r#"{"type":"archive:query","q":3}"#),
            None
        );
        let long = format!(r#"{{"type":"archive:query","q":"{}"}}"#, "a".repeat(900));
        let Some(FromHost::Query { q }) = FromHost::from_json(&long) else {
            panic!()
        };
        assert_eq!(q.len(), MAX_QUERY_CHARS);
    }

    #[test]
    fn host_messages_need_a_listed_origin() {
        let allowed = vec!["https://host.example/".to_string()];
        assert!(accepts_from("https://host.example", &allowed));
        assert!(!accepts_from("https://other.example", &allowed));
        assert!(!accepts_from("null", &["*".to_string()]));
        assert!(accepts_from("https://x.example", &["*".to_string()]));
    }
}
