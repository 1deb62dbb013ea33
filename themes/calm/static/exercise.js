/*
 * exercise.js: the calm theme's worksheet script (partials/exercise*.mustache).
 * Without it a worksheet is complete.  With it: feedback once the reader
 * pauses or leaves a field, at most three items, announced politely (a
 * concern alone, with a link to the safety note); answers kept in this tab
 * (sessionStorage), or on this device (localStorage) only when the reader
 * ticks "Keep my answers on this device"; nothing is sent anywhere, no
 * cookies; "Clear all my answers", "Print blank", "Print with my answers".
 * An exercise both partners fill in may have per-partner columns: each
 * partner's answer is its own control (id "...--partner-1", "...--partner-2"),
 * kept in the exercise's one record like every other answer; "I am filling
 * this in as" only chooses which partner's controls show.
 *
 * The matcher is generator/exercise/feedback.h's specification, written a
 * second time and held to the C one by tests/browser/matcher.mjs (the
 * shared vectors, and every code point's class and normal form) and
 * tests/browser/exercises.mjs.  It is exposed, pure:
 * window.mendFeedback.run(rules, answer) -> [{kind, rule, message}],
 * window.mendFeedback.present(items) -> the items shown at once,
 * window.mendFeedback.words(answer) -> its number of words, and for the
 * tests .normal(text) -> its normal form and .charClass(codePoint) -> 'z'
 * space, 's' sign, 'm' mark, 'a' a word of its own, 'w' word character.
 */
