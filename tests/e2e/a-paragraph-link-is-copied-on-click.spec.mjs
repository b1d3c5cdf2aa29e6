// Issue 15, item 8: the ¶ beside a paragraph had no way to copy its link.
// A click now marks the paragraph in the address (as before) and copies the
// paragraph's full link, and says so; the copied link opens that paragraph.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('clicking a paragraph ¶ copies a link that reopens that paragraph', async () => {
  const page = await site.openPage('#q=blinken', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.locator('#results .result').first().click();
  await page.locator('h1.doc-title').waitFor();
  const mark = page.locator('.doc-body .permalink').nth(2);
  const label = await mark.getAttribute('aria-label');
  const n = Number(label.match(/\d+/)[0]);
  await mark.click();
  const toast = page.locator('.copied-toast');
  await page.waitForFunction(() => /copied/.test(document.querySelector('.copied-toast')?.textContent ?? ''));
  assert.equal((await toast.textContent()).trim(), `Link to paragraph ${n} copied.`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^https?:\/\/\S+#doc=\S+&p=\d+$/, copied);
  assert.ok(!copied.includes('q='), 'a permalink names the text, not the search');
  const p = Number(new URLSearchParams(copied.split('#')[1]).get('p'));

  const other = await site.openPage(copied.slice(copied.indexOf('#')));
  await other.locator(`#p-${p}.target`).waitFor();
});
