// axe-core (WCAG 2.0–2.2, A and AA) finds nothing on the search page with
// results, with the facet drawer open, on a reading view, in both themes.

import { test } from 'node:test';
import { useSite, checkA11y } from './support/harness.mjs';

const site = useSite();

for (const colorScheme of ['light', 'dark']) {
  test(`search page with results and facets (${colorScheme})`, async () => {
    const page = await site.openPage('#q=border', { colorScheme });
    await page.locator('#results .result').first().waitFor();
    await page.locator('fieldset.facet[data-facet="source"] input[type=checkbox]').first().check();
    await page.locator('.active-filters .chip').waitFor();
    await page.keyboard.press('ArrowDown');
    await checkA11y(page, { label: `search page (${colorScheme})` });
  });

  test(`reading view of a transcript (${colorScheme})`, async () => {
    const page = await site.openPage('#q=mexico', { colorScheme });
    await page.locator('#results .result').first().waitFor();
    await page.locator('fieldset.facet[data-facet="type"] input[value="transcript"]').check();
    await page.locator('#results .result').first().click();
    await page.locator('article#reader .turn').first().waitFor();
    await page.locator('button.cite').click();
    await page.locator('.cite-panel').waitFor();
    await page.locator('button.cite-bibtex-copy').click();
    await page.locator('pre.cite-record').waitFor();
    const company = page.locator('details.doc-company');
    await company.locator('summary').click();
    await company.locator('button.company-name').first().click();
    await page.waitForFunction(() => !/Counting/.test(document.querySelector('#appears-with')?.textContent ?? 'Counting'));
    await checkA11y(page, { label: `reading view (${colorScheme})` });
  });

  test(`search tips and who appears with whom (${colorScheme})`, async () => {
    const page = await site.openPage('#place=Mexico', { colorScheme });
    await page.locator('#results .result').first().waitFor();
    await page.locator('button.appears-button').first().click();
    await page.waitForFunction(() => !/Counting/.test(document.querySelector('#appears-with')?.textContent ?? 'Counting'));
    await page.locator('button#search-help-toggle').click();
    await page.locator('section#search-help').waitFor();
    await checkA11y(page, { label: `search tips (${colorScheme})` });
  });
}

test('facet drawer open on a phone', async () => {
  const page = await site.openPage('#q=border', { viewport: { width: 360, height: 740 } });
  await page.locator('#results .result').first().waitFor();
  await page.locator('button.filters-toggle').click();
  await page.locator('#facets.open').waitFor();
  await page.waitForTimeout(300);
  await checkA11y(page, { label: 'facet drawer' });
});

test('no-results state and browse mode', async () => {
  const page = await site.openPage('#q=zzqxv');
  await page.locator('.no-results').waitFor();
  await checkA11y(page, { label: 'no results' });
  const browse = await site.openPage('');
  await browse.locator('#results .result').first().waitFor();
  await checkA11y(browse, { label: 'browse' });
});
