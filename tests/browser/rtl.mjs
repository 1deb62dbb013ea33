// Right-to-left pages of the calm theme, in Chromium.
//
//   node tests/browser/rtl.mjs FIXTURE_DIR
//
// FIXTURE_DIR is a project (tests/sites/rtl: English, and Arabic under
// /ar/ with [languages.ar]; every page translated, a step with a table and
// one with an exercise).  Run from the root of the repository: the fixture
// is copied into a temporary folder with the repository's themes/, built
// with $MEND_BIN (default ./mend) and served read-only on 127.0.0.1.  At
// 375 and 1280 px, light and dark (prefers-color-scheme), every Arabic
// page is checked for what a reader sees:
//
//   dir          <html lang="ar" dir="rtl">.
//   mirrored     the step list's numbers right of their titles, the safety
//                note's and the contents' rule on the right, the step dots
//                from the right, "previous" right of "next" (side by side
//                on a wide screen) with arrows that point outwards, Exit
//                this page on the left, the site's title right of its
//                navigation, a table's first column on the right, the
//                exercise's row names, checkboxes, scale and notes on the
//                right, a help line's phone number still read left to
//                right.
//   reflected    every one of those boxes where the same page has it when
//                made left to right in the browser (dir="ltr" on <html>,
//                nothing else changed), reflected (x -> width - x) within
//                1.5 px: the whole layout mirrors, not only the parts
//                named above.
//   fits         no horizontal scroll; none of the page's boxes that a
//                reader reads or presses overlaps another.
//
// and every English page for <html lang="en" dir="ltr"> and "fits".  An
// answer typed into the Arabic exercise gets its feedback with the rule on
// the right.  Then
// on A4 paper (print media, 794 px) the Arabic tables' first column is
// still on the right and nothing is wider than the page.
//
// A screenshot of every page goes to a new temporary folder, named on the
// output ($MEND_RTL_SHOTS chooses it).  The last line is "rtl: N passed, M
// failed"; the exit status is 1 when anything failed, 2 on a usage error.

import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
	htmlFiles, launchChromium, reporter, run, serve, urlPath, withTimeout,
} from './lib.mjs';

const WIDTHS = [375, 1280];
const SCHEMES = ['light', 'dark'];
const A4 = { width: 794, height: 1123 };
const TOLERANCE = 1.5;  // px: boxes are where they should be within this
const PAGE_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 300_000;
const WATCHDOG_MS = 900_000;

const report = reporter('rtl');
const { pass, fail, finish } = report;

// ---------------------------------------------------------------- setup

// Copy the fixture and themes/ into dir/site and build it into dir/out.
// Returns the output folder, or null (having failed the build's check).
async function build(fixture, dir) {
	const project = path.join(dir, 'site');
	const out = path.join(dir, 'out');
	await cp(fixture, project, { recursive: true });
	await cp('themes', path.join(project, 'themes'), { recursive: true });
	const mend = path.resolve(process.env.MEND_BIN || './mend');
	const r = await run('sh', ['-c', 'cd "$1" && exec "$2" build -q -o "$3"', 'sh', project, mend, out],
		BUILD_TIMEOUT_MS);
	if (r.code !== 0) {
		fail('build', [`${mend} build exited with ${r.code}`, ...r.stderr.trim().split('\n')]);
		return null;
	}
	pass('build', fixture);
	return out;
}

// ---------------------------------------------------------------- in the page

