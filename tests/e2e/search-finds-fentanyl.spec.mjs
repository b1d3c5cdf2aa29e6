// Issue 2's vertical slice: the release build, served statically, loads the
// index of the seeds and finds documents as the visitor types.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('typing "fentanyl" shows matching documents with their titles', async () => {
  const page = await site.openPage();
  const box = page.locator('input#search');
  assert.equal(await box.count(), 1, 'the reader has a search box');

  await box.pressSequentially('fentanyl');

  const results = page.locator('#results .result');
  await results.first().waitFor();
  const titles = (await page.locator('#results .result .result-title').allTextContents()).map((t) => t.trim());
  assert.ok(titles.length >= 1, 'at least one result has a title link');
  assert.ok(
    titles.every((t) => t.length > 0),
    `every result title has text, got ${JSON.stringify(titles)}`,
  );
  const count = (await page.locator('#result-count').textContent()).trim();
  assert.match(count, /\d/, `the live region states how many results, got "${count}"`);
});
