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
//             own window.mendFeedback.run: the same items, in order.
//   example   every example of every exercise typed into its field on the
//             built page: after the debounce, the live region shows the
//             same items (kind, rule, message) as the C matcher gives, and
//             those are the ones the example expects.
//   storage   answers in every kind of field survive a reload; "Clear my
//             answers" (by keyboard, through its confirm step, which Escape
//             closes) empties them
//             and they stay gone after a reload; only localStorage under
//             the page's key was used: no cookies, no sessionStorage, no
//             IndexedDB, no request while typing, nothing off 127.0.0.1.
//   print     page.pdf() read back with pdftotext: "Print with my answers"
//             shows a long answer whole (a textarea alone would clip it)
//             and the table's answers, with the header row repeated on
//             each page and no buttons or feedback; "Print blank" shows no
//             answer, and the answers are back afterwards.
//   no-js     without JavaScript: no buttons, every control labelled.
//
// The last line is "exercises: N passed, M failed"; exit status 1 when
// anything failed, 2 on a usage error.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { htmlFiles, launchChromium, reporter, serve, urlPath, withTimeout } from './lib.mjs';

const MEND = process.env.MEND_BIN || './mend';
const CASES = 'tests/feedback-cases.json';
const DEBOUNCE_WAIT_MS = 5_000;
const WATCHDOG_MS = 600_000;

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