// What the checks need of a page, measured in it: boxes (document
// coordinates) of the parts a reader sees, a few computed styles.
function measure() {
	const box = (el) => {
		if (!el) return null;
		const r = el.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) return null;
		return {
			left: r.left + scrollX, right: r.right + scrollX,
			top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height,
		};
	};
	const all = (sel) => [...document.querySelectorAll(sel)].map(box).filter(Boolean);
	const one = (sel) => box(document.querySelector(sel));
	const style = (sel, pseudo) => {
		const el = document.querySelector(sel);
		return el ? getComputedStyle(el, pseudo) : null;
	};
	const borders = (sel) => {
		const s = style(sel);
		return s ? { left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth) } : null;
	};
	// Where the first line of an element's text runs (its first text node).
	const textBox = (sel) => {
		const el = document.querySelector(sel);
		if (!el) return null;
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
			{ acceptNode: (n) => (n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT) });
		const node = walker.nextNode();
		if (!node) return null;
		const range = document.createRange();
		range.selectNodeContents(node);
		const rects = [...range.getClientRects()];
		if (!rects.length) return null;
		const r = rects[0];
		return { left: r.left + scrollX, right: r.right + scrollX };
	};
	// The boxes that must not overlap: what a reader reads or presses.
	const READ = [
		'.exit-button', '.site-title', '.site-nav a', '.language-switcher a',
		'.header-search', 'h1',
		'.step-progress', '.step-dots', '.safety', '.toc', '.prose > *', '.path-link',
		'.path-desc', '.pager li', '.pager-all a', '.exercise-title', '.exercise-intro',
		'.exercise-privacy:not([hidden])', '.field > label', '.field > .field-help',
		'.exercise-table tbody th', '.exercise-table td', '.checklist li', '.scale-point',
		'.scale-ends > *', '.exercise-buttons > *', '.site-footer p', '.footer-links a',
	];
	const readable = [];
	for (const sel of READ) {
		for (const el of document.querySelectorAll(sel)) {
			const b = box(el);
			if (b && b.width > 0 && b.height > 0 && getComputedStyle(el).visibility !== 'hidden') {
				readable.push({ sel, text: (el.textContent || '').trim().slice(0, 30), el, b });
			}
		}
	}
	const overlaps = [];
	for (let i = 0; i < readable.length; i++) {
		for (let j = i + 1; j < readable.length; j++) {
			const a = readable[i];
			const c = readable[j];
			if (a.el.contains(c.el) || c.el.contains(a.el)) continue;
			const w = Math.min(a.b.right, c.b.right) - Math.max(a.b.left, c.b.left);
			const h = Math.min(a.b.bottom, c.b.bottom) - Math.max(a.b.top, c.b.top);
			if (w > 1 && h > 1) overlaps.push(`${a.sel} "${a.text}" and ${c.sel} "${c.text}" (${Math.round(w)}x${Math.round(h)} px)`);
		}
	}
	// A phone number reads left to right in any text: where its first and
	// last characters are drawn.
	const phone = (() => {
		const el = document.querySelector('.help-phone');
		const node = el && el.firstChild;
		if (!node || node.nodeType !== Node.TEXT_NODE || node.data.length < 2) return null;
		const at = (i) => {
			const range = document.createRange();
			range.setStart(node, i);
			range.setEnd(node, i + 1);
			return range.getBoundingClientRect().left;
		};
		return { text: node.data, first: at(0), last: at(node.data.length - 1) };
	})();
	const pseudo = (sel, which) => {
		const s = style(sel, which);
		return s ? s.content : null;
	};
	return {
		lang: document.documentElement.getAttribute('lang'),
		dir: document.documentElement.getAttribute('dir'),
		width: document.documentElement.clientWidth,
		scrollWidth: document.documentElement.scrollWidth,
		overlaps,
		boxes: {
			exit: one('.exit-button'),
			siteTitle: one('.site-title'),
			nav: one('.site-nav ul'),
			navFirst: one('.site-nav li'),
			languages: all('.language-switcher a'),
			h1: one('main h1'),
			safety: one('.safety'),
			toc: one('.toc'),
			pathNumbers: all('.path-number'),
			pathTitles: all('.path-title'),
			dots: all('.step-dots span'),
			prev: one('.pager-prev a'),
			next: one('.pager-next a'),
			proseCells: all('.prose > table > thead > tr > *'),
			rowHeads: all('.exercise-table tbody th'),
			firstCells: all('.exercise-table tbody tr > td:first-of-type'),
			headCells: all('.exercise-table thead th'),
			checkboxes: all('.checklist input'),
			checkLabels: all('.checklist label'),
			scalePoints: all('.scale-point'),
			privacy: one('.exercise-privacy:not([hidden])'),
		},
		text: {
			rowHead: textBox('.exercise-table tbody th'),
			rowHeadBox: one('.exercise-table tbody th'),
			proseFirst: textBox('.prose p'),
			proseFirstBox: one('.prose p'),
		},
		borders: {
			safety: borders('.safety'),
			toc: borders('.toc'),
			privacy: borders('.exercise-privacy:not([hidden])'),
		},
		phone,
		arrows: {
			prevBefore: pseudo('.pager-prev .pager-label', '::before'),
			nextAfter: pseudo('.pager-next .pager-label', '::after'),
		},
	};
}

// ---------------------------------------------------------------- checks

const near = (a, b) => Math.abs(a - b) <= TOLERANCE;

