// Everything works from the keyboard: / and Ctrl+K focus the search box,
// arrow keys move through the results (combobox + listbox), Enter opens
// one, Escape goes back; facets and sort are reachable with Tab.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('the search box has focus on load, and / and Ctrl+K bring it back', async () => {
  const page = await site.openPage();
  assert.equal(await focusedId(page), 'search');
  await page.locator('#results .result').first().waitFor();
  await page.locator('select#sort').focus();
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await focusedId(page), 'search');
  assert.equal(await page.locator('input#search').inputValue(), '', 'the slash is not typed');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+k');
  assert.equal(await focusedId(page), 'search');
});

test('arrow keys walk the results listbox and Enter opens the active one', async () => {
  const page = await site.openPage('#q=mexico');
  await page.locator('#results .result').nth(1).waitFor();
  const box = page.locator('input#search');
  await box.focus();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'result-1');
  assert.equal(await page.locator('#result-1').getAttribute('aria-selected'), 'true');
  const title = (await page.locator('#result-1 .result-title').textContent()).trim();
  await page.keyboard.press('Enter');
  await page.locator('article#reader h1.doc-title').waitFor();
  assert.equal((await page.locator('h1.doc-title').textContent()).trim(), title);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Escape');
  await page.locator('#results .result').first().waitFor();
  assert.equal(await box.inputValue(), 'mexico');
});

test('Tab reaches the sort menu, the facet checkboxes and the theme toggle, with a visible focus ring', async () => {
  const page = await site.openPage('#q=mexico');
  await page.locator('#results .result').first().waitFor();
  const reached = new Set();
  let ringMissing = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      // SVG bars draw their ring as a stroke on their hit area.
      const area = el.querySelector?.('.hit-area');
      const hasRing =
        (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) ||
        cs.boxShadow !== 'none' ||
        (area !== null && area !== undefined && getComputedStyle(area).stroke !== 'none');
      return { sel: el.id || el.getAttribute('class') || el.tagName, type: el.type, hasRing };
    });
    if (info.sel === 'BODY') break;
    reached.add(info.type === 'checkbox' ? 'checkbox' : /^year-(bar|\d)/.test(info.sel) ? 'year-bar' : info.sel);
    if (!info.hasRing && info.sel !== 'search') ringMissing.push(info.sel);
  }
  for (const want of ['sort', 'checkbox', 'year-bar', 'theme-toggle icon-button', 'download-csv small-button']) {
    assert.ok(reached.has(want), `Tab reaches ${want}; reached ${[...reached].join(', ')}`);
  }
  assert.deepEqual(ringMissing, [], 'every focused control shows a focus ring');
});

test('facets work from the keyboard: Space ticks a checkbox, Enter picks a year', async () => {
  const page = await site.openPage();
  await page.locator('#results .result').first().waitFor();
  await page.locator('fieldset.facet[data-facet="type"] input[type=checkbox]').first().focus();
  await page.keyboard.press('Space');
  await page.locator('.active-filters .chip').waitFor();
  const bar = page.locator('.year-chart g.year-bar:not(.empty)').first();
  await bar.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /from=\d{4}/.test(location.hash));
});
