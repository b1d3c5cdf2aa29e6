// In the reading view every match of the query is highlighted; the match
// navigator counts them and walks them with its buttons and n / N.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

async function openFirstResult(page) {
  await page.locator('#results .result').first().click();
  await page.locator('article#reader mark.hit').first().waitFor();
}

test('"1 of N", next/previous buttons and n/N keys move the current highlight', async () => {
  const page = await site.openPage('#q=border');
  await openFirstResult(page);
  const marks = page.locator('article#reader mark.hit');
  const total = await marks.count();
  assert.ok(total >= 3, `several matches to walk, got ${total}`);
  const count = page.locator('.match-nav .match-count');
  assert.equal((await count.textContent()).trim(), `1 of ${total}`);
  assert.equal(await page.locator('mark.hit.current').getAttribute('id'), 'hit-0');

  await page.locator('.match-nav button.match-next').click();
  assert.equal((await count.textContent()).trim(), `2 of ${total}`);
  await page.keyboard.press('n');
  assert.equal((await count.textContent()).trim(), `3 of ${total}`);
  assert.equal(await page.locator('mark.hit.current').getAttribute('id'), 'hit-2');
  await page.keyboard.press('Shift+N');
  assert.equal((await count.textContent()).trim(), `2 of ${total}`);
  await page.locator('.match-nav button.match-prev').click();
  await page.locator('.match-nav button.match-prev').click();
  assert.equal((await count.textContent()).trim(), `${total} of ${total}`, 'wraps around');

  const current = await page.locator('mark.hit.current').boundingBox();
  const vh = page.viewportSize().height;
  assert.ok(current.y > 0 && current.y < vh, 'the current match is scrolled into view');
  assert.equal(await page.locator('mark.hit.current').count(), 1);
});

test('typing n in the search box types, it does not jump', async () => {
  const page = await site.openPage('#q=border');
  await openFirstResult(page);
  await page.locator('input#search').focus();
  await page.keyboard.press('End');
  await page.keyboard.type('n');
  assert.equal(await page.locator('input#search').inputValue(), 'bordern');
});

test('highlights are text, never HTML from the corpus', async () => {
  const page = await site.openPage('#q=border');
  await openFirstResult(page);
  const foreign = await page.evaluate(() =>
    [...document.querySelectorAll('#reader .doc-body *')]
      .map((e) => e.tagName.toLowerCase())
      .filter((t) => !['p', 'mark', 'a', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'span', 'div', 'button'].includes(t)),
  );
  assert.deepEqual(foreign, []);
});
