// Issue 6: the embedded reader acts on host messages only from origins that
// archive.toml lists, and sends its own messages only to them. A page on a
// loopback port that is not listed embeds the reader and asks for a query:
// nothing happens, and it hears nothing back. The same page on a listed
// port (the control) is obeyed, so the silence is not a timing accident.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite, startServer, ROOT } from './support/harness.mjs';
import { buildSite, seedsConfigWithEmbed, tempDir, writeHostPage } from './support/sites.mjs';

const allowedDir = tempDir('embed-allowed');
const strangerDir = tempDir('embed-stranger');
const allowed = await startServer({ root: allowedDir });
const stranger = await startServer({ root: strangerDir });
const siteDir = path.join(tempDir('embed-site'), 'site');
buildSite({
  corpus: path.join(ROOT, 'seeds'),
  out: siteDir,
  config: seedsConfigWithEmbed({ allowedOrigins: [new URL(allowed.url).origin] }),
});
const site = useSite({ root: siteDir });
after(async () => {
  await allowed.close();
  await stranger.close();
});

async function openHost(server, dir) {
  writeHostPage(dir, { readerUrl: `${site.url}?embed` });
  const context = await site.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}host.html`);
  const frame = page.frameLocator('#archive');
  await frame.locator('html[data-app] input#search').waitFor();
  await frame.locator('#result-count').waitFor();
  return { page, frame };
}

test('a query from a page whose origin archive.toml does not list is ignored, and that page hears nothing', async () => {
  const { page, frame } = await openHost(stranger, strangerDir);
  const before = (await frame.locator('#result-count').textContent()).trim();
  await page.evaluate(() => window.sendQuery('fentanyl'));
  await page.waitForTimeout(1500);
  assert.equal(await frame.locator('input#search').inputValue(), '', 'the search box is untouched');
  assert.equal((await frame.locator('#result-count').textContent()).trim(), before, 'the results are unchanged');
  assert.deepEqual(await page.evaluate(() => window.messages), [], 'no message went to the unlisted origin');

  // Control: the listed origin, same page, same reader.
  const control = await openHost(allowed, allowedDir);
  await control.page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'archive:ready'));
  await control.page.evaluate(() => window.sendQuery('fentanyl'));
  const start = Date.now();
  while ((await control.frame.locator('input#search').inputValue()) !== 'fentanyl') {
    assert.ok(Date.now() - start < 10_000, 'the listed origin is obeyed');
    await control.page.waitForTimeout(100);
  }
});
