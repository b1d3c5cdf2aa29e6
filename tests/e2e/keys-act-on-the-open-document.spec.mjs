// Issue 15, item 1: after Enter on a result, or on a permalink load, the
// focus stayed in the search box: `n` typed into the query ("asylumn") and
// left the document, and Escape cleared the whole query. An opened
// document now takes the focus, so its keys act on it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('after Enter on a result, n walks the matches and Escape goes back with the query kept', async () => {
  const page = await site.openPage('');
  const box = page.locator('input#search');
  await box.waitFor();
  await box.fill('mexico');
  // The results for the query, not the list shown before it (a typed query
  // fetches after a pause).
  await page.locator('#results[data-query="mexico"] .result').nth(1).waitFor();
  await box.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('article#reader h1.doc-title').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'doc-title');
  const hashBefore = await page.evaluate(() => location.hash);
  await page.keyboard.press('n');
  await page.waitForTimeout(200);
  assert.equal(await box.inputValue(), 'mexico', 'n is not typed into the query');
  assert.equal(await page.locator('article#reader').count(), 1, 'the document stays open');
  assert.equal(await page.evaluate(() => location.hash), hashBefore);
  await page.keyboard.press('Escape');
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('article#reader').count(), 0, 'Escape went back to the results');
  assert.equal(await box.inputValue(), 'mexico', 'and kept the query');
});

test('a permalink load puts the focus on the document, not in the search box', async () => {
  const first = await site.openPage('#q=fentanyl');
  await first.locator('#results .result').first().click();
  await first.locator('h1.doc-title').waitFor();
  const hash = await first.evaluate(() => location.hash);

  const page = await site.openPage(hash);
  await page.locator('h1.doc-title').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'doc-title');
  assert.equal(await focusedId(page), 'doc-title');
  await page.keyboard.press('n');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('input#search').inputValue(), 'fentanyl');
  await page.keyboard.press('Escape');
  await page.locator('#results .result').first().waitFor();
});
