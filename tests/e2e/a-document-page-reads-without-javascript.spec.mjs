// Issue 6: every document has a plain static page that search engines and
// visitors without JavaScript can read, linking into the reader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('with JavaScript disabled, a document page shows its title, metadata, provenance and text', async () => {
  const context = await site.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('doc/', site.url).href);
  const links = page.locator('ul.docs a');
  assert.ok((await links.count()) >= 5, 'the list names every document');
  const listedTitle = (await links.first().textContent()).trim();
  await links.first().click();

  assert.equal((await page.locator('article h1').textContent()).trim(), listedTitle);
  assert.match(await page.locator('.provenance').textContent(), /From .+, lines \d+–\d+/);
  const paragraphs = await page.locator('article .doc-body [id^="p-"]').allTextContents();
  const words = paragraphs.join(' ').split(/\s+/).filter(Boolean).length;
  assert.ok(words >= 20, `the body text is on the page (${words} words)`);
  const reader = page.locator('a', { hasText: 'Open in the searchable reader' });
  assert.match(await reader.getAttribute('href'), /^\.\.\/\.\.\/#doc=/);
  assert.equal(await page.locator('script').count(), 0, 'the page needs no script');

  // What a reference manager reads (Highwire and Dublin Core tags).
  const meta = (name) => page.locator(`head meta[name="${name}"]`).first().getAttribute('content');
  assert.equal(await meta('citation_title'), listedTitle);
  assert.equal(await meta('DC.title'), listedTitle);
  assert.ok((await meta('citation_publisher'))?.trim(), 'a publisher');
  assert.ok((await page.locator('head meta[name="citation_language"]').count()) === 1, 'a language');
});
