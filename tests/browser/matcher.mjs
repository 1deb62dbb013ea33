// The browser's feedback matcher against the C one, in Chromium.
//
//   node tests/browser/matcher.mjs [SITE_DIR]
//
// Run from the root of the repository.  The script is the exercise.js that
// SITE_DIR (a site mend has built) ships, or without SITE_DIR the calm
// theme's own; it runs in a blank page after the words.js beside it (as
// the pages load them), and its window.mendFeedback is held to
// generator/exercise/feedback.h:
//
//   vectors   every case of tests/feedback-cases.json (the vectors
//             tests/check_feedback.c runs on the C matcher): the same items,
//             in order, and where a case gives "shown", the same presented
//             items.
//   unicode   every code point of tests/feedback-unicode.txt, the table
//             check_feedback proves the C matcher reads as it says: the same
//             class (space, sign, mark, word, word of its own) and the same
//             normal form (decomposition, full case folding, the ignored
//             marks, composition, quotes), code point by code point.  A code
//             point the build's Unicode does not assign (the table's "u") is
//             not compared, and the report says how many the browser knows.
//
// The last line is "matcher: N passed, M failed"; exit status 1 when
// anything failed, 2 on a usage error.

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium, reporter, withTimeout } from './lib.mjs';

const CASES = 'tests/feedback-cases.json';
const TABLE = 'tests/feedback-unicode.txt';
const THEME_SCRIPT = 'themes/calm/static/exercise.js';

