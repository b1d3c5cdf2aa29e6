// Runs the browser tests with node's built-in test runner.
//
//   node tests/e2e/run.mjs                 every tests/e2e/*.spec.mjs
//   node tests/e2e/run.mjs search facets   only files whose name contains a word
//
// Node 20's runner does not pick up *.spec.mjs from a folder by itself, so
// the files are listed here. E2E_CONCURRENCY sets how many files run at once.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const siteDir = path.resolve(process.env.SITE_DIR ?? path.join(root, 'site'));

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.spec.mjs'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort()
  .map((f) => path.join(here, f));

if (files.length === 0) {
  console.error(`no test files in ${here} match ${JSON.stringify(filters)}`);
  process.exit(1);
}
if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`${siteDir}/index.html is missing: build the site first (bash scripts/build-site.sh)`);
  process.exit(1);
}

const concurrency = Number(process.env.E2E_CONCURRENCY ?? 2);
console.log(`browser tests: ${files.length} file(s), ${concurrency} at a time, site ${path.relative(root, siteDir) || '.'}`);
const child = spawn(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=180000',
    ...passThrough,
    ...files,
  ],
  { stdio: 'inherit', cwd: root, env: { ...process.env, SITE_DIR: siteDir } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
