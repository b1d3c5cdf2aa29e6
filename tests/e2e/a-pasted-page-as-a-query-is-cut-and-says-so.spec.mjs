// A shared link whose query is a whole pasted page (10,000 characters)
// does not freeze the reader: only the first part is searched, and the
// page says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('a 10,000-character query link answers quickly and notes that it was shortened', async () => {
  const words = 'fentanyl border asylum cartel migration security policy mexico visas trafficking '.repeat(125);
  assert.ok(words.length >= 10_000);
  const page = await site.openPage(`#q=${encodeURIComponent(words)}`);
  const started = Date.now();
  const note = page.locator('.result-note');
  await note.waitFor({ timeout: 8000 });
  assert.match(await note.textContent(), /Only the first 256 characters/);
  assert.ok(Date.now() - started < 8000);
  // The page still answers to typing.
  const box = page.locator('input#search');
  await box.fill('fentanyl');
  await page.waitForFunction(() => document.querySelector('#result-count')?.dataset.query === 'fentanyl');
  assert.equal(await note.count(), 0);
});