const report = reporter('matcher');
const { pass, fail, finish } = report;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const hex = (c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

// The exercise.js a built site ships (the first one found), or the theme's.
async function scriptPath(site) {
	if (!site) return THEME_SCRIPT;
	const look = async (dir) => {
		for (const e of await readdir(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isFile() && e.name === 'exercise.js') return p;
			if (e.isDirectory()) {
				const found = await look(p);
				if (found) return found;
			}
		}
		return null;
	};
	const found = await look(site);
	if (!found) throw new Error(`no exercise.js in ${site}`);
	return found;
}

// The table: {ranges: [[first, last, class]], normal: [[code, "hex hex"]]}.
function readTable(text) {
	const ranges = [];
	const normal = [];
	text.split('\n').forEach((line, i) => {
		const f = line.split(' ');
		if (f[0] === 'c' && f.length === 4) ranges.push([parseInt(f[1], 16), parseInt(f[2], 16), f[3]]);
		else if (f[0] === 'n' && f.length >= 3) normal.push([parseInt(f[1], 16), f[2] === '-' ? '' : f.slice(2).join(' ')]);
		else if (line && !line.startsWith('#')) throw new Error(`${TABLE}:${i + 1}: cannot read "${line}"`);
	});
	return { ranges, normal };
}

async function checkVectors(page) {
	console.log(`== ${CASES} through window.mendFeedback`);
	const { cases } = JSON.parse(await readFile(CASES, 'utf8'));
	const got = await page.evaluate((cs) => cs.map((c) => {
		const items = window.mendFeedback.run(c.rules, c.answer);
		return { items, shown: window.mendFeedback.present(items) };
	}), cases);
	cases.forEach((c, i) => {
		const problems = [];
		if (!same(got[i].items, c.expect)) {
			problems.push(`answer:   ${JSON.stringify(c.answer)}`, `expected: ${JSON.stringify(c.expect)}`,
				`got:      ${JSON.stringify(got[i].items)}`);
		}
		if (c.shown !== undefined && !same(got[i].shown, c.shown)) {
			problems.push(`shown, expected: ${JSON.stringify(c.shown)}`, `shown, got:      ${JSON.stringify(got[i].shown)}`);
		}
		if (problems.length) fail(`vector   ${c.name}`, problems);
		else pass(`vector   ${c.name}`);
	});
}

async function checkUnicode(page) {
	console.log(`== every code point of ${TABLE}`);
	const table = readTable(await readFile(TABLE, 'utf8'));
	const covered = table.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
	if (covered !== 0x110000 || table.ranges[0][0] !== 0) {
		fail(`unicode  the table's classes cover ${covered} code points, not 1,114,112`);
		return;
	}
	// In the page: compare every assigned code point; return the first
	// differences of each kind and the counts.
	const r = await page.evaluate(({ ranges, normal }) => {
		const want = new Map(normal);
		const toHex = (s) => Array.from(s, (ch) => ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ');
		const out = { compared: 0, skipped: 0, newer: 0, folded: 0, classes: [], forms: [] };
		for (const [first, last, cls] of ranges) {
			for (let c = first; c <= last; c++) {
				if (cls === 'u') {
					out.skipped++;
					if (c < 0xD800 || c > 0xDFFF) out.newer += /\P{Cn}/u.test(String.fromCodePoint(c)) ? 1 : 0;
					continue;
				}
				out.compared++;
				const got = window.mendFeedback.charClass(c);
				if (got !== cls && out.classes.length < 20) out.classes.push([c, cls, got]);
				if (c === 0) continue;  // the C table cannot hold U+0000's form
				const ch = String.fromCodePoint(c);
				const form = window.mendFeedback.normal(ch);
				const expect = want.has(c) ? want.get(c) : toHex(ch);
				if (form !== ch) out.folded++;
				if (toHex(form) !== expect && out.forms.length < 20) out.forms.push([c, expect || '-', toHex(form) || '-']);
			}
		}
		return out;
	}, table);
	const note = `${r.compared} assigned code points; ${r.skipped} not assigned by the build's Unicode, ` +
		`of which this browser knows ${r.newer}`;
	if (r.classes.length) {
		fail('unicode  each code point\'s class (space, sign, mark, word, word of its own) is the C matcher\'s',
			r.classes.map(([c, want, got]) => `${hex(c)}: C reads '${want}', the browser '${got}'`));
	} else {
		pass('unicode  each code point\'s class (space, sign, mark, word, word of its own) is the C matcher\'s', note);
	}
	if (r.forms.length) {
		fail('unicode  each code point\'s normal form is the C matcher\'s',
			r.forms.map(([c, want, got]) => `${hex(c)}: C gives ${want}, the browser ${got}`));
	} else if (r.folded !== table.normal.length) {
		fail('unicode  each code point\'s normal form is the C matcher\'s',
			[`the browser changes ${r.folded} code points, the table ${table.normal.length}`]);
	} else {
		pass('unicode  each code point\'s normal form is the C matcher\'s', `${r.folded} of them not themselves`);
	}
}

async function main() {
	const args = process.argv.slice(2);
	if (args.length > 1 || args[0] === '-h' || args[0] === '--help') {
		console.error('usage: node tests/browser/matcher.mjs [SITE_DIR]');
		process.exit(2);
	}
	const scriptFile = await scriptPath(args[0]);
	const script = await readFile(scriptFile, 'utf8');
	const words = await readFile(path.join(path.dirname(scriptFile), 'words.js'), 'utf8');
	let browser;
	try {
		browser = await launchChromium();
	} catch (err) {
		fail('cannot start Chromium (run make test-deps)', err.message.split('\n').slice(0, 3));
		finish();
	}
	try {
		const page = await browser.newPage();
		const errors = [];
		page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
		await page.setContent('<!DOCTYPE html><html lang="en"><title>matcher</title></html>');
		await page.addScriptTag({ content: words });
		await page.addScriptTag({ content: script });
		if (!(await page.evaluate(() => typeof window.mendFeedback === 'object'))) {
			fail('the script sets no window.mendFeedback', errors);
			finish();
		}
		await withTimeout(checkVectors(page), 60_000, 'the vectors');
		await withTimeout(checkUnicode(page), 300_000, 'the Unicode table');
		if (errors.length) fail('the page had script errors', errors);
	} catch (err) {
		fail('matcher', [err.stack || err.message]);
	} finally {
		await browser.close().catch(() => {});
	}
	finish();
}

main().catch((err) => {
	console.log(`matcher: ${err.stack || err.message}`);
	report.failed++;
	finish(1);
});
