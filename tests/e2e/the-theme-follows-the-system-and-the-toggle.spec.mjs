// Light and dark themes: the system setting by default, the toggle
// overrides it and is remembered.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('dark system setting gives the dark theme; the toggle switches and persists', async () => {
  const page = await site.openPage('', { colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  const dark = await background(page);
  const toggle = page.locator('button.theme-toggle');
  assert.match(await toggle.getAttribute('aria-label'), /light/);
  await toggle.click();
  assert.equal(await theme(page), 'light');
  assert.notEqual(await background(page), dark);
  await page.reload();
  await page.locator('input#search').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
});

test('light system setting gives the light theme', async () => {
  const page = await site.openPage('', { colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
});

test('a remembered pick holds from the first paint, before the app runs', async () => {
  const context = await site.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  // Remember "dark" on this origin, then load again with the wasm held
  // back: only index.html's own head script can have applied the pick.
  await page.goto(site.url);
  await page.evaluate(() => localStorage.setItem('archive-theme', 'dark'));
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await page.locator('.first-page .result').first().waitFor();
  assert.equal(await page.locator('html[data-app]').count(), 0, 'the app is not running yet');
  assert.equal(await theme(page), 'dark');
  const early = await background(page);
  release();
  await page.locator('html[data-app]').waitFor({ state: 'attached' });
  assert.equal(await theme(page), 'dark');
  assert.equal(await background(page), early, 'no change of theme when the app takes over');
  assert.match(await page.locator('button.theme-toggle').getAttribute('aria-label'), /light/);
});
