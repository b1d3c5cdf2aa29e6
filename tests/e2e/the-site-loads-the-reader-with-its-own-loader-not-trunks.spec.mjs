// Issue 16: build-index handles Trunk's output by element and owns the
// loader. Checked on the real output of the pinned Trunk, which the test
// run builds (dist/ by scripts/build-site.sh), and on the site made from it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SITE_DIR, useSite } from './support/harness.mjs';

const site = useSite();

/** The inline module scripts of a page, with their attributes, in the browser's own parser. */
async function moduleScripts(page, html) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    return [...doc.querySelectorAll('script[type="module"]:not([src])')].map((s) => ({
      glue: s.dataset.glue ?? null,
      wasm: s.dataset.wasm ?? null,
      text: s.textContent,
    }));
  }, html);
}

test("Trunk's loader is replaced by the reader's own, which names files that exist", async () => {
  const distIndex = path.join(ROOT, 'dist', 'index.html');
  assert.ok(fs.existsSync(distIndex), 'the test run built the reader with Trunk (dist/index.html)');
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(site.url);

  const trunk = await moduleScripts(page, fs.readFileSync(distIndex, 'utf8'));
  assert.equal(trunk.length, 1, "Trunk's output has one inline loader");
  assert.match(trunk[0].text, /init\(/, "it is Trunk's (it calls the glue's init)");

  const built = fs.readFileSync(path.join(SITE_DIR, 'index.html'), 'utf8');
  const ours = await moduleScripts(page, built);
  assert.equal(ours.length, 1, 'the site has exactly one inline module script');
  assert.ok(ours[0].glue && ours[0].wasm, 'it names the glue and the wasm');
  for (const file of [ours[0].glue, ours[0].wasm]) {
    assert.ok(fs.existsSync(path.join(SITE_DIR, file)), `${file} is in the site`);
  }
  assert.doesNotMatch(built, /<link[^>]+rel="preload"[^>]+\.wasm/, 'no preload of the wasm');

  // And it starts the reader.
  await page.locator('html[data-app] input#search').waitFor();
});
