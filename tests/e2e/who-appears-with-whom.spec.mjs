// Issue 15, item 4: with a person, speaker or place ticked, the filter
// column offers "Who appears with …?": the people, speakers and places of
// the current results found with them, with counts; each name opens the
// documents where both appear.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('ticking a place, then asking who appears with it, lists names with counts that hold', async () => {
  const page = await site.openPage('');
  await page.locator('#results .result').first().waitFor();
  const place = page.locator('fieldset.facet[data-facet="place"] li').first();
  await place.waitFor();
  const name = (await place.locator('.facet-value').textContent()).trim();
  await place.locator('input[type=checkbox]').check();
  await page.waitForFunction(() => /place=/.test(location.hash));
  const ask = page.locator('button.appears-button', { hasText: `Who appears with ${name}?` });
  await ask.click();
  const panel = page.locator('section#appears-with');
  await panel.waitFor();
  assert.match(await panel.locator('h2').textContent(), new RegExp(`Appearing with ${name}`));
  await page.waitForFunction(() => !/Counting/.test(document.querySelector('#appears-with').textContent));
  const entries = panel.locator('.appears-group li a');
  assert.ok((await entries.count()) > 0, 'somebody appears with them');
  const names = await panel.locator('.appears-group li .facet-value').allTextContents();
  assert.ok(!names.includes(name), 'the place itself is not listed');

  // The count beside a name is the number of documents holding both.
  const first = entries.first();
  const count = Number(await first.locator('.count').textContent());
  await first.click();
  await page.waitForFunction(() => /result/.test(document.querySelector('#result-count')?.textContent ?? ''));
  await page.waitForFunction((n) => document.querySelectorAll('#results .result').length === n || /\b(\d+) result/.test(document.querySelector('#result-count').textContent), count);
  const shown = await page.locator('#result-count').textContent();
  assert.match(shown, new RegExp(`\\b${count} (result|document)`), `${count} expected: ${shown}`);
});

test('Escape closes the panel', async () => {
  const page = await site.openPage('#place=Mexico');
  await page.locator('#results .result').first().waitFor();
  await page.locator('button.appears-button').first().click();
  await page.locator('section#appears-with').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'appears-title');
  await page.keyboard.press('Escape');
  await page.locator('section#appears-with').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#results .result').count() > 0, true, 'the results stay');
});

test('from the reading view, a name of the document shows who appears with it across the results', async () => {
  const page = await site.openPage('#q=mexico');
  await page.locator('#results[data-query="mexico"] .result').first().waitFor();
  await page.locator('#results .result').first().click();
  await page.locator('h1.doc-title').waitFor();
  const company = page.locator('details.doc-company');
  await company.locator('summary').click();
  const name = company.locator('button.company-name').first();
  const value = (await name.textContent()).trim();
  await name.click();
  assert.equal(await name.getAttribute('aria-pressed'), 'true');
  const panel = company.locator('section#appears-with');
  await panel.waitFor();
  await page.waitForFunction(() => !/Counting/.test(document.querySelector('#appears-with').textContent));
  assert.match(await panel.locator('h2').textContent(), new RegExp(`Appearing with ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const names = await panel.locator('.appears-group li .facet-value').allTextContents();
  assert.ok(names.length > 0 || /Nobody else/.test(await panel.textContent()));
  // Each link keeps the search: it narrows the results the counts came from.
  if (names.length > 0) {
    const href = await panel.locator('.appears-group li a').first().getAttribute('href');
    assert.match(href, /q=mexico/);
  }
});

test('the next document starts with no name asked about', async () => {
  const page = await site.openPage('#q=mexico');
  await page.locator('#results[data-query="mexico"] .result').first().waitFor();
  await page.locator('#results .result').first().click();
  const title = page.locator('h1.doc-title');
  await title.waitFor();
  const first = (await title.textContent()).trim();
  const company = page.locator('details.doc-company');
  await company.locator('summary').click();
  await company.locator('button.company-name').first().click();
  await company.locator('section#appears-with').waitFor();
  await page.locator('a.next-result').click();
  await page.waitForFunction((t) => document.querySelector('h1.doc-title')?.textContent.trim() !== t, first);
  assert.equal(await page.locator('section#appears-with').count(), 0, 'no panel carried over from the document before');
  assert.equal(await page.locator('button.company-name[aria-pressed="true"]').count(), 0, 'no name pressed');
});
