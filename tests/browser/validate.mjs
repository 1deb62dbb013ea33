// The built guide under two outside validators.
//
//   node tests/browser/validate.mjs SITE_DIR
//
// SITE_DIR is a site mend has already built (this script builds nothing).
// It is served read-only by a small static HTTP server bound to 127.0.0.1,
// and every HTML page in it goes through:
//
//   vnu   the Nu HTML Checker (npm vnu-jar) on the machine's Java, fetching
//         each page from that server (so the page's Content-Security-Policy
//         is judged against its real http origin, not against file:).
//         Errors fail the page; warnings are printed but do not fail it:
//         they are advice, and some contradict deliberate choices of the
//         theme (role="list" on a styled <ol> keeps the list announced in
//         Safari). Plain info messages are only counted.
//   axe   axe-core in headless Chromium (Debian's /usr/bin/chromium, driven
//         by playwright-core), once with prefers-color-scheme light and once
//         dark, WCAG 2.2 AA tags plus best-practice: any violation fails.
//         The same load also fails on a request to any origin other than the
//         local server, a cookie, a websocket, an HTTP error for the page or
//         one of its resources, or an error on the console (where Chromium
//         reports Content-Security-Policy violations).
//
// One check per page for vnu, one per page and colour scheme for axe. The
// last line is "validators: N passed, M failed"; the exit status is 1 when
// anything failed (or could not run), 2 on a usage error.

import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
	CHROMIUM, CHROMIUM_ARGS, htmlFiles, plural, reporter, run, serve, urlPath, withTimeout,
} from './lib.mjs';

const require = createRequire(import.meta.url);

const JAVA = process.env.MEND_JAVA || 'java';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SCHEMES = ['light', 'dark'];
const PAGE_TIMEOUT_MS = 30_000;
const AXE_TIMEOUT_MS = 60_000;
const VNU_TIMEOUT_MS = 300_000;
const WATCHDOG_MS = 900_000; // the whole run, whatever hangs

const report = reporter('validators');
const { pass, fail, finish } = report;

// ---------------------------------------------------------------- vnu

