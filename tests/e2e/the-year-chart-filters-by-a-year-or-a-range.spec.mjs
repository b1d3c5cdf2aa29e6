// The year facet is a bar chart: a click picks one year, a drag across bars
// picks a range, a second click on the only chosen year clears it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const hashParams = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

test('clicking a bar shows only that year; clicking it again clears', async () => {
  const page = await site.openPage();
  await page.locator('#results .result').first().waitFor();
  const bar = page.locator('.year-chart g.year-bar:not(.empty)').last();
  const year = await bar.getAttribute('data-year');
  await bar.click();
  await page.waitForFunction((y) => location.hash.includes(`from=${y}`), year);
  assert.equal(hashParams(page).get('to'), year);
  await page.waitForFunction(() => document.querySelector('#results .result') !== null);
  const dates = await page.locator('#results .result time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.ok(dates.length > 0 && dates.every((d) => d.startsWith(year)), JSON.stringify(dates));
  assert.match(await page.locator('.active-filters .chip').textContent(), new RegExp(`Year: ${year}`));
  await page.locator(`.year-chart g.year-bar[data-year="${year}"]`).click();
  await page.waitForFunction(() => !location.hash.includes('from='));
});

test('dragging across bars selects the range between them', async () => {
  const page = await site.openPage();
  await page.locator('#results .result').first().waitFor();
  const bars = page.locator('.year-chart g.year-bar');
  // The filter column fills a few sections per frame after the results.
  await bars.first().waitFor();
  const n = await bars.count();
  assert.ok(n >= 3, 'the seeds span several years');
  const a = await bars.nth(0).boundingBox();
  const b = await bars.nth(n - 1).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, a.y + a.height / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  const [from, to] = [await bars.nth(0).getAttribute('data-year'), await bars.nth(n - 1).getAttribute('data-year')];
  await page.waitForFunction(([f, t]) => location.hash.includes(`from=${f}`) && location.hash.includes(`to=${t}`), [from, to]);
  assert.match(await page.locator('.active-filters .chip').textContent(), new RegExp(`${from}–${to}`));
  const selected = await page.locator('.year-chart g.year-bar.selected').count();
  assert.equal(selected, n);
});
