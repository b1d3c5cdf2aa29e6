// In a transcript the speaker names are set apart and clickable: a click
// filters the results by that speaker.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support/harness.mjs';

const site = useSite();

test('a speaker button filters the results by that speaker', async () => {
  const page = await site.openPage('#type=transcript');
  await page.locator('#results .result').first().click();
  const speaker = page.locator('article#reader .turn button.turn-speaker').first();
  await speaker.waitFor();
  const name = (await speaker.textContent()).trim();
  await speaker.click();
  await page.locator('#results .result').first().waitFor();
  const chip = (await page.locator('.active-filters .chip').allTextContents()).join(' | ');
  assert.match(chip, /Speaker: /);
  const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
  const chosen = params.get('speaker');
  assert.ok(chosen && name.toLowerCase().includes(chosen.split(' ').pop().toLowerCase()), `${chosen} vs ${name}`);
  const checked = page.locator('fieldset.facet[data-facet="speaker"] input:checked');
  assert.equal(await checked.getAttribute('value'), chosen);
});
