// From a document: next/previous result walk the result list, and "back to
// results" returns to the same query, filters and scroll position.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('next and previous follow the result order', async () => {
  const page = await site.openPage('#q=mexico');
  await page.locator('#results .result').nth(2).waitFor();
  const titles = (await page.locator('#results .result-title').allTextContents()).map((t) => t.trim());
  await page.locator('#results .result').first().click();
  await page.locator('h1.doc-title').waitFor();
  assert.match(await page.locator('.reader-nav .position').textContent(), /^Result 1 of \d+$/);
  await page.locator('a.next-result').click();
  await page.waitForFunction((t) => document.querySelector('h1.doc-title')?.textContent.trim() === t, titles[1]);
  await page.locator('a.next-result').click();
  await page.waitForFunction((t) => document.querySelector('h1.doc-title')?.textContent.trim() === t, titles[2]);
  await page.locator('a.prev-result').click();
  await page.waitForFunction((t) => document.querySelector('h1.doc-title')?.textContent.trim() === t, titles[1]);
});

test('back to results restores the scroll position of the list', async () => {
  const page = await site.openPage('', { viewport: { width: 1000, height: 500 } });
  await page.locator('#results .result').nth(5).waitFor();
  await page.locator('#results .result').nth(5).scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 100, 'the list is scrolled');
  await page.locator('#results .result').nth(5).click();
  await page.locator('h1.doc-title').waitFor();
  await page.locator('a.back-to-results').click();
  await page.locator('#results .result').first().waitFor();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before);
});

// Issue 15, defect 4: the browser's own Back lost the list's position.
test('the browser Back button restores the scroll position of the list too', async () => {
  const page = await site.openPage('#q=mexico', { viewport: { width: 1000, height: 500 } });
  await page.locator('#results[data-query="mexico"] .result').nth(4).waitFor();
  await page.locator('#results .result').nth(4).scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 100, 'the list is scrolled');
  await page.locator('#results .result').nth(4).click();
  await page.locator('h1.doc-title').waitFor();
  // Read a while: the document scrolls far from where the list was.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(300);
  await page.goBack();
  await page.locator('#results .result').first().waitFor();
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - before) < 5, `scroll ${after}, was ${before}`);
  // And forward again opens the document.
  await page.goForward();
  await page.locator('h1.doc-title').waitFor();
});
