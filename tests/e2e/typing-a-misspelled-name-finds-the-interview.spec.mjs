// Typo tolerance reaches the visitor: a name typed with a wrong letter still
// finds the interview, with the name highlighted in its card.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, typeQuery } from './support/harness.mjs';

const site = useSite();

test('typing "Blinkin" finds the interview with Antony J. Blinken', async () => {
  const page = await site.openPage();
  await typeQuery(page, 'Blinkin');
  await page.locator('#results[data-query="Blinkin"] .result').first().waitFor();
  const first = page.locator('#results .result').first();
  assert.match(await first.locator('.result-title').textContent(), /Blinken/);
  assert.match(await first.locator('.result-meta').textContent(), /interview/i);
  const marks = await first.locator('mark').allTextContents();
  assert.ok(marks.some((m) => /blinken/i.test(m)), `the corrected name is highlighted, got ${JSON.stringify(marks)}`);
  assert.match(await page.locator('#result-count').textContent(), /^\d+ results?$/);
});

test('the misspelled query keeps the typed text in the box and the URL', async () => {
  const page = await site.openPage();
  await typeQuery(page, 'Dominguz');
  await page.locator('#results[data-query="Dominguz"] .result').first().waitFor();
  assert.match(await page.locator('#results .result .result-title').first().textContent(), /Dominguez/);
  // The URL follows once typing pauses.
  await page.waitForFunction(() => location.hash === '#q=Dominguz');
});
