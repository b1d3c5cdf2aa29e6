// A missing, corrupt or version-mismatched index gives a readable error
// (what happened, what to do), never a blank page or a panic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSite, SITE_DIR } from './support/harness.mjs';

function copySite(name, damage) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `broken-${name}-`));
  fs.cpSync(SITE_DIR, dir, { recursive: true });
  damage(path.join(dir, 'index'));
  return dir;
}

const manifestOf = (index) => JSON.parse(fs.readFileSync(path.join(index, 'manifest.json'), 'utf8'));

const corrupt = useSite({
  root: copySite('corrupt', (index) => {
    const file = path.join(index, manifestOf(index).docmeta);
    const bytes = fs.readFileSync(file);
    for (let i = 8; i < bytes.length; i += 7) bytes[i] ^= 0x5a;
    fs.writeFileSync(file, bytes);
  }),
});
const missing = useSite({
  root: copySite('missing', (index) => fs.rmSync(path.join(index, 'manifest.json'))),
});
const version = useSite({
  root: copySite('version', (index) => {
    const m = manifestOf(index);
    m.format_version = 999;
    fs.writeFileSync(path.join(index, 'manifest.json'), JSON.stringify(m));
  }),
});

async function errorOf(site, options = {}) {
  const page = await site.openPage('', options);
  const alert = page.locator('[role=alert].load-error');
  await alert.waitFor();
  const heading = (await alert.locator('h1, h2').first().textContent()).trim();
  const text = (await alert.textContent()).trim();
  return { page, heading, text };
}

test('a corrupt index file says the index is damaged and to rebuild it', async () => {
  const { heading, text } = await errorOf(corrupt);
  assert.match(heading, /damaged|corrupt/i);
  assert.match(text, /rebuild|publish/i);
});

test('a missing manifest says the index is missing and what to upload', async () => {
  const { heading, text } = await errorOf(missing, { allowErrors: [/HTTP 404: GET .*index\/manifest\.json/, /404 \(Not Found\)/] });
  assert.match(heading, /missing/i);
  assert.match(text, /index\/manifest\.json/);
  assert.match(text, /build-index/);
});

test('an index from another format version says to rebuild with this version', async () => {
  const { heading, text } = await errorOf(version);
  assert.match(heading, /different version/i);
  assert.match(text, /999/);
  assert.match(text, /rebuild/i);
});
