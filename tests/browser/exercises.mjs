// The worksheets of a built guide, in Chromium.
//
//   node tests/browser/exercises.mjs SITE_DIR
//
// Run from the root of the repository: the exercises' models and the C
// matcher's verdicts come from ./mend (or $MEND_BIN): `mend debug model
// NAME` and `mend exercise check NAME --field TARGET --answer TEXT --json`.
// SITE_DIR is a site mend has built; it is served on 127.0.0.1 (lib.mjs).
//
//   matcher   every vector of tests/feedback-cases.json through the page's
//             own window.mendFeedback.run: the same items, in order (and,
//             where a vector gives "shown", window.mendFeedback.present of
//             them: the same presented items).
//   example   every example of every exercise typed into its field on the
//             built page: C's items are the ones the example expects; after
//             the pause (1200 ms without input) the live region shows
//             exactly C's "shown" items (kind, rule, message) when the
//             answer has three words or more (two, with a concern), and
//             nothing when it has fewer; on leaving the field it shows
//             exactly "shown"; the region stays aria-live="polite".  A
//             concern is shown alone, with a link that reaches #safety.
//   concern   a concern rule put into each page's rules on the way (so it
//             holds whatever the exercises say): two words raising it show
//             it after the pause, alone, labelled "Please read this"; more
//             words keep it alone; its link reaches a safety note (this
//             page's #safety, or the home page's).
//   pause     one word typed and a wait past the pause: no feedback; three
//             words: none until the pause, then C's "shown"; two words and
//             leaving the field: C's "shown".
//   storage   after typing into every field, localStorage holds nothing
//             and sessionStorage holds the answers under
//             "mend:answers:PATH#NAME"; a reload keeps them; a new tab (the
//             old one closed) has none.  "Keep my answers on this device"
//             puts them in localStorage (with "mend:keep"), and a new tab
//             has them back; turning it off takes them out of localStorage
//             and leaves them in the tab.  "Clear all my answers" (by
//             keyboard, through its confirm step, which Escape closes)
//             empties both storages for every exercise of the site and
//             every field, says so, and they stay gone after a reload.  No
//             cookie, no IndexedDB, no request while typing, nothing off
//             127.0.0.1.
//   print     page.pdf() read back with pdftotext: "Print with my answers"
//             shows a long answer whole (a textarea alone would clip it)
//             and the table's answers, with the header row repeated on
//             each page and no buttons or feedback; "Print blank" shows no
//             answer, and the answers are back afterwards; no printout says
//             where answers are kept ("this device", "this tab").
//   paper     "Print with my answers" as A4 and Letter, portrait and
//             landscape, every field answered: every answer printed whole
//             (its last word is there), a table row on one page, and no
//             page empty or holding only the site's header or footer.
//   partners  an exercise with per-partner columns: "I am filling this in
//             as" (a fieldset, its legend, two radios, keyboard operable)
//             shows the chosen partner's answer in each per-partner cell and
//             not the other's; each partner's answers are kept apart (their
//             own ids in the one record "mend:answers:PATH#NAME" in
//             sessionStorage, nothing in localStorage), a shared cell is the
//             same for both, a reload keeps both; feedback is each
//             partner's own; "Clear all my answers" clears both; "Print
//             with my answers" prints both partners' answers, named.
//   axe       a worksheet with feedback shown, a concern shown and answers
//             kept on this device, under axe-core in light and dark (the
//             worksheet's element only).
//   no-js     without JavaScript: no buttons, no storage choice, the note
//             for readers without JavaScript, every control labelled; a
//             per-partner cell shows both partners' answers, named, and no
//             partner choice.
//
// The last line is "exercises: N passed, M failed"; exit status 1 when
// anything failed, 2 on a usage error.

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { htmlFiles, launchChromium, reporter, serve, urlPath, withTimeout } from './lib.mjs';

const require = createRequire(import.meta.url);
const MEND = process.env.MEND_BIN || './mend';
const CASES = 'tests/feedback-cases.json';
const DEBOUNCE_WAIT_MS = 5_000;
const WATCHDOG_MS = 600_000;

// What the screen says of where answers are kept, and paper must not.
const WHERE_KEPT = [/this device/i, /this tab\b/i];
const printedWhereKept = (text) => WHERE_KEPT.filter((re) => re.test(text)).map((re) => `"${re.source}" is printed`);

const report = reporter('exercises');
const { pass, fail, finish } = report;

function exec(cmd, args) {
	return new Promise((resolve) => {
		execFile(cmd, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
			resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr, err });
		});
	});
}

async function mendJson(args, okCodes = [0]) {
	const r = await exec(MEND, args);
	if (!okCodes.includes(r.code)) throw new Error(`${MEND} ${args.join(' ')}: exit ${r.code}: ${r.stderr.trim()}`);
	return JSON.parse(r.stdout);
}

const brief = (items) => items.map((i) => `${i.kind} ${i.rule}`).join(', ') || 'no feedback';
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// A context that records what its pages do beyond their own origin.
async function watchedPage(browser, origin, options = {}) {
	const context = await browser.newContext(options);
	const log = { requests: [], offsite: [], errors: [] };
	const isLocal = (url) => ['data:', 'blob:', 'about:'].includes(new URL(url).protocol) ||
		new URL(url).origin === origin;
	context.on('request', (req) => {
		log.requests.push(`${req.method()} ${req.url()}`);
		if (!isLocal(req.url())) log.offsite.push(`${req.method()} ${req.url()}`);
	});
	context.on('page', (page) => {
		page.on('console', (m) => m.type() === 'error' && log.errors.push(`console: ${m.text()}`));
		page.on('pageerror', (e) => log.errors.push(`script error: ${e.message}`));
		page.on('websocket', (ws) => log.offsite.push(`websocket ${ws.url()}`));
	});
	await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
	const page = await context.newPage();
	return { context, page, log };
}

async function open(page, url) {
	const r = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
	if (!r || r.status() !== 200) throw new Error(`HTTP ${r ? r.status() : 'no response'} for ${url}`);
	await page.waitForSelector('section.exercise.has-script', { timeout: 10_000 });
}

// The items a feedback region shows.
function shownItems(page, regionId) {
	return page.evaluate((id) => Array.from(document.getElementById(id).querySelectorAll('li[data-kind]'), (li) => ({
		kind: li.dataset.kind,
		rule: li.dataset.rule,
		message: li.querySelector('.feedback-message').textContent,
	})), regionId);
}

