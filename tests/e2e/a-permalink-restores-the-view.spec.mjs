// The hash holds the whole view: opening a shared link restores the query,
// filters, sort, open document and paragraph; back/forward walk the views.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, typeQuery } from './support/harness.mjs';

const site = useSite();

test('a permalink to a paragraph opens the document there, with the search kept', async () => {
  // Find a real document and paragraph through the UI first.
  const first = await site.openPage('#q=fentanyl');
  await first.locator('#results .result').first().click();
  await first.locator('article#reader h1.doc-title').waitFor();
  const id = new URLSearchParams(new URL(first.url()).hash.slice(1)).get('doc');
  assert.ok(id, 'opening a result puts its id in the hash');

  const page = await site.openPage(`#q=fentanyl&sort=newest&doc=${encodeURIComponent(id)}&p=3`);
  await page.locator('article#reader #p-3.target').waitFor();
  assert.equal(await page.locator('h1.doc-title').textContent(), await first.locator('h1.doc-title').textContent());
  assert.equal(await page.locator('input#search').inputValue(), 'fentanyl');
  const box = await page.locator('#p-3').boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && box.y < viewport.height, `paragraph 3 is scrolled into view (y=${box.y})`);

  await page.locator('a.back-to-results').click();
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('select#sort').inputValue(), 'newest');
  assert.equal(await page.locator('input#search').inputValue(), 'fentanyl');
});

test('back and forward move between searches and documents', async () => {
  const page = await site.openPage();
  await typeQuery(page, 'border');
  await page.locator('#results[data-query="border"] .result').first().waitFor();
  await page.locator('fieldset.facet[data-facet="type"] input[type=checkbox]').first().check();
  await page.locator('.active-filters .chip').waitFor();
  await page.locator('#results .result').first().click();
  await page.locator('article#reader').waitFor();

  await page.goBack();
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('.active-filters .chip').count(), 1, 'the filter is back');
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('.active-filters .chip').length === 0);
  assert.equal(await page.locator('input#search').inputValue(), 'border');
  await page.goForward();
  await page.goForward();
  await page.locator('article#reader h1.doc-title').waitFor();
});

test('an unknown document id says so instead of showing nothing', async () => {
  const page = await site.openPage('#doc=no-such%2Fdocument');
  const alert = page.locator('[role=alert].load-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /not in the archive/);
});
