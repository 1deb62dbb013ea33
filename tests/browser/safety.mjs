// The quick exit and the safety note of the built guide, in Chromium.
//
//   node tests/browser/safety.mjs SITE_DIR
//
// SITE_DIR is a site mend has already built; it is served read-only on
// 127.0.0.1.  The neutral page the exit leaves for ([safety] exit_url, read
// with `mend debug toml site.toml` when there is one, else GOV.UK's default;
// MEND_EXIT_URL overrides both) is answered by a stub here: no request ever
// leaves 127.0.0.1, and any other origin is a failure.  On every page:
//
//   exit click   the control is there, near the top and still on the screen
//                once the page is scrolled to its end, 44px tall, described
//                to screen readers with its Shift shortcut; a click hides the
//                page, removes this tab's "mend:" keys from sessionStorage
//                (other keys, and localStorage, stay) and replaces the
//                history entry: Back leads to the page before, not this one.
//   exit shift   Shift, Shift, another key, Shift does not leave (the count
//                starts again); Shift three times does, as the click does.
//   exit no-js   without JavaScript it is a link that leaves; in print it is
//                not there.
//
// and on every page that shows the safety note, holds an exercise or says
// safety = true in its front matter (content/, when there is one):
//
//   safety       the note (#safety) is there, above the first exercise and
//                starting within the first screen (667px) of a 375px wide
//                phone; its top in px is printed.
//
// The last line is "safety: N passed, M failed"; the exit status is 1 when
// anything failed, 2 on a usage error.

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import {
	htmlFiles, launchChromium, plural, reporter, run, serve, urlPath,
} from './lib.mjs';

const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';
const PHONE = { width: 375, height: 667 };
const PAGE_TIMEOUT_MS = 30_000;
const WATCHDOG_MS = 600_000;

const report = reporter('safety');
const { pass, fail, finish } = report;

// ---------------------------------------------------------------- setup

// [safety] exit_url of the project in the current folder, or the default.
async function exitUrl() {
	if (process.env.MEND_EXIT_URL) return process.env.MEND_EXIT_URL;
	const toml = await readFile('site.toml', 'utf8').catch(() => null);
	if (toml === null) return DEFAULT_EXIT_URL;
	const r = await run(process.env.MEND_BIN || './mend', ['debug', 'toml', 'site.toml'], 30_000);
	try {
		return JSON.parse(r.stdout).safety?.exit_url?.value ?? DEFAULT_EXIT_URL;
	} catch {
		return DEFAULT_EXIT_URL;
	}
}

// The URL paths of the pages whose front matter says safety = true.
async function safetyPages(dir, rel = '') {
	const out = [];
	const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
	for (const e of entries) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) {
			out.push(...(await safetyPages(dir, r)));
			continue;
		}
		if (!e.name.endsWith('.md') || /\.[a-z]{2}(-[A-Za-z]+)?\.md$/.test(e.name)) continue;
		const text = await readFile(path.join(dir, r), 'utf8');
		const front = /^\+\+\+\n([\s\S]*?)\n\+\+\+/.exec(text);
		if (!front || !/^safety\s*=\s*true\s*$/m.test(front[1]) || /^draft\s*=\s*true\s*$/m.test(front[1])) continue;
		const base = r.replace(/\.md$/, '');
		out.push(base === '_index' ? '/' : base.endsWith('/_index') ? `/${base.slice(0, -'_index'.length)}` : `/${base}/`);
	}
	return out;
}

// A browser context whose requests stay on 127.0.0.1: the exit URL's
// origin gets a stub page (its loads are counted in `exits`), any other
// origin is refused and recorded in `offsite`.
async function newContext(browser, origin, exit, options) {
	const context = await browser.newContext(options);
	const state = { exits: 0, offsite: [] };
	const exitOrigin = new URL(exit).origin;
	await context.route(() => true, async (route) => {
		const url = route.request().url();
		if (url.startsWith(`${origin}/`)) return route.continue();
		if (new URL(url).origin === exitOrigin) {
			if (url === exit) state.exits++;
			return route.fulfill({
				status: url === exit ? 200 : 404,
				contentType: 'text/html; charset=utf-8',
				body: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Weather</title>'
					+ '<link rel="icon" href="data:,"></head><body><p>A neutral page.</p></body></html>',
			});
		}
		state.offsite.push(`${route.request().method()} ${url}`);
		return route.abort('blockedbyclient');
	});
	return { context, state };
}