async function checkVnu(origin, pages) {
	console.log('== Nu HTML Checker (vnu): errors fail a page, warnings are shown');
	const labels = pages.map((p) => `vnu   ${urlPath(p)}`);
	let jar;
	try {
		jar = String(require('vnu-jar'));
	} catch (err) {
		for (const l of labels) fail(l, [`npm package vnu-jar not installed (run make deps): ${err.message}`]);
		return;
	}
	const urls = pages.map((p) => origin + urlPath(p));
	// vnu refuses loopback hosts unless told otherwise.
	const r = await run(JAVA, [
		'-Dnu.validator.servlet.allow-forbidden-hosts=true',
		'-jar', jar, '--format', 'json', '--stdout', '--exit-zero-always', ...urls,
	], VNU_TIMEOUT_MS);
	let messages;
	try {
		if (r.code !== 0) throw new Error(`exit status ${r.code}`);
		messages = JSON.parse(r.stdout).messages;
		if (!Array.isArray(messages)) throw new Error('no "messages" in its JSON');
	} catch (err) {
		const why = `${JAVA} -jar vnu.jar did not run: ${err.message}`;
		const detail = (r.stderr || r.stdout).trim().split('\n').slice(0, 5);
		for (const l of labels) fail(l, [why, ...detail]);
		return;
	}
	const byUrl = new Map(urls.map((u) => [u, []]));
	const stray = [];
	for (const m of messages) (byUrl.get(m.url) ?? stray).push(m);
	pages.forEach((rel, i) => {
		const ms = byUrl.get(urls[i]);
		const where = (m) => `${rel}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
		const errors = ms.filter((m) => m.type === 'error' || m.type === 'non-document-error');
		const warnings = ms.filter((m) => m.type === 'info' && m.subType === 'warning');
		const infos = ms.length - errors.length - warnings.length;
		const lines = [
			...errors.map((m) => `error ${where(m)}: ${m.message}${m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : ''}`),
			...warnings.map((m) => `warning ${where(m)}: ${m.message}`),
		];
		const note = [warnings.length && plural(warnings.length, 'warning'), infos && plural(infos, 'info message')]
			.filter(Boolean).join(', ');
		if (errors.length) {
			fail(`${labels[i]}  (${plural(errors.length, 'error')}${note ? `, ${note}` : ''})`, lines);
		} else {
			pass(labels[i], note);
			for (const l of lines) console.log(`       ${l}`);
		}
	});
	for (const m of stray) console.log(`       vnu: ${m.type}: ${m.url ?? ''}: ${m.message}`);
}

// ---------------------------------------------------------------- axe-core

async function checkAxe(origin, pages, serverErrors) {
	console.log(`== axe-core in Chromium (${AXE_TAGS.join(', ')}), light and dark`);
	const labels = [];
	for (const scheme of SCHEMES) for (const p of pages) labels.push([p, scheme, `axe   ${scheme.padEnd(5)} ${urlPath(p)}`]);
	let chromium;
	let axeSource;
	try {
		({ chromium } = await import('playwright-core'));
		axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
	} catch (err) {
		for (const [, , l] of labels) fail(l, [`npm packages missing (run make deps): ${err.message}`]);
		return;
	}
	let browser;
	try {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS,
			headless: true,
			timeout: 60_000,
		});
	} catch (err) {
		const first = err.message.split('\n').slice(0, 3);
		for (const [, , l] of labels) fail(l, [`cannot start ${CHROMIUM} (run make deps)`, ...first]);
		return;
	}
	try {
		for (const [rel, scheme, label] of labels) {
			const problems = await auditPage(browser, origin, urlPath(rel), scheme, axeSource, serverErrors);
			if (problems.failures.length) fail(label, problems.failures);
			else pass(label, problems.notes.join('; '));
		}
	} finally {
		await browser.close().catch(() => {});
	}
}

async function auditPage(browser, origin, pagePath, scheme, axeSource, serverErrors) {
	const failures = [];
	const notes = [];
	const context = await browser.newContext();
	const offsite = new Set();
	const isLocal = (url) => {
		const u = new URL(url);
		return ['data:', 'blob:', 'about:'].includes(u.protocol) || u.origin === origin;
	};
	// Anything for another origin is recorded, then stopped here.
	context.on('request', (req) => {
		if (!isLocal(req.url())) offsite.add(`${req.method()} ${req.url()}`);
	});
	await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
	const page = await context.newPage();
	page.on('websocket', (ws) => offsite.add(`websocket ${ws.url()}`));
	page.on('console', (msg) => {
		if (msg.type() === 'error') failures.push(`console error: ${msg.text()}`);
	});
	page.on('pageerror', (err) => failures.push(`script error: ${err.message}`));
	serverErrors.length = 0;
	try {
		await page.emulateMedia({ colorScheme: scheme });
		const response = await page.goto(origin + pagePath, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
		if (!response || response.status() !== 200) {
			failures.push(`HTTP status ${response ? response.status() : 'none'} for the page`);
		}
		await page.evaluate(() => document.fonts.ready.then(() => undefined));
		const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
		if (dark !== (scheme === 'dark')) failures.push(`prefers-color-scheme is not ${scheme} in the page`);

		// Evaluated through the DevTools protocol: the page's own CSP
		// (script-src 'self') rightly blocks an injected <script>.
		await page.evaluate(axeSource);
		const result = await withTimeout(page.evaluate(async (tags) => {
			const r = await window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations'],
			});
			const brief = (v) => ({
				id: v.id,
				impact: v.impact,
				help: v.help,
				nodes: v.nodes.map((n) => ({
					target: n.target.join(' '),
					summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim(),
				})),
			});
			return { version: window.axe.version, violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
		}, AXE_TAGS), AXE_TIMEOUT_MS, 'axe.run');
		for (const v of result.violations) {
			failures.push(`${v.id} (${v.impact}): ${v.help}: ${plural(v.nodes.length, 'element')}`);
			for (const n of v.nodes.slice(0, 10)) failures.push(`  ${n.target}: ${n.summary}`);
			if (v.nodes.length > 10) failures.push(`  ... and ${v.nodes.length - 10} more`);
		}
		if (result.incomplete.length) {
			// Only the rules: resultTypes keeps one element per incomplete rule.
			notes.push(`axe needs review: ${result.incomplete.map((v) => v.id).join(', ')}`);
		}
		const cookies = await context.cookies();
		for (const c of cookies) failures.push(`cookie set: ${c.name} (domain ${c.domain})`);
		const docCookie = await page.evaluate(() => document.cookie);
		if (docCookie) failures.push(`document.cookie is not empty: ${docCookie}`);
	} catch (err) {
		failures.push(`could not audit the page: ${err.message.split('\n')[0]}`);
	} finally {
		await context.close().catch(() => {});
	}
	for (const o of offsite) failures.push(`request to another origin: ${o}`);
	for (const e of serverErrors) failures.push(`server answered ${e}`);
	return { failures, notes };
}

// ---------------------------------------------------------------- main

async function main() {
	const args = process.argv.slice(2);
	if (args.length !== 1 || args[0].startsWith('-')) {
		console.error('usage: node tests/browser/validate.mjs SITE_DIR');
		process.exit(2);
	}
	const root = path.resolve(args[0]);
	let pages;
	try {
		pages = await htmlFiles(root);
	} catch (err) {
		console.log(`validate: cannot read ${root}: ${err.message}`);
		report.failed++;
		finish();
	}
	if (pages.length === 0) {
		console.log(`validate: no HTML pages in ${root}`);
		report.failed++;
		finish();
	}
	const watchdog = setTimeout(() => {
		console.log(`validate: still running after ${WATCHDOG_MS / 1000} s, giving up`);
		report.failed++;
		finish(1);
	}, WATCHDOG_MS);
	watchdog.unref();

	const serverErrors = [];
	const server = await serve(root, serverErrors);
	const origin = `http://127.0.0.1:${server.address().port}`;
	const started = Date.now();
	console.log(`validate: ${plural(pages.length, 'page')} in ${root}, served at ${origin}`);
	try {
		// One after the other: vnu takes a few seconds, and output stays in order.
		let t = Date.now();
		await checkVnu(origin, pages);
		console.log(`   vnu: ${((Date.now() - t) / 1000).toFixed(1)} s`);
		t = Date.now();
		await checkAxe(origin, pages, serverErrors);
		console.log(`   axe: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	} finally {
		server.close();
	}
	console.log(`validate: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	finish();
}

main().catch((err) => {
	console.log(`validate: ${err.stack || err.message}`);
	report.failed++;
	finish(1);
});
