// Issue 15, item 3 ("More like this"): a document lists the documents most
// like it, computed when the index is built, each with the reason it is
// related; a click opens one in the reader. Its static page lists them too,
// as links to their own pages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

const REASON = /^Shared (people|places|topics|words): \S/;

test('the reading view lists related documents and a click opens one', async () => {
  const page = await site.openPage('#q=solidarity');
  await page.locator('#results[data-query="solidarity"] .result').first().click();
  const opened = (await page.locator('h1.doc-title').textContent()).trim();

  const section = page.locator('article#reader section.related');
  await section.waitFor();
  const headingId = await section.getAttribute('aria-labelledby');
  assert.equal((await page.locator(`#${headingId}`).textContent()).trim(), 'Related documents');
  const links = section.locator('a.related-title');
  assert.ok((await links.count()) >= 1, 'at least one related document');
  for (const reason of await section.locator('.related-reason').allTextContents()) {
    assert.match(reason.trim(), REASON);
  }

  const target = (await links.first().textContent()).trim();
  assert.notEqual(target, opened, 'a document is not related to itself');
  const before = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('doc');
  await links.first().click();
  await page.waitForFunction((t) => document.querySelector('h1.doc-title')?.textContent.trim() === t, target);
  const after = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('doc');
  assert.ok(after && after !== before, `the hash names the other document (${after})`);
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('q'), 'solidarity', 'the search is kept');
});

test('a static document page lists related documents as links to their pages', async () => {
  const context = await site.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('doc/', site.url).href);
  await page.locator('ul.docs a', { hasText: 'solidarity' }).first().click();
  const section = page.locator('article section.related');
  const heading = page.locator(`#${await section.getAttribute('aria-labelledby')}`);
  assert.equal((await heading.textContent()).trim(), 'Related documents');
  const links = section.locator('a');
  assert.ok((await links.count()) >= 1, 'at least one related document');
  assert.match(await links.first().getAttribute('href'), /^\.\.\/\.\.\/doc\/.+\.html$/);
  assert.match((await section.locator('.reason').first().textContent()).trim(), REASON);

  const target = (await links.first().textContent()).trim();
  await links.first().click();
  assert.equal((await page.locator('article h1').textContent()).trim(), target);
});
