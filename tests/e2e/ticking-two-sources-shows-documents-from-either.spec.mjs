// Several values of one facet combine with OR; counts are disjunctive, so
// ticking one source leaves the other sources' counts in place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

async function resultCount(page) {
  const text = (await page.locator('#result-count').textContent()).trim();
  const n = text.match(/(\d+)/);
  return n ? Number(n[1]) : 0;
}

test('ticking two sources ORs them and shows both as chips', async () => {
  const page = await site.openPage();
  await page.locator('#results .result').first().waitFor();
  const sources = page.locator('fieldset.facet[data-facet="source"] input[type=checkbox]');
  // The filter column fills a few sections per frame after the results.
  await sources.first().waitFor();
  assert.ok((await sources.count()) >= 2, 'the seeds have at least two sources');
  const [a, b] = [sources.nth(0), sources.nth(1)];
  const [va, vb] = [await a.getAttribute('value'), await b.getAttribute('value')];
  const countOf = async (v) =>
    Number(
      await page
        .locator(`fieldset.facet[data-facet="source"] li:has(input[value="${v}"]) .count`)
        .textContent(),
    );
  const [ca, cb] = [await countOf(va), await countOf(vb)];

  await a.check();
  await page.waitForFunction((n) => document.querySelectorAll('#results .result').length === n, ca);
  assert.equal(await resultCount(page), ca);
  assert.equal(await countOf(vb), cb, 'the other source keeps its count (disjunctive facets)');

  await page.locator(`fieldset.facet[data-facet="source"] input[value="${vb}"]`).check();
  await page.waitForFunction((n) => document.querySelectorAll('#results .result').length === n, ca + cb);
  assert.equal(await resultCount(page), ca + cb);
  const metas = await page.locator('#results .result .result-meta').allTextContents();
  assert.ok(metas.every((m) => m.includes(va) || m.includes(vb)), `every result is from ${va} or ${vb}`);

  const chips = await page.locator('.active-filters .chip').allTextContents();
  assert.equal(chips.length, 2);
  assert.ok(chips.some((c) => c.includes(va)) && chips.some((c) => c.includes(vb)));
  const hash = decodeURIComponent(new URL(page.url()).hash.replace(/\+/g, ' '));
  assert.ok(hash.includes(`source=${va}`) && hash.includes(`source=${vb}`), hash);
});

test('removing a chip drops one filter, "clear all" drops every filter', async () => {
  const page = await site.openPage();
  await page.locator('#results .result').first().waitFor();
  const all = await resultCount(page);
  const sources = page.locator('fieldset.facet[data-facet="source"] input[type=checkbox]');
  await sources.nth(0).check();
  await sources.nth(1).check();
  await page.locator('.active-filters .chip').nth(1).waitFor();
  await page.locator('.active-filters .chip button').first().click();
  await page.waitForFunction(() => document.querySelectorAll('.active-filters .chip').length === 1);
  assert.equal(await sources.nth(0).isChecked(), false);
  assert.equal(await sources.nth(1).isChecked(), true);
  await page.locator('button.clear-all').click();
  await page.locator('.active-filters').waitFor({ state: 'detached' });
  await page.waitForFunction((n) => /\d+/.test(document.querySelector('#result-count').textContent) &&
    Number(document.querySelector('#result-count').textContent.match(/\d+/)[0]) === n, all);
});
