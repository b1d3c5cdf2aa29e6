// Guards the harness itself: every browser test must fail on a console
// error, an uncaught exception or a failed request. If recording broke,
// every other test would silently pass over such errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, problemsOf, clearProblems, assertNoProblems } from './support/harness.mjs';

const site = useSite();

test('the reader loads without console errors, exceptions or failed requests', async () => {
  const page = await site.openPage();
  assert.equal(await page.locator('.load-error').count(), 0, 'no load error is shown');
  assert.deepEqual(problemsOf(page), []);
});

test('a console error, an exception and a 404 on the page are all reported', async () => {
  const page = await site.openPage();
  await page.evaluate(async () => {
    console.error('provoked by the harness test');
    setTimeout(() => {
      throw new Error('provoked exception');
    });
    await fetch('this-file-does-not-exist.json').catch(() => {});
  });
  await page.waitForTimeout(200);

  const problems = problemsOf(page).join('\n');
  assert.match(problems, /console\.error: provoked by the harness test/);
  assert.match(problems, /uncaught exception: Error: provoked exception/);
  assert.match(problems, /HTTP 404: GET .*this-file-does-not-exist\.json/);
  assert.throws(() => assertNoProblems(page), /problem\(s\)/);

  // Expected here; cleared so the after-each check passes.
  clearProblems(page);
});
