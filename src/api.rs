//! Fetching and decoding the index: one data-loading interface with two
//! implementations (ARCHITECTURE.md, "Data loading in the app").
//!
//! [`HttpSource`] fetches `index/<file>` relative to the page, so the site
//! works under any sub-path. [`InlineSource`] reads base64 data from
//! `<script id="archive-data" type="application/json">`, for the one-file
//! bundle opened from `file://`, where `fetch` is blocked. The engine never
//! learns which one was used.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ProgressEvent, XmlHttpRequest, XmlHttpRequestResponseType};

/// Called with (bytes loaded, bytes expected) while a file downloads.
pub type Progress = Rc<dyn Fn(f64, f64)>;

/// Why the archive could not be loaded, phrased for the visitor.
#[derive(Debug)]
pub enum LoadError {
    /// The server answered 404 or the inline bundle lacks the file.
    Missing { file: String },
    /// No answer at all (offline, blocked, `file://` without inline data).
    Network { file: String, reason: String },
    /// The bytes arrived but the engine rejected them.
    Format(engine::FormatError),
}

impl LoadError {
    /// A short heading: what happened.
    pub fn headline(&self) -> &'static str {
        match self {
            LoadError::Missing { .. } => "The search index is missing",
            LoadError::Network { .. } => "The search index could not be downloaded",
            LoadError::Format(e) => match e {
                engine::FormatError::Version { .. } => {
                    "The search index was built by a different version"
                }
                engine::FormatError::Missing { .. } => "The search index is incomplete",
                _ => "The search index is damaged",
            },
        }
    }

    /// What the visitor (or the archive's publisher) can do about it.
    pub fn advice(&self) -> String {
        match self {
            LoadError::Missing { file } => format!(
                "The file index/{file} was not found next to this page. If you publish this \
                 archive, rebuild the site with build-index and upload the whole folder, \
                 including index/."
            ),
            LoadError::Network { file, reason } => {
                if is_file_protocol() {
                    format!(
                        "This page was opened from a file, and browsers do not let such pages \
                         load index/{file}. Serve the folder with a web server (for example \
                         scripts/serve.sh), or use the one-file offline download instead."
                    )
                } else {
                    format!(
                        "Loading index/{file} failed ({reason}). Check your connection and \
                         reload the page."
                    )
                }
            }
            LoadError::Format(e) => {
                format!("{e}. Reloading will not help; the archive's publisher needs to fix it.")
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.headline(), self.advice())
    }
}

/// Errors are shown, never compared by content: identity is enough for
/// component props.
impl PartialEq for LoadError {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The page's source of index files, for the engine's searcher: a round's
/// requests all start before the first is awaited.
impl engine::ChunkSource for DataSource {
    type Error = LoadError;

    fn fetch(
        &self,
        files: &[String],
    ) -> impl std::future::Future<Output = Result<Vec<Vec<u8>>, LoadError>> {
        let pending: Vec<Pending> = files.iter().map(|f| self.start(f, None)).collect();
        async move {
            let mut out = Vec::with_capacity(pending.len());
            for p in pending {
                out.push(p.finish().await?);
            }
            Ok(out)
        }
    }
}

impl From<engine::FormatError> for LoadError {
    fn from(e: engine::FormatError) -> Self {
        LoadError::Format(e)
    }
}

fn is_file_protocol() -> bool {
    crate::dom::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// Relative HTTP fetches of `index/<file>`.
pub struct HttpSource;

impl HttpSource {
    /// Sends the request at once; the bytes come from [`Pending::finish`].
    /// Starting several before finishing any overlaps their round trips.
    fn start(&self, file: &str, progress: Option<Progress>) -> Result<Pending, LoadError> {
        if let Some(early) = take_boot_fetch(file) {
            return Ok(Pending::Boot {
                file: file.to_string(),
                done: JsFuture::from(early),
                progress,
            });
        }
        let net = |reason: String| LoadError::Network {
            file: file.to_string(),
            reason,
        };
        // XMLHttpRequest rather than fetch: its progress events are the
        // simplest way to show download progress for a large chunk.
        let xhr = XmlHttpRequest::new().map_err(|e| net(js_text(&e)))?;
        xhr.open_with_async("GET", &format!("index/{file}"), true)
            .map_err(|e| net(js_text(&e)))?;
        xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
        let done = Promise::new(&mut |resolve, reject| {
            xhr.set_onload(Some(&resolve));
            xhr.set_onerror(Some(&reject));
            xhr.set_onabort(Some(&reject));
        });
        let on_progress = progress.map(|cb| {
            Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
                if e.length_computable() {
                    cb(e.loaded(), e.total());
                }
            })
        });
        if let Some(c) = &on_progress {
            xhr.set_onprogress(Some(c.as_ref().unchecked_ref()));
        }
        xhr.send().map_err(|e| net(js_text(&e)))?;
        Ok(Pending::Http {
            file: file.to_string(),
            xhr,
            done: JsFuture::from(done),
            _on_progress: on_progress,
        })
    }
}

