// Issue 15, item 9: embedding set up as the README says but with
// `allowed_origins` empty (or not naming the host) used to do nothing and
// say nothing. The build summary now says so, and the frame's console names
// the host origin it will not talk to and every origin whose message it
// ignored.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useSite, startServer, ROOT } from './support/harness.mjs';
import { buildSite, seedsConfigWithEmbed, tempDir, writeHostPage } from './support/sites.mjs';

const hostDir = tempDir('embed-unlisted-host');
const host = await startServer({ root: hostDir });
const siteDir = path.join(tempDir('embed-unlisted-site'), 'site');
const summary = buildSite({
  corpus: path.join(ROOT, 'seeds'),
  out: siteDir,
  config: seedsConfigWithEmbed({ allowedOrigins: [] }),
});
const site = useSite({ root: siteDir });
after(() => host.close());

test('the build summary notes an [embed] section that lists no origin', () => {
  assert.match(summary, /note: \[embed\] lists no allowed_origins/);
});

test('the frame warns in its console about the host it will not talk to and the message it ignored', async () => {
  writeHostPage(hostDir, { readerUrl: `${site.url}?embed` });
  const context = await site.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`${host.url}host.html`);
  const frame = page.frameLocator('#archive');
  await frame.locator('html[data-app] input#search').waitFor();
  await frame.locator('#result-count').waitFor();
  const origin = new URL(host.url).origin;
  const start = Date.now();
  while (!warnings.some((w) => w.includes(`embedded by ${origin}`))) {
    assert.ok(Date.now() - start < 10_000, `a warning names ${origin}: ${JSON.stringify(warnings)}`);
    await page.waitForTimeout(100);
  }
  assert.ok(warnings.some((w) => w.includes('lists no origin')), JSON.stringify(warnings));

  await page.evaluate(() => window.sendQuery('fentanyl'));
  await page.evaluate(() => window.sendQuery('border'));
  while (!warnings.some((w) => w.includes(`ignored a message from ${origin}`))) {
    assert.ok(Date.now() - start < 15_000, `the ignored message is named: ${JSON.stringify(warnings)}`);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(300);
  assert.equal(warnings.filter((w) => w.includes('ignored a message')).length, 1, 'once per origin, not per message');
  assert.equal(await frame.locator('input#search').inputValue(), '', 'and the message is still ignored');
});
