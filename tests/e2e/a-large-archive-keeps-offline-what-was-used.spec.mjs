// Issue 13: an index too large for every visitor to download whole (by
// default over 16 MB; here forced with `[site] offline = "visited"` on the
// seeds) is not precached by the service worker. The worker keeps the
// reader, the start-up files and the chunks that searches used: the page
// says "Partly available offline", and what was searched and read works
// again with the network gone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, typeQuery, ROOT } from './support/harness.mjs';
import { buildSite, tempDir } from './support/sites.mjs';

const work = tempDir('visited');
const out = path.join(work, 'site');
const seedsConfig = fs.readFileSync(path.join(ROOT, 'archive.toml'), 'utf8');
const config = seedsConfig.replace(/^offline = .*$/m, 'offline = "visited"');
assert.notEqual(config, seedsConfig, 'the seeds archive.toml has an offline setting to replace');
buildSite({ corpus: path.join(ROOT, 'seeds'), out, config });
const site = useSite({ root: out, base: '/big/' });

test('the worker precaches no index chunk, keeps those a search used, and says partly offline', async () => {
  const worker = fs.readFileSync(path.join(out, 'sw.js'), 'utf8');
  assert.match(worker, /"index\/manifest\.json"/);
  assert.match(worker, /"index\/docmeta-[0-9a-f]{12}\.bin"/);
  assert.doesNotMatch(worker, /"index\/(terms|postings|docs)-/, 'no chunk in the precache list');

  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('.offline-status', { hasText: 'Partly available offline' }).waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.offline-status').getAttribute('title'), /too large to keep whole/);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Controlled from the start: the chunks this visit uses pass the worker.
  await page.reload();
  await typeQuery(page, 'fentanyl');
  await page.locator('#results[data-query="fentanyl"]').waitFor();
  const first = page.locator('#results .result .result-title').first();
  await first.waitFor();
  const title = (await first.textContent()).trim();
  // The reader's own background loading of a small index settles first.
  await page.waitForLoadState('networkidle');
  const chunks = await page.evaluate(async () => {
    let n = 0;
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) if (/\/index\/(terms|postings|docs)-/.test(req.url)) n++;
    }
    return n;
  });
  assert.ok(chunks > 0, 'the chunks the search used are kept');

  await site.server.close();
  await context.setOffline(true);
  await page.reload();
  await typeQuery(page, 'fentanyl');
  await page.locator('#results[data-query="fentanyl"]').waitFor();
  await page.locator('#results .result .result-title', { hasText: title }).first().click();
  await page.locator('article#reader h1.doc-title').waitFor();
  assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
});
