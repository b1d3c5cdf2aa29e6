//! The one-file download (`offline.html`): the reader, its wasm, styles,
//! favicon, the whole index and every document in a single HTML file that
//! works opened from disk (`file://`), where browsers refuse to fetch.
//!
//! How it stays one file with no network request:
//! - Trunk's loader (`import init from './x.js'`) becomes one inline
//!   `<script type="module">` holding the wasm-bindgen glue itself, followed
//!   by a boot block that passes the wasm bytes to the glue's init function.
//!   Inline module scripts run from `file://`; only *fetching* modules fails.
//!   So the glue is used byte-for-byte as Trunk built it: no second
//!   wasm-bindgen run, no rewriting of generated code.
//! - The wasm is base64 in `<script type="application/octet-stream"
//!   id="archive-wasm">` (never executed, so no CSP hash needed).
//! - The index files are in `<script type="application/json"
//!   id="archive-data">`: one JSON object from the site-relative path the
//!   reader would fetch to the file's bytes in base64,
//!   `{"index/manifest.json":"eyJ…","index/docmeta-….bin":"AAE…"}`. The
//!   reader's `InlineSource` (src/api.rs) serves its fetches from it.
//! - Stylesheets become `<style>`, icons become `data:` URLs, preload hints
//!   are dropped.

use super::app::{csp_hash, inline_script_hashes, AppFiles};
use super::html::{self, escape};
use super::SiteError;
use base64::{engine::general_purpose::STANDARD as BASE64, Engine as _};
use std::collections::BTreeMap;

/// The bundle and the CSP sources of its inline code, for a host that
/// serves it.
pub struct Bundle {
    pub html: String,
    pub script_hashes: Vec<String>,
    pub style_hashes: Vec<String>,
}