// The reader-visible facts of one right-to-left page; problems listed.
function mirroredFacts(m, width) {
	const p = [];
	const b = m.boxes;
	const rightOf = (a, c, what) => {
		if (a && c && !(a.left >= c.right - TOLERANCE)) {
			p.push(`${what}: at ${Math.round(a.left)}-${Math.round(a.right)} px, not right of ${Math.round(c.left)}-${Math.round(c.right)} px`);
		}
	};
	if (m.lang !== 'ar' || m.dir !== 'rtl') p.push(`<html lang="${m.lang}" dir="${m.dir}">, not lang="ar" dir="rtl"`);
	b.pathNumbers.forEach((n, i) => rightOf(n, b.pathTitles[i], `step ${i + 1}'s number beside its title`));
	if (m.borders.safety && !(m.borders.safety.right >= 3 && m.borders.safety.left === 0)) {
		p.push(`the safety note's rule is not on the right (left ${m.borders.safety.left} px, right ${m.borders.safety.right} px)`);
	}
	if (m.borders.toc && !(m.borders.toc.right >= 2 && m.borders.toc.left === 0)) {
		p.push(`the contents' rule is not on the right (left ${m.borders.toc.left} px, right ${m.borders.toc.right} px)`);
	}
	if (m.borders.privacy && !(m.borders.privacy.right >= 2 && m.borders.privacy.left === 0)) {
		p.push(`the exercise's privacy note's rule is not on the right (left ${m.borders.privacy.left} px, right ${m.borders.privacy.right} px)`);
	}
	for (let i = 1; i < b.dots.length; i++) rightOf(b.dots[i - 1], b.dots[i], `step dot ${i} beside dot ${i + 1}`);
	if (b.prev && b.next) {
		if (width >= 600) rightOf(b.prev, b.next, '"previous" beside "next"');
		else if (!(b.prev.bottom <= b.next.top + TOLERANCE)) p.push('"previous" is not above "next" on a phone');
	}
	if (b.prev && m.arrows.prevBefore !== '"→ "') p.push(`"previous" has the arrow ${m.arrows.prevBefore}, not "→ " (pointing right, where it leads)`);
	if (b.next && m.arrows.nextAfter !== '" ←"') p.push(`"next" has the arrow ${m.arrows.nextAfter}, not " ←" (pointing left, where it leads)`);
	if (b.exit && !(b.exit.right <= m.width / 2)) p.push(`Exit this page is not on the left (${Math.round(b.exit.left)}-${Math.round(b.exit.right)} px of ${m.width})`);
	if (width >= 1000) rightOf(b.siteTitle, b.nav, 'the site\'s title beside its navigation');
	for (let i = 1; i < b.proseCells.length; i++) rightOf(b.proseCells[i - 1], b.proseCells[i], `the table's column ${i} beside column ${i + 1}`);
	if (width >= 1000) {
		b.rowHeads.forEach((h, i) => rightOf(h, b.firstCells[i], `the exercise table's row ${i + 1} name beside its first answer`));
		for (let i = 1; i < b.headCells.length; i++) rightOf(b.headCells[i - 1], b.headCells[i], `the exercise table's heading ${i} beside heading ${i + 1}`);
	}
	const t = m.text;
	if (t.rowHead && t.rowHeadBox && !(t.rowHead.right >= t.rowHeadBox.right - 16 && t.rowHead.left > t.rowHeadBox.left + 4)) {
		p.push('the exercise table\'s first row name does not start on the right of its cell');
	}
	if (t.proseFirst && t.proseFirstBox && !near(t.proseFirst.right, t.proseFirstBox.right)) {
		p.push(`the first paragraph's text does not start at its right edge (${Math.round(t.proseFirst.right)} px, edge ${Math.round(t.proseFirstBox.right)} px)`);
	}
	if (m.phone && !(m.phone.first < m.phone.last)) {
		p.push(`the help line's number "${m.phone.text}" does not read left to right (its first character at ${Math.round(m.phone.first)} px, its last at ${Math.round(m.phone.last)} px)`);
	}
	b.checkboxes.forEach((c, i) => rightOf(c, b.checkLabels[i], `checkbox ${i + 1} beside its label`));
	for (let i = 1; i < b.scalePoints.length; i++) rightOf(b.scalePoints[i - 1], b.scalePoints[i], `scale point ${i} beside point ${i + 1}`);
	return p;
}

