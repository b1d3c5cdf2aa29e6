// Issue 6: `?embed&source=...` presets the reader's filters; archive.toml
// `[embed] allow_filter_change` says whether the visitor may drop them.
// Two builds of the seeds differ only in that setting.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite, startServer, typeQuery, ROOT } from './support/harness.mjs';
import { buildSite, seedsConfigWithEmbed, tempDir } from './support/sites.mjs';

const lockedDir = path.join(tempDir('embed-locked'), 'site');
buildSite({ corpus: path.join(ROOT, 'seeds'), out: lockedDir, config: seedsConfigWithEmbed({ allowedOrigins: [], allowFilterChange: false }) });
const freeDir = path.join(tempDir('embed-free'), 'site');
buildSite({ corpus: path.join(ROOT, 'seeds'), out: freeDir, config: seedsConfigWithEmbed({ allowedOrigins: [], allowFilterChange: true }) });
const site = useSite({ root: lockedDir });
const free = await startServer({ root: freeDir });
after(async () => {
  await free.close();
});

/** The source with the fewest documents (so the preset visibly narrows), and the total. */
async function pickSource(page) {
  const boxes = page.locator('#facets fieldset.facet[data-facet="source"] input[type=checkbox]');
  await boxes.first().waitFor({ state: 'attached' });
  const values = await boxes.evaluateAll((els) => els.map((e) => e.value));
  return values.at(-1);
}

const count = async (page) => Number(((await page.locator('#result-count').textContent()).match(/\d+/) ?? ['0'])[0]);

test('a preset source filters an embedded reader, and a locked preset cannot be removed', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('#results .result').first().waitFor();
  const all = await count(page);
  const source = await pickSource(page);

  await page.goto(`${site.url}?embed&source=${encodeURIComponent(source)}`);
  await page.locator('#results .result').first().waitFor();
  const filtered = await count(page);
  assert.ok(filtered > 0 && filtered < all, `the preset narrows ${all} documents to ${filtered}`);
  const box = page.locator(`#facets fieldset.facet[data-facet="source"] input[type=checkbox][value="${source}"]`);
  assert.ok(await box.isChecked(), 'the preset shows as a ticked filter');
  assert.ok(await box.isDisabled(), 'locked: its checkbox cannot be unticked');
  assert.equal(await page.locator('.active-filters .chip button').count(), 0, 'locked: its chip has no remove button');

  // Even a hand-edited hash cannot drop it, and a query keeps it.
  await typeQuery(page, 'the');
  await page.evaluate(() => { location.hash = '#q=the'; });
  await page.waitForTimeout(300);
  assert.ok(await box.isChecked(), 'the locked preset survives a query and a hand-edited hash');
});

test('when the archive allows it, the visitor can drop a preset filter', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(free.url);
  await page.locator('#results .result').first().waitFor();
  const all = await count(page);
  const source = await pickSource(page);
  await page.goto(`${free.url}?embed&source=${encodeURIComponent(source)}`);
  await page.locator('#results .result').first().waitFor();
  assert.ok((await count(page)) < all);
  const box = page.locator(`#facets fieldset.facet[data-facet="source"] input[type=checkbox][value="${source}"]`);
  assert.ok(await box.isChecked());
  await box.uncheck();
  await page.waitForFunction((n) => {
    const text = document.querySelector('#result-count')?.textContent ?? '';
    return Number((text.match(/\d+/) ?? ['0'])[0]) === n;
  }, all);
});
