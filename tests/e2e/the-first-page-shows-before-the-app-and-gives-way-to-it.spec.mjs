// index.html carries the collection's first page (build-index renders the
// app's own first render into it): the plain address shows real result
// cards before the reader's wasm has arrived, the app then adopts those
// very nodes (hydration) and fills them with its own results, and what the
// visitor typed meanwhile becomes the query. An address that names a view
// shows the loading panel instead, never the wrong page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForReader } from './support/harness.mjs';

const site = useSite();

/** A page whose reader wasm is held back until `release()` is called. */
async function heldPage(target = '') {
  const context = await site.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${site.url}${target}`);
  return { page, release };
}

test('the plain address shows the first page before the app runs, then the app\'s own', async () => {
  const { page, release } = await heldPage();
  const first = page.locator('.first-page .result');
  await first.first().waitFor();
  const titles = await first.locator('.result-title').allTextContents();
  assert.ok(titles.length > 0 && titles.every((t) => t.trim() !== ''), 'cards have titles');
  assert.match(await page.locator('.first-page .result-count').textContent(), /^All \d+ documents?$/);
  assert.equal(await page.locator('.loading').isVisible(), false, 'no loading panel under the cards');
  assert.equal(await page.locator('html[data-app]').count(), 0, 'the app is not running yet');

  release();
  await waitForReader(page);
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.locator('.first-page').count(), 0, 'the first page gave way');
  // Same documents, same order: the app's browse page is the one build-index drew.
  const appTitles = await page.locator('#results .result .result-title').allTextContents();
  assert.deepEqual(appTitles.slice(0, titles.length), titles);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
});

test('the app adopts the first page\'s nodes instead of drawing them again', async () => {
  const { page, release } = await heldPage();
  await page.locator('.first-page .result').first().waitFor();
  // References to nodes of index.html as served, kept across the take-over.
  await page.evaluate(() => {
    window.__before = {
      box: document.querySelector('input#search'),
      header: document.querySelector('header.site-header'),
      list: document.querySelector('.results'),
      cards: [...document.querySelectorAll('.results .result')],
    };
  });
  release();
  await waitForReader(page);
  await page.locator('html[data-app]').waitFor({ state: 'attached' });
  const kept = await page.evaluate(() => {
    const b = window.__before;
    const cards = [...document.querySelectorAll('#results .result')];
    return {
      box: b.box.isConnected && b.box === document.querySelector('input#search'),
      header: b.header.isConnected && b.header === document.querySelector('header.site-header'),
      list: b.list.isConnected && b.list === document.querySelector('#results'),
      cards: b.cards.length > 0 && b.cards.every((c, i) => c.isConnected && c === cards[i]),
      firstPage: document.querySelectorAll('.first-page').length,
      // The app's own results: the filter column is the app's, not empty.
      boxWired: document.querySelector('input#search').getAttribute('aria-expanded'),
    };
  });
  assert.deepEqual(kept, { box: true, header: true, list: true, cards: true, firstPage: 0, boxWired: 'true' });
  // And they work: a key on the adopted box walks the adopted cards.
  await page.locator('input#search').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.querySelector('.results .result') === window.__before.cards[0]
    && window.__before.cards[0].getAttribute('aria-selected')), 'true');
});

test('a page rendered by another version, or rewritten on its way, is drawn again, not adopted', async () => {
  const rewrites = {
    // index.html as a build-index compiled from other sources would write it.
    'another version': (html) => html.replace(/data-markup="[^"]*"/, 'data-markup="another-version"'),
    // A minifier that drops comments (Yew's component marks among them).
    'comments dropped': (html) => html.replace(/<!--[\s\S]*?-->/g, ''),
    // A host that adds an element to the text (as e-mail obfuscation does).
    'an element added': (html) => html.replace('<span class="result-snippet">', '<span class="result-snippet"><span>x</span>'),
  };
  for (const [what, rewrite] of Object.entries(rewrites)) {
    const context = await site.newContext();
    const page = await context.newPage();
    await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
      const response = await route.fetch();
      const before = await response.text();
      const body = rewrite(before);
      assert.notEqual(body, before, `${what}: the rewrite applies`);
      await route.fulfill({ response, body });
    });
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(/_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(site.url);
    const box = await page.locator('input#search').elementHandle();
    release();
    await waitForReader(page);
    assert.equal(await box.evaluate((el) => el.isConnected), false, `${what}: the app drew its own search box`);
    await page.locator('#results .result').first().waitFor();
    assert.equal(await page.locator('.first-page').count(), 0, what);
    await context.close();
  }
});

test('a first-page card is a working link while the app loads', async () => {
  const { page, release } = await heldPage();
  const card = page.locator('.first-page .result').first();
  const title = (await card.locator('.result-title').textContent()).trim();
  await card.click();
  assert.match(page.url(), /#doc=/);
  release();
  await page.locator('h1.doc-title').waitFor();
  assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
});

test('a card the visitor tabbed to before the app runs keeps the focus', async () => {
  const { page, release } = await heldPage();
  const card = page.locator('.first-page a.result').nth(2);
  await card.focus();
  const id = await card.getAttribute('id');
  release();
  await waitForReader(page);
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.activeElement?.id), id, 'the focus stayed on the card');
  // And the adopted card is the app's: Enter opens it.
  await page.keyboard.press('Enter');
  await page.locator('h1.doc-title').waitFor();
});

test('text typed before the app runs becomes the query', async () => {
  const { page, release } = await heldPage();
  await page.locator('.first-page .result').first().waitFor();
  await page.locator('input#search').pressSequentially('fentanil');
  release();
  await page.waitForFunction(() => document.querySelector('#result-count')?.dataset.query === 'fentanil');
  assert.equal(await page.locator('input#search').inputValue(), 'fentanil');
  await page.locator('#results mark').first().waitFor();
});

test('an address naming a view shows the loading panel, not the first page', async () => {
  const { page, release } = await heldPage('#q=border');
  await page.locator('.loading').waitFor();
  assert.equal(await page.locator('.first-page').isVisible(), false);
  release();
  await page.waitForFunction(() => document.querySelector('#result-count')?.dataset.query === 'border');
});

test('nothing on the page moves while the app takes over and fills the filter column', async () => {
  for (const viewport of [{ width: 1350, height: 940 }, { width: 360, height: 740 }]) {
    const context = await site.newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          const what = e.sources.map((s) => (s.node?.nodeType === 1 ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : '?'));
          window.__shifts.push({ value: e.value, what });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(site.url);
    await waitForReader(page);
    // Every filter section drawn (they fill in a few per frame).
    await page.locator('#facets fieldset[data-facet="topic"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => window.__shifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    // The service worker's "Available offline" note may nudge the header
    // by a hair (about 0.001); anything real is far above this.
    assert.ok(total < 0.01, `layout shift ${total.toFixed(4)} at ${viewport.width} px: ${JSON.stringify(shifts)}`);
  }
});