// In a per-partner cell, "I am filling this in as" that cell's partner.
async function choosePartnerOf(page, name, field) {
	const n = await field.evaluate((el) => {
		const answer = el.closest('.partner-answer');
		return answer ? answer.className.match(/\bpartner-(\d)\b/)[1] : null;
	});
	if (n) await page.check(`#exercise--${name}__partner-${n}`);
}

const pending = (page, regionId) => page.waitForFunction((id) => !document.getElementById(id).hasAttribute('data-pending'),
	regionId, { timeout: DEBOUNCE_WAIT_MS });

// C's verdict on one answer: {items, shown}, asked once.
const cVerdicts = new Map();
async function cCheck(name, field, answer) {
	const key = JSON.stringify([name, field, answer]);
	if (!cVerdicts.has(key)) {
		const c = await mendJson(['exercise', 'check', name, '--field', field, '--answer', answer, '--json'], [0, 1]);
		if (!Array.isArray(c.shown)) throw new Error(`mend exercise check ${name} --json gives no "shown" array`);
		cVerdicts.set(key, c);
	}
	return cVerdicts.get(key);
}

// ---------------------------------------------------------------- matcher

async function checkMatcher(page) {
	console.log('== the page\'s matcher on tests/feedback-cases.json');
	const { cases } = JSON.parse(await readFile(CASES, 'utf8'));
	const got = await page.evaluate((cs) => cs.map((c) => {
		const items = window.mendFeedback.run(c.rules, c.answer);
		return { items, shown: window.mendFeedback.present(items) };
	}), cases);
	cases.forEach((c, i) => {
		const problems = [];
		if (!same(got[i].items, c.expect)) {
			problems.push(`expected: ${JSON.stringify(c.expect)}`, `got:      ${JSON.stringify(got[i].items)}`);
		}
		if (c.shown !== undefined && !same(got[i].shown, c.shown)) {
			problems.push(`shown, expected: ${JSON.stringify(c.shown)}`, `shown, got:      ${JSON.stringify(got[i].shown)}`);
		}
		if (problems.length) fail(`matcher  ${c.name}`, problems);
		else pass(`matcher  ${c.name}`);
	});
}

// ---------------------------------------------------------------- examples

