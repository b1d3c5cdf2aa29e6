// From a 360 px phone: nothing overflows sideways, the facets live in a
// drawer, and the reading view stays readable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const overflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('search page: no sideways scroll, facets in a drawer that takes focus, closes with Escape', async () => {
  const page = await site.openPage('#q=border', phone);
  await page.locator('#results .result').first().waitFor();
  assert.equal(await overflow(page), 0, 'no horizontal overflow');
  const facets = page.locator('#facets');
  assert.equal(await facets.isVisible(), false, 'facets are tucked away');
  const toggle = page.locator('button.filters-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  await page.locator('#facets.open').waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('#facets').getBoundingClientRect();
    return r.left >= 0 && r.right <= window.innerWidth;
  });
  await page.waitForFunction(() => document.activeElement?.id === 'facets-close');
  await page.locator('fieldset.facet[data-facet="type"] input[type=checkbox]').first().check();
  await page.locator('.facets-close').click();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#facets')).visibility === 'hidden');
  await page.waitForFunction(() => document.activeElement?.id === 'filters-toggle');
  await toggle.click();
  await page.locator('#facets.open').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#facets').classList.contains('open'));
  assert.equal(await page.locator('.active-filters .chip').count(), 1);
  const box = await page.locator('input#search').boundingBox();
  assert.ok(box.width > 300, `the search box spans the screen (${box.width}px)`);
});

test('reading view: no sideways scroll, text at a readable size', async () => {
  const page = await site.openPage('#q=blinken', phone);
  await page.locator('#results .result').first().click();
  await page.locator('article#reader .doc-body p').first().waitFor();
  assert.equal(await overflow(page), 0, 'no horizontal overflow');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#reader .doc-body p')).fontSize));
  assert.ok(size >= 16, `body text is at least 16px (${size})`);
  const article = await page.locator('article#reader').boundingBox();
  assert.ok(article.width <= 360 && article.width > 320, `the article fills the screen (${article.width})`);
});
