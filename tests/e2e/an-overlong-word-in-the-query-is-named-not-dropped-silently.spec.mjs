// Issue 15, item 8: a word longer than the longest term the index keeps
// (64 characters) used to vanish from the query without a word. The search
// still runs on the other words, and the page now says one was left out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('typing an 80-character word beside a real one notes that it was left out', async () => {
  const page = await site.openPage('');
  const box = page.locator('input#search');
  await box.waitFor();
  await box.fill(`fentanyl ${'supercalifragilistic'.repeat(4)} `);
  const note = page.locator('.result-note');
  await note.waitFor({ timeout: 8000 });
  assert.match(await note.textContent(), /A word longer than 64 characters was left out of the search/);
  assert.ok((await page.locator('#results .result').count()) > 0, 'the other word still finds documents');
  await box.fill('fentanyl ');
  await page.waitForFunction(() => !document.querySelector('.result-note'));
});
