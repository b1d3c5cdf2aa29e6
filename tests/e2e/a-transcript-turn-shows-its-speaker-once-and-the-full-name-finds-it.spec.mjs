// A transcript labels a speaker by title and surname ("ATTORNEY GENERAL
// MCALLISTER") while its text prints the full name once ("Attorney General
// Fiona McAllister"), and one turn runs over three paragraphs. The speaker
// is one person under the full name, so speaker:"fiona mcallister" finds the
// transcript; the reader and the static page show each turn's label once,
// as printed, and every paragraph keeps its own permalink.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, ROOT } from './support/harness.mjs';
import { buildSite, tempDir } from './support/sites.mjs';

const corpus = path.join(ROOT, 'tests/fixtures/port-alder-briefing');
const siteDir = path.join(tempDir('port-alder-site'), 'site');
buildSite({ corpus, out: siteDir, config: fs.readFileSync(path.join(corpus, 'archive.toml'), 'utf8') });
const site = useSite({ root: siteDir });

const TITLE = 'Press Availability on Harbour Safety in Port Alder';
// Block 0 is the opening paragraph; blocks 1-7 are turns, 1-3 one turn.
const LABELS = ['ATTORNEY GENERAL MCALLISTER', 'QUESTION', 'ATTORNEY GENERAL MCALLISTER', 'QUESTION', 'MR GREER'];

test('the full name of a speaker labelled by title and surname finds the transcript', async () => {
  const page = await site.openPage(`#q=${encodeURIComponent('speaker:"fiona mcallister"')}`);
  await page.locator('#results .result').first().waitFor();
  const titles = (await page.locator('#results .result .result-title').allTextContents()).map((t) => t.trim());
  assert.deepEqual(titles, [TITLE]);
  // The filter column fills a few sections per frame after the results
  // show: wait for the speaker section before reading it.
  const inputs = page.locator('fieldset.facet[data-facet="speaker"] input');
  await inputs.first().waitFor();
  const speakers = await inputs.evaluateAll((els) => els.map((i) => i.value));
  assert.deepEqual(speakers.sort(), ['Fiona McAllister', 'Tomas Greer'], 'one canonical name per person, no role');
});

test('a turn over several paragraphs shows its label once in the reader, each paragraph its own block', async () => {
  const page = await site.openPage('#type=transcript');
  await page.locator('#results .result').first().click();
  const turns = page.locator('article#reader .turn');
  await turns.first().waitFor();
  const ids = await turns.evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(ids, ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7']);
  const labels = await page.locator('article#reader .turn :is(.turn-speaker, .turn-label)').allTextContents();
  assert.deepEqual(labels.map((t) => t.trim()), LABELS);
  const first = page.locator('article#reader #p-1 button.turn-speaker');
  assert.match(await first.getAttribute('title'), /Fiona McAllister/, 'the label filters by the full name');
});

test('the static page shows each turn label once too', async () => {
  const context = await site.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('doc/', site.url).href);
  await page.locator('ul.docs a', { hasText: TITLE }).click();
  const ids = await page.locator('article .doc-body .turn').evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(ids, ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7']);
  const labels = await page.locator('article .turn-head .turn-label').allTextContents();
  assert.deepEqual(labels.map((t) => t.trim()), LABELS);
});
