#!/usr/bin/env node
// Writes the README's screenshots (docs/screenshots/): the search page with
// the query "border" and the reading view of its first result, at 1280 px
// and 360 px, light and dark, from a built site in headless Chromium; then,
// light at both widths, the search tips, the citation menu and the related
// documents of the reading view.
//
//   node scripts/screenshots.mjs [--site site]

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/support/serve.mjs';
import { launchBrowser } from '../tests/e2e/support/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const i = args.indexOf('--site');
const site = path.resolve(root, i >= 0 ? args[i + 1] : 'site');
const out = path.join(root, 'docs/screenshots');

const server = await startServer({ root: site, port: 0 });
const browser = await launchBrowser();
try {
  for (const [width, height] of [[1280, 800], [360, 780]]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${server.url}#q=border`);
      await page.locator('#results .result mark').first().waitFor();
      await page.locator('#facets .facet').first().waitFor({ state: 'attached' });
      // The offline status settles once the service worker has cached the site.
      await page.waitForTimeout(1500);
      await page.screenshot({ path: path.join(out, `search-${width}-${scheme}.png`) });
      await page.locator('#results .result').first().click();
      await page.locator('article#reader mark.hit').first().waitFor();
      // The view opens at the first match; the picture shows the top (title,
      // metadata line, provenance, cite).
      await page.waitForTimeout(300);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(out, `reader-${width}-${scheme}.png`) });
      if (scheme === 'light') await features(page, width);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots written to ${path.relative(root, out)}/`);

async function features(page, width) {
  await page.locator('button.cite').click();
  await page.locator('#cite-panel').waitFor();
  await page.locator('#cite-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, `cite-${width}-light.png`) });
  await page.locator('button.cite').click();
  const related = page.locator('section.related');
  if (await related.count()) {
    await related.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(out, `related-${width}-light.png`) });
  }
  await page.goto(`${server.url}#`);
  await page.locator('#results .result').first().waitFor();
  await page.locator('button#search-help-toggle').click();
  await page.locator('section#search-help').waitFor();
  await page.screenshot({ path: path.join(out, `help-${width}-light.png`) });
}

