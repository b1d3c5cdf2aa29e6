// Issue 15, item 2: "Cite" opens one menu. A text citation in a chosen
// style (plain, APA-like, Chicago-like) and BibTeX, RIS and CSL-JSON records
// are each copied on their own; all carry the permalink (the passage's when
// one is marked), dates as words or parts, never internal file names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

async function openCite(hash) {
  const page = await site.openPage(hash, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.locator('#results .result').first().click();
  const title = (await page.locator('h1.doc-title').textContent()).trim();
  await page.locator('button.cite').click();
  await page.locator('#cite-panel').waitFor();
  return { page, title };
}

test('the cite menu copies a chosen style, BibTeX, RIS and CSL-JSON with a permalink', async () => {
  const { page, title } = await openCite('#q=blinken');
  const shown = page.locator('#cite-panel .cite-plain');
  const plain = (await shown.textContent()).trim();
  assert.ok(plain.includes(title.replace(/\.$/, '')), plain);
  assert.doesNotMatch(plain, /\d{4}-\d{2}-\d{2}/, 'dates are printed as words');
  assert.doesNotMatch(plain, /\.(txt|md|html)\b|lines \d/, 'no internal file names');
  // The seeds set no public_url and the test server is local: the menu says
  // the link is this copy's own.
  assert.match(await page.locator('#cite-panel .cite-note').textContent(), /public_url.*only on this computer/);

  await page.locator('#cite-style').selectOption('apa');
  await page.waitForFunction((before) => document.querySelector('#cite-panel .cite-plain').textContent.trim() !== before, plain);
  const apa = (await shown.textContent()).trim();
  assert.match(apa, /\((\d{4}|n\.d\.)(, [A-Z][a-z]+( \d{1,2})?)?\)\./, apa);
  await page.locator('button.cite-copy').click();
  await page.waitForFunction(() => /Citation copied/.test(document.querySelector('.cite-status').textContent));
  assert.equal(await clipboard(page), apa);

  await page.locator('button.cite-bibtex-copy').click();
  await page.waitForFunction(() => /BibTeX copied/.test(document.querySelector('.cite-status').textContent));
  const bib = await clipboard(page);
  assert.match(bib, /^@misc\{[a-z0-9]+,\n/, bib);
  assert.match(bib, /\n {2}url = \{https?:\/\/\S+#doc=[^}\s]+\}/, bib);
  assert.match(bib, /\n {2}author = \{/, 'speakers or the publisher as author');
  assert.doesNotMatch(bib, /howpublished = \{\\url|\.txt|lines \d/, bib);
  assert.equal((await page.locator('pre.cite-record').textContent()), bib, 'what was copied is shown');

  await page.locator('button.cite-ris-copy').click();
  await page.waitForFunction(() => /RIS copied/.test(document.querySelector('.cite-status').textContent));
  const ris = await clipboard(page);
  assert.match(ris, /^TY {2}- [A-Z]+\r\n/);
  assert.match(ris, /\r\nTI {2}- .+\r\n/);
  assert.match(ris, /\r\nUR {2}- https?:\/\/\S+#doc=\S+\r\n/);
  assert.match(ris, /\r\nER {2}- \r\n$/);

  await page.locator('button.cite-csl-copy').click();
  await page.waitForFunction(() => /CSL-JSON copied/.test(document.querySelector('.cite-status').textContent));
  const [item] = JSON.parse(await clipboard(page));
  assert.equal(item.title, title.replace(/\.$/, ''));
  assert.match(item.URL, /#doc=/);
  assert.ok(Array.isArray(item.accessed['date-parts'][0]), 'accessed as date parts');
  assert.ok(!item.URL.includes('q='), 'the permalink names the document, not the search');

  // The permalink in the citation reopens the document.
  const other = await site.openPage(item.URL.slice(item.URL.indexOf('#')));
  await other.locator('h1.doc-title').waitFor();
  assert.equal((await other.locator('h1.doc-title').textContent()).trim(), title);

  // Escape closes the menu and gives the focus back to its button.
  await page.locator('#cite-style').focus();
  await page.keyboard.press('Escape');
  await page.locator('#cite-panel').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cite-toggle');
  assert.equal(await page.locator('article#reader').count(), 1, 'the document stays open');
});

test('with a passage marked, the citation points at the passage unless unticked', async () => {
  const page = await site.openPage('#q=blinken', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.locator('#results .result').first().click();
  await page.locator('h1.doc-title').waitFor();
  await page.locator('.doc-body .permalink').nth(2).click();
  await page.waitForFunction(() => /[&#]p=\d+/.test(location.hash));
  await page.locator('button.cite').click();
  const box = page.locator('.cite-passage input[type=checkbox]');
  assert.ok(await box.isChecked());
  assert.match(await page.locator('.cite-plain').textContent(), /#doc=\S+&p=\d+/);
  await box.uncheck();
  await page.waitForFunction(() => !/&p=\d+/.test(document.querySelector('.cite-plain').textContent));
  assert.match(await page.locator('.cite-plain').textContent(), /#doc=\S+/);
});

test('the reading view shows provenance: file and lines', async () => {
  const page = await site.openPage('#q=blinken');
  await page.locator('#results .result').first().click();
  const prov = (await page.locator('.provenance').textContent()).trim();
  assert.match(prov, /^From \S+\.(txt|md|html|jsonl), lines \d+–\d+$/);
});
