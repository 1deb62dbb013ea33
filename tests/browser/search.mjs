// The search page of the built guide, in Chromium, over HTTP and from disk.
//
//   node tests/browser/search.mjs SITE_DIR
//
// SITE_DIR is the repository's guide as mend built it (tests/run.sh builds
// it); it is served read-only on 127.0.0.1 and opened as file:// too.  In
// each way, with the keyboard only (Tab to the field, type, Enter, arrow
// keys to the results):
//
//   phrase       a phrase from step 6's text finds step 6 first, its snippet
//                with the words in <mark>, and the status (a polite live
//                region) says how many pages; Enter on the result opens
//                the step (from disk: its index.html, no folder listing)
//   apostrophes  "I’m sorry" and "I'm sorry" both find step 2 first
//   prefix       the word being typed matches as a prefix ("misunderst")
//   heading      words of a heading link to the heading's fragment
//   axe          with results shown, axe-core finds nothing, light and dark
//                (over HTTP; validate.mjs checks the page as built)
//   header box   on a wide screen, a step page's header box opens the
//                search page with the results, and the words are neither
//                in its address nor left in window.name
//
// and, once: search.js's words (the site's copy, run in node) against
// tests/search-vectors.txt, which the C side (check_search) meets too;
// without JavaScript the search page says search needs it and
// links to the steps, listed on the page; every request stays on 127.0.0.1
// or file://, and nothing is kept (no cookie, no localStorage or
// sessionStorage key).  The last line is "search: N passed, M failed".

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { launchChromium, reporter, serve } from './lib.mjs';

const STEP6 = 'steps/set-boundaries-together/';
const STEP2 = 'steps/apologize-sincerely/';
const TIMEOUT_MS = 20_000;

const { pass, fail, finish } = reporter('search');

const root = process.argv[2];
if (!root) {
	console.error('usage: node tests/browser/search.mjs SITE_DIR');
	process.exit(2);
}
const site = path.resolve(root);

// Press Tab until the element with id has the focus; false if never.
async function tabTo(page, id) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((x) => document.activeElement?.id === x, id)) return true;
	}
	return false;
}

// What the results show: status, and each result's link, title, place, marks.
async function results(page) {
	return page.evaluate(() => ({
		status: document.querySelector('.search-status').textContent,
		live: document.querySelector('.search-status').getAttribute('aria-live'),
		items: [...document.querySelectorAll('.search-result')].map((li) => ({
			href: li.querySelector('a').href,
			title: li.querySelector('a').textContent,
			where: li.querySelector('.search-where')?.textContent ?? '',
			snippet: li.querySelector('.search-snippet')?.textContent ?? '',
			marks: [...li.querySelectorAll('.search-snippet mark')].map((m) => m.textContent),
		})),
	}));
}

// Open the search page at url, Tab to the field, type query, Enter; the results.
async function search(page, url, query) {
	await page.goto(url);
	if (!(await tabTo(page, 'search-query'))) throw new Error('Tab never reaches the search field');
	await page.keyboard.type(query);
	await page.keyboard.press('Enter');
	await page.waitForFunction(() => /found/.test(document.querySelector('.search-status').textContent),
		null, { timeout: TIMEOUT_MS });
	return results(page);
}

