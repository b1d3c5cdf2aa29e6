// Issue 15, defect 10, from a 360 px phone: the outline pushed the title
// below the fold; the match counter floated over the text; the year chart
// was 23 tab stops (empty years too); and no skip link led past the header.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('a long document shows its title above the fold, the outline folded, the match bar beside no text', async () => {
  const page = await site.openPage('#q=border', phone);
  // The seeds' plan of action has a table of contents (several headings).
  await page.locator('#results .result', { hasText: 'Plan of Action' }).first().click();
  await page.locator('nav.outline').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  const title = await page.locator('h1.doc-title').boundingBox();
  assert.ok(title.y + 40 < 740, `the title starts at ${title.y}, above the fold`);
  assert.equal(await page.locator('nav.outline details').getAttribute('open'), null, 'the outline is folded');
  await page.locator('nav.outline summary').click();
  await page.locator('nav.outline ol a').first().waitFor({ state: 'visible' });

  // Walking the matches, the bar spans the text column: no line runs beside it.
  await page.locator('.match-nav button').last().click();
  await page.waitForTimeout(300);
  const nav = await page.locator('.match-nav').boundingBox();
  const article = await page.locator('article#reader').boundingBox();
  assert.ok(nav.x <= article.x + 1 && nav.x + nav.width >= article.x + article.width - 1,
    `match bar ${nav.x}..${nav.x + nav.width}, text ${article.x}..${article.x + article.width}`);
});

test('the year chart is one tab stop walked with the arrow keys; empty years are not stops', async () => {
  const page = await site.openPage('#q=border');
  await page.locator('#results .result').first().waitFor();
  const bars = page.locator('.year-chart g.year-bar');
  await bars.first().waitFor();
  const stops = await page.locator('.year-chart [tabindex="0"]').count();
  assert.equal(stops, 1, 'one tab stop');
  const empty = await page.locator('.year-chart g.year-bar.empty[tabindex]').count();
  assert.equal(empty, 0, 'empty years are not focusable');
  await page.locator('.year-chart [tabindex="0"]').focus();
  const first = await page.evaluate(() => document.activeElement.dataset.year);
  await page.keyboard.press('Home');
  const home = await page.evaluate(() => document.activeElement.dataset.year);
  await page.keyboard.press('ArrowRight');
  const next = await page.evaluate(() => document.activeElement.dataset.year);
  assert.ok(Number(next) > Number(home), `${home} → ${next}`);
  assert.ok(first, 'a year had the focus');
  await page.keyboard.press('Enter');
  await page.waitForFunction((y) => location.hash.includes(`from=${y}`), next);
});

test('the first Tab reaches a skip link that goes to the results, or to the open document', async () => {
  const page = await site.openPage('#q=border', phone);
  await page.locator('#results .result').first().waitFor();
  // The search box has the focus; the skip link is the stop before the
  // header's first link, the first of the page.
  await page.locator('a.brand').focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  assert.match(await page.locator('a.skip-link').textContent(), /Skip to the results/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'result-0');
  await page.keyboard.press('Enter');
  await page.locator('h1.doc-title').waitFor();
  assert.match(await page.locator('a.skip-link').textContent(), /Skip to the document/);
});