// A context that records what a page does beyond its own origin.
async function watchedPage(browser, origin, options = {}) {
	const context = await browser.newContext(options);
	const log = { requests: [], offsite: [], errors: [] };
	const isLocal = (url) => ['data:', 'blob:', 'about:'].includes(new URL(url).protocol) ||
		new URL(url).origin === origin;
	context.on('request', (req) => {
		log.requests.push(`${req.method()} ${req.url()}`);
		if (!isLocal(req.url())) log.offsite.push(`${req.method()} ${req.url()}`);
	});
	await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
	const page = await context.newPage();
	page.on('console', (m) => m.type() === 'error' && log.errors.push(`console: ${m.text()}`));
	page.on('pageerror', (e) => log.errors.push(`script error: ${e.message}`));
	page.on('websocket', (ws) => log.offsite.push(`websocket ${ws.url()}`));
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

// ---------------------------------------------------------------- matcher

async function checkMatcher(page) {
	console.log('== the page\'s matcher on tests/feedback-cases.json');
	const { cases } = JSON.parse(await readFile(CASES, 'utf8'));
	const got = await page.evaluate((cs) => cs.map((c) => window.mendFeedback.run(c.rules, c.answer)), cases);
	cases.forEach((c, i) => {
		if (same(got[i], c.expect)) pass(`matcher  ${c.name}`);
		else fail(`matcher  ${c.name}`, [`expected: ${JSON.stringify(c.expect)}`, `got:      ${JSON.stringify(got[i])}`]);
	});
}

// ---------------------------------------------------------------- examples

async function checkExamples(browser, origin, name, pagePath, model) {
	const { context, page, log } = await watchedPage(browser, origin);
	try {
		await open(page, origin + pagePath);
		const used = new Map();  // target -> how many examples typed there
		for (const [n, ex] of model.examples.entries()) {
			const label = `example  ${name} #${n + 1} (${ex.field}): ${ex.answer.slice(0, 48)}${ex.answer.length > 48 ? '…' : ''}`;
			const problems = [];
			try {
				const c = await mendJson(['exercise', 'check', name, '--field', ex.field, '--answer', ex.answer, '--json'], [0, 1]);
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
				await field.fill('');
				if (n === 0) await field.pressSequentially(ex.answer, { delay: 5 });  // real key presses once
				else await field.fill(ex.answer);
				await page.waitForFunction((id) => !document.getElementById(id).hasAttribute('data-pending'),
					regionId, { timeout: DEBOUNCE_WAIT_MS });
				const shown = await shownItems(page, regionId);
				if (!same(shown, c.items)) {
					problems.push(`the page shows ${brief(shown)}, C gives ${brief(c.items)}`);
					if (same(shown.map((i) => i.kind + i.rule), c.items.map((i) => i.kind + i.rule))) {
						problems.push('(the same rules, different messages)');
					}
				}
				const live = await page.evaluate((id) => document.getElementById(id).getAttribute('aria-live'), regionId);
				if (live !== 'polite') problems.push(`the feedback region has aria-live="${live}"`);
			} catch (err) {
				problems.push(err.message.split('\n')[0]);
			}
			problems.push(...log.errors.splice(0));
			if (problems.length) fail(label, problems);
			else pass(label);
		}
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
		for (const el of section.querySelectorAll('input[id], textarea[id]')) {
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
		for (const el of document.getElementById(`exercise--${nm}`).querySelectorAll('input[id], textarea[id]')) {
			s[el.id] = el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value;
		}
		return s;
	}, name);
}

async function storageUse(page, context) {
	return page.evaluate(async () => ({
		local: Object.keys(localStorage),
		session: sessionStorage.length,
		cookie: document.cookie,
		idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
	})).then(async (u) => ({ ...u, cookies: (await context.cookies()).map((c) => c.name) }));
}

async function checkStorage(browser, origin, name, pagePath) {
	const { context, page, log } = await watchedPage(browser, origin);
	const key = `mend:${pagePath}#${name}`;
	try {
		// Saved, then restored.
		let problems = [];
		await open(page, origin + pagePath);
		const before = log.requests.length;
		await fillAll(page, name);
		const filled = await state(page, name);
		await page.waitForTimeout(400);  // past the debounce: any request would have gone
		const whileTyping = log.requests.slice(before);
		const empty = Object.entries(filled).filter(([, v]) => v === '' || v === false);
		await page.reload({ waitUntil: 'load' });
		await page.waitForSelector('section.exercise.has-script');
		const restored = await state(page, name);
		for (const [id, v] of Object.entries(filled)) {
			if (restored[id] !== v) problems.push(`#${id}: ${JSON.stringify(v)} before the reload, ${JSON.stringify(restored[id])} after`);
		}
		const filledCount = Object.keys(filled).length - empty.length;
		if (filledCount < 3) problems.push(`only ${filledCount} fields could be filled`);
		if (problems.length) fail(`storage  ${name}: answers saved and restored after a reload`, problems);
		else pass(`storage  ${name}: answers saved and restored after a reload`, `${filledCount} fields`);

		// Nothing but localStorage, under the page's key; no request.
		problems = [];
		const use = await storageUse(page, context);
		if (!same(use.local, [key])) problems.push(`localStorage keys ${JSON.stringify(use.local)}, expected ["${key}"]`);
		if (use.session) problems.push(`sessionStorage holds ${use.session} items`);
		if (use.cookie || use.cookies.length) problems.push(`cookies: ${use.cookie || use.cookies.join(', ')}`);
		if (use.idb.length) problems.push(`IndexedDB databases: ${use.idb.join(', ')}`);
		if (whileTyping.length) problems.push(`requests while typing: ${whileTyping.join('; ')}`);
		for (const o of log.offsite) problems.push(`request off 127.0.0.1: ${o}`);
		const notGet = log.requests.filter((r) => !r.startsWith('GET '));
		if (notGet.length) problems.push(`requests other than GET: ${notGet.join('; ')}`);
		if (problems.length) fail(`storage  ${name}: only localStorage, nothing sent`, problems);
		else pass(`storage  ${name}: only localStorage, nothing sent`);

		// Cleared by keyboard, through the confirm step; gone after a reload.
		problems = [];
		const section = `#exercise--${name}`;
		const active = () => page.evaluate(() => document.activeElement && document.activeElement.dataset.action);
		await page.focus(`${section} [data-action="clear"]`);
		await page.keyboard.press('Enter');
		await page.keyboard.press('Escape');  // changed my mind
		if (await page.locator(`${section} .exercise-confirm`).isVisible()) problems.push('Escape does not close the confirm step');
		if (await active() !== 'clear') problems.push('after Escape the focus is not back on "Clear my answers"');
		await page.keyboard.press('Enter');
		const focused = await active();
		if (focused !== 'clear-no') problems.push(`after "Clear my answers" the focus is on ${focused}, not on "Keep my answers"`);
		const stillThere = await state(page, name);
		if (!same(stillThere, filled)) problems.push('answers changed before the clearing was confirmed');
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Enter');
		const cleared = await state(page, name);
		const left = Object.entries(cleared).filter(([, v]) => v !== '' && v !== false);
		if (left.length) problems.push(`not cleared: ${left.map(([id]) => `#${id}`).join(', ')}`);
		const items = await page.locator(`${section} .feedback li`).count();
		if (items) problems.push(`${items} feedback items still shown`);
		await page.waitForFunction((sel) => document.querySelector(sel).textContent !== '', `${section} .exercise-status`);
		const status = await page.locator(`${section} .exercise-status`).textContent();
		const afterKeys = (await storageUse(page, context)).local;
		if (afterKeys.length) problems.push(`localStorage still holds ${JSON.stringify(afterKeys)}`);
		await page.reload({ waitUntil: 'load' });
		await page.waitForSelector('section.exercise.has-script');
		const afterReload = Object.entries(await state(page, name)).filter(([, v]) => v !== '' && v !== false);
		if (afterReload.length) problems.push(`back after a reload: ${afterReload.map(([id]) => `#${id}`).join(', ')}`);
		problems.push(...log.errors.splice(0));
		if (problems.length) fail(`storage  ${name}: "Clear my answers" by keyboard, gone after a reload`, problems);
		else pass(`storage  ${name}: "Clear my answers" by keyboard, gone after a reload`, `"${status}"`);
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
		for (const w of ['Print with my answers', 'Clear my answers', 'Going well', 'Worth another look', 'You might add', 'Previous step', 'Skip to content']) {
			if (withAnswers.includes(w)) problems.push(`"${w}" is printed`);
		}
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
		const stored = await page.evaluate(() => JSON.stringify(localStorage));
		if (!stored.includes(words[0])) problems.push('the saved answers were lost by printing blank');
		problems.push(...log.errors.splice(0));
		if (problems.length) fail(`print    ${name}: "Print blank"`, problems);
		else pass(`print    ${name}: "Print blank"`);

		// The browser's own print: the whole page, answers in place.
		problems = [];
		const whole = await pdfText(page, dir, `${name}-page`);
		for (const w of expected) if (!whole.includes(w)) problems.push(`"${w}" is not in the PDF`);
		if (problems.length) fail(`print    ${name}: the browser's own print`, problems);
		else pass(`print    ${name}: the browser's own print`);
	} catch (err) {
		fail(`print    ${name}`, [err.message.split('\n')[0], ...log.errors]);
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
			};
		}, name);
		const problems = [];
		if (r.buttons.length) problems.push(`buttons shown: ${r.buttons.join(', ')}`);
		if (r.unlabelled.length) problems.push(`no label: ${r.unlabelled.join(', ')}`);
		if (!r.note) problems.push('the note for readers without JavaScript is not shown');
		if (problems.length) fail(`no-js    ${name}`, problems);
		else pass(`no-js    ${name}: a labelled worksheet, no buttons`);
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
		for (const [name, pagePath] of where) {
			let model;
			try {
				model = await mendJson(['debug', 'model', name]);
			} catch (err) {
				fail(`example  ${name}: no model`, [err.message]);
				continue;
			}
			if (!model.examples.length) fail(`example  ${name}: the exercise has no examples`);
			await checkExamples(browser, origin, name, pagePath, model);
		}
		console.log('== answers on this device: saved, restored, cleared');
		for (const [name, pagePath] of where) await checkStorage(browser, origin, name, pagePath);
		console.log('== on paper (page.pdf, read back with pdftotext)');
		for (const [name, pagePath] of where) await checkPrint(browser, origin, name, pagePath, dir);
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
