/*
 * exercise.js: the calm theme's worksheet script (partials/exercise*.mustache).
 * Without it a worksheet is complete.  With it: feedback as the reader types,
 * announced politely; answers kept in localStorage on this device only (a key
 * per page path and exercise; nothing is sent anywhere, no cookies); "Clear
 * my answers", "Print blank", "Print with my answers".
 *
 * The matcher is generator/feedback.h's specification, written a second
 * time and held to the C one by tests/browser/exercises.mjs.  It is exposed,
 * pure: window.mendFeedback.run(rules, answer) -> [{kind, rule, message}].
 */
(() => {
	'use strict';

	/* ---------------------------------------------------- the matcher */

	const APOS = [0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x00B4, 0x0060];
	const QUOTES = [0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB];
	const SPACES = [0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF];
	const within = (c, lo, hi) => c >= lo && c <= hi;

	// Apostrophes, quotes, then the lower-case table (not toLowerCase()).
	const fold = (c) => {
		if (within(c, 0xD800, 0xDFFF)) return 0xFFFD;  // a lone surrogate
		if (APOS.includes(c)) return 0x27;
		if (QUOTES.includes(c)) return 0x22;
		if (within(c, 0x41, 0x5A) || (within(c, 0xC0, 0xDE) && c !== 0xD7)) return c + 0x20;
		if (within(c, 0x100, 0x12F) || within(c, 0x132, 0x137) || within(c, 0x14A, 0x177))
			return c % 2 === 0 ? c + 1 : c;
		if (within(c, 0x139, 0x148) || within(c, 0x179, 0x17E)) return c % 2 === 1 ? c + 1 : c;
		return c === 0x178 ? 0xFF : c;
	};

	const isSpace = (c) => within(c, 0x09, 0x0D) || within(c, 0x2000, 0x200A) || SPACES.includes(c);

	const isWord = (c) => within(c, 0x30, 0x39) || within(c, 0x61, 0x7A) ||
		(c >= 0xC0 && !isSpace(c) && c !== 0xD7 && c !== 0xF7 && !within(c, 0x2000, 0x2BFF) &&
		!within(c, 0x3000, 0x303F) && !within(c, 0xFE00, 0xFE0F) && !within(c, 0xFFF0, 0xFFFF) &&
		!within(c, 0x1F000, 0x1FAFF) && !within(c, 0xE0000, 0xE007F));

	// Tokens: {t: text, w: is a word, s, e: code point offsets}.
	const tokenize = (text) => {
		const cps = Array.from(String(text), (ch) => fold(ch.codePointAt(0)));
		const out = [];
		for (let i = 0, n = cps.length; i < n;) {
			const c = cps[i];
			if (isSpace(c)) {
				i++;
			} else if (!isWord(c)) {
				out.push({ t: String.fromCodePoint(c), w: false, s: i, e: ++i });
			} else {
				let j = i;
				let t = '';
				// An apostrophe between two word characters joins the word.
				while (j < n && (isWord(cps[j]) || (cps[j] === 0x27 && isWord(cps[j - 1]) && isWord(cps[j + 1]))))
					t += String.fromCodePoint(cps[j++]);
				out.push({ t, w: true, s: i, e: j });
				i = j;
			}
		}
		return out;
	};

	// A phrase as {toks, prefix}, or null when it is not a valid phrase.
	const compile = (phrase) => {
		if (typeof phrase !== 'string') return null;
		let toks = tokenize(phrase);
		let prefix = false;
		for (let k = 0; k < toks.length; k++) {
			if (toks[k].t !== '*') continue;
			const prev = toks[k - 1];
			if (k !== toks.length - 1 || !prev || !prev.w || prev.e !== toks[k].s) return null;
			prefix = true;
			toks = toks.slice(0, k);
		}
		return toks.length ? { toks, prefix } : null;
	};

	const cache = new Map();
	const phrases = (list) => (Array.isArray(list) ? list : []).map((p) => {
		if (!cache.has(p)) cache.set(p, compile(p));
		return cache.get(p);
	}).filter(Boolean);

	// The [start, end) token ranges where phrase p matches.
	const matches = (tokens, p) => {
		const found = [];
		const k = p.toks.length;
		for (let i = 0; i + k <= tokens.length; i++) {
			if (p.toks.every((b, j) => {
				const a = tokens[i + j];
				return p.prefix && j === k - 1 ? a.w && a.t.startsWith(b.t) : a.t === b.t;
			})) found.push([i, i + k]);
		}
		return found;
	};

	// Found: a phrase matches, and no except match covers that match.
	const isFound = (rule, tokens) => {
		const except = [].concat(...phrases(rule.except).map((p) => matches(tokens, p)));
		return phrases(rule.phrases).some((p) => matches(tokens, p).some(([i, e]) =>
			!except.some(([j, f]) => j <= i && e <= f)));
	};

	const str = (s) => (typeof s === 'string' ? s : null);

	// Items in feedback.h's order: praise, flag, missing, length; rule order within.
	const run = (rules, answer) => {
		const tokens = tokenize(answer);
		const words = tokens.filter((t) => t.w).length;
		const by = { praise: [], flag: [], missing: [], length: [] };
		for (const r of Array.isArray(rules) ? rules : []) {
			if (!r || typeof r.id !== 'string') continue;
			const item = (kind, message) => {
				if (message !== null) by[kind].push({ kind, rule: r.id, message });
			};
			if (r.type === 'notice') {
				if (isFound(r, tokens)) item('praise', str(r.praise));
				else item('missing', str(r.hint));
			} else if (r.type === 'flag') {
				if (isFound(r, tokens)) item('flag', str(r.message));
			} else if (r.type === 'length') {
				if (typeof r.min === 'number' && words < r.min) item('length', str(r.too_short));
				else if (typeof r.max === 'number' && words > r.max) item('length', str(r.too_long));
			}
		}
		return [...by.praise, ...by.flag, ...by.missing, ...by.length];
	};

	window.mendFeedback = { run };

	/* ---------------------------------------------------- the page */

	const KIND = { praise: 'Going well', flag: 'Worth another look', missing: 'You might add', length: 'Length' };
	const DEBOUNCE_MS = 300;
	const isChoice = (el) => el.type === 'checkbox' || el.type === 'radio';

	// Show items, keeping the elements of those already shown: a screen
	// reader then announces only what is new.
	const render = (region, items) => {
		region.removeAttribute('data-pending');
		let list = region.querySelector('ul');
		if (!items.length) {
			if (list) list.remove();
			return;
		}
		if (!list) {
			list = region.appendChild(document.createElement('ul'));
			list.className = 'feedback-list';
		}
		const old = new Map(Array.from(list.children, (li) => [li.dataset.key, li]));
		let ref = list.firstChild;
		for (const it of items) {
			const key = `${it.kind} ${it.rule} ${it.message}`;
			let li = old.get(key);
			if (li) {
				old.delete(key);
			} else {
				li = document.createElement('li');
				li.className = `feedback-item feedback-${it.kind}`;
				Object.assign(li.dataset, { key, kind: it.kind, rule: it.rule });
				const label = document.createElement('span');
				label.className = 'feedback-kind';
				label.textContent = KIND[it.kind] || it.kind;
				const msg = document.createElement('span');
				msg.className = 'feedback-message';
				msg.textContent = it.message;
				li.append(label, ' ', msg);
			}
			if (li === ref) ref = ref.nextSibling;
			else list.insertBefore(li, ref);
		}
		old.forEach((li) => li.remove());
	};

	const setup = (section) => {
		const key = `mend:${location.pathname}#${section.dataset.exercise}`;
		const $ = (sel) => section.querySelector(sel);
		let rules = {};
		try {
			rules = JSON.parse(document.getElementById(`${section.id}__rules`).textContent) || {};
		} catch (e) { /* no rules: no feedback */ }
		const controls = Array.from(section.querySelectorAll('input[id], textarea[id]'));
		const timers = new Map();
		const confirmBox = $('.exercise-confirm');
		const clearButton = $('[data-action="clear"]');
		let printing = false;

		// Each textarea gets a print-only copy: a textarea clips on paper.
		for (const el of controls) {
			if (el.tagName !== 'TEXTAREA') continue;
			el.mendCopy = document.createElement('div');
			el.mendCopy.className = `print-answer ${el.className}`;
			el.mendCopy.setAttribute('aria-hidden', 'true');
			el.after(el.mendCopy);
		}

		const mirror = (el) => {
			if (el.mendCopy) el.mendCopy.textContent = el.value;
			if (!isChoice(el)) el.toggleAttribute('data-empty', el.value === '');
		};
		const regionOf = (el) => el.dataset.feedback && document.getElementById(el.dataset.feedback);

		// Quietly (on load, after clearing) or announced (as the reader types).
		const feedback = (el, announce) => {
			const region = regionOf(el);
			if (!region) return;
			clearTimeout(timers.get(el));
			if (!announce) region.setAttribute('aria-live', 'off');
			render(region, el.value.trim() === '' ? [] : run(rules[el.dataset.target], el.value));
			if (!announce) setTimeout(() => region.setAttribute('aria-live', 'polite'), 0);
		};

		const values = () => {
			const v = {};
			for (const el of controls) {
				if (isChoice(el) ? el.checked : el.value !== '') v[el.id] = isChoice(el) || el.value;
			}
			return v;
		};
		const fill = (v) => {
			for (const el of controls) {
				if (isChoice(el)) el.checked = v[el.id] === true;
				else el.value = typeof v[el.id] === 'string' ? v[el.id] : '';
				mirror(el);
			}
		};

		const save = () => {
			try {
				const v = values();
				if (Object.keys(v).length) localStorage.setItem(key, JSON.stringify({ v: 1, values: v }));
				else localStorage.removeItem(key);
			} catch (e) {
				$('.exercise-privacy').textContent = 'This browser is not keeping your answers here: ' +
					'print them if you would like to keep them.';
			}
		};

		section.addEventListener('input', (ev) => {
			const el = ev.target;
			if (!el.id || printing) return;
			mirror(el);
			save();
			const region = regionOf(el);
			if (!region) return;
			region.setAttribute('data-pending', '');
			clearTimeout(timers.get(el));
			timers.set(el, setTimeout(() => feedback(el, true), DEBOUNCE_MS));
		});

		// Print only this exercise; "blank" empties its fields until the
		// printing is over (afterprint, or the reader's next move where a
		// browser's print() returns early and never says it is done).
		const print = (mode) => {
			const stash = values();
			const root = document.documentElement;
			const moves = ['pointerdown', 'keydown', 'focusin'];
			const restore = () => {
				if (!printing) return;
				printing = false;
				window.removeEventListener('afterprint', restore);
				moves.forEach((t) => document.removeEventListener(t, restore, true));
				root.removeAttribute('data-print');
				section.classList.remove('is-printing');
				if (mode === 'blank') fill(stash);
			};
			printing = true;
			root.setAttribute('data-print', mode);
			section.classList.add('is-printing');
			if (mode === 'blank') fill({});
			window.addEventListener('afterprint', restore);
			window.print();
			if (printing) moves.forEach((t) => document.addEventListener(t, restore, true));
		};

		section.addEventListener('click', (ev) => {
			const button = ev.target.closest('button[data-action]');
			const action = button && button.dataset.action;
			if (action === 'print-blank' || action === 'print-answers') {
				print(action === 'print-blank' ? 'blank' : 'answers');
			} else if (action === 'clear') {
				confirmBox.hidden = false;
				$('[data-action="clear-no"]').focus();
			} else if (action === 'clear-no' || action === 'clear-yes') {
				if (action === 'clear-yes') {
					try {
						localStorage.removeItem(key);
					} catch (e) { /* storage is off: nothing was kept */ }
					fill({});
					controls.forEach((el) => feedback(el, false));
					const status = $('.exercise-status');
					status.textContent = '';
					setTimeout(() => { status.textContent = 'Your answers in this worksheet have been cleared.'; }, 50);
				}
				confirmBox.hidden = true;
				clearButton.focus();
			}
		});

		confirmBox.addEventListener('keydown', (ev) => {
			if (ev.key === 'Escape') $('[data-action="clear-no"]').click();
		});

		try {
			const saved = JSON.parse(localStorage.getItem(key) || 'null');
			if (saved && saved.v === 1 && saved.values) fill(saved.values);
		} catch (e) { /* nothing kept, or storage is off */ }
		for (const el of controls) {
			mirror(el);
			if (el.value !== '') feedback(el, false);
		}
		section.classList.add('has-script');
		$('.exercise-nojs').remove();
		$('.exercise-privacy').hidden = false;
		$('.exercise-actions').hidden = false;
	};

	const start = () => document.querySelectorAll('section.exercise[data-exercise]').forEach(setup);
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
	else start();
})();
