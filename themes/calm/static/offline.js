/*
 * offline.js — "Keep a copy of this guide on this device": reading the
 * guide without internet, when the reader chooses it.
 *
 * Only on a site whose site.toml has `[offline] enabled = true`, and only
 * where a browser can keep a site (a service worker: https, or this
 * computer).  Nothing is kept until the reader ticks the box: then the
 * worker (sw.js, which mend writes, and offline-worker.js) keeps every
 * page, style, script and PDF of the site.  Unticking it removes the
 * worker and everything it kept.  A copy of a guide on a shared phone is a
 * trace of having read it, so this is never done for the reader.
 */
(() => {
	'use strict';

	const box = document.querySelector('.offline[data-worker]');
	if (!box || !window.isSecureContext || !('serviceWorker' in navigator) || !('caches' in window)) return;
	const input = box.querySelector('input');
	const status = box.querySelector('.offline-status');

	/* The page's words for this script, [script.offline] of the theme's
	   i18n/LANG.toml (words.js); the English written here is the
	   fallback, and en.toml's. */
	const say = window.mendWords('offline');

	const worker = new URL(box.dataset.worker, location.href);
	const scope = new URL('./', worker).href;
	// The caches of this site (offline-worker.js names them so): other
	// sites on the same host keep theirs.
	const prefix = `mend-offline:${scope}:`;

	const show = (text) => { status.textContent = text; };
	const registration = async () => {
		const reg = await navigator.serviceWorker.getRegistration(scope);
		return reg && reg.scope === scope ? reg : undefined;
	};

	// Resolves when the worker has kept every file (it is then active).
	const settled = (reg) => new Promise((resolve, reject) => {
		const sw = reg.installing || reg.waiting || reg.active;
		if (!sw || sw.state === 'activated') { resolve(); return; }
		sw.addEventListener('statechange', () => {
			if (sw.state === 'activated') resolve();
			else if (sw.state === 'redundant') reject(new Error('the copy could not be made'));
		});
	});

	const keep = async () => {
		show(say('saving', 'Saving the guide on this device…'));
		const reg = await navigator.serviceWorker.register(worker.href, { scope });
		await settled(reg);
		show(say('saved', 'The guide is saved on this device: you can read it without internet.'));
	};

	const remove = async () => {
		const reg = await registration();
		if (reg) await reg.unregister();
		for (const key of await caches.keys()) {
			if (key.startsWith(prefix)) await caches.delete(key);
		}
		show(say('removed', 'The copy of the guide on this device is removed.'));
	};

	input.addEventListener('change', async () => {
		input.disabled = true;
		try {
			if (input.checked) await keep();
			else await remove();
		} catch (err) {
			input.checked = (await registration()) !== undefined;
			show(input.checked ? say('remove_failed', 'The copy could not be removed. Try again.') :
				say('save_failed', 'The guide could not be saved on this device.'));
			await remove().catch(() => {});
		} finally {
			input.disabled = false;
		}
	});

	registration().then((reg) => {
		input.checked = reg !== undefined;
		box.hidden = false;
	});
})();
