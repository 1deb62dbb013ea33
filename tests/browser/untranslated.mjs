// An exercise with no translation into the page's language, in Chromium:
// the page gets the original, and a screen reader must read its texts in
// their own language (WCAG 2.2, 3.1.2, Language of Parts) and the theme's
// words around them in the page's.
//
//   node tests/browser/untranslated.mjs SITE_DIR
//
// SITE_DIR is examples/multilingual built without
// exercises/say-it-back.es.lua (tests/run.sh makes it), so its Spanish
// page /es/steps/write/ holds the English exercise.  Opened from disk, the
// exercise's title, intro and label carry lang="en" dir="ltr", its
// feedback messages (exercise.js) too once an answer is typed, while the
// feedback's kinds and the page's own words stay Spanish and unmarked.
// On the Arabic page an answer reads in its own text's direction: an
// English one left to right, in its field and its print copy.
// The last line is "untranslated: N passed, M failed".

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, reporter } from './lib.mjs';

const report = reporter('untranslated');
const { pass, fail, finish } = report;
const site = path.resolve(process.argv[2] || 'public');
const url = pathToFileURL(path.join(site, 'es/steps/write/index.html')).href;

const browser = await launchChromium();
try {
	const page = await browser.newPage();
	const errors = [];
	page.on('pageerror', (err) => errors.push(err.message));
	await page.goto(url);

	const marks = await page.evaluate(() => {
		const langOf = (sel) => {
			const el = document.querySelector(sel);
			return el ? `${el.lang || '-'} ${el.dir || '-'}` : 'missing';
		};
		return {
			page: document.documentElement.lang,
			title: langOf('.exercise-title'),
			intro: langOf('.exercise-intro'),
			label: langOf('.field-label'),
			audience: langOf('.exercise-audience'),
		};
	});
	const want = { page: 'es', title: 'en ltr', intro: 'en ltr', label: 'en ltr', audience: '- -' };
	const wrong = Object.keys(want).filter((k) => marks[k] !== want[k])
		.map((k) => `${k}: "${marks[k]}", want "${want[k]}"`);
	if (wrong.length) fail('the exercise\'s texts marked English, the page\'s words not', wrong);
	else pass('the exercise\'s texts marked English, the page\'s words not', url);

	// Feedback once the reader leaves the field: the message is the
	// exercise's (English), its kind the theme's (Spanish).
	await page.fill('#say-it-back--reflect', 'You felt alone, but I was working.');
	await page.keyboard.press('Tab');
	await page.waitForSelector('.feedback-message', { timeout: 10000 });
	const items = await page.$$eval('.feedback-item', (lis) => lis.map((li) => {
		const kind = li.querySelector('.feedback-kind');
		const msg = li.querySelector('.feedback-message');
		return { kind: kind.textContent, kindLang: kind.lang, msg: msg.textContent, lang: msg.lang, dir: msg.dir };
	}));
	const problems = [];
	if (items.length === 0) problems.push('no feedback shown');
	for (const it of items) {
		if (it.lang !== 'en' || it.dir !== 'ltr') problems.push(`"${it.msg}": lang "${it.lang}" dir "${it.dir}"`);
		if (it.kindLang !== '') problems.push(`kind "${it.kind}" marked "${it.kindLang}"`);
	}
	if (!items.some((it) => it.kind === 'Va bien')) problems.push(`no Spanish kind among ${items.map((it) => it.kind).join(', ')}`);
	if (problems.length) fail('feedback messages marked English, their kinds Spanish', problems);
	else pass('feedback messages marked English, their kinds Spanish', items.map((it) => `${it.kind}: ${it.msg}`).join(' | '));

	// On the Arabic page (right to left), an answer typed in English reads
	// left to right, in its field and in its print copy; an empty field
	// keeps the page's direction (exercise.js).
	await page.goto(pathToFileURL(path.join(site, 'ar/steps/write/index.html')).href);
	const direction = () => page.$eval('#say-it-back--reflect', (el) => [getComputedStyle(el).direction,
		el.nextElementSibling && el.nextElementSibling.classList.contains('print-answer')
			? getComputedStyle(el.nextElementSibling).direction : 'no print copy'].join(' '));
	const empty = await direction();
	await page.fill('#say-it-back--reflect', 'You felt alone, but I was working.');
	const english = await direction();
	await page.fill('#say-it-back--reflect', 'شعرت بالوحدة.');
	const arabic = await direction();
	await page.fill('#say-it-back--reflect', '');
	const cleared = await direction();
	const seen = `empty ${empty}, English ${english}, Arabic ${arabic}, cleared ${cleared}`;
	if (empty === 'rtl rtl' && english === 'ltr ltr' && arabic === 'rtl rtl' && cleared === 'rtl rtl')
		pass('an answer reads in its own direction on the Arabic page', seen);
	else fail('an answer reads in its own direction on the Arabic page',
		[`${seen} (want rtl, ltr, rtl, rtl: the field, then its print copy)`]);

	if (errors.length) fail('no script error', errors);
	else pass('no script error');
} catch (err) {
	fail('the untranslated exercise', [err.message.split('\n')[0]]);
} finally {
	await browser.close();
}
finish();
