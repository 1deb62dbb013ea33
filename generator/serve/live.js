// mend serve: live reload and build errors (never part of the site).
//
// The script `mend serve` adds to the pages it serves (never written into
// the site): it listens to the server's events, reloads after a good build
// and shows the diagnostics of a failed one over the page.  The pages'
// Content-Security-Policy allows scripts and styles from the site's own
// origin only, so neither this nor live.css is inline: http.c adds
// <script src="/__mend/live.js" defer>, and this adds live.css's <link>
// when it first shows the overlay.  Both are carried inside the binary
// (scripts/embed.c, the Makefile's STARTER_ARGS, as "serve/live.js").
//
// Nothing is stored: the scroll position crosses the reload in this tab's
// window.name, prefixed "mend-serve-scroll:" (it lives with the tab, never
// on disk; search.js's "mend-search:" is left alone), not in
// sessionStorage or localStorage; the browser's own restoration sometimes
// lost it when the page laid out late.  The overlay's words, language and
// direction come with the diagnostics (/__mend/errors: the site's default
// language, words.h); the diagnostics are mend's, in English, each in a
// <pre lang="en" dir="ltr">.
(function () {
	'use strict';
	if (!window.EventSource || !window.fetch) return;
	var SCROLL = 'mend-serve-scroll:';
	if (typeof window.name === 'string' && window.name.indexOf(SCROLL) === 0) {
		var at = window.name.slice(SCROLL.length).split(',').map(Number);
		window.name = '';
		var restore = function () {
			window.scrollTo({ left: at[0] || 0, top: at[1] || 0, behavior: 'instant' });
		};
		if (document.readyState === 'complete') restore();
		else window.addEventListener('load', restore);
	}
	if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
	var known = null;       // the server and build this page was loaded under
	var overlay = null;     // the overlay element while it is shown
	var before = null;      // what had the focus before it
	var source = null;

	function reload() {
		if (source) source.close();
		if (!window.name || window.name.indexOf(SCROLL) === 0)
			window.name = SCROLL + Math.round(window.scrollX) + ',' + Math.round(window.scrollY);
		location.reload();
	}

	function removeOverlay() {
		if (!overlay) return;
		overlay.remove();
		overlay = null;
		if (before && document.contains(before)) before.focus();
		before = null;
	}

	function styleSheet() {
		if (document.getElementById('mend-live-css')) return;
		var link = document.createElement('link');
		link.id = 'mend-live-css';
		link.rel = 'stylesheet';
		link.href = '/__mend/live.css';
		document.head.appendChild(link);
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined) e.textContent = text;
		return e;
	}

	// The diagnostics as the terminal printed them, each in a <pre>.
	function showOverlay(data) {
		var hadOverlay = !!overlay;
		if (overlay) overlay.remove();
		styleSheet();
		overlay = el('section', 'mend-overlay');
		overlay.id = 'mend-overlay';
		overlay.setAttribute('role', 'alertdialog');
		overlay.setAttribute('aria-labelledby', 'mend-overlay-title');
		overlay.setAttribute('aria-describedby', 'mend-overlay-note');
		overlay.tabIndex = -1;
		overlay.lang = data.lang;
		overlay.dir = data.dir;
		var title = el('h2', 'mend-overlay-title', data.words.title);
		title.id = 'mend-overlay-title';
		var note = el('p', 'mend-overlay-note', data.words.note);
		note.id = 'mend-overlay-note';
		var list = el('ol', 'mend-overlay-list');
		data.diagnostics.forEach(function (text) {
			var item = el('li');
			var pre = el('pre', 'mend-overlay-diag', text);
			pre.lang = 'en';
			pre.dir = 'ltr';
			item.appendChild(pre);
			list.appendChild(item);
		});
		var close = el('button', 'mend-overlay-close', data.words.dismiss);
		close.type = 'button';
		close.addEventListener('click', removeOverlay);
		overlay.append(title, note, list, close);
		document.body.appendChild(overlay);
		if (!hadOverlay) before = document.activeElement;
		overlay.focus();
	}

	function showErrors() {
		fetch('/__mend/errors', { cache: 'no-store', credentials: 'omit' })
			.then(function (r) { return r.json(); })
			.then(function (data) {
				if (data.failed) showOverlay(data);
				else removeOverlay();
			})
			.catch(function () {});
	}

	document.addEventListener('keydown', function (e) {
		if (e.key === 'Escape' && overlay) removeOverlay();
	});

	function connect() {
		source = new EventSource('/__mend/events');
		source.addEventListener('hello', function (e) {
			var now = JSON.parse(e.data);
			// Back after the server restarted, or after builds it missed.
			if (known && (known.server !== now.server || known.seq !== now.seq)) {
				reload();
				return;
			}
			known = now;
			if (now.failed) showErrors();
		});
		source.addEventListener('reload', reload);
		source.addEventListener('failed', function (e) {
			if (known) known.seq = Number(e.data);
			showErrors();
		});
		source.addEventListener('error', function () {
			// A stream the browser gave up on (not one it retries): start again.
			if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
		});
	}
	connect();
})();
