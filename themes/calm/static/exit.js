/*
 * exit.js — "Exit this page", after GOV.UK's component of that name
 * (https://design-system.service.gov.uk/components/exit-this-page/).
 *
 * Some readers are not safe with their partner.  Every page has the link
 * a.exit-button (partials/base.mustache) to a neutral page, site.toml's
 * [safety] exit_url; without this script it is a plain link that leaves.
 * With it, a click on the link, or Shift pressed three times in a row
 * within five seconds, at once:
 *   - hides the page (nothing of it stays on the screen while the neutral
 *     page loads);
 *   - removes this tab's answers: every sessionStorage key that starts with
 *     "mend:" (exercise.js keeps them there; what the reader chose to keep
 *     in localStorage stays, as they chose);
 *   - replaces this page's history entry with the neutral page, so Back
 *     does not return to it (earlier pages of the site stay in the
 *     history: no page can remove them).
 * It announces each Shift press to screen readers ("press 2 more times"),
 * as GOV.UK's does, and sends nothing anywhere.  Loaded with defer on every
 * page; no inline script or style (the pages' Content-Security-Policy).
 * Before it leaves it fires "mend:exit" on document, so another script
 * can stop saving.
 */
(() => {
	'use strict';

	const PREFIX = 'mend:';    /* this site's keys in sessionStorage */
	const PRESSES = 3;         /* Shift presses that leave */
	const WINDOW_MS = 5000;    /* ... within this long of the first */

	const button = document.querySelector('a.exit-button');
	if (!button) return;

	/* The page's words for this script, [script.exit] of the theme's
	   i18n/LANG.toml (words.js); the English written here is the
	   fallback, and en.toml's.  Without words.js (a theme whose
	   base.mustache does not load it) the quick exit still works, in
	   English: leaving must never depend on the words. */
	const say = typeof window.mendWords === 'function' ? window.mendWords('exit')
		: (key, english, values) => (typeof english === 'string' ? english : english.other)
			.replace('{n}', values ? String(values.n) : '{n}');

	const hint = document.getElementById('exit-hint');
	const status = document.querySelector('.exit-status');
	let presses = 0;
	let timer = 0;
	let lastWasModified = false;  /* was the last key released with Shift held? */
	let leaving = false;

	/* Remove this tab's answers: the keys of sessionStorage starting with
	   "mend:" (from the end, as removing renumbers the keys). */
	const clearAnswers = () => {
		try {
			for (let i = sessionStorage.length - 1; i >= 0; i--) {
				const key = sessionStorage.key(i);
				if (key !== null && key.startsWith(PREFIX)) sessionStorage.removeItem(key);
			}
		} catch (e) { /* storage is off: nothing was kept */ }
	};

	const leave = () => {
		if (leaving) return;
		leaving = true;
		document.body.hidden = true;
		document.dispatchEvent(new CustomEvent('mend:exit'));
		clearAnswers();
		/* A script that saves as the page goes would write its keys again:
		   clear once more then, after its own listeners have run. */
		window.addEventListener('pagehide', clearAnswers);
		window.location.replace(button.href);
	};

	/* Back again through the browser's cache (Forward, say): show the page. */
	window.addEventListener('pageshow', (event) => {
		if (!event.persisted || !leaving) return;
		leaving = false;
		document.body.hidden = false;
		window.removeEventListener('pagehide', clearAnswers);
	});

	button.addEventListener('click', (event) => {
		event.preventDefault();
		leave();
	});

	/* The three dots under the button that count the presses (not read out:
	   the status line says the same). */
	const indicator = document.createElement('span');
	indicator.className = 'exit-indicator';
	indicator.setAttribute('aria-hidden', 'true');
	for (let i = 0; i < PRESSES; i++) indicator.appendChild(document.createElement('span'));
	button.after(indicator);

	const show = (n, message) => {
		presses = n;
		indicator.classList.toggle('is-counting', n > 0);
		Array.prototype.forEach.call(indicator.children, (dot, i) => {
			dot.classList.toggle('is-on', i < n);
		});
		if (status && message !== null) status.textContent = message;
	};

	const reset = (message) => {
		window.clearTimeout(timer);
		timer = 0;
		show(0, message);
	};

	/* Shift on its own, released: one press.  Any other key, or Shift used
	   to type a capital, starts the count again (GOV.UK's rule). */
	document.addEventListener('keyup', (event) => {
		const isShift = event.key === 'Shift';

		if (isShift && !lastWasModified && !leaving) {
			const n = presses + 1;
			window.clearTimeout(timer);
			if (n >= PRESSES) {
				show(PRESSES, say('leaving', 'Leaving this page.'));
				leave();
			} else {
				const left = PRESSES - n;
				show(n, say('presses', { one: 'Shift, press {n} more time to exit.', other: 'Shift, press {n} more times to exit.' },
					{ n: left }));
				timer = window.setTimeout(() => reset(say('expired', 'Exit this page expired.')), WINDOW_MS);
			}
		} else if (!isShift && presses > 0) {
			reset('');
		}
		lastWasModified = event.shiftKey;
	});

	if (hint) {
		hint.textContent = `${hint.textContent.trim()} ${say('shortcut', 'Shortcut: press Shift three times.')}`;
	}
})();
