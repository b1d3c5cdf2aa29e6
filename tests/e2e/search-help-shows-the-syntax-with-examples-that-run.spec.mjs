// Issue 15, item 6: the query language was invisible on the page. A "?"
// beside the box (or the ? key) opens the search tips; every example is
// chosen from this archive at build time and finds something when clicked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('the search tips list the syntax and each example runs with results', async () => {
  const page = await site.openPage('');
  await page.locator('#results .result').first().waitFor();
  const toggle = page.locator('button#search-help-toggle');
  await toggle.click();
  const help = page.locator('section#search-help');
  await help.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const examples = await help.locator('a.help-example').allTextContents();
  assert.ok(examples.length >= 8, `examples: ${examples}`);
  for (const syntax of [/^"[^"]+"$/, / -\S/, / OR /, /^[a-z]+:/, /^(year|after):/]) {
    assert.ok(examples.some((e) => syntax.test(e)), `an example of ${syntax}: ${examples}`);
  }
  for (const [i, example] of examples.entries()) {
    if (!(await help.isVisible())) await toggle.click();
    await help.locator('a.help-example').nth(i).click();
    await page.waitForFunction((q) => document.querySelector('#result-count')?.dataset.query === q, example);
    const count = await page.locator('#result-count').textContent();
    assert.doesNotMatch(count, /^No /, `${example} finds something: ${count}`);
    assert.equal(await page.locator('input#search').inputValue(), example);
    assert.equal(await help.count(), 0, 'running an example closes the tips');
  }
});

test('? opens the tips from the page, Escape closes them and returns the focus', async () => {
  const page = await site.openPage('');
  await page.locator('#results .result').first().waitFor();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('?');
  await page.locator('section#search-help').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'search-help-title');
  await page.keyboard.press('Escape');
  await page.locator('section#search-help').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-help-toggle');
  // Typed into the box, ? is a character of the query.
  await page.locator('input#search').fill('');
  await page.locator('input#search').press('?');
  assert.equal(await page.locator('section#search-help').count(), 0);
});
