/*
 * search.js — the search page (layouts/search.mustache), in the page.
 *
 * mend build writes the index as script files under search/ (generator/
 * site/search.h says what each holds): this script adds a <script src>
 * for each file a query needs, and each file calls one of the functions
 * of window.mendSearch below.  Script files, not fetch: file:// forbids
 * fetching, so the same site works from a disk, a USB stick or a server.
 * Nothing is sent anywhere, nothing is stored: no cookies, no storage, no
 * address with the words in it (the header's box hands them over in
 * window.name, read and emptied at once; see search-form.js).
 *
 * Words are folded and stemmed exactly as the C side does (search.c; both
 * are held to tests/search-vectors.txt); an index of pages in another
 * language than English (its manifest's lang) has no stop words and no
 * stems, only lower case and prefixes.  Each word of the query must be
 * on a page; the last word, while it is being typed, also matches as the
 * start of a longer word.  A page ranks by where the words are: its title
 * first, then its headings, then its text, and how often.
 */
(() => {
	'use strict';

	/* ---- Words: the same folding and stemming as search.c ---- */

	const LATIN1 = 'aaaaaaaceeeeiiiidnooooo ouuuuyts' + 'aaaaaaaceeeeiiiidnooooo ouuuuyty';
	const LATIN_A = 'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll' +
		'nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs';
	const WORD_MAX = 40;
	const SEP = null;
	const SKIP = '';

	/* cp in lower case (Unicode's simple mapping: the first code point of
	   its toLowerCase), then a Latin letter as its base, as search.c's lower. */
	const lower = (cp) => {
		const lc = String.fromCodePoint(cp).toLowerCase().codePointAt(0);
		if (lc >= 0xC0 && lc <= 0x17F) return lc <= 0xFF ? LATIN1[lc - 0xC0] : LATIN_A[lc - 0x100];
		return String.fromCodePoint(lc);
	};

	/* What code point cp is to a word: SEP, SKIP or its folded letter. */
	const fold = (cp) => {
		if (cp < 0x80) {
			if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
			if (cp === 39) return SKIP;
			if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return String.fromCharCode(cp);
			return SEP;
		}
		if (cp >= 0xC0 && cp <= 0x17F) {
			const c = cp <= 0xFF ? LATIN1[cp - 0xC0] : LATIN_A[cp - 0x100];
			return c === ' ' ? SEP : c;
		}
		if ((cp >= 0x300 && cp <= 0x36F) || cp === 0x2019 || cp === 0x2BC ||
			cp === 0xAD || cp === 0x200B || cp === 0x200D) return SKIP;
		if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
			(cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
			cp === 0xFEFF || cp >= 0x1F000) return SEP;
		return lower(cp);
	};

	/* The words of text: [{word, start, end}], start and end in text's units. */
	const words = (text) => {
		const out = [];
		let word = '', letters = 0, start = -1, i = 0;
		const finish = (end) => {
			if (letters > 0 && letters <= WORD_MAX) out.push({ word, start, end });
			word = '';
			letters = 0;
			start = -1;
		};
		for (const ch of text) {
			const f = fold(ch.codePointAt(0));
			if (f === SEP) finish(i);
			else if (f !== SKIP) {
				if (start < 0) start = i;
				if (letters++ < WORD_MAX) word += f;
			}
			i += ch.length;
		}
		finish(i);
		return out;
	};

	const STOP = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for',
		'from', 'if', 'in', 'into', 'is', 'it', 'its', 'of', 'on', 'or', 'so', 'than',
		'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was',
		'were', 'will', 'with']);

	const undouble = (w) =>
		w.length >= 2 && w[w.length - 1] === w[w.length - 2] && 'bdfgmnprt'.includes(w[w.length - 1])
			? w.slice(0, -1) : w;

	/* The light English stemmer of search.c's search_stem. */
	const stem = (w) => {
		if (!/^[\x00-\x7f]*$/.test(w) || w.length <= 3) return w;
		if (w.endsWith('ies') && w.length >= 5) w = w.slice(0, -3) + 'y';
		else if (w.endsWith('sses')) w = w.slice(0, -2);
		else if (w.length >= 5 && (w.endsWith('shes') || w.endsWith('ches') ||
			w.endsWith('xes') || w.endsWith('zes'))) w = w.slice(0, -2);
		else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
			w = w.slice(0, -1);
		if (w.endsWith('ing') && w.length >= 6) w = undouble(w.slice(0, -3));
		else if (w.endsWith('ed') && w.length >= 5) w = undouble(w.slice(0, -2));
		return w;
	};

	/* The index terms of text, as search.c makes them (english: stop words
	   left out and stems, as for an English index). */
	const terms = (text, english) => words(text).filter((w) => !(english && STOP.has(w.word)))
		.map((w) => (english ? stem(w.word) : w.word));

	const core = { words, stem, terms: (text) => terms(text, true), STOP };
	if (typeof document === 'undefined') {  /* node: the tests */
		globalThis.mendSearchCore = core;
		return;
	}

	/* ---- The index, loaded a file at a time ---- */

	const box = document.querySelector('.search[data-index]');
	if (!box) return;
	const base = box.dataset.index;   /* "../search/" */
	const root = box.dataset.root;    /* "../" */
	const form = box.querySelector('form.search-form');
	const input = form.querySelector('input');
	const status = box.querySelector('.search-status');
	const list = box.querySelector('.search-results');
	const more = box.querySelector('.search-more');

	/* The page's words for this script, [script.search] of the theme's
	   i18n/LANG.toml (words.js); the English written here is the
	   fallback, and en.toml's. */
	const say = window.mendWords('search');


	let manifest = null;
	let english = true;         /* the index's pages are English: stop words, stems */
	const stopped = (w) => english && STOP.has(w);
	const stemmed = (w) => (english ? stem(w) : w);
	const shards = new Map();   /* number -> {term: postings} */
	const metas = new Map();    /* group -> [[url, title, where]] */
	const texts = new Map();    /* group -> [[[id, heading, text]]] */
	const waiting = new Map();  /* script src -> [resolve, reject] */
	const loading = new Map();  /* script src -> Promise */

	const arrived = (src) => {
		const w = waiting.get(src);
		if (w) w[0]();
	};
	window.mendSearch = {
		manifest: (m) => {
			manifest = m;
			english = !m.lang || /^en([-_]|$)/i.test(m.lang);
			arrived(base + 'manifest.js');
		},
		shard: (n, t) => { shards.set(n, t); arrived(base + 't/' + n + '.js'); },
		pages: (g, p) => { metas.set(g, p); arrived(base + 'p/' + g + '.js'); },
		text: (g, x) => { texts.set(g, x); arrived(base + 'x/' + g + '.js'); },
	};

	/* Load the script at src once; resolves when it has registered. */
	const load = (src) => {
		if (loading.has(src)) return loading.get(src);
		const p = new Promise((resolve, reject) => {
			waiting.set(src, [resolve, reject]);
			const s = document.createElement('script');
			s.src = src;
			s.async = true;
			s.onload = () => resolve();
			s.onerror = () => reject(new Error('cannot load ' + src));
			document.head.appendChild(s);
		});
		loading.set(src, p);
		return p;
	};

	/* The shard that holds term: the longest key that starts it. */
	const shardOf = (term) => {
		const cps = Array.from(term);
		for (let k = Math.min(cps.length, manifest.keymax); k >= 0; k--) {
			const key = cps.slice(0, k).join('');
			if (Object.prototype.hasOwnProperty.call(manifest.shards, key)) return manifest.shards[key];
		}
		return -1;
	};

	/* The shards that may hold terms starting with prefix (null: too many). */
	const shardsFor = (prefix) => {
		const found = new Set();
		const own = shardOf(prefix);
		if (own >= 0) found.add(own);
		for (const key of Object.keys(manifest.shards)) {
			if (key.length > prefix.length && key.startsWith(prefix)) found.add(manifest.shards[key]);
			if (found.size > 8) return null;
		}
		return [...found];
	};

	const loadShards = (numbers) => Promise.all(numbers.map((n) => load(base + 't/' + n + '.js')));

	/* A posting's weight as a score: title, then headings, then text. */
	const score = (w) => ((w & 4) ? 100 : 0) + ((w & 2) ? 30 : 0) + ((w & 1) ? 5 : 0) + Math.min(w >> 3, 10);

	/* Add term's postings to scores (page -> best score) times factor. */
	const collect = (postings, into, factor) => {
		let page = 0;
		for (let i = 0; i < postings.length; i += 2) {
			page += postings[i];
			const s = score(postings[i + 1]) * factor;
			if (!(into.get(page) >= s)) into.set(page, s);
		}
	};

	/* Search: [{page, score}] best first, and the terms that matched. */
	const search = async (query) => {
		const typed = words(query).filter((w) => !stopped(w.word));
		if (typed.length === 0) return { results: [], matched: new Set() };
		/* The last word is still being typed unless a space follows it. */
		const open = !/\s$/.test(query);
		const wanted = typed.map((w, i) => ({
			exact: stemmed(w.word),
			prefix: open && i === typed.length - 1 && w.word.length >= 3 ? w.word : null,
		}));
		const need = new Set();
		for (const w of wanted) {
			const own = shardOf(w.exact);
			if (own >= 0) need.add(own);
			if (w.prefix) {
				const more = shardsFor(w.prefix);
				if (more) more.forEach((n) => need.add(n));
				else w.prefix = null;  /* too short to expand: the word as it is */
			}
		}
		await loadShards([...need]);
		const matched = new Set();
		let total = null;
		for (const w of wanted) {
			const found = new Map();
			for (const n of need) {
				const shard = shards.get(n);
				if (!shard) continue;
				if (Object.prototype.hasOwnProperty.call(shard, w.exact)) {
					collect(shard[w.exact], found, 1);
					matched.add(w.exact);
				}
				if (!w.prefix) continue;
				let expanded = 0;
				for (const term of Object.keys(shard)) {
					if (term === w.exact || !term.startsWith(w.prefix) || expanded++ >= 50) continue;
					collect(shard[term], found, 0.7);
					matched.add(term);
				}
			}
			if (total === null) total = found;
			else {
				const both = new Map();
				for (const [page, s] of found) if (total.has(page)) both.set(page, total.get(page) + s);
				total = both;
			}
		}
		const results = [...total].map(([page, s]) => ({ page, score: s }));
		results.sort((a, b) => b.score - a.score || a.page - b.page);
		return { results, matched };
	};

	/* ---- Showing the results ---- */

	const SHOWN = 10;      /* results per "Show more" */
	const AROUND = 12;     /* words of a snippet around the first match */
	let current = { results: [], matched: new Set(), shown: 0, query: '' };
	let serial = 0;        /* the latest search; older ones are dropped */

	/* A page's address from this page, naming its index.html as every
	   link of the site does (so that it opens from disk too). */
	const href = (url, id) => {
		let h = root + url;
		if (h.endsWith('/') || url === '') h += 'index.html';
		return id ? h + '#' + id : h;
	};

	/* The section of page (its sections) with the most matched words. */
	const bestSection = (sections, matched) => {
		let best = 0, bestCount = -1;
		sections.forEach((s, i) => {
			const n = terms(s[1], english).filter((t) => matched.has(t)).length * 3 +
				terms(s[2], english).filter((t) => matched.has(t)).length;
			if (n > bestCount) { best = i; bestCount = n; }
		});
		return best;
	};

	/* Append text to el with the matched words in <mark>. */
	const marked = (el, text, matched) => {
		let at = 0;
		for (const w of words(text)) {
			if (stopped(w.word) || !matched.has(stemmed(w.word))) continue;
			el.append(text.slice(at, w.start));
			const m = document.createElement('mark');
			m.textContent = text.slice(w.start, w.end);
			el.append(m);
			at = w.end;
		}
		el.append(text.slice(at));
	};

	/* A few words of text around its first matched word. */
	const snippet = (text, matched) => {
		const all = words(text);
		let first = all.findIndex((w) => !stopped(w.word) && matched.has(stemmed(w.word)));
		if (first < 0) first = 0;
		const from = Math.max(0, first - AROUND / 2);
		const to = Math.min(all.length, from + AROUND * 2);
		if (all.length === 0) return '';
		const start = from === 0 ? 0 : all[from].start;
		const end = to >= all.length ? text.length : all[to - 1].end;
		return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
	};

	const showResult = (r) => {
		const meta = metas.get(Math.floor(r.page / manifest.meta))[r.page % manifest.meta];
		const sections = texts.get(Math.floor(r.page / manifest.text))[r.page % manifest.text];
		const s = bestSection(sections, current.matched);
		const [id, heading, text] = sections[s];
		const li = document.createElement('li');
		li.className = 'search-result';
		const h = document.createElement('h2');
		const a = document.createElement('a');
		a.href = href(meta[0], id);
		marked(a, meta[1], current.matched);
		h.append(a);
		li.append(h);
		const where = [meta[2], heading].filter((x) => x).join(' · ');
		if (where) {
			const p = document.createElement('p');
			p.className = 'search-where';
			marked(p, where, current.matched);
			li.append(p);
		}
		const body = snippet(text || (sections.find((x) => x[2]) || ['', '', ''])[2], current.matched);
		if (body) {
			const p = document.createElement('p');
			p.className = 'search-snippet';
			marked(p, body, current.matched);
			li.append(p);
		}
		list.append(li);
	};

	/* Show the next SHOWN results (loading their pages' files first). */
	const showMore = async (mine) => {
		const next = current.results.slice(current.shown, current.shown + SHOWN);
		const files = new Set();
		for (const r of next) {
			files.add(base + 'p/' + Math.floor(r.page / manifest.meta) + '.js');
			files.add(base + 'x/' + Math.floor(r.page / manifest.text) + '.js');
		}
		await Promise.all([...files].map(load));
		if (mine !== serial) return;
		const firstNew = list.children.length;
		next.forEach(showResult);
		current.shown += next.length;
		more.hidden = current.shown >= current.results.length;
		return firstNew;
	};

	const run = async (query) => {
		const mine = ++serial;
		query = query.replace(/^\s+/, '');
		list.replaceChildren();
		more.hidden = true;
		if (query.trim() === '') {
			status.textContent = '';
			return;
		}
		try {
			if (!manifest) await load(base + 'manifest.js');
			const found = await search(query);
			if (mine !== serial) return;
			current = { results: found.results, matched: found.matched, shown: 0, query };
			await showMore(mine);
			if (mine !== serial) return;
			const n = found.results.length;
			status.textContent = n === 0
				? say('none', 'No pages found for “{query}”. Try fewer or other words.', { query: query.trim() })
				: say('found', { one: '{n} page found for “{query}”.', other: '{n} pages found for “{query}”.' },
					{ n, query: query.trim() });
		} catch (e) {
			if (mine === serial) status.textContent = say('failed', 'The search index could not be loaded. Rebuild the site with mend build.');
		}
	};

	/* ---- The form ---- */

	box.querySelector('.search-needs-js').hidden = true;
	form.hidden = false;
	let timer = 0;
	input.addEventListener('input', () => {
		clearTimeout(timer);
		timer = setTimeout(() => run(input.value), 250);
	});
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		clearTimeout(timer);
		run(input.value);
	});
	more.addEventListener('click', async () => {
		const mine = serial;
		const firstNew = await showMore(mine);
		const link = list.children[firstNew] && list.children[firstNew].querySelector('a');
		if (link) link.focus();  /* on to the first new result */
	});
	/* Arrow keys move between the field and the results' links. */
	box.addEventListener('keydown', (event) => {
		if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
		const links = [input, ...list.querySelectorAll('a')];
		const at = links.indexOf(document.activeElement);
		if (at < 0) return;
		const to = at + (event.key === 'ArrowDown' ? 1 : -1);
		if (to < 0 || to >= links.length) return;
		event.preventDefault();
		links[to].focus();
	});

	/* Words handed over by the header's box (search-form.js), then forgotten. */
	if (typeof window.name === 'string' && window.name.startsWith('mend-search:')) {
		input.value = window.name.slice('mend-search:'.length);
		window.name = '';
		run(input.value + ' ');
	}
})();
