// "Cite" copies a plain-text citation and a BibTeX entry, both with the
// document's permalink, and shows them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('cite copies plain text and BibTeX with a permalink that opens the document', async () => {
  const page = await site.openPage('#q=blinken', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.locator('#results .result').first().click();
  const title = (await page.locator('h1.doc-title').textContent()).trim();
  await page.locator('button.cite').click();
  await page.locator('.cite-panel .cite-status').waitFor();
  assert.match(await page.locator('.cite-status').textContent(), /copied/i);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(title), 'the citation names the document');
  assert.match(copied, /@misc\{[^,]+,/);
  const url = copied.match(/https?:\/\/\S+#doc=[^\s)}]+/)[0];
  assert.ok(!url.includes('q='), 'the permalink names the document, not the search');

  const other = await site.openPage(url.slice(url.indexOf('#')));
  await other.locator('h1.doc-title').waitFor();
  assert.equal((await other.locator('h1.doc-title').textContent()).trim(), title);
});

test('the reading view shows provenance: file and lines', async () => {
  const page = await site.openPage('#q=blinken');
  await page.locator('#results .result').first().click();
  const prov = (await page.locator('.provenance').textContent()).trim();
  assert.match(prov, /^From \S+\.(txt|md|html|jsonl), lines \d+–\d+$/);
});
