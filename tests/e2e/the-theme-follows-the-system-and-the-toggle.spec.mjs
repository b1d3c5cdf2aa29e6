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