// A concern's item: its link leads to a safety note, on this page or the
// home page's.  Returns the problems.
async function checkConcernLink(page, regionId) {
	const problems = [];
	const link = page.locator(`#${regionId} .feedback-concern a`);
	if (await link.count() !== 1) return [`the concern item has ${await link.count()} links, not one`];
	const href = await link.getAttribute('href');
	if (href !== '#safety' && !/#safety$/.test(href || '')) return [`the concern's link goes to ${href}, not to a safety note`];
	if (href === '#safety' && !await page.locator('#safety').count()) problems.push('the concern links to #safety, and the page has none');
	const from = page.url();
	await link.click();
	if (href !== '#safety') await page.waitForURL((u) => u.hash === '#safety', { timeout: 10_000 });
	// The theme scrolls smoothly: give it time to arrive.
	await page.waitForFunction(() => {
		const note = document.getElementById('safety');
		const r = note && note.getBoundingClientRect();
		return r && r.top < innerHeight && r.bottom > 0;
	}, null, { timeout: 5_000 }).catch(() => {});
	const at = await page.evaluate(() => {
		const note = document.getElementById('safety');
		const r = note && note.getBoundingClientRect();
		return { hash: location.hash, note: !!note, visible: !!r && r.top < innerHeight && r.bottom > 0 };
	});
	if (at.hash !== '#safety' || !at.note || !at.visible) {
		problems.push(`after following the link (${href}): hash "${at.hash}", ${at.note ? `the note ${at.visible ? '' : 'not '}in view` : 'no safety note'}`);
	}
	if (href !== '#safety') await page.goto(from, { waitUntil: 'load' });
	return problems;
}

async function checkExamples(browser, origin, name, pagePath, model) {
	const { context, page, log } = await watchedPage(browser, origin);
	try {
		await open(page, origin + pagePath);
		const used = new Map();  // target -> how many examples typed there
		for (const [n, ex] of model.examples.entries()) {
			const label = `example  ${name} #${n + 1} (${ex.field}): ${ex.answer.slice(0, 48)}${ex.answer.length > 48 ? '…' : ''}`;
			const problems = [];
			let note = '';
			try {
				const c = await cCheck(name, ex.field, ex.answer);
				const cBrief = c.items.map(({ kind, rule }) => ({ kind, rule }));
				if (!same(cBrief, ex.expect)) {
					problems.push(`C gives ${brief(c.items)}, the example expects ${brief(ex.expect)}`);
				}
				// A table's column: a different row each time.
				const fields = page.locator(`#exercise--${name} [data-target="${ex.field}"]`);
				const count = await fields.count();
				if (count === 0) throw new Error(`no field with data-target="${ex.field}" on the page`);
				const k = used.get(ex.field) || 0;
				used.set(ex.field, k + 1);
				const field = fields.nth(k % count);
				const regionId = await field.getAttribute('data-feedback');
				await choosePartnerOf(page, name, field);  // a partner's own cell: written as that partner
				await field.fill('');
				if (n === 0) await field.pressSequentially(ex.answer, { delay: 5 });  // real key presses once
				else await field.fill(ex.answer);
				// The pause: shown past the first words (or with a concern).
				await pending(page, regionId);
				const words = await page.evaluate((a) => window.mendFeedback.words(a), ex.answer);
				const concern = c.shown.some((i) => i.kind === 'concern');
				const due = words >= 3 || (concern && words >= 2);
				const afterPause = await shownItems(page, regionId);
				if (!same(afterPause, due ? c.shown : [])) {
					problems.push(`after the pause (${words} words) the page shows ${brief(afterPause)}, expected ${due ? `C's shown: ${brief(c.shown)}` : 'nothing yet'}`);
				}
				// Leaving the field: shown whatever the length.
				await field.evaluate((el) => el.blur());
				const shown = await shownItems(page, regionId);
				if (!same(shown, c.shown)) {
					problems.push(`on leaving the field the page shows ${brief(shown)}, C's shown is ${brief(c.shown)}`);
					if (same(shown.map((i) => i.kind + i.rule), c.shown.map((i) => i.kind + i.rule))) {
						problems.push('(the same rules, different messages)');
					}
				}
				if (shown.length > 3) problems.push(`${shown.length} items shown at once`);
				const live = await page.evaluate((id) => document.getElementById(id).getAttribute('aria-live'), regionId);
				if (live !== 'polite') problems.push(`the feedback region has aria-live="${live}"`);
				if (concern) {
					problems.push(...await checkConcernLink(page, regionId));
					note = 'a concern, alone, linked to the safety note';
				} else {
					note = `${c.shown.length} of ${c.items.length} items shown`;
				}
			} catch (err) {
				problems.push(err.message.split('\n')[0]);
			}
			problems.push(...log.errors.splice(0));
			if (problems.length) fail(label, problems);
			else pass(label, note);
		}
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- concern

// A concern rule put into the page's first field with rules (the page's
// HTML changed on its way to the browser), so that this holds whatever
// the exercises' own rules say: two words that raise it show it after the
// pause, alone, labelled, with a link that reaches a safety note.
async function checkConcern(browser, origin, name, pagePath) {
	const { context, page, log } = await watchedPage(browser, origin);
	const label = `concern  ${name}: a concern is shown alone, after two words and the pause, with a way to the safety note`;
	const rule = { type: 'concern', id: 'test-concern', phrases: ['zorblax ... quux*'], message: 'A test concern message.' };
	try {
		await page.route(origin + pagePath, async (route) => {
			const res = await route.fetch();
			const html = (await res.text()).replace(/(<script type="application\/json" id="exercise--[a-z0-9-]+__rules"[^>]*>)([^<]*)/,
				(m, open, json) => {
					const rules = JSON.parse(json);
					for (const k of Object.keys(rules)) rules[k] = [...rules[k], rule];
					return open + JSON.stringify(rules).replace(/</g, '\\u003c');
				});
			await route.fulfill({ response: res, body: html });
		});
		await open(page, origin + pagePath);
		const problems = [];
		const field = page.locator(`#exercise--${name} .exercise-fields [data-target]`).first();
		const regionId = await field.getAttribute('data-feedback');
		await field.click();
		await field.pressSequentially('zorblax quuxes', { delay: 20 });
		await pending(page, regionId);
		const shown = await shownItems(page, regionId);
		if (!same(shown, [{ kind: 'concern', rule: rule.id, message: rule.message }])) problems.push(`the page shows ${brief(shown)}`);
		const kind = await page.locator(`#${regionId} .feedback-concern .feedback-kind`).textContent().catch(() => '');
		if (kind !== 'Please read this') problems.push(`the concern is labelled "${kind}"`);
		// More words, more rules met or missed: still the concern alone.
		await field.pressSequentially(', I am sorry that I did', { delay: 5 });
		await field.evaluate((el) => el.blur());
		const after = await shownItems(page, regionId);
		if (after.length !== 1 || after[0].rule !== rule.id) problems.push(`with more words the page shows ${brief(after)}`);
		problems.push(...await checkConcernLink(page, regionId));
		problems.push(...log.errors.splice(0));
		if (problems.length) fail(label, problems);
		else pass(label);
	} catch (err) {
		fail(label, [err.message.split('\n')[0], ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- pause

// Feedback waits for the reader: not after one word, not before the
// pause; on leaving the field, at once.
async function checkPause(browser, origin, name, pagePath) {
	const { context, page, log } = await watchedPage(browser, origin);
	const label = `pause    ${name}: no feedback after one word; after the pause or on leaving the field, C's "shown"`;
	try {
		await open(page, origin + pagePath);
		const problems = [];
		const field = page.locator(`#exercise--${name} .exercise-fields [data-target]`).first();
		const target = await field.getAttribute('data-target');
		const regionId = await field.getAttribute('data-feedback');
		await field.click();
		await field.pressSequentially('Sorry', { delay: 20 });
		await page.waitForTimeout(2_000);
		const one = await shownItems(page, regionId);
		if (one.length) problems.push(`after one word and 2 s: ${brief(one)}`);
		await field.pressSequentially(' I lied', { delay: 20 });
		const early = await shownItems(page, regionId);
		if (early.length) problems.push(`right after the third word, before the pause: ${brief(early)}`);
		await pending(page, regionId);
		const three = await shownItems(page, regionId);
		const c3 = await cCheck(name, target, 'Sorry I lied');
		if (!three.length || !same(three, c3.shown)) problems.push(`after the pause, three words: ${brief(three)}, C's shown: ${brief(c3.shown)}`);
		await field.fill('');
		await pending(page, regionId);
		if ((await shownItems(page, regionId)).length) problems.push('an emptied field keeps its feedback');
		await field.pressSequentially('I lied', { delay: 20 });
		await page.keyboard.press('Tab');
		const left = await shownItems(page, regionId);
		const c2 = await cCheck(name, target, 'I lied');
		if (!left.length || !same(left, c2.shown)) problems.push(`two words, then Tab: ${brief(left)}, C's shown: ${brief(c2.shown)}`);
		problems.push(...log.errors.splice(0));
		if (problems.length) fail(label, problems);
		else pass(label);
	} catch (err) {
		fail(label, [err.message.split('\n')[0], ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- storage

// Puts a distinct answer in every control of the exercise, and returns the
// state of every control: {id: value or checked}.
function fillAll(page, name) {
	return page.evaluate(async (nm) => {
		const section = document.getElementById(`exercise--${nm}`);
		const radiosDone = new Set();
		let i = 0;
		for (const el of section.querySelectorAll('.exercise-fields input[id], .exercise-fields textarea[id]')) {
			i++;
			if (el.type === 'checkbox') {
				if (i % 2) el.click();
			} else if (el.type === 'radio') {
				if (!radiosDone.has(el.name) && el.value === '2') {
					radiosDone.add(el.name);
					el.click();
				}
			} else {
				el.focus();
				el.value = el.type === 'date' ? `2025-03-${String((i % 27) + 1).padStart(2, '0')}` : `Answer ${i}: kept here`;
				el.dispatchEvent(new Event('input', { bubbles: true }));
			}
		}
		return null;
	}, name);
}

function state(page, name) {
	return page.evaluate((nm) => {
		const s = {};
		for (const el of document.getElementById(`exercise--${nm}`).querySelectorAll('.exercise-fields input[id], .exercise-fields textarea[id]')) {
			s[el.id] = el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value;
		}
		return s;
	}, name);
}

async function storageUse(page, context) {
	return page.evaluate(async () => ({
		local: Object.keys(localStorage).sort(),
		session: Object.keys(sessionStorage).sort(),
		cookie: document.cookie,
		idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
	})).then(async (u) => ({ ...u, cookies: (await context.cookies()).map((c) => c.name) }));
}

const filledOnly = (s) => Object.entries(s).filter(([, v]) => v !== '' && v !== false);

// A new tab of the same browser (its localStorage, a fresh
// sessionStorage), the old one closed: what a reader gets on coming back.
async function newTab(context, old, url) {
	const page = await context.newPage();
	await old.close();
	await open(page, url);
	return page;
}

async function checkStorage(browser, origin, name, pagePath, other) {
	const { context, log, page: first } = await watchedPage(browser, origin);
	let page = first;
	const key = `mend:answers:${pagePath}#${name}`;
	const url = origin + pagePath;
	const step = async (what, fn) => {
		const problems = [];
		try {
			await fn(problems);
		} catch (err) {
			problems.push(err.message.split('\n')[0]);
		}
		problems.push(...log.errors.splice(0));
		if (problems.length) fail(`storage  ${name}: ${what}`, problems);
		else pass(`storage  ${name}: ${what}`);
	};
	try {
		await open(page, url);
		let filled;

		await step('answers in this tab only (sessionStorage), kept by a reload, nothing sent', async (problems) => {
			const before = log.requests.length;
			await fillAll(page, name);
			filled = await state(page, name);
			await page.waitForTimeout(400);  // any request would have gone
			const whileTyping = log.requests.slice(before);
			const use = await storageUse(page, context);
			if (use.local.length) problems.push(`localStorage holds ${JSON.stringify(use.local)}`);
			if (!same(use.session, [key])) problems.push(`sessionStorage keys ${JSON.stringify(use.session)}, expected ["${key}"]`);
			if (use.cookie || use.cookies.length) problems.push(`cookies: ${use.cookie || use.cookies.join(', ')}`);
			if (use.idb.length) problems.push(`IndexedDB databases: ${use.idb.join(', ')}`);
			if (whileTyping.length) problems.push(`requests while typing: ${whileTyping.join('; ')}`);
			const n = filledOnly(filled).length;
			if (n < 3) problems.push(`only ${n} fields could be filled`);
			const privacy = await page.locator(`#exercise--${name} .exercise-privacy`).textContent();
			if (!/in this tab only/.test(privacy)) problems.push(`the worksheet says "${privacy}"`);
			await page.reload({ waitUntil: 'load' });
			await page.waitForSelector('section.exercise.has-script');
			const restored = await state(page, name);
			for (const [id, v] of Object.entries(filled)) {
				if (restored[id] !== v) problems.push(`#${id}: ${JSON.stringify(v)} before the reload, ${JSON.stringify(restored[id])} after`);
			}
		});

		await step('a new tab (the old one closed) has no answers', async (problems) => {
			page = await newTab(context, page, url);
			const left = filledOnly(await state(page, name));
			if (left.length) problems.push(`back in a new tab: ${left.map(([id]) => `#${id}`).join(', ')}`);
			const use = await storageUse(page, context);
			if (use.local.length || use.session.length) problems.push(`storage: ${JSON.stringify(use)}`);
		});

		await step('"Keep my answers on this device": localStorage, back in a new tab', async (problems) => {
			await fillAll(page, name);
			filled = await state(page, name);
			const box = page.locator(`#exercise--${name} .exercise-keep input[type="checkbox"]`);
			await page.getByLabel('Keep my answers on this device').first().check();
			if (!await box.isChecked()) problems.push('the box is not ticked');
			let use = await storageUse(page, context);
			if (!same(use.local, [key, 'mend:keep'].sort())) problems.push(`localStorage keys ${JSON.stringify(use.local)}, expected ${key} and mend:keep`);
			const privacy = await page.locator(`#exercise--${name} .exercise-privacy`).textContent();
			if (!/on this device until you clear them/.test(privacy)) problems.push(`the worksheet says "${privacy}"`);
			page = await newTab(context, page, url);
			const restored = await state(page, name);
			for (const [id, v] of Object.entries(filled)) {
				if (restored[id] !== v) problems.push(`#${id}: ${JSON.stringify(v)} before, ${JSON.stringify(restored[id])} in a new tab`);
			}
			if (!await page.locator(`#exercise--${name} .exercise-keep input[type="checkbox"]`).isChecked()) problems.push('the choice is not remembered in a new tab');
			use = await storageUse(page, context);
			if (!use.local.includes(key)) problems.push('the answers left localStorage');
		});

		await step('turning it off takes the answers out of localStorage, leaves them in the tab', async (problems) => {
			await page.getByLabel('Keep my answers on this device').first().uncheck();
			const use = await storageUse(page, context);
			if (use.local.length) problems.push(`localStorage still holds ${JSON.stringify(use.local)}`);
			if (!same(use.session, [key])) problems.push(`sessionStorage keys ${JSON.stringify(use.session)}`);
			const now = await state(page, name);
			if (!same(now, filled)) problems.push('the answers on the page changed');
			await page.reload({ waitUntil: 'load' });
			await page.waitForSelector('section.exercise.has-script');
			if (!same(await state(page, name), filled)) problems.push('the answers are not kept by a reload');
			const privacy = await page.locator(`#exercise--${name} .exercise-privacy`).textContent();
			if (!/in this tab only/.test(privacy)) problems.push(`the worksheet says "${privacy}"`);
		});

		await step('"Clear all my answers" by keyboard: every exercise, both storages, gone after a reload', async (problems) => {
			// Answers kept on the device, and another exercise's in this tab.
			await page.getByLabel('Keep my answers on this device').first().check();
			if (other) {
				await open(page, origin + other.pagePath);
				await fillAll(page, other.name);
				await page.goto(url, { waitUntil: 'load' });
				await page.waitForSelector('section.exercise.has-script');
			}
			const before = await storageUse(page, context);
			const answerKeys = (keys) => keys.filter((k) => k.startsWith('mend:answers:'));
			if (answerKeys(before.local).length < 1 + (other ? 1 : 0)) problems.push(`before clearing, localStorage holds only ${JSON.stringify(before.local)}`);
			const section = `#exercise--${name}`;
			const active = () => page.evaluate(() => document.activeElement && document.activeElement.dataset.action);
			await page.focus(`${section} [data-action="clear"]`);
			await page.keyboard.press('Enter');
			await page.keyboard.press('Escape');  // changed my mind
			if (await page.locator(`${section} .exercise-confirm`).isVisible()) problems.push('Escape does not close the confirm step');
			if (await active() !== 'clear') problems.push('after Escape the focus is not back on "Clear all my answers"');
			await page.keyboard.press('Enter');
			const focused = await active();
			if (focused !== 'clear-no') problems.push(`after "Clear all my answers" the focus is on ${focused}, not on "Keep my answers"`);
			if (!same(await state(page, name), filled)) problems.push('answers changed before the clearing was confirmed');
			await page.keyboard.press('Shift+Tab');
			await page.keyboard.press('Enter');
			const left = filledOnly(await state(page, name));
			if (left.length) problems.push(`not cleared: ${left.map(([id]) => `#${id}`).join(', ')}`);
			const items = await page.locator(`${section} .feedback li`).count();
			if (items) problems.push(`${items} feedback items still shown`);
			await page.waitForFunction((sel) => document.querySelector(sel).textContent !== '', `${section} .exercise-status`);
			const status = await page.locator(`${section} .exercise-status`).textContent();
			if (!/cleared/.test(status)) problems.push(`the status says "${status}"`);
			const after = await storageUse(page, context);
			if (answerKeys(after.local).length) problems.push(`localStorage still holds ${JSON.stringify(after.local)}`);
			if (answerKeys(after.session).length) problems.push(`sessionStorage still holds ${JSON.stringify(after.session)}`);
			await page.reload({ waitUntil: 'load' });
			await page.waitForSelector('section.exercise.has-script');
			const afterReload = filledOnly(await state(page, name));
			if (afterReload.length) problems.push(`back after a reload: ${afterReload.map(([id]) => `#${id}`).join(', ')}`);
			if (other) {
				await open(page, origin + other.pagePath);
				const back = filledOnly(await state(page, other.name));
				if (back.length) problems.push(`${other.name} still holds ${back.length} answers`);
			}
			// Leave the device as it was found.
			await page.getByLabel('Keep my answers on this device').first().uncheck();
		});

		await step('no cookie, no IndexedDB, only GET, nothing off 127.0.0.1', async (problems) => {
			const use = await storageUse(page, context);
			if (use.cookie || use.cookies.length) problems.push(`cookies: ${use.cookie || use.cookies.join(', ')}`);
			if (use.idb.length) problems.push(`IndexedDB databases: ${use.idb.join(', ')}`);
			for (const o of log.offsite) problems.push(`request off 127.0.0.1: ${o}`);
			const notGet = log.requests.filter((r) => !r.startsWith('GET '));
			if (notGet.length) problems.push(`requests other than GET: ${notGet.join('; ')}`);
		});
	} catch (err) {
		fail(`storage  ${name}`, [err.message.split('\n')[0], ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- print

async function pdfText(page, dir, file) {
	const pdf = path.join(dir, `${file}.pdf`);
	await writeFile(pdf, await page.pdf({ format: 'A4' }));
	const r = await exec('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
	if (r.code !== 0) throw new Error(`pdftotext: ${r.err ? r.err.message : r.stderr}`);
	return r.stdout.replace(/\s+/g, ' ');
}

// Press one of the print buttons with window.print stubbed: the page stays
// as the button left it for printing until afterprint.
async function pressPrint(page, name, action) {
	await page.evaluate(() => {
		window.mendPrinted = 0;
		window.print = () => { window.mendPrinted++; };
	});
	await page.click(`#exercise--${name} [data-action="${action}"]`);
	const printed = await page.evaluate(() => window.mendPrinted);
	if (printed !== 1) throw new Error(`"${action}" called window.print() ${printed || 0} times`);
}

const afterPrint = (page) => page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

async function checkPrint(browser, origin, name, pagePath, dir) {
	const { context, page, log } = await watchedPage(browser, origin);
	const words = ['Marigold', 'Juniper', 'Tamarind', 'Wisteria'];
	try {
		await open(page, origin + pagePath);
		// A long answer (more lines than its box) in the first long field,
		// words in two cells of a table.
		const first = page.locator(`#exercise--${name} :is(.field-long-text, .field-rewrite) textarea`).first();
		const long = [`${words[0]} begins this answer.`, ...Array.from({ length: 16 }, (_, i) => `Line ${i + 2} of a long answer.`), `${words[1]} ends it.`].join('\n');
		await first.fill(long);
		const inTable = page.locator(`#exercise--${name} table textarea`);
		const tableCount = await inTable.count();
		if (tableCount) {
			await inTable.first().fill(`${words[2]} in the first row.`);
			await inTable.last().fill(`${words[3]} in the last row.`);
		}
		const expected = tableCount ? words : words.slice(0, 2);

		let problems = [];
		await pressPrint(page, name, 'print-answers');
		const withAnswers = await pdfText(page, dir, `${name}-answers`);
		await afterPrint(page);
		for (const w of expected) if (!withAnswers.includes(w)) problems.push(`"${w}" is not in the PDF`);
		for (const w of ['Print with my answers', 'Clear all my answers', 'Keep my answers', 'Going well', 'Worth another look', 'You might add', 'Please read this', 'Previous step', 'Skip to content']) {
			if (withAnswers.includes(w)) problems.push(`"${w}" is printed`);
		}
		problems.push(...printedWhereKept(withAnswers));
		if (tableCount) {
			// The table's first and last rows on different pages: the
			// header row is printed on the last one too.
			const header = (await page.locator(`#exercise--${name} thead th`).last().textContent()).trim();
			const pdf = path.join(dir, `${name}-answers.pdf`);
			const pages = Number(((await exec('pdfinfo', [pdf])).stdout.match(/Pages:\s+(\d+)/) || [])[1] || 0);
			const pageText = [];
			for (let i = 1; i <= pages; i++) {
				pageText.push((await exec('pdftotext', ['-enc', 'UTF-8', '-f', `${i}`, '-l', `${i}`, pdf, '-'])).stdout.replace(/\s+/g, ' '));
			}
			const firstRow = pageText.findIndex((t) => t.includes(words[2]));
			const lastRow = pageText.findIndex((t) => t.includes(words[3]));
			if (firstRow < 0 || lastRow < 0) problems.push('the table\'s rows are not in the PDF');
			else if (firstRow === lastRow) problems.push(`the table fits on one page (${firstRow + 1}): its header's repetition is not tested`);
			else if (!pageText[lastRow].includes(header)) problems.push(`page ${lastRow + 1} continues the table without its header row ("${header}")`);
		}
		if (problems.length) fail(`print    ${name}: "Print with my answers"`, problems);
		else pass(`print    ${name}: "Print with my answers"`);

		problems = [];
		await pressPrint(page, name, 'print-blank');
		const blank = await pdfText(page, dir, `${name}-blank`);
		await afterPrint(page);
		for (const w of words) if (blank.includes(w)) problems.push(`"${w}" is in the blank PDF`);
		if (!blank.includes(await page.locator(`#exercise--${name}__title`).textContent())) problems.push('the exercise\'s title is not in the blank PDF');
		const back = await first.inputValue();
		if (back !== long) problems.push('the answer is not back after printing blank');
		const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
		if (!stored.includes(words[0])) problems.push('the saved answers were lost by printing blank');
		problems.push(...printedWhereKept(blank));
		problems.push(...log.errors.splice(0));
		if (problems.length) fail(`print    ${name}: "Print blank"`, problems);
		else pass(`print    ${name}: "Print blank"`);

		// The browser's own print: the whole page, answers in place.
		problems = [];
		const whole = await pdfText(page, dir, `${name}-page`);
		for (const w of expected) if (!whole.includes(w)) problems.push(`"${w}" is not in the PDF`);
		problems.push(...printedWhereKept(whole));
		if (problems.length) fail(`print    ${name}: the browser's own print`, problems);
		else pass(`print    ${name}: the browser's own print`);
	} catch (err) {
		fail(`print    ${name}`, [err.message.split('\n')[0], ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// "Print with my answers" on every paper a reader may choose: A4 and
// Letter, portrait and landscape.  Every field is filled with an answer of
// realistic length whose last word is its own (Endword0, Endword1, ...), the
// initials with initials (and Z0, Z1, ...).  Each printout must hold every last word (a
// clipped column or a text box cut at its width loses it), the words of one
// table row on one page (a row never splits), and no page that is empty or
// holds only the site's header or footer.
const PAPERS = [['A4', false], ['A4', true], ['Letter', false], ['Letter', true]];

async function checkPaper(browser, origin, name, pagePath, dir) {
	const { context, page, log } = await watchedPage(browser, origin);
	try {
		await open(page, origin + pagePath);
		const site = (await page.locator('.site-title').first().textContent()).trim();
		const fields = page.locator(`#exercise--${name} .exercise-fields :is(textarea, input[type="text"])`);
		const n = await fields.count();
		const rows = [];  // the last words of each table row's cells
		const lasts = [];  // every answer's last word
		for (let i = 0; i < n; i++) {
			const f = fields.nth(i);
			const short = await f.evaluate((el) => el.closest('.cell-short') !== null);
			const inRow = await f.evaluate((el) => {
				const tr = el.closest('tbody tr');
				return tr ? [...tr.parentNode.children].indexOf(tr) : -1;
			});
			const last = short ? `Z${i}` : `Endword${i}`;  // short: fits a narrow column
			await choosePartnerOf(page, name, f);  // a partner's own answer: written as that partner
			await f.fill(short ? `JR AM ${last}` :
			    `We agree to talk each Sunday evening about how the week went, and to say so when one of us needs a break ${last}`);
			lasts.push(last);
			if (inRow >= 0) (rows[inRow] ||= []).push(last);
		}
		for (const [format, landscape] of PAPERS) {
			const paper = `${format} ${landscape ? 'landscape' : 'portrait'}`;
			const problems = [];
			await pressPrint(page, name, 'print-answers');
			const pdf = path.join(dir, `${name}-${format}-${landscape ? 'l' : 'p'}.pdf`);
			await writeFile(pdf, await page.pdf({ format, landscape }));
			await afterPrint(page);
			const pages = Number(((await exec('pdfinfo', [pdf])).stdout.match(/Pages:\s+(\d+)/) || [])[1] || 0);
			const text = [];
			for (let k = 1; k <= pages; k++) {
				text.push((await exec('pdftotext', ['-enc', 'UTF-8', '-f', `${k}`, '-l', `${k}`, pdf, '-'])).stdout.replace(/\s+/g, ' ').trim());
			}
			text.forEach((t, k) => {
				const rest = t.split(site).join('').replace(/\b20\d\d\b|[.,]/g, '').trim();
				if (rest === '') problems.push(`page ${k + 1} of ${pages} holds ${t === '' ? 'nothing' : `only "${t}"`}`);
			});
			const all = text.join(' ');
			const shows = (t, w) => new RegExp(`\\b${w}\\b`).test(t);
			for (const w of lasts) if (!shows(all, w)) problems.push(`an answer is cut short: its last word "${w}" is not printed`);
			rows.forEach((words, r) => {
				const on = new Set(words.map((w) => text.findIndex((t) => shows(t, w))));
				if (on.size > 1) problems.push(`table row ${r + 1} is split over pages ${[...on].map((k) => k + 1).join(' and ')}`);
			});
			problems.push(...log.errors.splice(0));
			if (problems.length) fail(`paper    ${name}: ${paper}, ${pages} pages`, problems);
			else pass(`paper    ${name}: ${paper}`, `${pages} pages`);
		}
	} catch (err) {
		fail(`paper    ${name}`, [err.message.split('\n')[0], ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- partners

async function checkPartners(browser, origin, name, pagePath, dir) {
	const { context, page, log } = await watchedPage(browser, origin);
	const problems = [];
	const expect = (ok, what) => { if (!ok) problems.push(what); };
	const sel = `#exercise--${name}`;
	try {
		await open(page, origin + pagePath);
		const choice = page.locator(`${sel} fieldset.exercise-partner`);
		if (!(await choice.count())) return;  // no per-partner column
		const cell = await page.evaluate((s) => {
			const td = document.querySelector(`${s} td.cell-partner`);
			const shared = document.querySelector(`${s} td:not(.cell-partner) textarea`);
			return { p1: td.querySelector('.partner-1 textarea, .partner-1 input').id,
				p2: td.querySelector('.partner-2 textarea, .partner-2 input').id, shared: shared.id };
		}, sel);
		const byId = (id) => page.locator(`[id="${id}"]`);
		const visible = async (id) => byId(id).isVisible();
		expect(await choice.isVisible(), 'the partner choice is not shown');
		expect((await choice.locator('legend').textContent()).trim() === 'I am filling this in as:', 'the choice has no legend "I am filling this in as:"');
		expect(await page.isChecked(`${sel}__partner-1`), 'the first partner is not chosen at first');
		expect(await visible(cell.p1) && !(await visible(cell.p2)), 'at first the first partner\'s answer is not the one shown');
		expect(/first partner$/i.test(await byId(cell.p1).evaluate((el) => el.labels[0].textContent.trim())), `${cell.p1} is not labelled as the first partner's`);

		// Each answer ends in a word of its own, which the printout must show
		// (pdftotext interleaves a table's columns, line by line).
		const first = 'I need to know when plans change, Marigold';
		const second = 'I need an evening to myself, Juniper';
		const agreed = 'We tell each other when plans change, Tamarind';
		await byId(cell.p1).fill(first);
		await byId(cell.shared).fill(agreed);
		// By keyboard: from the first partner's radio, the arrow key.
		await page.focus(`${sel}__partner-1`);
		await page.keyboard.press('ArrowRight');
		expect(await page.isChecked(`${sel}__partner-2`), 'the arrow key does not choose the second partner');
		expect(await visible(cell.p2) && !(await visible(cell.p1)), 'as the second partner, the first partner\'s answer is still shown, or the second\'s is not');
		expect(await byId(cell.p2).inputValue() === '', 'the second partner sees an answer they did not write');
		expect(await byId(cell.shared).inputValue() === agreed && await visible(cell.shared), 'the shared cell is not the same for the second partner');
		await byId(cell.p2).fill(second);
		await page.check(`${sel}__partner-1`);
		expect(await byId(cell.p1).inputValue() === first, 'the first partner\'s answer changed when the second partner wrote theirs');

		// Kept apart, in the one record of this tab.
		const key = `mend:answers:${pagePath}#${name}`;
		const kept = await page.evaluate((k) => ({ session: sessionStorage.getItem(k), local: Object.keys(localStorage) }), key);
		const values = kept.session ? JSON.parse(kept.session).values : {};
		expect(values[cell.p1] === first && values[cell.p2] === second && values[cell.shared] === agreed,
			`sessionStorage "${key}" does not hold each partner's answer and the shared one apart: ${kept.session}`);
		expect(!kept.local.some((k) => k.startsWith('mend:answers:')), `localStorage holds answers: ${kept.local.join(', ')}`);
		await page.reload({ waitUntil: 'load' });
		await page.waitForSelector(`${sel}.has-script`);
		expect(await byId(cell.p1).inputValue() === first && await byId(cell.p2).inputValue() === second, 'a reload lost a partner\'s answer');

		// Feedback: each partner's own.
		const region = (id) => byId(id).getAttribute('data-feedback');
		const [r1, r2] = [await region(cell.p1), await region(cell.p2)];
		expect(r1 && r2 && r1 !== r2, 'the partners share a feedback region');
		await page.check(`${sel}__partner-2`);
		await byId(cell.p2).fill('I need to check your phone every night and know your passwords');
		await byId(cell.p2).blur();
		await page.waitForFunction((id) => document.getElementById(id).querySelector('li[data-kind="concern"]'), r2, { timeout: DEBOUNCE_WAIT_MS }).catch(() => {});
		const shown2 = await shownItems(page, r2);
		const shown1 = await shownItems(page, r1);
		expect(shown2.length === 1 && shown2[0].kind === 'concern', `the second partner's concern is not shown alone: ${brief(shown2)}`);
		expect(!shown1.some((it) => it.kind === 'concern'), 'the second partner\'s concern shows in the first partner\'s feedback');

		// Printed with answers: both partners', named.
		await byId(cell.p2).fill(second);
		await pressPrint(page, name, 'print-answers');
		const text = await pdfText(page, dir, `${name}-partners`);
		await afterPrint(page);
		for (const word of ['Marigold', 'Juniper', 'Tamarind']) expect(text.includes(word), `the printout lacks the answer ending in "${word}"`);
		expect(/First partner/.test(text) && /Second partner/.test(text), 'the printout does not name the partners');
		expect(!text.includes('I am filling this in as'), 'the partner choice is printed');

		// "Clear all my answers": both partners'.
		await page.click(`${sel} [data-action="clear"]`);
		await page.click(`${sel} [data-action="clear-yes"]`);
		const after = await page.evaluate((c) => [c.p1, c.p2, c.shared].map((id) => document.getElementById(id).value), cell);
		expect(after.every((v) => v === ''), `after "Clear all my answers" a partner's answer is left: ${JSON.stringify(after)}`);
		expect(await page.evaluate((k) => sessionStorage.getItem(k), key) === null, 'after clearing, the tab still holds answers');
		problems.push(...log.errors.splice(0), ...log.offsite);
		if (problems.length) fail(`partners ${name}`, problems);
		else pass(`partners ${name}: each partner's answers apart (${cell.p1}, ${cell.p2}), shared cells shared, kept, printed, cleared`);
	} catch (err) {
		fail(`partners ${name}`, [err.message.split('\n')[0], ...problems, ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- axe

// The worksheet as the reader makes it: answers kept on this device,
// feedback shown in one field, a concern in another (the first example
// whose "shown" is a concern), under axe-core in light and dark (the
// worksheet only: validate.mjs audits each whole page as it loads).
async function checkAxeStates(browser, origin, name, pagePath, model) {
	const { context, page, log } = await watchedPage(browser, origin);
	try {
		const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
		await open(page, origin + pagePath);
		await page.getByLabel('Keep my answers on this device').first().check();
		const targets = [];
		let concern = null;
		for (const ex of model.examples) {
			const c = await cCheck(name, ex.field, ex.answer);
			if (!concern && c.shown.some((i) => i.kind === 'concern')) concern = ex;
		}
		const plain = model.examples.find((ex) => ex !== concern && (!concern || ex.field !== concern.field));
		for (const ex of [plain, concern].filter(Boolean)) {
			const field = page.locator(`#exercise--${name} [data-target="${ex.field}"]`).first();
			await field.fill(ex.answer);
			await field.evaluate((el) => el.blur());
			targets.push(ex.field);
		}
		const states = `kept on this device, feedback for ${targets.join(' and ')}${concern ? ' (a concern)' : ''}`;
		for (const scheme of ['light', 'dark']) {
			await page.emulateMedia({ colorScheme: scheme });
			await page.evaluate(axeSource);
			// The worksheet only: validate.mjs audits whole pages.
			const result = await page.evaluate((id) => window.axe.run({ include: [[`#${id}`]] }, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
			}), `exercise--${name}`);
			const problems = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
			problems.push(...log.errors.splice(0));
			if (problems.length) fail(`axe      ${name} ${scheme}: ${states}`, problems);
			else pass(`axe      ${name} ${scheme}: ${states}`);
		}
	} catch (err) {
		fail(`axe      ${name}`, [err.message.split('\n')[0], ...log.errors]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- no JS

async function checkNoScript(browser, origin, name, pagePath) {
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		await page.goto(origin + pagePath, { waitUntil: 'load' });
		const r = await page.evaluate((nm) => {
			const s = document.getElementById(`exercise--${nm}`);
			const visible = (el) => el && el.getClientRects().length > 0;
			return {
				buttons: Array.from(s.querySelectorAll('button')).filter(visible).map((b) => b.textContent),
				unlabelled: Array.from(s.querySelectorAll('input, textarea')).filter((el) => !el.labels || el.labels.length === 0).map((el) => el.id),
				note: visible(s.querySelector('.exercise-nojs')),
				keep: visible(s.querySelector('.exercise-keep')),
				fields: s.querySelectorAll('.exercise-fields input, .exercise-fields textarea').length,
				partnerChoice: visible(s.querySelector('.exercise-partner')),
				partnerCells: Array.from(s.querySelectorAll('td.cell-partner')).map((td) =>
					['.partner-1', '.partner-2'].map((p) => {
						const el = td.querySelector(`${p} textarea, ${p} input`);
						return visible(el) && el.labels.length ? el.labels[0].textContent.trim() : null;
					})),
			};
		}, name);
		const problems = [];
		if (r.buttons.length) problems.push(`buttons shown: ${r.buttons.join(', ')}`);
		if (r.unlabelled.length) problems.push(`no label: ${r.unlabelled.join(', ')}`);
		if (!r.note) problems.push('the note for readers without JavaScript is not shown');
		if (r.keep) problems.push('"Keep my answers on this device" is offered, and nothing could keep them');
		if (!r.fields) problems.push('no fields');
		if (r.partnerChoice) problems.push('"I am filling this in as" is shown, and nothing could switch');
		for (const [a, b] of r.partnerCells) {
			if (!a || !b || !/first partner$/i.test(a) || !/second partner$/i.test(b)) {
				problems.push(`a per-partner cell does not show both partners' answers, named: ${a} / ${b}`);
				break;
			}
		}
		if (problems.length) fail(`no-js    ${name}`, problems);
		else pass(`no-js    ${name}: a labelled worksheet of ${r.fields} controls, no buttons, no storage choice` +
			(r.partnerCells.length ? `, both partners' answers in ${r.partnerCells.length} cells` : ''));
	} catch (err) {
		fail(`no-js    ${name}`, [err.message.split('\n')[0]]);
	} finally {
		await context.close().catch(() => {});
	}
}

// ---------------------------------------------------------------- main

async function main() {
	const args = process.argv.slice(2);
	if (args.length !== 1 || args[0].startsWith('-')) {
		console.error('usage: node tests/browser/exercises.mjs SITE_DIR');
		process.exit(2);
	}
	const root = path.resolve(args[0]);
	const watchdog = setTimeout(() => {
		console.log(`exercises: still running after ${WATCHDOG_MS / 1000} s, giving up`);
		report.failed++;
		finish(1);
	}, WATCHDOG_MS);
	watchdog.unref();

	// Which page holds which exercise.
	const where = new Map();
	for (const rel of await htmlFiles(root)) {
		const html = await readFile(path.join(root, rel), 'utf8');
		for (const m of html.matchAll(/<section class="exercise[^"]*"[^>]* data-exercise="([a-z0-9-]+)"/g)) {
			if (!where.has(m[1])) where.set(m[1], urlPath(rel));
		}
	}
	if (where.size === 0) {
		fail(`no exercise forms in ${root}`);
		finish();
	}
	console.log(`exercises: ${[...where].map(([n, p]) => `${n} on ${p}`).join(', ')}`);

	const dir = await mkdtemp(path.join(tmpdir(), 'mend-exercises-'));
	const serverErrors = [];
	const server = await serve(root, serverErrors);
	const origin = `http://127.0.0.1:${server.address().port}`;
	let browser;
	try {
		browser = await launchChromium();
	} catch (err) {
		fail(`cannot start Chromium (run make test-deps)`, err.message.split('\n').slice(0, 3));
		server.close();
		finish();
	}
	try {
		const { context, page } = await watchedPage(browser, origin);
		await open(page, origin + [...where.values()][0]);
		await withTimeout(checkMatcher(page), 60_000, 'the matcher vectors');
		await context.close();

		console.log('== every example typed into its page, against mend exercise check');
		const models = new Map();
		for (const [name, pagePath] of where) {
			let model;
			try {
				model = await mendJson(['debug', 'model', name]);
			} catch (err) {
				fail(`example  ${name}: no model`, [err.message]);
				continue;
			}
			models.set(name, model);
			if (!model.examples.length) fail(`example  ${name}: the exercise has no examples`);
			await checkExamples(browser, origin, name, pagePath, model);
		}
		console.log('== feedback waits for a pause, or for the reader to leave the field');
		for (const [name, pagePath] of where) await checkPause(browser, origin, name, pagePath);
		for (const [name, pagePath] of where) await checkConcern(browser, origin, name, pagePath);
		console.log('== answers: this tab by default, this device by choice, "Clear all my answers"');
		const all = [...where];
		for (const [i, [name, pagePath]] of all.entries()) {
			const [otherName, otherPath] = all[(i + 1) % all.length];
			await checkStorage(browser, origin, name, pagePath, otherName !== name ? { name: otherName, pagePath: otherPath } : null);
		}
		console.log('== two partners, one worksheet: "I am filling this in as"');
		for (const [name, pagePath] of where) await checkPartners(browser, origin, name, pagePath, dir);
		console.log('== the worksheet with feedback, a concern and kept answers, under axe-core');
		for (const [name, pagePath] of where) if (models.has(name)) await checkAxeStates(browser, origin, name, pagePath, models.get(name));
		console.log('== on paper (page.pdf, read back with pdftotext)');
		for (const [name, pagePath] of where) await checkPrint(browser, origin, name, pagePath, dir);
		console.log('== answers fit the paper: A4 and Letter, portrait and landscape');
		for (const [name, pagePath] of where) await checkPaper(browser, origin, name, pagePath, dir);
		console.log('== without JavaScript');
		for (const [name, pagePath] of where) await checkNoScript(browser, origin, name, pagePath);
		if (serverErrors.length) fail('the server answered errors', serverErrors);
	} catch (err) {
		fail('exercises', [err.stack || err.message]);
	} finally {
		await browser.close().catch(() => {});
		server.close();
		await rm(dir, { recursive: true, force: true });
	}
	finish();
}

main().catch((err) => {
	console.log(`exercises: ${err.stack || err.message}`);
	report.failed++;
	finish(1);
});
