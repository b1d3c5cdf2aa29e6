// When nothing matches: a clear message, the closest spelling from the term
// index as a button, and a way to drop the filters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, typeQuery } from './support/harness.mjs';

const site = useSite();

test('a query with no match suggests the closest spelling, which searches it', async () => {
  const page = await site.openPage();
  // Two typos in an 8-letter word: beyond typo tolerance (1 typo up to 8
  // letters), within reach of the spelling suggestion.
  await typeQuery(page, 'fantanil');
  const empty = page.locator('.no-results');
  await empty.waitFor();
  assert.equal((await page.locator('#result-count').textContent()).trim(), 'No results');
  assert.match(await empty.locator('h2').textContent(), /fantanil/);
  const suggestion = empty.locator('button.suggestion');
  await suggestion.waitFor();
  const word = (await suggestion.textContent()).trim();
  assert.ok(word.length > 0 && word !== 'fantanil');
  await suggestion.click();
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('input#search').inputValue(), word);
});

test('filters that leave nothing offer "clear filters"', async () => {
  const page = await site.openPage('#q=blinken&type=roundup');
  const empty = page.locator('.no-results');
  await empty.waitFor();
  await empty.locator('button.clear-filters').click();
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('.active-filters').count(), 0);
  assert.equal(await page.locator('input#search').inputValue(), 'blinken');
});
