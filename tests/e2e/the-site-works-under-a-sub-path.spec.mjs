// Issue 6: one build works at any path on a static host. The same site/ is
// served under /some/sub/path/; searching and reading must work and every
// request must stay under that path (relative URLs only).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, typeQuery } from './support/harness.mjs';

const BASE = '/some/sub/path/';
const site = useSite({ base: BASE });

test('served under /some/sub/path/, the reader searches, opens a document and asks only for files below that path', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  const requested = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  await page.goto(site.url);
  await page.locator('html[data-app] input#search').waitFor();

  await typeQuery(page, 'fentanyl');
  // The typed query's results, not the list shown before them.
  const first = page.locator('#results[data-query="fentanyl"] .result .result-title').first();
  await first.waitFor();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.locator('article#reader h1.doc-title').waitFor();
  assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
  assert.ok(new URL(page.url()).pathname.startsWith(BASE), `stays under ${BASE}: ${page.url()}`);

  const outside = requested.filter((p) => !p.startsWith(BASE));
  assert.deepEqual(outside, [], 'no request leaves the sub-path');
  assert.ok(requested.some((p) => p.startsWith(`${BASE}index/`)), 'the index came from the sub-path');
});

test('a static document page under the sub-path links back into the reader there', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(new URL('doc/', site.url).href);
  const link = page.locator('ul.docs a').first();
  await link.click();
  await page.locator('article h1').waitFor();
  await page.locator('a', { hasText: 'Open in the searchable reader' }).click();
  await page.locator('article#reader h1.doc-title').waitFor();
  assert.ok(new URL(page.url()).pathname.startsWith(BASE), page.url());
  assert.match(new URL(page.url()).hash, /^#doc=/);
});
