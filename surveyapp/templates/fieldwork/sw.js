/*
 * Service worker of the interviewer app (rendered by surveyapp/fieldwork/app.py).
 *
 * It caches the app's code, nothing else: interviews and instruments live in IndexedDB,
 * which a worker update never touches. Each release has its own cache, named after BUILD;
 * a new worker fills its cache completely before it is installed, keeps serving the old
 * cache until it takes over, and deletes older caches of this app only then. So drafts
 * survive updates, and an interrupted update leaves the old release working offline.
 */
'use strict';

const BUILD = {{ build_json }};
const PRECACHE = {{ precache_json }};
const SCOPE = {{ scope_json }};
const PREFIX = 'field-app-';
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: 'reload' skips the HTTP cache, so the files stored are this release's.
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload', credentials: 'omit' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  // The page asks the waiting worker to take over once its interview is saved.
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'BUILD' && event.ports[0]) event.ports[0].postMessage(BUILD);
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is always the network: the app itself decides what to do when it is offline.
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' && url.pathname.startsWith(SCOPE)) {
    event.respondWith(fromCache(SCOPE, request));
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // One copy of each file per release: the ?v= of a versioned URL and the plain URL an ES
    // module import asks for are the same file.
    const hit = await cache.match(request, { ignoreSearch: true });
    return hit || fetch(request);
  })());
});

/** The cached shell of this release, else the network (first visit before install). */
async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  return fetch(request);
}