/// The request index.html's start-up script already made for `file`
/// (`window.archiveBoot`), taken so that it is used once.
fn take_boot_fetch(file: &str) -> Option<Promise> {
    let window = crate::dom::window()?;
    let boot = js_sys::Reflect::get(&window, &JsValue::from_str("archiveBoot")).ok()?;
    if !boot.is_object() {
        return None;
    }
    let key = JsValue::from_str(file);
    let promise = js_sys::Reflect::get(&boot, &key)
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(boot.unchecked_ref::<js_sys::Object>(), &key);
    Some(promise)
}

/// A request in flight (or, for inline data, already answered).
pub enum Pending {
    /// Made by index.html before the app ran; resolves to the bytes.
    Boot {
        file: String,
        done: JsFuture,
        progress: Option<Progress>,
    },
    Http {
        file: String,
        xhr: XmlHttpRequest,
        done: JsFuture,
        /// Kept alive until the request ends.
        _on_progress: Option<Closure<dyn FnMut(ProgressEvent)>>,
    },
    Ready(Result<Vec<u8>, LoadError>),
}

impl Pending {
    pub async fn finish(self) -> Result<Vec<u8>, LoadError> {
        let (file, xhr, done) = match self {
            Pending::Ready(r) => return r,
            Pending::Boot {
                file,
                done,
                progress,
            } => {
                return match done.await {
                    Ok(body) => Ok(Uint8Array::new(&body).to_vec()),
                    // Asked again by the app, whose answer says what failed.
                    Err(_) => match HttpSource.start(&file, progress) {
                        Ok(p) => Box::pin(p.finish()).await,
                        Err(e) => Err(e),
                    },
                };
            }
            Pending::Http {
                file, xhr, done, ..
            } => (file, xhr, done),
        };
        let net = |reason: String| LoadError::Network {
            file: file.clone(),
            reason,
        };
        let outcome = done.await;
        xhr.set_onprogress(None);
        if outcome.is_err() {
            return Err(net("network error".into()));
        }
        let status = xhr.status().unwrap_or(0);
        match status {
            200..=299 => {}
            404 | 410 => return Err(LoadError::Missing { file }),
            // file:// answers 0 when the browser blocks the read.
            0 if is_file_protocol() => return Err(net("blocked".into())),
            _ => return Err(net(format!("HTTP {status}"))),
        }
        let body = xhr.response().map_err(|e| net(js_text(&e)))?;
        Ok(Uint8Array::new(&body).to_vec())
    }
}

/// Files inlined in the page as base64 (the one-file offline bundle).
pub struct InlineSource {
    files: BTreeMap<String, String>,
}

impl InlineSource {
    /// Reads `<script id="archive-data">` if the page has one.
    pub fn from_page() -> Option<Result<InlineSource, LoadError>> {
        let doc = crate::dom::window()?.document()?;
        let el = doc.get_element_by_id("archive-data")?;
        let text = el.text_content().unwrap_or_default();
        Some(Self::from_json(&text))
    }

    pub fn from_json(text: &str) -> Result<InlineSource, LoadError> {
        engine::json::parse(text.as_bytes())
            .and_then(|v| {
                engine::json::string_map(&v)
                    .ok_or_else(|| String::from("expected an object of strings"))
            })
            .map(|files| InlineSource { files })
            .map_err(|e| LoadError::Network {
                file: "archive-data".into(),
                reason: format!("the inlined data is not valid JSON ({e})"),
            })
    }

    fn fetch(&self, file: &str) -> Result<Vec<u8>, LoadError> {
        let key = format!("index/{file}");
        let data = self.files.get(&key).ok_or_else(|| LoadError::Missing {
            file: file.to_string(),
        })?;
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| LoadError::Network {
                file: file.to_string(),
                reason: format!("the inlined data is not valid base64 ({e})"),
            })
    }
}

/// Where index files come from.
pub enum DataSource {
    Http(HttpSource),
    Inline(InlineSource),
}

impl DataSource {
    /// Inline data when the page carries it, else HTTP.
    pub fn detect() -> Result<DataSource, LoadError> {
        match InlineSource::from_page() {
            Some(inline) => inline.map(DataSource::Inline),
            None => Ok(DataSource::Http(HttpSource)),
        }
    }

    /// The bytes of `index/<file>`.
    pub async fn fetch(
        &self,
        file: &str,
        progress: Option<Progress>,
    ) -> Result<Vec<u8>, LoadError> {
        self.start(file, progress).finish().await
    }

    /// Starts fetching `index/<file>` now; see [`Pending::finish`].
    pub fn start(&self, file: &str, progress: Option<Progress>) -> Pending {
        match self {
            DataSource::Http(http) => match http.start(file, progress) {
                Ok(p) => p,
                Err(e) => Pending::Ready(Err(e)),
            },
            DataSource::Inline(inline) => Pending::Ready(inline.fetch(file)),
        }
    }
}

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_source_reads_index_files() {
        let src = InlineSource::from_json(r#"{"index/manifest.json":"e30="}"#).unwrap();
        assert_eq!(src.fetch("manifest.json").unwrap(), b"{}");
        assert!(matches!(
            src.fetch("other.bin"),
            Err(LoadError::Missing { .. })
        ));
        assert!(InlineSource::from_json("[").is_err());
        let bad = InlineSource::from_json(r#"{"index/a.bin":"Zm9v!"}"#).unwrap();
        assert!(matches!(bad.fetch("a.bin"), Err(LoadError::Network { .. })));
    }
}
