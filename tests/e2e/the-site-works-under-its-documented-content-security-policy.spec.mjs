// Issue 6: the site ships its Content-Security-Policy (site/_headers, the
// same text as site/nginx.conf) and works under it: no 'unsafe-eval', no
// 'unsafe-inline', only the hash of Trunk's inline loader. The test server
// sends the headers from site/_headers as Netlify would; any violation is
// a console error (which fails every test) and is also counted here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, typeQuery, SITE_DIR } from './support/harness.mjs';

const site = useSite({ headersFile: path.join(SITE_DIR, '_headers') });

async function watchViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

test('the shipped policy is strict: no unsafe-eval, no unsafe-inline, hashes only for inline scripts', () => {
  const headers = fs.readFileSync(path.join(SITE_DIR, '_headers'), 'utf8');
  const policies = [...headers.matchAll(/Content-Security-Policy: (.*)/g)].map((m) => m[1]);
  assert.ok(policies.length >= 2, 'a policy for the reader and one for offline.html');
  for (const csp of policies) {
    assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/, csp);
    assert.match(csp, /script-src [^;]*'wasm-unsafe-eval'/, csp);
    assert.match(csp, /frame-ancestors \*/, csp);
  }
  const nginx = fs.readFileSync(path.join(SITE_DIR, 'nginx.conf'), 'utf8');
  assert.ok(nginx.includes(policies[0]), 'nginx.conf carries the same policy');
});

test('under the policy the reader loads, searches, filters and opens a document with no violation', async () => {
  const context = await site.newContext();
  await watchViolations(context);
  const page = await context.newPage();
  const response = await page.goto(site.url);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'the server sent the shipped policy');
  await page.locator('html[data-app] input#search').waitFor();

  await typeQuery(page, 'border');
  await page.locator('#results .result').first().waitFor();
  // A filter too (the column fills a few sections per frame after the
  // results; check() waits for the box).
  await page.locator('#facets input[type=checkbox]').first().check();
  await page.locator('#results .result').first().waitFor();
  await page.locator('#results .result .result-title').first().click();
  await page.locator('article#reader h1.doc-title').waitFor();
  // Let the year chart, highlights and the service worker settle.
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
});

test('a static document page and the one-file download load under their policies with no violation', async () => {
  const context = await site.newContext();
  await watchViolations(context);
  const page = await context.newPage();
  await page.goto(new URL('doc/', site.url).href);
  await page.locator('ul.docs a').first().click();
  await page.locator('article h1').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);

  const response = await page.goto(new URL('offline.html', site.url).href);
  assert.match(response.headers()['content-security-policy'] ?? '', /sha256-/);
  await page.locator('html[data-app] input#search').waitFor();
  await typeQuery(page, 'fentanyl');
  await page.locator('#results .result').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
});
