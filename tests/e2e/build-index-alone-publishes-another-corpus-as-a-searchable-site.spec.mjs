// Issue 6: an archive owner with nothing but the build-index binary (the
// reader app compiled in) publishes a folder of their own documents. The
// binary is copied to an empty folder and run there with PATH=/usr/bin:/bin
// and HOME pointing at that folder, so no cargo, rustc, trunk, node or
// wasm-bindgen can be found (wasm-opt comes from npm and lives in node_modules); the corpus is not the seeds. The site it
// writes is then served and searched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, typeQuery, ROOT } from './support/harness.mjs';
import { BUILD_INDEX, buildSite, tempDir } from './support/sites.mjs';

const workDir = tempDir('owner');
const binary = path.join(workDir, 'build-index');
fs.copyFileSync(BUILD_INDEX, binary);
fs.chmodSync(binary, 0o755);
const corpus = path.join(workDir, 'my-documents');
fs.cpSync(path.join(ROOT, 'tests/fixtures/anywhere-corpus'), corpus, { recursive: true });
const bareEnv = { PATH: '/usr/bin:/bin', HOME: workDir, LANG: 'C.UTF-8' };
const toolsVisible = ['cargo', 'rustc', 'rustup', 'trunk', 'wasm-bindgen', 'wasm-opt'].filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { env: bareEnv }).status === 0,
);
const output = buildSite({
  corpus: 'my-documents',
  out: 'published',
  bundled: true,
  binary,
  env: bareEnv,
  cwd: workDir,
});
const siteDir = path.join(workDir, 'published');
if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
  throw new Error(
    `${BUILD_INDEX} has no reader app compiled in, so it wrote only the index and pages ` +
      `(it said: ${output.trim()}). Build it with --features bundled-app, as scripts/build-site.sh does.`,
  );
}
const site = useSite({ root: siteDir });

test('the copied binary, with no toolchain on PATH, publishes a site from its own app that finds words of that corpus', async () => {
  assert.deepEqual(toolsVisible, [], 'no Rust or wasm tool is reachable from the bare environment');
  for (const file of ['index.html', 'index/manifest.json', 'sw.js', 'offline.html', '_headers', 'sitemap.xml']) {
    assert.ok(fs.existsSync(path.join(siteDir, file)), `${file} was written (build-index said: ${output.trim()})`);
  }
  const sitemap = fs.readFileSync(path.join(siteDir, 'sitemap.xml'), 'utf8');
  assert.match(sitemap, /https:\/\/example\.org\/harbour-light\/doc\/1931-fog-signal\//, 'the sitemap uses public_url');

  const page = await site.openPage();
  await typeQuery(page, 'paraffin');
  await page.locator('#results[data-query="paraffin"] .result').first().waitFor();
  const titles = (await page.locator('#results .result .result-title').allTextContents()).map((t) => t.trim());
  assert.ok(titles.includes('Repairs to the lens carriage'), `found in this corpus: ${JSON.stringify(titles)}`);
  assert.ok(titles.includes('The relief boat was delayed'), `found in this corpus: ${JSON.stringify(titles)}`);

  await typeQuery(page, 'fentanyl');
  await page.locator('.no-results').waitFor();
});
