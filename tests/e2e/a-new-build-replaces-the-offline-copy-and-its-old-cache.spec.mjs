// Issue 6: the service worker's cache is versioned by the content hashes of
// the build. Publishing a new build (here: another corpus into the same
// folder) installs a new worker, which serves the new archive and deletes
// the previous version's cache.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite, typeQuery, ROOT } from './support/harness.mjs';
import { buildSite, tempDir } from './support/sites.mjs';

const siteDir = path.join(tempDir('sw-update'), 'site');
buildSite({ corpus: path.join(ROOT, 'seeds'), out: siteDir, config: '' });
const site = useSite({ root: siteDir });

const versionCaches = (page) =>
  page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('archive:') && !k.endsWith(':pages')));

test('after a rebuild, the next visit serves the new archive and drops the old cache', async () => {
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('.offline-status', { hasText: 'Available offline' }).waitFor({ timeout: 30_000 });
  const [first] = await versionCaches(page);
  assert.ok(first, 'the first build has a cache');

  buildSite({ corpus: path.join(ROOT, 'tests/fixtures/anywhere-corpus'), out: siteDir, config: '' });
  await page.reload();
  await page.waitForFunction(
    async (old) => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('archive:') && !k.endsWith(':pages'));
      return keys.length === 1 && keys[0] !== old;
    },
    first,
    { timeout: 30_000, polling: 200 },
  );
  await page.reload();
  await page.locator('html[data-app] input#search').waitFor();
  await typeQuery(page, 'paraffin');
  await page.locator('#results[data-query="paraffin"] .result').first().waitFor();
  const titles = await page.locator('#results .result .result-title').allTextContents();
  assert.ok(titles.some((t) => t.includes('lens carriage')), `the new corpus is served: ${titles}`);
});