/// Builds the one-file bundle from the reader app and the index files
/// (site-relative paths such as `index/manifest.json`).
pub fn build(app: &AppFiles, index: &[(String, Vec<u8>)]) -> Result<Bundle, SiteError> {
    let page = app.index_html()?;
    let entry = app.entry()?;
    let glue = text_file(app, &entry.js)?;
    let wasm = app.get(&entry.wasm).ok_or_else(|| missing(&entry.wasm))?;
    let init_name = default_export(glue).ok_or_else(|| SiteError::App {
        reason: format!(
            "{} has no default export (the wasm-bindgen init function)",
            entry.js
        ),
    })?;
    if glue
        .lines()
        .any(|l| l.starts_with("import ") || l.starts_with("import{"))
    {
        return Err(SiteError::App {
            reason: format!(
                "{} imports other modules (wasm-bindgen snippets or inline_js), which a \
                 one-file bundle cannot carry",
                entry.js
            ),
        });
    }

    // (start, end, replacement) edits on `page`, applied back to front.
    // (start, end, replacement) edits on `page`, applied back to front.
    let (mut edits, has_icon) = link_edits(app, page)?;
    edits.extend(meta_and_img_edits(app, page)?);
    let mut loader_found = false;
    for script in html::find_scripts(page) {
        if let Some(src) = script.tag.attr("src").and_then(local) {
            let code = text_file(app, &src)?;
            let module = script.tag.attr("type") == Some("module");
            edits.push((
                script.tag.start,
                script.end,
                format!(
                    "<script{}>{}</script>",
                    if module { " type=\"module\"" } else { "" },
                    script_safe(code)
                ),
            ));
        } else if script.tag.attr("type") == Some("module") {
            // The page's one inline module script is the loader (Trunk's, or
            // build-index's own); the bundle carries its own instead.
            loader_found = true;
            edits.push((
                script.tag.start,
                script.end,
                loader(glue, &init_name, wasm, index)?,
            ));
        }
    }
    if !loader_found {
        return Err(SiteError::App {
            reason: "index.html has no Trunk loader script".into(),
        });
    }
    if !has_icon {
        // Otherwise the browser asks the network for /favicon.ico.
        if let Some(head_end) = find_ci(page, "</head") {
            edits.push((
                head_end,
                head_end,
                "<link rel=\"icon\" href=\"data:,\">\n".into(),
            ));
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = page.to_owned();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    let style_hashes = style_hashes(&out);
    Ok(Bundle {
        script_hashes: inline_script_hashes(&out),
        style_hashes,
        html: out,
    })
}

/// Stylesheets and icons inlined, other `<link>`s dropped; whether the
/// page has an icon.
fn link_edits(app: &AppFiles, page: &str) -> Result<(Vec<Edit>, bool), SiteError> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut has_icon = false;
    for tag in html::find_tags(page, "link") {
        if tag.has_rel("icon") {
            has_icon = true;
        }
        let Some(href) = tag.attr("href").and_then(local) else {
            continue;
        };
        let replacement = if tag.has_rel("stylesheet") {
            let css = text_file(app, &href)?;
            if css.to_ascii_lowercase().contains("</style") {
                return Err(SiteError::App {
                    reason: format!("{href} contains \"</style\" and cannot be inlined"),
                });
            }
            format!("<style>{css}</style>")
        } else if tag.has_rel("icon") {
            let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
            let bytes = app.get(&href).ok_or_else(|| missing(&href))?;
            format!(
                "<link rel=\"{}\" href=\"data:{};base64,{}\">",
                escape(&rel),
                mime(&href),
                BASE64.encode(bytes)
            )
        } else {
            // Preload hints, web manifests and the like would each be a
            // request, and nothing needs them offline.
            String::new()
        };
        edits.push((tag.start, tag.end, replacement));
    }
    Ok((edits, has_icon))
}

/// The site's own `<meta name="archive-…">` marks dropped; images inlined.
fn meta_and_img_edits(app: &AppFiles, page: &str) -> Result<Vec<Edit>, SiteError> {
    let mut edits = Vec::new();
    for tag in html::find_tags(page, "meta") {
        // The site's marks for a service worker and a download link: the
        // bundle has neither.
        if tag.attr("name").is_some_and(|n| n.starts_with("archive-")) {
            let end = if page[tag.end..].starts_with('\n') {
                tag.end + 1
            } else {
                tag.end
            };
            edits.push((tag.start, end, String::new()));
        }
    }
    for tag in html::find_tags(page, "img") {
        if let Some(src) = tag.attr("src").and_then(local) {
            let bytes = app.get(&src).ok_or_else(|| missing(&src))?;
            let data = format!("data:{};base64,{}", mime(&src), BASE64.encode(bytes));
            let mut rebuilt = String::from("<img");
            for (k, v) in &tag.attrs {
                let v = if k == "src" { &data } else { v };
                rebuilt.push_str(&format!(" {k}=\"{}\"", escape(v)));
            }
            rebuilt.push('>');
            edits.push((tag.start, tag.end, rebuilt));
        }
    }
    Ok(edits)
}

/// A replacement of `page[start..end]`.
type Edit = (usize, usize, String);

fn loader(
    glue: &str,
    init_name: &str,
    wasm: &[u8],
    index: &[(String, Vec<u8>)],
) -> Result<String, SiteError> {
    let files: BTreeMap<&str, String> = index
        .iter()
        .map(|(path, bytes)| (path.as_str(), BASE64.encode(bytes)))
        .collect();
    let data = serde_json::to_string(&files).map_err(|e| SiteError::App {
        reason: format!("cannot encode the inline index: {e}"),
    })?;
    // `<` only occurs inside JSON strings, where \u003c means the same and
    // can never close the script element.
    let data = data.replace('<', "\\u003c");
    Ok(format!(
        "<script type=\"application/octet-stream\" id=\"archive-wasm\">{wasm}</script>\n\
         <script type=\"application/json\" id=\"archive-data\">{data}</script>\n\
         <script type=\"module\">\n{glue}\n{{\n\
         const b64 = document.getElementById('archive-wasm').textContent;\n\
         const raw = atob(b64);\n\
         const bytes = new Uint8Array(raw.length);\n\
         for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);\n\
         const wasm = await {init_name}({{ module_or_path: bytes }});\n\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n\
         }}\n</script>",
        wasm = BASE64.encode(wasm),
        glue = script_safe(glue),
    ))
}

/// The local name the glue exports as `default` (its init function).
fn default_export(glue: &str) -> Option<String> {
    let ident = |s: &str| {
        let s = s.trim();
        (!s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .then(|| s.to_owned())
    };
    for stmt in glue.split("export").skip(1) {
        let stmt = stmt.trim_start();
        if let Some(rest) = stmt.strip_prefix("default ") {
            let name = rest.split([';', '\n']).next().unwrap_or("");
            if let Some(name) = ident(name) {
                return Some(name);
            }
        } else if let Some(rest) = stmt.strip_prefix('{') {
            let list = rest.split('}').next().unwrap_or("");
            for item in list.split(',') {
                if let Some((local, exported)) = item.split_once(" as ") {
                    if exported.trim() == "default" {
                        return ident(local);
                    }
                }
            }
        }
    }
    None
}

/// Code placed inside `<script>`: `</script` may only appear in strings,
/// regexes or comments, where `<\/script` means the same.
fn script_safe(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = find_ci(rest, "</script") {
        out.push_str(&rest[..i]);
        out.push_str("<\\/");
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

fn style_hashes(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = find_ci(&page[rest..], "<style>") {
        let start = rest + open + "<style>".len();
        let Some(close) = find_ci(&page[start..], "</style") else {
            break;
        };
        out.push(csp_hash(&page[start..start + close]));
        rest = start + close;
    }
    out.sort();
    out.dedup();
    out
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

fn local(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with('/') || url.contains(':') {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    Some(path.trim_start_matches("./").to_owned())
}

fn text_file<'a>(app: &'a AppFiles, rel: &str) -> Result<&'a str, SiteError> {
    let bytes = app.get(rel).ok_or_else(|| missing(rel))?;
    std::str::from_utf8(bytes).map_err(|_| SiteError::App {
        reason: format!("{rel} is not UTF-8"),
    })
}

fn missing(rel: &str) -> SiteError {
    SiteError::App {
        reason: format!("index.html refers to {rel}, which is not among the app's files"),
    }
}

fn mime(path: &str) -> &'static str {
    match path
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::super::app::tests::sample_app;
    use super::*;

    fn index() -> Vec<(String, Vec<u8>)> {
        vec![
            (
                "index/manifest.json".into(),
                br#"{"name":"</script><b>"}"#.to_vec(),
            ),
            (
                "index/docmeta-0123456789ab.bin".into(),
                vec![0, 159, 146, 150],
            ),
        ]
    }

    #[test]
    fn bundle_references_nothing_outside_itself() {
        let bundle = build(&sample_app(), &index()).unwrap();
        let page = &bundle.html;
        for tag in ["link", "script", "img"] {
            for t in html::find_tags(page, tag) {
                for attr in ["href", "src"] {
                    if let Some(v) = t.attr(attr) {
                        assert!(
                            v.starts_with("data:"),
                            "{tag} {attr}={v} would be a request"
                        );
                    }
                }
            }
        }
        assert!(page.contains("<style>body{margin:0}</style>"));
        assert!(page.contains("href=\"data:image/svg+xml;base64,"));
        assert!(!page.contains("modulepreload"));
    }

    #[test]
    fn inline_data_is_base64_by_site_path() {
        let bundle = build(&sample_app(), &index()).unwrap();
        let scripts = html::find_scripts(&bundle.html);
        let data = scripts
            .iter()
            .find(|s| s.tag.attr("id") == Some("archive-data"))
            .unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&bundle.html[data.content_start..data.content_end]).unwrap();
        assert_eq!(
            json["index/manifest.json"],
            "eyJuYW1lIjoiPC9zY3JpcHQ+PGI+In0="
        );
        assert_eq!(json["index/docmeta-0123456789ab.bin"], "AJ+Slg==");
        let wasm = scripts
            .iter()
            .find(|s| s.tag.attr("id") == Some("archive-wasm"))
            .unwrap();
        assert_eq!(
            &bundle.html[wasm.content_start..wasm.content_end],
            "AGFzbQEAAAA="
        );
    }

    #[test]
    fn boot_calls_the_glues_default_export_and_policy_hashes_it() {
        let bundle = build(&sample_app(), &index()).unwrap();
        assert!(bundle
            .html
            .contains("await __wbg_init({ module_or_path: bytes })"));
        assert_eq!(bundle.script_hashes.len(), 1);
        assert_eq!(bundle.style_hashes, vec![csp_hash("body{margin:0}")]);
    }

    #[test]
    fn finds_default_export_in_either_form() {
        assert_eq!(
            default_export("export { initSync, __wbg_init as default };").as_deref(),
            Some("__wbg_init")
        );
        assert_eq!(
            default_export("function f(){}\nexport default f;\n").as_deref(),
            Some("f")
        );
        assert_eq!(default_export("export function g() {}"), None);
    }

    #[test]
    fn script_text_is_made_safe() {
        assert_eq!(script_safe("a = '</SCRIPT>';"), "a = '<\\/SCRIPT>';");
    }
}
