/*
 * search-form.js — the header's search box (partials/base.mustache).
 *
 * The box is made here, not written in every page: it works only with
 * JavaScript (the search page needs it anyway), so a page without it
 * carries nothing it cannot use, and the footer's link to the search page
 * (rel="search") serves every reader.  The box takes that link's address
 * and goes at the end of the header; calm.css shows it on wide screens
 * only.  Submitting it opens the search page with the words handed over
 * in this tab's window.name, not in the address: an address with the
 * words would stay in the browser's history, a trace on a shared device.
 * search.js reads window.name at once and empties it.  Nothing is sent
 * anywhere or stored.
 */
(() => {
	'use strict';

	const link = document.querySelector('a[rel~="search"]');
	const header = document.querySelector('.site-header-inner');
	if (!link || !header) return;

	/* The page's words for this script, [script.search-form] of the
	   theme's i18n/LANG.toml (words.js); the English here is en.toml's,
	   and serves too where words.js is not loaded. */
	const say = typeof window.mendWords === 'function' ? window.mendWords('search-form')
		: (key, english) => english;

	const form = document.createElement('form');
	form.className = 'header-search';
	form.setAttribute('role', 'search');
	form.setAttribute('aria-label', say('label', 'Site search'));
	form.action = link.href;
	const label = document.createElement('label');
	label.className = 'visually-hidden';
	label.htmlFor = 'header-search-query';
	label.textContent = say('field', 'Search this guide');
	const input = document.createElement('input');
	input.type = 'search';
	input.id = 'header-search-query';
	input.autocomplete = 'off';
	input.spellcheck = false;
	input.placeholder = say('placeholder', 'Search');
	const button = document.createElement('button');
	button.type = 'submit';
	button.textContent = say('button', 'Search');
	form.append(label, input, button);
	header.append(form);

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const words = input.value.trim();
		window.name = words ? 'mend-search:' + words : '';
		input.value = '';
		window.location.assign(form.action);
	});
})();
