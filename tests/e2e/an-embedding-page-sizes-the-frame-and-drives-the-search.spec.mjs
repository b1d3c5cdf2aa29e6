// Issue 6: a host page on one loopback port embeds the reader served from
// another (a different origin) with `?embed`. The archive's archive.toml
// lists the host's origin. The reader must not take the host's focus, must
// report its content height and the opened document, must run a query the
// host sends, and its citations must point at the archive's public URL.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite, startServer, ROOT } from './support/harness.mjs';
import { buildSite, seedsConfigWithEmbed, tempDir, writeHostPage } from './support/sites.mjs';

const PUBLIC_URL = 'https://archive.example.org/';
const hostDir = tempDir('embed-host');
const host = await startServer({ root: hostDir });
const siteDir = path.join(tempDir('embed-site'), 'site');
buildSite({
  corpus: path.join(ROOT, 'seeds'),
  out: siteDir,
  config: seedsConfigWithEmbed({ allowedOrigins: [new URL(host.url).origin], publicUrl: PUBLIC_URL }),
});
const site = useSite({ root: siteDir });
after(async () => {
  await host.close();
});

const messagesOfType = (page, type) =>
  page.evaluate((t) => window.messages.filter((m) => m.data && m.data.type === t), type);

test('the embedded reader keeps the host focus, reports its height, runs host queries and reports the opened document', async () => {
  writeHostPage(hostDir, { readerUrl: `${site.url}?embed` });
  const context = await site.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${host.url}host.html`);
  const frame = page.frameLocator('#archive');
  await frame.locator('html[data-app] input#search').waitFor();
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'archive:ready'));

  // Focus stays where the host put it.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'host-input');

  // Height: reported, only on change, and the host applied it.
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'archive:height' && m.data.height > 100));
  const heights = (await messagesOfType(page, 'archive:height')).map((m) => m.data.height);
  for (let i = 1; i < heights.length; i++) assert.notEqual(heights[i], heights[i - 1], 'posted only when it changed');
  const readerOrigin = new URL(site.url).origin;
  assert.ok((await page.evaluate(() => window.messages)).every((m) => m.origin === readerOrigin));
  await assertEventually(async () => {
    const [frameHeight, last] = await page.evaluate(() => [
      Math.round(document.getElementById('archive').getBoundingClientRect().height),
      window.messages.filter((m) => m.data?.type === 'archive:height').at(-1).data.height,
    ]);
    return frameHeight === last;
  }, 'the frame is as tall as the reader last reported');

  // A host query changes the results.
  const countBefore = (await frame.locator('#result-count').textContent()).trim();
  await page.evaluate(() => window.sendQuery('fentanyl'));
  await assertEventually(async () => (await frame.locator('input#search').inputValue()) === 'fentanyl', 'the query reached the search box');
  await assertEventually(
    async () => (await frame.locator('#result-count').textContent()).trim() !== countBefore,
    'the result count changed',
  );
  await frame.locator('#results .result').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'host-input', 'a host query does not move focus');

  // Opening a document is reported with its id and title.
  const first = frame.locator('#results .result .result-title').first();
  const title = (await first.textContent()).trim();
  await first.click();
  await frame.locator('article#reader h1.doc-title').waitFor();
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'archive:open'));
  const opened = (await messagesOfType(page, 'archive:open')).at(-1).data;
  assert.equal(opened.title, title);
  assert.match(opened.id, /\//, 'the id is the document id');

  // A citation made inside the frame points at the archive's public URL.
  await frame.locator('button.cite').click();
  const citation = await frame.locator('.cite-plain').textContent();
  assert.ok(citation.includes(`${PUBLIC_URL}#doc=`), `permalink from public_url: ${citation}`);
  assert.equal(await frame.locator('.cite-note').count(), 0, 'with a public_url, no caveat about the link');
});

async function assertEventually(check, message, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(message);
}