// ---------------------------------------------------------------- checks

// What a page shows of the exit control, and its storage, in the browser.
function looksAtExit() {
	const a = document.querySelector('a.exit-button');
	if (!a) return null;
	const box = a.getBoundingClientRect();
	const hint = document.getElementById(a.getAttribute('aria-describedby') || '');
	return {
		href: a.getAttribute('href'),
		rel: a.getAttribute('rel') || '',
		name: a.textContent.replace(/\s+/g, ' ').trim(),
		hint: hint ? hint.textContent.replace(/\s+/g, ' ').trim() : '',
		top: box.top,
		bottom: box.bottom,
		height: box.height,
		width: box.width,
		visible: getComputedStyle(a).visibility === 'visible' && box.width > 0,
	};
}

const SEEDED = {
	answer: 'mend:/seeded#exercise', late: 'mend:/seeded#late', seen: 'test:as-it-left',
	other: 'test:other', kept: 'mend:kept',
};

// Keys as exercise.js and the reader leave them, and a listener that notes,
// as the page goes, whether it was hidden and its answer gone, then saves
// once more as a script may do then (exit.js must clear that too).
function seedStorage(keys) {
	sessionStorage.setItem(keys.answer, '{"v":1,"values":{"x":"an answer"}}');
	sessionStorage.setItem(keys.other, 'stays');
	localStorage.setItem(keys.kept, 'the reader chose to keep this');
	window.addEventListener('pagehide', () => {
		sessionStorage.setItem(keys.seen, JSON.stringify({
			hidden: document.body.hidden || getComputedStyle(document.body).display === 'none',
			answer: sessionStorage.getItem(keys.answer),
		}));
		sessionStorage.setItem(keys.late, 'saved as the page went');
	});
	return history.length;
}

function readStorage(keys) {
	return {
		answer: sessionStorage.getItem(keys.answer),
		late: sessionStorage.getItem(keys.late),
		seen: JSON.parse(sessionStorage.getItem(keys.seen) || 'null'),
		other: sessionStorage.getItem(keys.other),
		kept: localStorage.getItem(keys.kept),
	};
}

