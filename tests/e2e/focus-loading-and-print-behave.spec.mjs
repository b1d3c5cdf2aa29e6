// Smaller guarantees: no focus stealing in embed mode, a progress bar while
// a large index downloads, and a print stylesheet for the reading view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('in embed mode the search box does not take focus', async () => {
  const page = await site.openPage('?embed');
  await page.locator('#results .result').first().waitFor();
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'search');
});

test('a slow start-up download shows a progress bar, then the reader', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  // Hold the docmeta file back until the loading state has been seen.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/index\/docmeta-[^/]+\.bin$/, async (route) => {
    await held;
    await route.continue();
  });
  // An address naming a view: the plain address shows the collection's
  // first page from index.html instead of the loading panel (see
  // the-first-page-shows-before-the-app-and-gives-way-to-it.spec.mjs).
  await page.goto(`${site.url}#q=border`);
  const loading = page.locator('.loading');
  await loading.waitFor();
  assert.equal(await loading.locator('progress').count(), 1);
  assert.match(await loading.textContent(), /Loading/);
  release();
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('.loading').count(), 0);
});

test('printing a document hides the chrome and keeps the text', async () => {
  const page = await site.openPage('#q=border');
  await page.locator('#results .result').first().click();
  await page.locator('article#reader mark.hit').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.site-header', '.reader-nav', '.match-nav', 'button.cite']) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is hidden in print`);
  }
  assert.ok(await page.locator('h1.doc-title').isVisible());
  assert.ok(await page.locator('.provenance').isVisible());
  const bg = await page.locator('mark.hit').first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.match(bg, /rgba\(0, 0, 0, 0\)|transparent/);
});
