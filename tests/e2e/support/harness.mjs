// The browser-test harness: a static server on a free loopback port serving
// the release build in site/, Debian's Chromium driven by playwright-core,
// and pages that record every console error, uncaught exception, failed
// request and HTTP error so that any of them fails the test.
//
//   import { test } from 'node:test';
//   import { useSite } from './support/harness.mjs';
//   const site = useSite();                       // or useSite({ base: '/some/sub/path/', csp })
//   test('typing a word shows results', async () => {
//     const page = await site.openPage('#q=fentanyl');
//     ...                                         // errors are checked after each test
//   });

import { before, after, afterEach } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

export { startServer } from './serve.mjs';
export { checkA11y, WCAG_TAGS } from './axe.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SITE_DIR = path.resolve(process.env.SITE_DIR ?? path.join(ROOT, 'site'));
export const RESULTS_DIR = path.join(ROOT, 'tests/e2e/results');
export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

// The background-networking flags stop Chromium from phoning home, which
// fails here and would show up as noise; QUIC off keeps requests on TCP.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Default Playwright timeout for one action or wait, in ms. */
export const ACTION_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);

export async function launchBrowser({ args = [] } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (run: bash scripts/setup.sh)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });
}

const records = new WeakMap();

// Aborted requests are normal (a newer keystroke cancels a stale fetch, a
// navigation cancels pending ones), so they are not errors by themselves.
const BENIGN_FAILURES = /net::ERR_ABORTED|NS_BINDING_ABORTED/;

/**
 * Starts recording problems on a page: console errors, page errors, failed
 * requests and responses with status >= 400. `allowErrors` lists RegExps of
 * problems a test expects (e.g. the 404 of a deliberately missing index).
 */
export function recordProblems(page, { allowErrors = [] } = {}) {
  const rec = { problems: [], allowErrors };
  records.set(page, rec);
  const add = (text) => {
    if (!rec.allowErrors.some((re) => re.test(text))) rec.problems.push(text);
  };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
    add(`console.error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => add(`uncaught exception: ${err.stack || err.message}`));
  page.on('crash', () => add('page crashed'));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? 'unknown';
    if (!BENIGN_FAILURES.test(reason)) add(`request failed: ${req.method()} ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) add(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return rec;
}

/** The problems recorded on a page so far (after the allowed ones were dropped). */
export function problemsOf(page) {
  return records.get(page)?.problems ?? [];
}

/** Forgets the problems recorded so far (for tests that provoke one on purpose). */
export function clearProblems(page) {
  const rec = records.get(page);
  if (rec) rec.problems.length = 0;
}

/** Throws if the page logged a console error, threw, or had a failed request. */
export function assertNoProblems(page, label = page.url()) {
  const problems = problemsOf(page);
  if (problems.length > 0) {
    throw new Error(`${problems.length} problem(s) on ${label}:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Waits until the reader is usable: the app's search box (the combobox; the
 * plain box of index.html's static shell comes before the app) is there and
 * enabled, or a load error shows.
 */
export async function waitForReader(page, { timeout = ACTION_TIMEOUT } = {}) {
  await page.locator('html[data-app] input#search, [role=alert].load-error').first().waitFor({ timeout });
}

/**
 * Types into the search box key by key, as a person would, and waits until
 * the box holds the text and the result count is shown. Tests then wait for
 * the specific results they expect.
 */
export async function typeQuery(page, text, { clear = true } = {}) {
  const box = page.locator('input#search');
  if (clear) await box.fill('');
  await box.pressSequentially(text);
  await page.waitForFunction(
    (q) => {
      const input = document.querySelector('input#search');
      const count = document.querySelector('#result-count');
      return input?.value === q && count !== null && count.textContent.trim() !== '';
    },
    text,
    { timeout: ACTION_TIMEOUT },
  );
}

/**
 * Serves a built site for the tests of one file and gives them pages.
 * Options: root (default site/), base ("/" or "/some/sub/path/"), csp
 * (header value sent with HTML), headersFile (Netlify `_headers`),
 * browserArgs (extra Chromium flags).
 *
 * After each test every page it opened is checked for problems and its
 * browser context closed; a problem fails the test.
 */
export function useSite({ root = SITE_DIR, base = '/', csp = null, headersFile = null, browserArgs = [] } = {}) {
  const state = { server: null, browser: null, contexts: [] };

  before(async () => {
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      throw new Error(`${root}/index.html is missing: build the site first (bash scripts/build-site.sh)`);
    }
    state.server = await startServer({ root, base, csp, headersFile });
    state.browser = await launchBrowser({ args: browserArgs });
  });

  afterEach(async (t) => {
    const opened = state.contexts.splice(0);
    const failures = [];
    for (const { context, pages } of opened) {
      for (const page of pages) {
        const problems = problemsOf(page);
        if (problems.length > 0) {
          failures.push(`${page.url()}:\n  - ${problems.join('\n  - ')}`);
          await screenshot(page, t?.name ?? 'test').catch(() => {});
        }
      }
      await context.close().catch(() => {});
    }
    if (failures.length > 0) {
      throw new Error(`console errors, exceptions or failed requests:\n${failures.join('\n')}`);
    }
  });

  after(async () => {
    await state.browser?.close();
    await state.server?.close();
  });

  return {
    /** The site's URL, ending in the base path ("http://127.0.0.1:PORT/sub/"). */
    get url() {
      return state.server.url;
    },
    get server() {
      return state.server;
    },
    get browser() {
      return state.browser;
    },
    /**
     * A fresh browser context (own storage, cache and service workers) with
     * problem recording on every page opened in it.
     */
    async newContext(contextOptions = {}, { allowErrors = [] } = {}) {
      const context = await state.browser.newContext(contextOptions);
      context.setDefaultTimeout(ACTION_TIMEOUT);
      const entry = { context, pages: [] };
      state.contexts.push(entry);
      context.on('page', (page) => {
        entry.pages.push(page);
        recordProblems(page, { allowErrors });
      });
      return context;
    },
    /**
     * Opens `target` relative to the site URL ("", "#q=fentanyl",
     * "doc/x/y.html") in a fresh context and waits for the load event;
     * with `ready` (default) also for the reader to be usable.
     */
    async openPage(target = '', { ready = true, allowErrors = [], ...contextOptions } = {}) {
      const context = await this.newContext(contextOptions, { allowErrors });
      const page = await context.newPage();
      await page.goto(new URL(target, state.server.url).href);
      if (ready) await waitForReader(page);
      return page;
    },
  };
}

/** Saves a full-page screenshot under tests/e2e/results/ (git-ignored) for debugging. */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