(() => {
	'use strict';

	/* ---------------------------------------------------- the matcher */

	const within = (c, lo, hi) => c >= lo && c <= hi;

	// NORMALISATION (feedback.h): code points (a lone surrogate is U+FFFD);
	// canonical decomposition; full case folding, which is toLowerCase()
	// but where FOLD says (and Cherokee, which folds to capitals); the
	// IGNORED marks and joiners dropped; canonical composition; apostrophes
	// and quotes alike.
	const FOLD = {
		'\u00B5': '\u03BC', '\u00DF': 'ss', '\u0149': '\u02BCn', '\u017F': 's', '\u0345': '\u03B9', '\u03C2': '\u03C3',
		'\u03D0': '\u03B2', '\u03D1': '\u03B8', '\u03D5': '\u03C6', '\u03D6': '\u03C0', '\u03F0': '\u03BA', '\u03F1': '\u03C1',
		'\u03F5': '\u03B5', '\u0587': '\u0565\u0582', '\u1C80': '\u0432', '\u1C81': '\u0434', '\u1C82': '\u043E',
		'\u1C83': '\u0441', '\u1C84': '\u0442', '\u1C85': '\u0442', '\u1C86': '\u044A', '\u1C87': '\u0463', '\u1C88': '\uA64B',
		'\u1E9A': 'a\u02BE', '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st',
		'\uFB06': 'st', '\uFB13': '\u0574\u0576', '\uFB14': '\u0574\u0565', '\uFB15': '\u0574\u056B', '\uFB16': '\u057E\u0576',
		'\uFB17': '\u0574\u056D',
	};
	const FOLDS = /[\u00B5\u00DF\u0149\u017F\u0345\u03C2\u03D0\u03D1\u03D5\u03D6\u03F0\u03F1\u03F5\u0587\u1C80-\u1C88\u1E9A\uFB00-\uFB06\uFB13-\uFB17\u13F8-\u13FD\uAB70-\uABBF]/g;
	const cherokee = (ch) => String.fromCharCode(ch.charCodeAt(0) - (ch >= '\uAB70' ? 0xAB70 - 0x13A0 : 8));
	const IGNORED = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u0898-\u089F\u08CA-\u08E1\u08E3-\u08FF\u200C\u200D\uFB1E]/g;
	const QUOTES = /[\u2018-\u201F\u2032\u2033\u02BC\u00B4`\u05F3\u05F4\u00AB\u00BB]/g;
	const quote = (q) => ('\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u05F4'.includes(q) ? '"' : "'");
	const normal = (text) => Array.from(String(text), (ch) => (ch.length < 2 && within(ch.charCodeAt(0), 0xD800, 0xDFFF) ? '\uFFFD' : ch))
		.join('').normalize('NFD').toLowerCase().replace(FOLDS, (ch) => FOLD[ch] || cherokee(ch)).normalize('NFD')
		.replace(IGNORED, '').normalize('NFC').replace(QUOTES, quote);

	// TOKENS: what each character is: a space (z), a sign (s), a mark (m),
	// a word of its own, in a script written without spaces (a), or
	// another word character (w).
	const SPACES = [0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF];
	const WORD = /[\p{L}\p{M}\p{N}]/u;
	const ALONE = /[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}\p{sc=Thai}\p{sc=Laoo}\p{sc=Khmr}\p{sc=Mymr}\u3006\u3031-\u3035\u303C\u30FC\uFF70\uFF9E\uFF9F]/u;
	const charClass = (c) => {
		const ch = String.fromCodePoint(c);
		if (within(c, 0x09, 0x0D) || within(c, 0x2000, 0x200A) || SPACES.includes(c)) return 'z';
		if (!WORD.test(ch)) return 's';
		return /\p{M}/u.test(ch) ? 'm' : ALONE.test(ch) ? 'a' : 'w';
	};

	// Tokens of normal text: {t: text, w: is a word}.
	const tokenize = (text) => {
		const chars = Array.from(normal(text));
		const k = chars.map((ch) => charClass(ch.codePointAt(0)));
		const plain = (i) => k[i] === 'w' || k[i] === 'm';  // a word character that is not alone
		const out = [];
		for (let i = 0, n = chars.length; i < n;) {
			let j = i + 1;
			if (k[i] === 'a') {
				while (j < n && k[j] === 'm') j++;  // a word of its own, with its marks
			} else if (k[i] !== 's' && k[i] !== 'z') {
				// An apostrophe between two word characters joins the word.
				while (j < n && (plain(j) || (chars[j] === "'" && plain(j + 1)))) j++;
			}
			if (k[i] !== 'z') out.push({ t: chars.slice(i, j).join(''), w: k[i] !== 's' });
			i = j;
		}
		return out;
	};

	// A phrase as a list of parts, or null when it is not a valid phrase.
	// A part is {w: false, t} (a sign: one equal token), {w: true, alts}
	// (a word: one answer word equal to one of its alternatives {t,
	// prefix}, or beginning with one marked "*") or {gap: true} ("..." or
	// "…" standing alone: 0 to GAP_MAX words).  Read character by
	// character, as feedback.h's PHRASES says.
	const compile = (phrase) => {
		if (typeof phrase !== 'string') return null;
		const cps = Array.from(normal(phrase), (ch) => ch.codePointAt(0));
		const n = cps.length;
		const k = cps.map(charClass);
		const edge = (i) => i >= n || k[i] === 'z';  // a space, or the end
		const parts = [];
		let word = null;  // the word being read: {alts, t, prefix, alone, bar}
		let afterSpace = true;
		let bad = false;
		const endWord = () => {
			if (!word) return;
			word.alts.push({ t: word.t, prefix: word.prefix });
			parts.push({ w: true, alts: word.alts });
			word = null;
		};
		for (let i = 0; i < n; i++) {
			const c = cps[i];
			const next = i + 1 < n ? k[i + 1] : 'z';
			if (k[i] === 'z') {
				endWord();
				afterSpace = true;
			} else if (k[i] !== 's' && !(word && word.prefix)) {
				// A mark, the next alternative, or a plain letter after
				// plain ones goes on with the word; else a word begins.
				const more = word && (word.bar || k[i] === 'm' || (!word.alone && k[i] !== 'a'));
				if (!more) {
					endWord();
					word = { alts: [], t: '', prefix: false };
				}
				if (!more || word.bar) word.alone = k[i] === 'a';
				word.bar = false;
				word.t += String.fromCodePoint(c);
				afterSpace = false;
			} else if (c === 0x27 && word && !word.alone && !word.prefix && (next === 'w' || next === 'm')) {
				word.t += "'";  // an apostrophe inside a word
			} else if (c === 0x7C && word && next !== 's' && next !== 'z') {
				word.alts.push({ t: word.t, prefix: word.prefix });  // "|": the next alternative
				word.t = '';
				word.prefix = false;
				word.bar = true;
			} else if (c === 0x2A && word && !word.prefix && (edge(i + 1) || cps[i + 1] === 0x7C)) {
				word.prefix = true;
			} else {
				if (c === 0x2A || (word && word.prefix)) bad = true;  // a "*" that ends no word
				const dots = c === 0x2E && cps[i + 1] === 0x2E && cps[i + 2] === 0x2E && edge(i + 3);
				if (afterSpace && ((c === 0x2026 && edge(i + 1)) || dots)) {
					parts.push({ gap: true });
					if (dots) i += 2;
					continue;
				}
				endWord();
				afterSpace = false;
				parts.push({ w: false, t: String.fromCodePoint(c) });
			}
		}
		endWord();
		if (bad || !parts.length) return null;
		// A gap may not begin or end a phrase, nor follow another gap.
		if (parts.some((p, j) => p.gap && (j === 0 || j === parts.length - 1 || parts[j - 1].gap))) return null;
		return parts;
	};

	const cache = new Map();
	const phrases = (list) => (Array.isArray(list) ? list : []).map((p) => {
		if (!cache.has(p)) cache.set(p, compile(p));
		return cache.get(p);
	}).filter(Boolean);

	const GAP_MAX = 3;

	// The [start, end) token ranges where phrase parts match: with gaps,
	// one start may give several ends.
	const matches = (toks, parts) => {
		const found = [];
		for (let i = 0; i < toks.length; i++) {
			const ends = new Set();
			const step = (k, at) => {
				if (k === parts.length) {
					ends.add(at);
					return;
				}
				const p = parts[k];
				if (p.gap) {
					// 0 to GAP_MAX tokens, all of them words.
					for (let n = 0; n <= GAP_MAX && (n === 0 || (at + n - 1 < toks.length && toks[at + n - 1].w)); n++)
						step(k + 1, at + n);
					return;
				}
				const a = toks[at];
				if (a && (p.w ? a.w && p.alts.some((alt) => (alt.prefix ? a.t.startsWith(alt.t) : a.t === alt.t)) :
					a.t === p.t)) step(k + 1, at + 1);
			};
			step(0, i);
			for (const e of ends) found.push([i, e]);
		}
		return found;
	};

	// Found: a phrase matches over [i, e), and no except match [j, f)
	// covers it (j <= i and e <= f).
	const isFound = (rule, toks) => {
		const except = [].concat(...phrases(rule.except).map((p) => matches(toks, p)));
		return phrases(rule.phrases).some((p) => matches(toks, p).some(([i, e]) =>
			!except.some(([j, f]) => j <= i && e <= f)));
	};

	const str = (s) => (typeof s === 'string' ? s : null);
	const words = (answer) => tokenize(answer).filter((t) => t.w).length;

	// Items in feedback.h's order: concern items alone when any concern is
	// found; else praise, flag, missing, length; rule order within.
	const run = (rules, answer) => {
		const toks = tokenize(answer);
		const count = toks.filter((t) => t.w).length;
		const by = { concern: [], praise: [], flag: [], missing: [], length: [] };
		for (const r of Array.isArray(rules) ? rules : []) {
			if (!r || typeof r.id !== 'string') continue;
			const item = (kind, message) => {
				if (message !== null) by[kind].push({ kind, rule: r.id, message });
			};
			if (r.type === 'notice') {
				if (isFound(r, toks)) item('praise', str(r.praise));
				else item('missing', str(r.hint));
			} else if (r.type === 'flag' || r.type === 'concern') {
				if (isFound(r, toks)) item(r.type, str(r.message));
			} else if (r.type === 'length') {
				if (typeof r.min === 'number' && count < r.min) item('length', str(r.too_short));
				else if (typeof r.max === 'number' && count > r.max) item('length', str(r.too_long));
			}
		}
		if (by.concern.length) return by.concern;
		return [...by.praise, ...by.flag, ...by.missing, ...by.length];
	};

	// PRESENTATION: what the reader is shown at once, in that order: the
	// first concern alone; else the flags, the first missing item, the
	// length item, the praise, cut after SHOWN_MAX.
	const SHOWN_MAX = 3;
	const present = (items) => {
		const list = Array.isArray(items) ? items : [];
		const of = (kind) => list.filter((it) => it && it.kind === kind);
		const concern = of('concern');
		if (concern.length) return concern.slice(0, 1);
		return [...of('flag'), ...of('missing').slice(0, 1), ...of('length'), ...of('praise')].slice(0, SHOWN_MAX);
	};

	window.mendFeedback = { run, present, words, normal, charClass };

	/* ---------------------------------------------------- answers kept */

	// Answers live in sessionStorage under PREFIX + path + "#" + exercise:
	// a reload keeps them, closing the tab loses them.  Only when the
	// reader ticks "Keep my answers on this device" (KEEP, remembered in
	// localStorage) are they also written to localStorage, and there they
	// are dropped KEEP_DAYS after their last change.  Every key starts with
	// "mend:" (the exit control clears those); no cookie, no IndexedDB,
	// nothing is ever sent.
	const PREFIX = 'mend:answers:';
	const LEGACY = 'mend:/';  // localStorage, before answers were tab-only
	const KEEP = 'mend:keep';
	const KEEP_DAYS = 30;
	const DAY_MS = 86_400_000;

	const storage = (name) => {
		try {
			return window[name] || null;
		} catch (e) {
			return null;  // storage is off
		}
	};
	const tab = storage('sessionStorage');
	const device = storage('localStorage');
	const keysOf = (s) => {
		try {
			return s ? Array.from({ length: s.length }, (_, i) => s.key(i)) : [];
		} catch (e) {
			return [];
		}
	};
	const get = (s, k) => {
		try {
			return s ? s.getItem(k) : null;
		} catch (e) {
			return null;
		}
	};
	const put = (s, k, v) => {  // false when the browser refuses
		try {
			if (v === null) s.removeItem(k);
			else s.setItem(k, v);
			return true;
		} catch (e) {
			return false;
		}
	};
	const isAnswer = (k) => k.startsWith(PREFIX) || k.startsWith(LEGACY);
	const keeping = () => get(device, KEEP) === '1';

	// Once per page: answers kept by an older version of this script
	// (localStorage, no choice) move into this tab; kept answers past
	// their time go, and every kept answer goes unless keeping was chosen.
	const tidy = () => {
		const keep = keeping();
		for (const k of keysOf(device)) {
			if (k.startsWith(LEGACY)) {
				const moved = PREFIX + k.slice('mend:'.length);
				if (get(tab, moved) === null) put(tab, moved, get(device, k));
				put(device, k, null);
			} else if (k.startsWith(PREFIX)) {
				let t = 0;
				try {
					t = JSON.parse(get(device, k)).t;
				} catch (e) { /* unreadable: drop it */ }
				if (!keep || typeof t !== 'number' || Date.now() - t > KEEP_DAYS * DAY_MS) put(device, k, null);
			}
		}
	};

	/* ---------------------------------------------------- the page */

	/* The page's words for this script, [script.exercise] of the theme's
	   i18n/LANG.toml (words.js); the English written here is the
	   fallback, and en.toml's. */
	const say = window.mendWords('exercise');

	const KIND = {
		concern: say('kind_concern', 'Please read this'),
		praise: say('kind_praise', 'Going well'),
		flag: say('kind_flag', 'Worth another look'),
		missing: say('kind_missing', 'You might add'),
		length: say('kind_length', 'Length'),
	};
	const PAUSE_MS = 1200;  // feedback.h's PAUSE_MS
	const isChoice = (el) => el.type === 'checkbox' || el.type === 'radio';

	const MODE_TEXT = {
		tab: say('mode_tab', 'Your answers are kept in this tab only and never sent anywhere; closing the tab clears them.'),
		device: say('mode_device', 'Your answers are kept on this device until you clear them (at most {days} days after your last change), and never sent anywhere.',
			{ days: KEEP_DAYS }),
		none: say('mode_none', 'This browser is not keeping your answers: print them if you would like to keep them.'),
	};
	const FOOTER_TEXT = {
		tab: say('footer_tab', 'Anything you write in a worksheet is kept in this tab only and never sent; closing the tab clears it.'),
		device: say('footer_device', 'You chose to keep your worksheet answers on this device until you clear them; they are never sent.'),
	};

	// The page's safety note, or the home page's when this page has none.
	const safetyHref = () => {
		if (document.getElementById('safety')) return '#safety';
		const hint = document.querySelector('[data-safety-href]');
		return hint ? hint.getAttribute('data-safety-href') : '/#safety';
	};

	// Show items, keeping the elements of those already shown: a screen
	// reader then announces only what is new.
	// A message is the exercise's own text: in the exercise's language,
	// which its section names when it is not the page's (an exercise with
	// no translation into it, partials/exercise-lang.mustache).
	const render = (region, items) => {
		const section = region.closest('section.exercise');
		const texts = section ? section.dataset : {};
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
				if (texts.textLang) Object.assign(msg, { lang: texts.textLang, dir: texts.textDir });
				li.append(label, ' ', msg);
				if (it.kind === 'concern') {
					const more = document.createElement('span');
					more.className = 'feedback-more';
					const link = more.appendChild(document.createElement('a'));
					link.href = safetyHref();
					link.textContent = say('safety_link', 'Your safety comes first: people you can talk to');
					li.append(' ', more);
				}
			}
			if (li === ref) ref = ref.nextSibling;
			else list.insertBefore(li, ref);
		}
		old.forEach((li) => li.remove());
	};

	const sections = [];
	let pressing = false;  // a pointer is down: see the focusout handler
	let exiting = false;   // "Exit this page" (exit.js) is leaving: save nothing more

	document.addEventListener('mend:exit', () => { exiting = true; });

	document.addEventListener('pointerdown', () => { pressing = true; }, true);
	document.addEventListener('keydown', () => { pressing = false; }, true);
	for (const type of ['pointerup', 'pointercancel']) {
		document.addEventListener(type, () => {
			pressing = false;
			setTimeout(() => sections.forEach((s) => s.mendLeft()), 0);  // after the click
		}, true);
	}

	// Says in every worksheet (and the footer) where answers are kept.
	const showMode = () => {
		const mode = !tab ? 'none' : keeping() ? 'device' : 'tab';
		for (const s of sections) {
			s.querySelector('.exercise-privacy').textContent = MODE_TEXT[mode];
			const box = s.querySelector('.exercise-keep input');
			if (box) box.checked = mode === 'device';
		}
		const footer = document.querySelector('.footer-privacy');
		if (footer && FOOTER_TEXT[mode]) footer.textContent = FOOTER_TEXT[mode];
	};

	// Every answer of the site, in both storages, and every worksheet here.
	const clearAll = () => {
		for (const s of [tab, device]) for (const k of keysOf(s)) if (isAnswer(k)) put(s, k, null);
		for (const s of sections) s.mendReset();
	};

	const setup = (section) => {
		const key = `${PREFIX}${location.pathname}#${section.dataset.exercise}`;
		const $ = (sel) => section.querySelector(sel);
		let rules = {};
		try {
			rules = JSON.parse(document.getElementById(`${section.id}__rules`).textContent) || {};
		} catch (e) { /* no rules: no feedback */ }
		const controls = Array.from(section.querySelectorAll('.exercise-fields input[id], .exercise-fields textarea[id]'));
		const timers = new Map();
		const confirmBox = $('.exercise-confirm');
		const clearButton = $('[data-action="clear"]');
		const keepBox = $('.exercise-keep input');
		const status = $('.exercise-status');
		const leaving = new Set();  // fields left by a press not yet over
		let printing = false;

		// Each textarea and text box gets a print-only copy: on paper a
		// textarea clips its answer and a text box cuts it off at its width.
		for (const el of controls) {
			const line = el.tagName === 'INPUT' && el.type === 'text';
			if (el.tagName !== 'TEXTAREA' && !line) continue;
			el.mendCopy = document.createElement('div');
			el.mendCopy.className = `print-answer${line ? ' print-line' : ''} ${el.className}`;
			el.mendCopy.setAttribute('aria-hidden', 'true');
			el.after(el.mendCopy);
		}

		// An answer reads in its own text's direction (dir="auto": English
		// typed on an Arabic page left to right, and the other way round),
		// in its field and on paper; an empty field keeps the page's, so
		// the caret waits on the side the page's language starts from.
		const mirror = (el) => {
			if (el.mendCopy) {
				el.mendCopy.textContent = el.value;
				for (const it of [el, el.mendCopy]) {
					if (el.value === '') it.removeAttribute('dir');
					else it.dir = 'auto';
				}
			}
			if (!isChoice(el)) el.toggleAttribute('data-empty', el.value === '');
		};
		const regionOf = (el) => el.dataset.feedback && document.getElementById(el.dataset.feedback);

		const announce = (text) => {
			status.textContent = '';
			setTimeout(() => { status.textContent = text; }, 50);
		};

		// Feedback for el's answer in its live region.  when: "pause" (the
		// reader stopped typing: shown only past the first words), "leave"
		// (the reader left the field) or "quiet" (on load, after clearing:
		// shown, not announced).
		const feedback = (el, when) => {
			const region = regionOf(el);
			if (!region) return;
			clearTimeout(timers.get(el));
			const answer = el.value;
			const items = answer.trim() === '' ? [] : run(rules[el.dataset.target], answer);
			const n = words(answer);
			const concern = items.some((it) => it.kind === 'concern');
			const ready = when !== 'pause' || n >= 3 || (concern && n >= 2);
			if (when === 'quiet') region.setAttribute('aria-live', 'off');
			render(region, ready ? present(items) : []);
			if (when === 'quiet') setTimeout(() => region.setAttribute('aria-live', 'polite'), 0);
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
			if (exiting) return;
			const v = values();
			const text = Object.keys(v).length ? JSON.stringify({ v: 1, t: Date.now(), values: v }) : null;
			if (!put(tab, key, text)) {
				$('.exercise-privacy').textContent = MODE_TEXT.none;
				return;
			}
			if (keeping()) put(device, key, text);
		};

		section.mendReset = () => {
			fill({});
			controls.forEach((el) => feedback(el, 'quiet'));
		};

		section.addEventListener('input', (ev) => {
			const el = ev.target;
			if (!controls.includes(el) || printing) return;
			mirror(el);
			save();
			const region = regionOf(el);
			if (!region) return;
			region.setAttribute('data-pending', '');
			clearTimeout(timers.get(el));
			timers.set(el, setTimeout(() => feedback(el, 'pause'), PAUSE_MS));
		});

		// Leaving a field shows its feedback; when the reader left it by
		// pressing on something (a button below it), only once the press is
		// over, so the feedback appearing does not move that thing away
		// from under the finger before the click.
		section.addEventListener('focusout', (ev) => {
			const el = ev.target;
			if (!controls.includes(el) || printing || !regionOf(el)) return;
			if (pressing) leaving.add(el);
			else feedback(el, 'leave');
		});
		section.mendLeft = () => {
			if (printing) return;  // the print's restore() comes back here
			leaving.forEach((el) => feedback(el, 'leave'));
			leaving.clear();
		};

		if (keepBox) {
			keepBox.addEventListener('change', () => {
				if (keepBox.checked) {
					// Everything this tab holds, kept from now on.
					let ok = put(device, KEEP, '1');
					for (const k of keysOf(tab)) if (ok && k.startsWith(PREFIX)) ok = put(device, k, get(tab, k));
					if (!ok) {
						for (const k of keysOf(device)) if (k === KEEP || isAnswer(k)) put(device, k, null);
						showMode();
						announce(say('keep_refused', 'This browser would not keep your answers on this device. They are kept in this tab only.'));
						return;
					}
					showMode();
					announce(say('keep_on', 'Your answers will be kept on this device until you clear them.'));
				} else {
					// Off: gone from the device, still in this tab.
					for (const k of keysOf(device)) {
						if (k.startsWith(PREFIX) && get(tab, k) === null) put(tab, k, get(device, k));
						if (k === KEEP || isAnswer(k)) put(device, k, null);
					}
					showMode();
					announce(say('keep_off', 'Your answers are no longer kept on this device. They stay in this tab until you close it.'));
				}
			});
		}

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
				section.mendLeft();
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
					clearAll();
					announce(say('cleared', 'All your answers have been cleared, in every worksheet.'));
				}
				confirmBox.hidden = true;
				clearButton.focus();
			}
		});

		confirmBox.addEventListener('keydown', (ev) => {
			if (ev.key === 'Escape') $('[data-action="clear-no"]').click();
		});

		try {
			const saved = JSON.parse(get(tab, key) || (keeping() && get(device, key)) || 'null');
			if (saved && saved.v === 1 && saved.values) fill(saved.values);
		} catch (e) { /* nothing kept */ }
		for (const el of controls) {
			mirror(el);
			if (el.value !== '') feedback(el, 'quiet');
		}
		// "I am filling this in as": the chosen partner's answers show in
		// the per-partner cells (exercise.css, by data-partner); the other
		// partner's stay on the page, kept and printed with the rest.
		const partnerBox = $('.exercise-partner');
		if (partnerBox) {
			const choose = () => {
				const chosen = partnerBox.querySelector('input:checked');
				section.dataset.partner = chosen ? chosen.value : '1';
			};
			partnerBox.addEventListener('change', choose);
			choose();
			partnerBox.hidden = false;
		}
		section.classList.add('has-script');
		$('.exercise-nojs').remove();
		$('.exercise-privacy').hidden = false;
		if (keepBox && tab && device) $('.exercise-keep').hidden = false;
		$('.exercise-actions').hidden = false;
		sections.push(section);
	};

	const start = () => {
		tidy();
		document.querySelectorAll('section.exercise[data-exercise]').forEach(setup);
		showMode();
		// Chosen or given up in another tab.
		window.addEventListener('storage', (ev) => {
			if (ev.key === KEEP || ev.key === null) showMode();
		});
	};
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
	else start();
})();
