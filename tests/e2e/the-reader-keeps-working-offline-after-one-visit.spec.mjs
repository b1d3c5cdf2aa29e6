// Issue 6: after one visit the service worker has cached the reader and the
// whole index, so with the network gone (browser offline *and* the server
// stopped) a reload still searches and reads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, typeQuery } from './support/harness.mjs';

const site = useSite({ base: '/archive/' });

test('after a first visit, a reload with the network gone still searches and opens a document', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('html[data-app] input#search').waitFor();

  // The visible state, then the worker controlling the page.
  await page.locator('.offline-status', { hasText: 'Available offline' }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    let n = 0;
    for (const name of names) n += (await (await caches.open(name)).keys()).length;
    return { names, n };
  });
  assert.ok(cached.names.some((k) => k.includes('/archive/')), `caches are named by scope: ${cached.names}`);
  assert.ok(cached.n >= 6, `the app and the index are cached (${cached.n} entries)`);

  await site.server.close();
  await context.setOffline(true);
  await page.reload();
  await page.locator('html[data-app] input#search').waitFor();
  await typeQuery(page, 'fentanyl');
  // The list for the query, not the one shown before it (a typed query
  // fetches after a pause): a click on the list being replaced opens
  // another document.
  const first = page.locator('#results[data-query="fentanyl"] .result .result-title').first();
  await first.waitFor();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.locator('article#reader h1.doc-title').waitFor();
  assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
  assert.ok(
    (await page.locator('article#reader').textContent()).length > 200,
    'the document text is there, read from the cache',
  );
});
