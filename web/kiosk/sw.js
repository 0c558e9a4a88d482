// The kiosk's offline shell: its pages, scripts and styles, and the last set-up it was given.
// Network first (so an update shows as soon as the kiosk is online), the cache when the network fails.
// Ratings themselves are not handled here: they wait in IndexedDB (queue.js) until they are stored.
const CACHE = 'hailong-kiosk-v2';
const SHELL = [
  '/kiosk/',
  '/kiosk/kiosk.js',
  '/kiosk/kiosk.css',
  '/kiosk/queue.js',
  '/kiosk/messages.js',
  '/kiosk/manifest.webmanifest',
  '/lib/api.js',
  '/lib/dom.js',
  '/lib/i18n.js',
  '/lib/words.js',
  '/lib/questions.js',
  '/lib/citizen.css',
  '/favicon.svg',
];
const CONFIG = '/api/v1/kiosk/config';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('hailong-kiosk-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const shell = url.pathname.startsWith('/kiosk/') || SHELL.includes(url.pathname);
  if (!shell && url.pathname !== CONFIG) return;
  // Every page of the kiosk is the same shell; the query (?idle=…) and fragment (#enrol=…) do not matter.
  const key = request.mode === 'navigate' ? '/kiosk/' : url.pathname;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(key, copy));
      }
      return response;
    } catch (error) {
      const cached = await caches.match(key);
      // Marked, so staff (and the tests) can tell the kiosk runs from its offline copy.
      if (cached) return marked(cached);
      throw error;
    }
  })());
});

function marked(cached) {
  const headers = new Headers(cached.headers);
  headers.set('X-Kiosk-Source', 'offline-cache');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}
