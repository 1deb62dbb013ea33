/*
 * offline-worker.js — the service worker behind "Keep a copy of this
 * guide on this device" (offline.js).  sw.js, which mend build writes,
 * sets self.mendOffline (the site's files and its version) and loads this.
 *
 * On install it keeps every file of the site in one cache named for the
 * site and its version; on activate it removes the site's older caches.
 * Online, every request goes to the network as usual (the reader always
 * reads the site as it is now); only when that fails does the copy answer,
 * with the site's 404 page for a page it does not have.  A new build
 * changes sw.js, the browser installs the new version, and the new cache
 * replaces the old.  Nothing leaves this device; nothing but the site's
 * own files is kept.
 */
'use strict';

const { version, files } = self.mendOffline;
const scope = self.registration.scope;
const prefix = `mend-offline:${scope}:`;
const name = prefix + version;

self.addEventListener('install', (event) => {
	event.waitUntil((async () => {
		const cache = await caches.open(name);
		await cache.addAll(files.map((f) => new Request(new URL(f, scope), { cache: 'reload' })));
		await self.skipWaiting();
	})());
});

self.addEventListener('activate', (event) => {
	event.waitUntil((async () => {
		for (const key of await caches.keys()) {
			if (key.startsWith(prefix) && key !== name) await caches.delete(key);
		}
		await self.clients.claim();
	})());
});

self.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
	event.respondWith((async () => {
		try {
			return await fetch(request);
		} catch (err) {
			// caches.match, not caches.open: opening would make the
			// cache again if a newer version has just removed it.
			const kept = await caches.match(request, { ignoreSearch: true, cacheName: name }) ||
				(request.mode === 'navigate' &&
				 await caches.match(new URL('404.html', scope), { cacheName: name }));
			if (kept) return kept;
			throw err;
		}
	})());
});
