// Issue 16: a document's static page and the reader print the same speaker
// labels and the same date ("8 Oct 2021", with the ISO date in `datetime`),
// for every dated document with speaker turns.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForReader } from './support/harness.mjs';

const site = useSite();

async function staticPages(context) {
  const page = await context.newPage();
  await page.goto(new URL('doc/', site.url).href);
  const hrefs = await page.locator('ul.docs a').evaluateAll((as) => as.map((a) => a.href));
  await page.close();
  return hrefs;
}

/** Rendered text of the element, or '' when the page has none. */
async function textOf(locator) {
  return (await locator.count()) ? (await locator.innerText()).trim() : '';
}

test('static pages and the reader show the same speaker labels and dates', async () => {
  const plain = await site.newContext({ javaScriptEnabled: false });
  const hrefs = await staticPages(plain);
  assert.ok(hrefs.length >= 5, 'the list names every document');
  let compared = 0;
  for (const href of hrefs) {
    const page = await plain.newPage();
    await page.goto(href);
    const time = page.locator('article .doc-meta time');
    const labels = (await page.locator('article .turn-head .turn-label').allTextContents()).map((t) => t.trim());
    const blockIds = await page.locator('article .doc-body [id^="p-"]').evaluateAll((els) => els.map((e) => e.id));
    const facts = await textOf(page.locator('article .doc-facts'));
    const meta = (await page.locator('article .doc-meta').innerText()).trim();
    if ((await time.count()) === 0 || labels.length === 0) {
      await page.close();
      continue;
    }
    const date = { iso: await time.getAttribute('datetime'), shown: (await time.textContent()).trim() };
    assert.match(date.shown, /^(\d{1,2} )?([A-Z][a-z]{2} )?\d{4}$/, `a readable date, not ISO: ${date.shown}`);
    const readerHref = await page.locator('a', { hasText: 'Open in the searchable reader' }).getAttribute('href');
    const target = new URL(readerHref, href).href;
    await page.close();

    const app = await site.newContext();
    const reader = await app.newPage();
    await reader.goto(target);
    await waitForReader(reader);
    await reader.locator('#reader .doc-meta time').waitFor();
    const appTime = reader.locator('#reader .doc-meta time');
    assert.deepEqual(
      { iso: await appTime.getAttribute('datetime'), shown: (await appTime.textContent()).trim() },
      date,
      `${href}: the same date`,
    );
    const appLabels = (await reader.locator('#reader .turn-head .turn-label, #reader .turn-head .turn-speaker').allTextContents()).map((t) => t.trim());
    assert.deepEqual(appLabels, labels, `${href}: the same speaker labels, in the same order`);
    // One body markup: the same blocks, with the same permalink ids.
    const appIds = await reader.locator('#reader .doc-body [id^="p-"]').evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual(appIds, blockIds, `${href}: the same blocks`);
    // One header markup: the same kind, source, date and length, the same facts.
    assert.equal((await reader.locator('#reader .doc-meta').innerText()).trim(), meta, `${href}: the same metadata line`);
    assert.equal(await textOf(reader.locator('#reader .doc-facts')), facts, `${href}: the same facts`);
    await app.close();
    compared += 1;
  }
  assert.ok(compared >= 1, 'at least one dated transcript was compared');
});
