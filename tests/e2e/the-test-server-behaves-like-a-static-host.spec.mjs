// Guards the static server used by the browser tests and scripts/serve.sh:
// the site's files get the MIME types static hosts must send (wasm above
// all), sub-paths work, and a Netlify-style _headers file is applied.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_DIR, startServer } from './support/harness.mjs';
import { headersFor, parseHeadersFile } from './support/serve.mjs';

function firstFile(dir, re) {
  const name = fs.readdirSync(dir).find((f) => re.test(f));
  assert.ok(name, `${dir} has a file matching ${re}`);
  return name;
}

test('the built app is served with the MIME types browsers require', async () => {
  const server = await startServer({ root: SITE_DIR });
  try {
    const wasm = firstFile(SITE_DIR, /\.wasm$/);
    const js = firstFile(SITE_DIR, /\.js$/);
    const cases = [
      ['', /^text\/html/],
      [wasm, /^application\/wasm$/],
      [js, /^text\/javascript/],
      ['index/manifest.json', /^application\/json/],
    ];
    for (const [file, type] of cases) {
      const res = await fetch(server.url + file);
      assert.equal(res.status, 200, `${file || 'index'} is served`);
      assert.match(res.headers.get('content-type'), type, `${file || 'index'} content type`);
    }
  } finally {
    await server.close();
  }
});

test('the site is served under a sub-path and nothing outside it', async () => {
  const server = await startServer({ root: SITE_DIR, base: '/some/sub/path' });
  try {
    assert.match(server.url, /\/some\/sub\/path\/$/);
    assert.equal((await fetch(server.url)).status, 200);
    assert.equal((await fetch(`${server.url}index/manifest.json`)).status, 200);
    const bare = await fetch(server.url.slice(0, -1), { redirect: 'manual' });
    assert.equal(bare.status, 301, 'the sub-path without its slash redirects');
    assert.equal((await fetch(new URL('/index.html', server.url))).status, 404);
    assert.equal((await fetch(`${server.url}..%2f..%2f..%2fpackage.json`)).status, 404);
  } finally {
    await server.close();
  }
});

test('a _headers file and a CSP are applied to matching paths', async () => {
  const rules = parseHeadersFile(
    '# comment\n/*\n  X-Frame-Options: DENY\n  Cache-Control: no-cache\n/index/*\n  Cache-Control: public, max-age=31536000, immutable\n',
  );
  assert.deepEqual(
    Object.fromEntries(headersFor(rules, '/index/terms-000.bin')),
    { 'X-Frame-Options': 'DENY', 'Cache-Control': 'public, max-age=31536000, immutable' },
  );
  assert.deepEqual(Object.fromEntries(headersFor(rules, '/index.html')), {
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-cache',
  });
  assert.throws(() => parseHeadersFile('  X-Orphan: 1\n'), /before any path/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headers-'));
  const file = path.join(dir, '_headers');
  fs.writeFileSync(file, '/*.wasm\n  X-Test: wasm-rule\n');
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
  const server = await startServer({ root: SITE_DIR, headersFile: file, csp });
  try {
    const page = await fetch(server.url);
    assert.equal(page.headers.get('content-security-policy'), csp);
    const wasm = await fetch(server.url + firstFile(SITE_DIR, /\.wasm$/));
    assert.equal(wasm.headers.get('x-test'), 'wasm-rule');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
