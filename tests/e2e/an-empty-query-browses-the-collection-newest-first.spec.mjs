// With nothing typed the reader shows the whole collection, newest first,
// and the sort menu reorders any result list by date.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

const dates = (page) =>
  page.locator('#results .result').evaluateAll((lis) =>
    lis.map((li) => li.querySelector('time')?.getAttribute('datetime') ?? null),
  );

function assertSorted(list, newestFirst) {
  const dated = list.filter((d) => d !== null);
  const sorted = [...dated].sort();
  if (newestFirst) sorted.reverse();
  assert.deepEqual(dated, sorted, `dates in order: ${JSON.stringify(list)}`);
  // Undated documents come last.
  const firstNull = list.indexOf(null);
  if (firstNull >= 0) assert.ok(list.slice(firstNull).every((d) => d === null), JSON.stringify(list));
}

test('the empty query lists every document, newest first', async () => {
  const page = await site.openPage();
  await page.locator('#results .result').first().waitFor();
  const count = (await page.locator('#result-count').textContent()).trim();
  const n = Number(count.match(/\d+/)[0]);
  assert.match(count, /^All \d+ documents?$/);
  assert.equal(await page.locator('#results .result').count(), Math.min(n, 20));
  assertSorted(await dates(page), true);
  // The sort menu says what the order is: with no query there is no relevance.
  const sort = page.locator('select#sort');
  assert.equal(await sort.inputValue(), 'newest');
  assert.equal(await sort.locator('option[value="relevance"]').count(), 0);
  await page.locator('input#search').pressSequentially('mexico');
  await page.waitForFunction(() => document.querySelector('#result-count')?.dataset.query === 'mexico');
  assert.equal(await sort.inputValue(), 'relevance');
  await page.locator('input#search').fill('');
  await page.waitForFunction(() => document.querySelector('#result-count')?.dataset.query === '');
  assert.equal(await sort.inputValue(), 'newest');
});

test('sort: newest and oldest reorder by date, relevance comes back', async () => {
  const page = await site.openPage('#q=mexico');
  await page.locator('#results .result').first().waitFor();
  const relevance = await page.locator('#results .result-title').allTextContents();
  await page.locator('select#sort').selectOption('oldest');
  await page.waitForFunction(() => location.hash.includes('sort=oldest'));
  await page.waitForTimeout(100);
  assertSorted(await dates(page), false);
  await page.locator('select#sort').selectOption('newest');
  await page.waitForFunction(() => location.hash.includes('sort=newest'));
  await page.waitForTimeout(100);
  assertSorted(await dates(page), true);
  await page.locator('select#sort').selectOption('relevance');
  await page.waitForFunction(() => !location.hash.includes('sort='));
  await page.waitForTimeout(100);
  assert.deepEqual(await page.locator('#results .result-title').allTextContents(), relevance);
});