const first = (r) => r.items[0]?.href ?? '(no result)';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// axe-core on page as it is now: its violations, as lines.
async function axe(page) {
	const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
	await page.evaluate(source);  /* through DevTools: the page's CSP forbids an injected <script> */
	return page.evaluate(async (tags) => {
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return r.violations.map((v) => `${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
	}, AXE_TAGS);
}

async function runAll(context, base, how) {
	const page = await context.newPage();
	const searchUrl = how === 'file' ? `${base}search/index.html` : `${base}search/`;
	/* Every link of the site names the page's index.html, results too. */
	const stepFile = (step) => `${base}${step}index.html`;

	// A phrase from step 6.
	try {
		const r = await search(page, searchUrl, 'prevent future misunderstandings');
		const problems = [];
		if (!first(r).startsWith(stepFile(STEP6))) problems.push(`first result ${first(r)}, not ${stepFile(STEP6)}`);
		if (r.items[0] && !r.items[0].marks.some((m) => /misunderstandings/i.test(m)))
			problems.push(`snippet "${r.items[0].snippet}" marks ${JSON.stringify(r.items[0].marks)}`);
		if (r.items[0] && r.items[0].where !== 'Step 6') problems.push(`place "${r.items[0].where}", not "Step 6"`);
		if (!/^\d+ pages? found for “prevent future misunderstandings”/.test(r.status)) problems.push(`status "${r.status}"`);
		if (r.live !== 'polite') problems.push(`status aria-live=${r.live}`);
		// Keyboard: down to the first result, Enter opens the step.
		await page.keyboard.press('ArrowDown');
		const focused = await page.evaluate(() => document.activeElement?.closest('.search-result') !== null);
		if (!focused) problems.push('ArrowDown does not move to the first result');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		const h1 = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
		if (!page.url().startsWith(stepFile(STEP6)) || h1 !== 'Set Boundaries Together')
			problems.push(`Enter on the result opened ${page.url()} (h1 "${h1}")`);
		if (problems.length) fail(`${how}: phrase`, problems);
		else pass(`${how}: phrase`, `${r.status} first ${first(r)}; snippet "${r.items[0].snippet.slice(0, 60)}…"`);
	} catch (err) {
		fail(`${how}: phrase`, [err.message.split('\n')[0]]);
	}

	// axe-core with results shown, light and dark.
	if (how === 'http') {
		for (const scheme of ['light', 'dark']) {
			try {
				await page.emulateMedia({ colorScheme: scheme });
				await search(page, searchUrl, 'boundary');
				const problems = await axe(page);
				if (problems.length) fail(`${how}: axe ${scheme} with results`, problems);
				else pass(`${how}: axe ${scheme} with results`);
			} catch (err) {
				fail(`${how}: axe ${scheme} with results`, [err.message.split('\n')[0]]);
			}
		}
		await page.emulateMedia({ colorScheme: 'light' });
	}

	// Typographic and straight apostrophes alike.
	for (const q of ['I’m sorry for what I did', "I'm sorry for what I did"]) {
		try {
			const r = await search(page, searchUrl, q);
			if (first(r).startsWith(stepFile(STEP2))) pass(`${how}: apostrophes "${q}"`, first(r));
			else fail(`${how}: apostrophes "${q}"`, [`first result ${first(r)}`]);
		} catch (err) {
			fail(`${how}: apostrophes "${q}"`, [err.message.split('\n')[0]]);
		}
	}

	// The last word as a prefix.
	try {
		const r = await search(page, searchUrl, 'misunderst');
		if (r.items.some((i) => i.href.startsWith(stepFile(STEP6)))) pass(`${how}: prefix`, r.status);
		else fail(`${how}: prefix`, [`no result is step 6: ${r.items.map((i) => i.href).join(' ')}`]);
	} catch (err) {
		fail(`${how}: prefix`, [err.message.split('\n')[0]]);
	}

	// A heading's words link to the heading's fragment.
	try {
		const r = await search(page, searchUrl, 'boundary worksheet');
		const hit = r.items.find((i) => i.href.startsWith(`${stepFile(STEP6)}#`));
		const problems = [];
		if (!hit) problems.push(`no result links into step 6 at a fragment: ${r.items.map((i) => i.href).join(' ')}`);
		else {
			await page.goto(hit.href);
			const tag = await page.evaluate((id) => document.getElementById(id)?.tagName ?? 'nothing',
				decodeURIComponent(new URL(hit.href).hash.slice(1)));
			if (!/^H[2-6]$/.test(tag)) problems.push(`${hit.href} names a ${tag}, not a heading`);
		}
		if (problems.length) fail(`${how}: heading`, problems);
		else pass(`${how}: heading`, hit.href);
	} catch (err) {
		fail(`${how}: heading`, [err.message.split('\n')[0]]);
	}

	// The header's box, on a wide screen.
	try {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(stepFile(STEP2));
		const problems = [];
		if (!(await page.isVisible('form.header-search input'))) problems.push('the header box is not visible');
		if (!(await tabTo(page, 'header-search-query'))) problems.push('Tab never reaches the header box');
		await page.keyboard.type('prevent future misunderstandings');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		await page.waitForFunction(() => /found/.test(document.querySelector('.search-status')?.textContent ?? ''),
			null, { timeout: TIMEOUT_MS });
		const r = await results(page);
		const state = await page.evaluate(() => ({ name: window.name, value: document.getElementById('search-query').value }));
		if (!first(r).startsWith(stepFile(STEP6))) problems.push(`first result ${first(r)}`);
		if (/misunderstandings/.test(page.url())) problems.push(`the words are in the address ${page.url()}`);
		if (state.name !== '') problems.push(`window.name is still "${state.name}"`);
		if (state.value !== 'prevent future misunderstandings') problems.push(`the field holds "${state.value}"`);
		if (problems.length) fail(`${how}: header box`, problems);
		else pass(`${how}: header box`, `${page.url()}: ${r.status}`);
		await page.setViewportSize({ width: 375, height: 667 });
		await page.goto(stepFile(STEP2));
		if (await page.isVisible('form.header-search')) fail(`${how}: header box on a phone`, ['it shows on a 375px screen']);
		else pass(`${how}: header box on a phone`, 'hidden; the footer links to the search page');
	} catch (err) {
		fail(`${how}: header box`, [err.message.split('\n')[0]]);
	}

	// Nothing kept.
	const kept = await page.evaluate(() => ({
		local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
	})).catch((err) => ({ error: err.message }));
	if (kept.error === undefined && kept.local === 0 && kept.session === 0 && kept.cookie === '')
		pass(`${how}: nothing stored`);
	else if (how === 'file' && kept.error !== undefined)
		pass(`${how}: nothing stored`, 'file:// has no storage here');
	else fail(`${how}: nothing stored`, [JSON.stringify(kept)]);
	await page.close();
}

// The site's search.js, run without a document: its words against the vectors.
{
	const sandbox = {};
	sandbox.globalThis = sandbox;
	vm.runInNewContext(await readFile(path.join(site, 'search.js'), 'utf8'), sandbox);
	const core = sandbox.mendSearchCore;
	const vectors = (await readFile(new URL('../search-vectors.txt', import.meta.url), 'utf8'))
		.split('\n').filter((l) => l && !l.startsWith('#'));
	const wrong = [];
	for (const line of vectors) {
		const [input, want] = line.split('\t');
		const got = core.terms(input).join(' ');
		if (got !== want) wrong.push(`${JSON.stringify(input)}: got "${got}", want "${want}"`);
	}
	if (wrong.length === 0 && vectors.length >= 20) pass('search.js words meet tests/search-vectors.txt', `${vectors.length} vectors`);
	else fail('search.js words meet tests/search-vectors.txt', wrong);
}

const errors = [];
const server = await serve(site, errors);
const origin = `http://127.0.0.1:${server.address().port}/`;
const fileBase = pathToFileURL(site).href + '/';
let browser;
try {
	browser = await launchChromium();
} catch (err) {
	fail('start Chromium', [err.message.split('\n')[0]]);
	server.close();
	finish();
}
const outside = [];
try {
	for (const [how, base] of [['http', origin], ['file', fileBase]]) {
		const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
		context.on('request', (req) => {
			const u = req.url();
			if (!u.startsWith(origin) && !u.startsWith('file://') && !u.startsWith('data:')) outside.push(u);
		});
		context.on('page', (p) => p.on('pageerror', (e) => errors.push(`${how}: ${e.message}`)));
		await runAll(context, base, how);
		await context.close();
	}

	// Without JavaScript.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${origin}search/`);
	const nojs = await page.evaluate(() => {
		const note = document.querySelector('.search-needs-js');
		const link = note?.querySelector('a');
		const target = link ? document.getElementById(link.getAttribute('href').slice(1)) : null;
		return {
			note: note && note.offsetParent !== null ? note.textContent : null,
			form: document.querySelector('form.search-form')?.offsetParent !== null,
			steps: target ? target.nextElementSibling?.querySelectorAll('a').length ?? 0 : 0,
		};
	});
	if (nojs.note && /needs JavaScript/.test(nojs.note) && !nojs.form && nojs.steps > 0)
		pass('no JavaScript: the page explains itself', `"${nojs.note.slice(0, 50)}…", ${nojs.steps} steps linked`);
	else fail('no JavaScript: the page explains itself', [JSON.stringify(nojs)]);
	await context.close();
} finally {
	await browser.close();
	server.close();
}
if (outside.length === 0) pass('no request left 127.0.0.1 or file://');
else fail('no request left 127.0.0.1 or file://', outside.slice(0, 5));
if (errors.length === 0) pass('no script error, no failed request');
else fail('no script error, no failed request', errors.slice(0, 5));
finish();
