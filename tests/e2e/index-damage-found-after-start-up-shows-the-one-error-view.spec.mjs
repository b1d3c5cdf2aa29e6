// Damage to an index chunk that the reader meets after it has started (the
// warm-up, a search, opening a document) is never read as "nothing
// matches" or as fewer results: every kind of chunk gives the same error
// view, which names the archive and keeps what works without the index
// (the static document pages and index.html's newest documents).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, SITE_DIR, typeQuery } from './support/harness.mjs';

const site = useSite();
const manifest = JSON.parse(fs.readFileSync(path.join(SITE_DIR, 'index/manifest.json'), 'utf8'));
const archiveName = manifest.archive.name;

// Every file of a kind (FORMAT.md: terms-NNN-…, completions-NNN-…, postings-NNN-…, docs-NNN-…).
const CHUNKS = {
  dictionary: 'terms-*',
  completions: 'completions-*',
  postings: 'postings-*',
  documents: 'docs-*',
  ids: manifest.ids,
};

/** Opens `target` with the files matching `glob` served with every seventh byte flipped. */
async function openWithDamaged(glob, target = '') {
  const context = await site.newContext();
  let served = 0;
  await context.route(`**/index/${glob}`, (route) => {
    served += 1;
    const name = new URL(route.request().url()).pathname.split('/').pop();
    const bad = Buffer.from(fs.readFileSync(path.join(SITE_DIR, 'index', name)));
    for (let i = Math.min(16, bad.length - 1); i < bad.length; i += 7) bad[i] ^= 0x5a;
    route.fulfill({ status: 200, body: bad, contentType: 'application/octet-stream' });
  });
  const page = await context.newPage();
  await page.goto(new URL(target, site.url).href);
  return { page, served: () => served };
}

async function assertErrorView(page) {
  const alert = page.locator('[role=alert].load-error');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(await alert.locator('h1').textContent(), /damaged/i);
  assert.ok(text.includes(archiveName), `names the archive: ${text}`);
  assert.equal(await page.locator('a[href="doc/index.html"]').count(), 1, 'links the static pages');
  const newest = page.locator('.load-error-newest a');
  assert.ok((await newest.count()) > 0, "lists index.html's newest documents");
  const href = await newest.first().getAttribute('href');
  const res = await page.request.get(new URL(href, site.url).href);
  assert.equal(res.status(), 200, `${href} works without the index`);
  assert.equal(await page.getByText(/Nothing matches/i).count(), 0);
}

for (const [kind, file] of Object.entries({ dictionary: CHUNKS.dictionary, completions: CHUNKS.completions, postings: CHUNKS.postings, documents: CHUNKS.documents })) {
  test(`a damaged ${kind} chunk met by the warm-up after start-up shows the error view`, async () => {
    const { page } = await openWithDamaged(file);
    // The app starts (manifest and docmeta are fine) ...
    await page.locator('html[data-app] input#search').waitFor();
    // ... and the warm-up meets the damage.
    await assertErrorView(page);
  });
}

test('a damaged dictionary chunk met by a search is an error, not "nothing matches", every time', async () => {
  const { page, served } = await openWithDamaged(CHUNKS.dictionary, '#q=fentanyl');
  await assertErrorView(page);
  // The chunk was not marked loaded: another search asks for it again.
  const before = served();
  await page.goto(new URL('#q=asylum', site.url).href);
  await assertErrorView(page);
  // The new search may wait for a pause in typing before it fetches.
  const deadline = Date.now() + 5000;
  while (served() <= before && Date.now() < deadline) await page.waitForTimeout(50);
  assert.ok(served() > before, `asked again (${before} → ${served()})`);
});

test('a damaged document chunk on a direct document link is damage, not "renamed or removed"', async () => {
  const id = JSON.parse(fs.readFileSync(path.join(SITE_DIR, 'index.html'), 'utf8').match(/<script[^>]*id="first-page"[^>]*>([\s\S]*?)<\/script>/)[1]).cards[0].id;
  const { page } = await openWithDamaged(CHUNKS.documents, `#doc=${encodeURIComponent(id)}`);
  await assertErrorView(page);
  assert.equal(await page.getByText(/renamed or removed/i).count(), 0);
});

test('a damaged id table on a direct document link shows the error view', async () => {
  const { page } = await openWithDamaged(CHUNKS.ids, '#doc=anything%2Fat-all');
  await assertErrorView(page);
});

test('a search with every chunk fine still works after the damage tests', async () => {
  const page = await site.openPage('');
  await typeQuery(page, 'fentanyl');
  assert.equal(await page.locator('[role=alert].load-error').count(), 0);
});
