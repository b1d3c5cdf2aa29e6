// The archive's service worker, served as `sw.js` at the site root.
// build-index writes the file of each build as a header (generated: the
// build's version and file list) followed by this file, embedded with
// include_str! in sw.rs. Linted by `npx eslint` (eslint.config.mjs).

/* global VERSION, PRECACHE, NETWORK_FIRST */

// Caches are per origin, so two archives on one host must not touch each
// other's: every name carries this worker's scope.
const PREFIX = 'archive:' + self.registration.scope + ':';
const CACHE = PREFIX + VERSION;
const PAGES = PREFIX + 'pages';

const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload` skips the HTTP cache so a stale file never enters a new version.
      .then((cache) => cache.addAll(PRECACHE.map((p) => new Request(scoped(p), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== PAGES).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const scope = self.registration.scope;
  const url = new URL(request.url);
  if (!request.url.startsWith(scope) || url.origin !== self.location.origin) return;
  const path = url.pathname.slice(new URL(scope).pathname.length);
  if (path === '' || path === 'index.html') {
    // The reader itself, whatever its query (?embed...) or hash.
    event.respondWith(networkFirst(request, scoped(path), CACHE));
  } else if (NETWORK_FIRST.has(path)) {
    event.respondWith(networkFirst(request, scoped(path), CACHE));
  } else if (request.mode === 'navigate') {
    // Static document pages: kept once visited.
    event.respondWith(networkFirst(request, url.origin + url.pathname, PAGES));
  } else {
    event.respondWith(cacheFirst(request, url.origin + url.pathname));
  }
});

async function networkFirst(request, key, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  // Index chunks not precached (a big index): kept once used. Their names
  // change with their bytes, so a kept chunk is never stale.
  if (response.ok && response.type === 'basic' && new URL(key).pathname.includes('/index/')) {
    await cache.put(key, response.clone());
  }
  return response;
}
