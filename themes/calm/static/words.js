/*
 * words.js — the page's words, for the calm theme's other scripts
 * (exercise.js, exit.js, offline.js, search.js).
 *
 * A page in another language carries them in <script type="application/json"
 * id="mend-strings">, made from the theme's i18n/LANG.toml: one object per
 * script, under [script.NAME].  An English page has no such block, and each
 * script's own English texts are the fallback (en.toml holds the same).
 * The block is data, not code, so the pages' Content-Security-Policy
 * (script-src 'self', no inline script) holds.
 *
 * window.mendWords(name) -> say(key, english, values): the text key of
 * [script.NAME], in the page's language when the page has it, else english.
 * A text of plural forms ({one, other}) gives the form values.n needs (the
 * browser's own CLDR rules, for the page's lang); {name} in the text is
 * filled from values, and left as it is when values has no such name.
 * The block is read when a script asks, not before.  Loaded with defer
 * before the scripts that use it (partials/base.mustache); it sends and
 * keeps nothing.
 */
(() => {
	'use strict';

	const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

	/* The words of script name, or {} (no block, unreadable JSON, none for it). */
	const wordsOf = (name) => {
		try {
			const block = document.getElementById('mend-strings');
			const all = block ? JSON.parse(block.textContent) : null;
			return all && all[name] && typeof all[name] === 'object' ? all[name] : {};
		} catch (e) { return {}; }
	};

	window.mendWords = (name) => {
		const WORDS = wordsOf(name);
		return (key, english, values) => {
			let text = has(WORDS, key) ? WORDS[key] : english;
			if (text && typeof text === 'object') {
				let form = 'other';
				try {
					if (values && typeof values.n === 'number') {
						form = new Intl.PluralRules(document.documentElement.lang || 'en').select(values.n);
					}
				} catch (e) { /* a language the browser does not know */ }
				text = typeof text[form] === 'string' ? text[form] : text.other;
			}
			if (typeof text !== 'string') text = typeof english === 'string' ? english : english.other;
			return text.replace(/\{(\w+)\}/g, (m, field) =>
				(values && has(values, field) ? String(values[field]) : m));
		};
	};
})();
