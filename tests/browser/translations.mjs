// Translated exercises in Chromium: every language's examples through the
// theme's own matcher, with the same verdicts as C.
//
//   node tests/browser/translations.mjs [PROJECT_DIR]
//
// Run from the root of the repository.  PROJECT_DIR (default
// tests/exercises/translations/good) holds exercises/NAME.lua and its
// translations exercises/NAME.LANG.lua.  For every exercise and every
// language (the original, then each translation), `mend debug model NAME
// [--lang LANG]` gives the model and `mend exercise check NAME [--lang
// LANG] --field TARGET --answer TEXT --json` C's verdict on each example.
// A blank page in Chromium loads themes/calm/static/exercise.js (after
// words.js, as the pages do), and its window.mendFeedback.run(rules,
// answer) must give exactly C's items
// (kind, rule and message, in order), window.mendFeedback.present of them
// exactly C's "shown", and both must be what the example expects.
//
// The pages of each language are the lead's wiring (issue 17); until they
// are built, this runs the matcher the pages load on the translations'
// rules, outside any page.  The last line is "translations: N passed, M
// failed"; exit status 1 when anything failed.

import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium, reporter, withTimeout } from './lib.mjs';

const MEND = path.resolve(process.env.MEND_BIN || './mend');
const SCRIPT = path.resolve('themes/calm/static/exercise.js');
const WORDS = path.resolve('themes/calm/static/words.js');
const TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;  // exercise_lang_valid's shape

const report = reporter('translations');
const { pass, fail, finish } = report;

function exec(args, cwd) {
	return new Promise((resolve) => {
		execFile(MEND, args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } },
			(err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }));
	});
}

async function mendJson(args, cwd, okCodes = [0]) {
	const r = await exec(args, cwd);
	if (!okCodes.includes(r.code)) throw new Error(`mend ${args.join(' ')}: exit ${r.code}: ${r.stderr.trim()}`);
	return JSON.parse(r.stdout);
}

const brief = (items) => items.map((i) => `${i.kind} ${i.rule}`).join(', ') || 'no feedback';
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The exercises of a project and the languages of each: [[name, [null, 'ar', ...]], ...].
async function exercisesOf(dir) {
	const files = (await readdir(path.join(dir, 'exercises'))).filter((f) => f.endsWith('.lua')).sort();
	const names = files.map((f) => f.slice(0, -4)).filter((n) => !n.includes('.'));
	return names.map((name) => [name, [null, ...files
		.map((f) => f.slice(0, -4))
		.filter((n) => n.startsWith(`${name}.`) && TAG.test(n.slice(name.length + 1)))
		.map((n) => n.slice(name.length + 1))]]);
}

// A target's rules in a model: a text field's "feedback", or a column's.
function rulesOf(model, target) {
	const [fieldId, columnId] = target.split('.');
	const field = model.fields.find((f) => f.id === fieldId);
	if (!field) return null;
	if (columnId === undefined) return field.feedback || null;
	const column = (field.columns || []).find((c) => c.id === columnId);
	return column ? column.feedback : null;
}

async function main() {
	const dir = path.resolve(process.argv[2] || 'tests/exercises/translations/good');
	const exercises = await exercisesOf(dir);
	if (!exercises.length) {
		fail(`no exercises in ${dir}/exercises`);
		finish();
	}
	const languages = exercises.reduce((n, [, langs]) => n + langs.length, 0);
	console.log(`translations: ${exercises.map(([n, l]) => `${n} (${l.map((x) => x || 'original').join(', ')})`).join('; ')}`);
	if (languages === exercises.length) fail(`no translations in ${dir}/exercises: nothing to test`);

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
		page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
		page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
		await page.setContent('<!DOCTYPE html><html lang="en"><head><title>matcher</title></head><body></body></html>');
		await page.addScriptTag({ content: await readFile(WORDS, 'utf8') });
		await page.addScriptTag({ content: await readFile(SCRIPT, 'utf8') });
		if (!await page.evaluate(() => !!(window.mendFeedback && window.mendFeedback.run))) {
			fail(`${SCRIPT} defines no window.mendFeedback.run`, errors);
			finish();
		}
		for (const [name, langs] of exercises) {
			for (const lang of langs) {
				const langArgs = lang ? ['--lang', lang] : [];
				const shownName = `${name} [${lang || 'original'}]`;
				let model;
				try {
					model = await mendJson(['debug', 'model', name, ...langArgs], dir);
				} catch (err) {
					fail(`example  ${shownName}: no model`, [err.message]);
					continue;
				}
				if (!model.examples.length) fail(`example  ${shownName}: no examples`);
				for (const [n, ex] of model.examples.entries()) {
					const label = `example  ${shownName} #${n + 1} (${ex.field}): ${ex.answer.slice(0, 40)}${ex.answer.length > 40 ? '…' : ''}`;
					const problems = [];
					try {
						const c = await mendJson(['exercise', 'check', name, ...langArgs, '--field', ex.field,
							'--answer', ex.answer, '--json'], dir, [0, 1]);
						if ((c.lang || null) !== lang) problems.push(`C checked in ${c.lang || 'the original'}, not ${lang || 'the original'}`);
						const rules = rulesOf(model, ex.field);
						if (!rules) throw new Error(`the model has no target ${ex.field}`);
						const js = await page.evaluate(({ r, a }) => {
							const items = window.mendFeedback.run(r, a);
							return { items, shown: window.mendFeedback.present(items) };
						}, { r: rules, a: ex.answer });
						const expect = ex.expect;
						const cBrief = c.items.map(({ kind, rule }) => ({ kind, rule }));
						const jsBrief = js.items.map(({ kind, rule }) => ({ kind, rule }));
						if (!same(cBrief, expect)) problems.push(`C gives ${brief(c.items)}, the example expects ${brief(expect)}`);
						if (!same(jsBrief, expect)) problems.push(`the browser gives ${brief(js.items)}, the example expects ${brief(expect)}`);
						if (!same(js.items, c.items)) problems.push(`items: browser ${JSON.stringify(js.items)}`, `       C       ${JSON.stringify(c.items)}`);
						if (!same(js.shown, c.shown)) problems.push(`shown: browser ${JSON.stringify(js.shown)}`, `       C       ${JSON.stringify(c.shown)}`);
					} catch (err) {
						problems.push(err.message.split('\n')[0]);
					}
					problems.push(...errors.splice(0));
					if (problems.length) fail(label, problems);
					else pass(label, brief(ex.expect));
				}
			}
		}
	} catch (err) {
		fail('translations', [err.stack || err.message]);
	} finally {
		await browser.close().catch(() => {});
	}
	finish();
}

withTimeout(main(), 300_000, 'the translations').catch((err) => {
	console.log(`translations: ${err.stack || err.message}`);
	report.failed++;
	finish(1);
});
