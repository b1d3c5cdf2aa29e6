// Issue 6: offline.html is the whole archive in one file. Opened from disk
// (file://) it must search, filter, open a document and restore a permalink
// without a single request: everything it needs is inline (data: URLs are
// not requests; the file itself is the only file:// load).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useSite, typeQuery, SITE_DIR } from './support/harness.mjs';
import { tempDir } from './support/sites.mjs';

const site = useSite();

function copyOfBundle() {
  // A copy in a folder of its own, as after a download: nothing beside it.
  const dir = tempDir('offline-download');
  const file = path.join(dir, 'archive.html');
  fs.copyFileSync(path.join(SITE_DIR, 'offline.html'), file);
  return file;
}

test('opened from a file:// URL, the one-file download searches, filters, reads and restores a permalink with zero requests', async () => {
  const file = copyOfBundle();
  const url = pathToFileURL(file).href;
  const context = await site.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (u.split('#')[0] === url) return;
    requests.push(u);
  });

  await page.goto(url);
  await page.locator('html[data-app] input#search').waitFor();
  await typeQuery(page, 'fentanyl');
  const results = page.locator('#results[data-query="fentanyl"] .result');
  await results.first().waitFor();
  const unfiltered = await results.count();

  const facet = page.locator('#facets fieldset.facet[data-facet="source"] input[type=checkbox]').first();
  await facet.check();
  await page.locator('.active-filters .chip').first().waitFor();
  await results.first().waitFor();
  assert.ok((await results.count()) <= unfiltered, 'a source filter narrows the results');

  const first = page.locator('#results .result .result-title').first();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.locator('article#reader h1.doc-title').waitFor();
  assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
  const permalink = page.url();
  assert.match(new URL(permalink).hash, /doc=/);

  // The permalink restores the reading view in a fresh page.
  const again = await context.newPage();
  again.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && u.split('#')[0] !== url) requests.push(u);
  });
  await again.goto(permalink);
  await again.locator('article#reader h1.doc-title').waitFor();
  assert.equal((await again.locator('h1.doc-title').textContent()).trim(), title);

  assert.deepEqual(requests, [], 'the one-file download made no request');
});

test('the served reader offers the one-file download as a link that downloads', async () => {
  const page = await site.openPage();
  const link = page.locator('a.offline-download');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), 'offline.html');
  assert.match(await link.getAttribute('download'), /\.html$/);
  const size = fs.statSync(path.join(SITE_DIR, 'offline.html')).size;
  console.log(`offline.html: ${(size / 1024).toFixed(0)} KB`);
});