// Leave pagePath by doing `act`, and check how it left: { problems, note }.
// With measure, the safety note is measured first (measureNote), into
// result.note.
async function checkLeaving(browser, origin, exit, pagePath, how, act, measure = false) {
	const problems = [];
	let note = null;
	const { context, state } = await newContext(browser, origin, exit, { viewport: PHONE });
	const page = await context.newPage();
	page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
	try {
		await page.goto(`${origin}/robots.txt`, { timeout: PAGE_TIMEOUT_MS });
		await page.goto(origin + pagePath, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
		if (measure) note = await page.evaluate(measureNote);
		const before = await page.evaluate(seedStorage, SEEDED);
		const seen = await page.evaluate(looksAtExit);
		if (!seen) return { problems: ['no a.exit-button on the page'], note };
		if (seen.href !== exit) problems.push(`the exit link goes to ${seen.href}, not ${exit}`);
		if (!/\bnoreferrer\b/.test(seen.rel)) problems.push(`the exit link's rel is "${seen.rel}", without noreferrer`);
		if (!/exit this page/i.test(seen.name)) problems.push(`the exit link reads "${seen.name}"`);
		if (!/Shift three times/.test(seen.hint)) problems.push(`screen readers are not told of Shift: "${seen.hint}"`);
		if (!seen.visible || seen.top < 0 || seen.bottom > 120) problems.push(`the exit link is not at the top (${Math.round(seen.top)} to ${Math.round(seen.bottom)} px)`);
		if (seen.height < 44) problems.push(`the exit link is ${seen.height}px tall, less than 44`);
		// Scrolled to the end of the page, it is still on the screen.
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		await page.waitForTimeout(50);
		const scrolled = await page.evaluate(looksAtExit);
		if (scrolled.top < 0 || scrolled.bottom > PHONE.height) {
			problems.push(`scrolled to the end, the exit link is off the screen (${Math.round(scrolled.top)} px)`);
		}

		await Promise.all([page.waitForURL(exit, { timeout: 10_000 }), act(page, problems)]);
		const length = await page.evaluate(() => history.length);
		if (length !== before) problems.push(`history has ${length} entries, was ${before}: the exit added one instead of replacing`);
		await page.goBack({ timeout: PAGE_TIMEOUT_MS });
		if (page.url() !== `${origin}/robots.txt`) problems.push(`Back leads to ${page.url()}, not to the page before the guide`);
		else {
			const after = await page.evaluate(readStorage, SEEDED);
			if (!after.seen) problems.push('the page did not fire pagehide as it left');
			else {
				if (!after.seen.hidden) problems.push('the page was still shown as it left');
				if (after.seen.answer !== null) problems.push('the answer was still in sessionStorage as the page left');
			}
			if (after.answer !== null) problems.push('the "mend:" key is still in sessionStorage after the exit');
			if (after.late !== null) problems.push('a "mend:" key saved as the page left is still in sessionStorage');
			if (after.other !== 'stays') problems.push('the exit removed a sessionStorage key that is not mend\'s');
			if (after.kept === null) problems.push('the exit removed what the reader kept in localStorage');
		}
		if (state.exits !== 1) problems.push(`the neutral page was asked for ${state.exits} times`);
	} catch (err) {
		problems.push(`${how}: ${err.message.split('\n')[0]}`);
	} finally {
		await context.close().catch(() => {});
	}
	for (const o of state.offsite) problems.push(`request to another origin: ${o}`);
	return { problems, note };
}

async function clickExit(page) {
	await page.click('a.exit-button', { noWaitAfter: true });
}

async function shiftThreeTimes(page, problems) {
	const status = () => page.$eval('.exit-status', (s) => s.textContent.trim()).catch(() => '');
	const url = page.url();
	await page.keyboard.press('Shift');
	const first = await status();
	if (!/press 2 more times/.test(first)) problems.push(`after one Shift the status says "${first}"`);
	await page.keyboard.press('Shift');
	await page.keyboard.press('KeyA');
	await page.keyboard.press('Shift');
	await page.waitForTimeout(300);
	if (page.url() !== url) problems.push('Shift, Shift, A, Shift left the page: another key must start the count again');
	await page.keyboard.press('Shift');
	await page.keyboard.press('Shift', { noWaitAfter: true });
	await page.keyboard.press('Shift', { noWaitAfter: true });
}

// Without JavaScript: a plain link that leaves; in print, nothing.
async function checkNoScript(browser, origin, exit, pagePath) {
	const problems = [];
	const { context, state } = await newContext(browser, origin, exit, { viewport: PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await page.goto(origin + pagePath, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
		await page.emulateMedia({ media: 'print' });
		const printed = await page.$eval('.exit-this-page', (e) => getComputedStyle(e).display).catch(() => 'missing');
		if (printed !== 'none') problems.push(`in print the exit control's display is ${printed}, not none`);
		await page.emulateMedia({ media: 'screen' });
		await Promise.all([
			page.waitForURL(exit, { timeout: 10_000 }),
			page.click('a.exit-button'),
		]);
		if (state.exits !== 1) problems.push(`the neutral page was asked for ${state.exits} times`);
	} catch (err) {
		problems.push(`without JavaScript: ${err.message.split('\n')[0]}`);
	} finally {
		await context.close().catch(() => {});
	}
	for (const o of state.offsite) problems.push(`request to another origin: ${o}`);
	return problems;
}

// The safety note on a phone, as loaded: where it starts, and whether the
// first exercise comes after it (run in the page).
function measureNote() {
	const note = document.getElementById('safety');
	const exercise = document.querySelector('section.exercise');
	const top = (e) => e.getBoundingClientRect().top + window.scrollY;
	return {
		note: note ? Math.round(top(note)) : null,
		exercise: exercise ? Math.round(top(exercise)) : null,
		before: note && exercise
			? Boolean(note.compareDocumentPosition(exercise) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
		wide: window.innerWidth,
	};
}

// ---------------------------------------------------------------- main

async function main() {
	const args = process.argv.slice(2);
	if (args.length !== 1 || args[0].startsWith('-')) {
		console.error('usage: node tests/browser/safety.mjs SITE_DIR');
		process.exit(2);
	}
	const root = path.resolve(args[0]);
	const pages = await htmlFiles(root).catch(() => []);
	if (pages.length === 0) {
		console.log(`safety: no HTML pages in ${root}`);
		report.failed++;
		finish();
	}
	const watchdog = setTimeout(() => {
		console.log(`safety: still running after ${WATCHDOG_MS / 1000} s, giving up`);
		report.failed++;
		finish(1);
	}, WATCHDOG_MS);
	watchdog.unref();

	const exit = await exitUrl();
	const flagged = await safetyPages(process.env.MEND_CONTENT || 'content');
	const serverErrors = [];
	const server = await serve(root, serverErrors);
	const origin = `http://127.0.0.1:${server.address().port}`;
	console.log(`safety: ${plural(pages.length, 'page')} in ${root}, served at ${origin}; exit to ${exit} (a stub)`);
	console.log(`safety: pages with safety = true: ${flagged.join(' ') || 'none'}`);
	let browser;
	try {
		browser = await launchChromium();
	} catch (err) {
		fail('start Chromium', [err.message.split('\n')[0]]);
		server.close();
		finish();
	}
	try {
		const paths = pages.map(urlPath);
		for (const p of flagged) if (!paths.includes(p)) fail(`safety ${p}`, ['its front matter says safety = true, but it was not built']);
		for (const p of paths) {
			const click = await checkLeaving(browser, origin, exit, p, 'click', clickExit, true);
			if (click.problems.length) fail(`exit click ${p}`, click.problems); else pass(`exit click ${p}`);
			const shift = await checkLeaving(browser, origin, exit, p, 'Shift x3', shiftThreeTimes);
			if (shift.problems.length) fail(`exit shift ${p}`, shift.problems); else pass(`exit shift ${p}`);
			const nojs = await checkNoScript(browser, origin, exit, p);
			if (nojs.length) fail(`exit no-js ${p}`, nojs); else pass(`exit no-js ${p}`);

			const m = click.note;
			if (m === null) {
				fail(`safety ${p}`, ['the page could not be measured']);
				continue;
			}
			if (m.note === null && m.exercise === null && !flagged.includes(p)) continue;
			const problems = [];
			if (m.note === null) {
				problems.push(m.exercise !== null ? 'the page holds an exercise but no safety note'
					: 'its front matter says safety = true, but there is no #safety');
			} else {
				if (m.note >= PHONE.height) problems.push(`#safety starts at ${m.note} px: below the first screen (${PHONE.height} px) at ${m.wide} px wide`);
				if (m.exercise !== null && (!m.before || m.note >= m.exercise)) problems.push(`#safety (${m.note} px) is not above the first exercise (${m.exercise} px)`);
			}
			const note = `top ${m.note} px at ${PHONE.width} px${m.exercise !== null ? `, exercise at ${m.exercise} px` : ''}`;
			if (problems.length) fail(`safety ${p}  (${note})`, problems); else pass(`safety ${p}`, note);
		}
		// Chromium asks for /favicon.ico on robots.txt, the plain text page
		// the tests start from (the guide's pages name their icon).
		for (const e of serverErrors) if (!/^404 GET \/favicon\.ico$/.test(e)) fail(`server answered ${e}`);
	} finally {
		await browser.close().catch(() => {});
		server.close();
	}
	finish();
}

main().catch((err) => {
	console.log(`safety: ${err.stack || err.message}`);
	report.failed++;
	finish(1);
});
