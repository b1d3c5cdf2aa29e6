// Helpers for the tests that build their own site with build-index (issue 6:
// other corpora, test-specific archive.toml, hosts that embed the reader).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, SITE_DIR } from './harness.mjs';

/** The release build-index that scripts/build-site.sh built. */
export const BUILD_INDEX = path.resolve(process.env.BUILD_INDEX ?? path.join(process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target'), 'release/build-index'));
/** Files build-index writes around the reader app at a site's root. */
const GENERATED = new Set(['index', 'doc', 'sw.js', 'offline.html', 'sitemap.xml', 'robots.txt', '_headers', 'nginx.conf']);

let appDir = null;
/**
 * The reader app of the site under test (SITE_DIR), as a folder for
 * `--app`: the same build that site was made with, so the index the test
 * builds matches the app even while dist/ is being rebuilt.
 */
export function siteAppDir() {
  if (appDir) return appDir;
  const dir = tempDir('site-app');
  for (const entry of fs.readdirSync(SITE_DIR, { withFileTypes: true })) {
    if (GENERATED.has(entry.name) || !entry.isFile()) continue;
    fs.copyFileSync(path.join(SITE_DIR, entry.name), path.join(dir, entry.name));
  }
  // index.html keeps that site's marks and first page: build-index replaces
  // them (rewrite::mark_index_html, rewrite::insert_first_page).
  appDir = dir;
  return dir;
}

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Runs build-index `corpus -o out` and returns its stdout. `config` is the
 * text of an archive.toml to use; `bundled` uses the app compiled into the
 * binary instead of the app of the site under test. Throws with stderr on
 * failure.
 */
export function buildSite({ corpus, out, config = null, bundled = false, binary = BUILD_INDEX, env = process.env, cwd = ROOT }) {
  if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: run bash scripts/build-site.sh first`);
  const args = [corpus, '-o', out];
  if (config !== null) {
    const file = path.join(tempDir('archive-toml'), 'archive.toml');
    fs.writeFileSync(file, config);
    args.push('--config', file);
  }
  if (!bundled) args.push('--app', siteAppDir());
  const run = spawnSync(binary, args, { env, cwd, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`build-index ${args.join(' ')} exited with ${run.status}:\n${run.stderr}${run.stdout}`);
  }
  return run.stdout + run.stderr;
}

/** The seeds' archive.toml with `[embed]` replaced. */
export function seedsConfigWithEmbed({ allowedOrigins, allowFilterChange = true, publicUrl = '' }) {
  const base = fs.readFileSync(path.join(ROOT, 'archive.toml'), 'utf8');
  const withoutEmbed = base.replace(/\n\[embed\][\s\S]*?(?=\n\[)/, '\n');
  const withUrl = withoutEmbed.replace(/^public_url = .*$/m, `public_url = ${JSON.stringify(publicUrl)}`);
  return `${withUrl}\n[embed]\nallowed_origins = ${JSON.stringify(allowedOrigins)}\nallow_filter_change = ${allowFilterChange}\n`;
}

/**
 * Writes `<dir>/<name>`: a host page that embeds the reader at `readerUrl`
 * the way docs/embed.md tells site owners to, records every message from
 * the reader's origin in `window.messages`, sizes the frame from
 * `archive:height`, and has its own focused text field (`#host-input`).
 * `window.sendQuery(q)` posts an `archive:query`.
 */
export function writeHostPage(dir, { readerUrl, name = 'host.html' }) {
  const origin = new URL(readerUrl).origin;
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title><link rel="icon" href="data:,"></head>
<body>
<h1>A page that embeds the archive</h1>
<label>Host field <input id="host-input" autofocus></label>
<iframe id="archive" title="Document archive" src="${readerUrl}" allow="clipboard-write"
        style="display:block;width:100%;height:300px;border:0"></iframe>
<script>
  window.messages = [];
  const frame = document.getElementById('archive');
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return;
    window.messages.push({ origin: event.origin, data: event.data });
    if (event.origin === ${JSON.stringify(origin)} && event.data && event.data.type === 'archive:height') {
      frame.style.height = event.data.height + 'px';
    }
  });
  window.sendQuery = (q) => frame.contentWindow.postMessage({ type: 'archive:query', q }, ${JSON.stringify(origin)});
</script>
</body></html>
`;
  fs.writeFileSync(path.join(dir, name), html);
  return name;
}