// Every box of the right-to-left page where the twin has it, reflected.
function reflected(rtl, ltr) {
	const p = [];
	const W = rtl.width;
	if (ltr.width !== W) return [`the pages are ${W} and ${ltr.width} px wide`];
	const compare = (what, a, c) => {
		if (!a && !c) return;
		if (!a || !c) {
			p.push(`${what}: ${a ? 'only right to left' : 'only left to right'}`);
			return;
		}
		if (!near(a.left, W - c.right) || !near(a.right, W - c.left) || !near(a.top, c.top) || !near(a.height, c.height)) {
			p.push(`${what}: at x ${Math.round(a.left)}-${Math.round(a.right)}, y ${Math.round(a.top)}; `
				+ `its twin reflected at x ${Math.round(W - c.right)}-${Math.round(W - c.left)}, y ${Math.round(c.top)}`);
		}
	};
	for (const [key, a] of Object.entries(rtl.boxes)) {
		const c = ltr.boxes[key];
		if (Array.isArray(a)) {
			if (a.length !== c.length) p.push(`${key}: ${a.length} right to left, ${c.length} left to right`);
			a.forEach((x, i) => compare(`${key}[${i}]`, x, c[i]));
		} else {
			compare(key, a, c);
		}
	}
	return p;
}

function fits(m) {
	const p = [];
	if (m.scrollWidth > m.width) p.push(`the page scrolls sideways: ${m.scrollWidth} px wide in a ${m.width} px window`);
	for (const o of m.overlaps) p.push(`overlap: ${o}`);
	return p;
}

// ---------------------------------------------------------------- main

