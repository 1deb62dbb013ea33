/*
 * search-form.js — the header's search box (partials/base.mustache).
 *
 * Without this script the box stays hidden (the search page needs
 * JavaScript anyway; the footer links to it, and it says so).  With it the
 * box shows on wide screens (calm.css), and submitting it opens the search
 * page with the words handed over in this tab's window.name, not in the
 * address: an address with the words would stay in the browser's history,
 * a trace on a shared device.  search.js reads window.name at once and
 * empties it.  Nothing is sent anywhere or stored.
 */
(() => {
	'use strict';

	const form = document.querySelector('form.header-search');
	if (!form) return;
	const input = form.querySelector('input');
	form.hidden = false;
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const words = input.value.trim();
		window.name = words ? 'mend-search:' + words : '';
		input.value = '';
		window.location.assign(form.action);
	});
})();