async function main() {
	const fixture = process.argv[2];
	if (!fixture) {
		console.error('usage: node tests/browser/rtl.mjs FIXTURE_DIR');
		process.exit(2);
	}
	const work = await mkdtemp(path.join(os.tmpdir(), 'mend-rtl-'));
	const shots = process.env.MEND_RTL_SHOTS || (await mkdtemp(path.join(os.tmpdir(), 'mend-rtl-shots-')));
	await mkdir(shots, { recursive: true });
	let server;
	let browser;
	try {
		const out = await build(fixture, work);
		if (!out) return;
		const errors = [];
		server = await serve(out, errors);
		const base = `http://127.0.0.1:${server.address().port}`;
		const all = (await htmlFiles(out)).map(urlPath).filter((u) => !u.endsWith('/404.html'));
		const arabic = all.filter((u) => u.startsWith('/ar/'));
		const english = all.filter((u) => !u.startsWith('/ar/'));
		if (arabic.length < 5) fail('pages', [`${arabic.length} Arabic pages in ${out}: the fixture has 6`]);
		browser = await launchChromium();
		console.log(`== ${arabic.length} pages right to left, ${english.length} left to right; screenshots in ${shots}`);

		const settle = () => new Promise((resolve) => {
			requestAnimationFrame(() => requestAnimationFrame(resolve));
		});
		const open = async (page, url) => {
			const res = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
			if (!res || res.status() !== 200) throw new Error(`${url}: HTTP ${res ? res.status() : 'no response'}`);
			await page.evaluate(() => document.fonts.ready);
			await page.evaluate(settle);
		};
		// The page measured right to left, then made left to right and
		// measured, then made right to left again and measured: until the
		// two right-to-left measures agree, so that nothing the page's
		// scripts change after it loaded (an exercise's notes, on a busy
		// machine) lands between the twins and reads as a layout that does
		// not mirror.  The page is left right to left.
		const twins = async (page) => {
			let rtl = await page.evaluate(measure), ltr = null;
			for (let tries = 0; tries < 5; tries++) {
				await page.evaluate(() => { document.documentElement.dir = 'ltr'; });
				await page.evaluate(settle);
				ltr = await page.evaluate(measure);
				await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
				await page.evaluate(settle);
				const again = await page.evaluate(measure);
				if (JSON.stringify(again) === JSON.stringify(rtl)) break;
				rtl = again;
			}
			return { rtl, ltr };
		};
		const shotName = (u, width, scheme) =>
			`${u === '/' ? 'home' : u.replace(/^\/|\/$/g, '').replace(/\//g, '-').replace(/^ar$/, 'ar-home')}-${width}-${scheme}.png`;

		for (const width of WIDTHS) {
			for (const scheme of SCHEMES) {
				const ctx = await browser.newContext({
					viewport: { width, height: 800 }, colorScheme: scheme, reducedMotion: 'reduce',
				});
				const page = await ctx.newPage();
				for (const u of arabic) {
					const what = `${u} ${width}px ${scheme}`;
					try {
						await open(page, base + u);
						const { rtl, ltr } = await twins(page);
						await page.screenshot({ path: path.join(shots, shotName(u, width, scheme)), fullPage: true });
						const facts = mirroredFacts(rtl, width);
						if (facts.length) fail(`mirrored   ${what}`, facts);
						else pass(`mirrored   ${what}`);
						const refl = reflected(rtl, ltr);
						if (refl.length) fail(`reflected  ${what}`, refl);
						else pass(`reflected  ${what}`);
						const f = fits(rtl);
						if (f.length) fail(`fits       ${what}`, f);
						else pass(`fits       ${what}`, `${rtl.scrollWidth}px`);
					} catch (err) {
						fail(`page       ${what}`, [err.message]);
					}
				}
				for (const u of english) {
					const what = `${u} ${width}px ${scheme}`;
					try {
						await open(page, base + u);
						const m = await page.evaluate(measure);
						await page.screenshot({ path: path.join(shots, shotName(u, width, scheme)), fullPage: true });
						const p = fits(m);
						if (m.lang !== 'en' || m.dir !== 'ltr') p.unshift(`<html lang="${m.lang}" dir="${m.dir}">, not lang="en" dir="ltr"`);
						if (p.length) fail(`ltr        ${what}`, p);
						else pass(`ltr        ${what}`);
					} catch (err) {
						fail(`page       ${what}`, [err.message]);
					}
				}
				await ctx.close();
			}
		}

		// Feedback on an answer: its panel's rule on the right, its text from
		// the right, on a phone and on a wide screen.
		const withExercise = arabic.find((u) => u.includes('/agree/'));
		for (const width of withExercise ? WIDTHS : []) {
			const what = `feedback   ${withExercise} ${width}px`;
			const ctx = await browser.newContext({ viewport: { width, height: 800 }, reducedMotion: 'reduce' });
			const page = await ctx.newPage();
			try {
				await open(page, base + withExercise);
				const field = page.locator('textarea[id$="--reflection"]');
				await field.fill('نعم');
				await field.blur();
				const item = page.locator('.feedback-item').first();
				await item.waitFor({ timeout: 5_000 });
				const m = await item.evaluate((el) => {
					const s = getComputedStyle(el);
					const r = el.getBoundingClientRect();
					const f = el.closest('.field').getBoundingClientRect();
					const range = document.createRange();
					range.selectNodeContents(el);
					const t = range.getClientRects()[0];
					return {
						left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth),
						box: { left: r.left, right: r.right }, field: { left: f.left, right: f.right },
						text: t ? { left: t.left, right: t.right } : null,
					};
				});
				const p = [];
				if (!(m.right >= 2 && m.left === 0)) p.push(`the feedback's rule is not on the right (left ${m.left} px, right ${m.right} px)`);
				if (!m.text || !(m.text.right > m.box.right - 20)) p.push('the feedback\'s text does not start on the right');
				await page.screenshot({ path: path.join(shots, `ar-feedback-${width}.png`), fullPage: false });
				if (p.length) fail(what, p);
				else pass(what);
			} catch (err) {
				fail(what, [err.message]);
			}
			await ctx.close();
		}

		// Paper: the Arabic pages with tables, in print media on A4's width.
		const ctx = await browser.newContext({ viewport: A4 });
		const page = await ctx.newPage();
		await page.emulateMedia({ media: 'print' });
		for (const u of arabic) {
			try {
				await open(page, base + u);
				const m = await page.evaluate(measure);
				if (!m.boxes.proseCells.length && !m.boxes.rowHeads.length) continue;
				const p = fits({ ...m, overlaps: [] });
				const b = m.boxes;
				for (let i = 1; i < b.proseCells.length; i++) {
					if (!(b.proseCells[i - 1].left >= b.proseCells[i].right - TOLERANCE)) p.push(`the table's column ${i} is not right of column ${i + 1}`);
				}
				b.rowHeads.forEach((h, i) => {
					if (!(h.left >= b.firstCells[i].right - TOLERANCE)) p.push(`the exercise table's row ${i + 1} name is not right of its first answer`);
				});
				await page.screenshot({ path: path.join(shots, shotName(u, A4.width, 'print')), fullPage: true });
				if (p.length) fail(`print      ${u}`, p);
				else pass(`print      ${u}`);
			} catch (err) {
				fail(`print      ${u}`, [err.message]);
			}
		}
		await ctx.close();
		if (errors.length) fail('requests', errors);
		else pass('requests', 'every request answered');
		console.log(`screenshots: ${shots}`);
	} finally {
		if (browser) await browser.close();
		if (server) server.close();
		await rm(work, { recursive: true, force: true });
	}
}

const watchdog = setTimeout(() => {
	fail('rtl.mjs', [`did not finish within ${WATCHDOG_MS / 1000} s`]);
	finish(1);
}, WATCHDOG_MS);
watchdog.unref();

withTimeout(main(), WATCHDOG_MS, 'rtl.mjs')
	.then(() => finish())
	.catch((err) => {
		fail('rtl.mjs', [err.stack || String(err)]);
		finish(1);
	});
