// `mend serve` in Chromium: the guide (a copy of this repository's
// site.toml, content/, themes/ and exercises/) served by the real binary
// ($MEND_BIN, default ./mend) on a free loopback port; a page open in the
// browser reloads after an edit and keeps its scroll position; a broken
// edit shows the overlay (an alertdialog with the error at its file:line,
// focused, dismissed by its button and by Escape, no axe-core violation,
// nothing against the page's Content-Security-Policy); fixing the edit
// reloads the page without it; a page left open reconnects to a restarted
// server and reloads.
//
//   node tests/browser/serve.mjs [IGNORED]
//
// (run.sh passes the built guide's folder, as to the other browser tests;
// this test builds its own.)  Last line: "serve: N passed, M failed".

import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, reporter, withTimeout } from './lib.mjs';

const require = createRequire(import.meta.url);
const r = reporter('serve');
const MEND = path.resolve(process.env.MEND_BIN || './mend');
const PAGE = 'content/steps/acknowledge-the-breach.md';
const URL_PATH = '/steps/acknowledge-the-breach/';
const WAIT_MS = 60_000;

function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

async function until(what, fn, ms = WAIT_MS) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((res) => setTimeout(res, 100));
	}
}

const project = await mkdtemp(path.join(os.tmpdir(), 'mend-serve-browser-'));
const tmp = await mkdtemp(path.join(os.tmpdir(), 'mend-serve-tmp-'));
for (const name of ['site.toml', 'content', 'themes', 'exercises']) {
	await cp(name, path.join(project, name), { recursive: true });
}
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
let out = '';
let err = '';
const server = spawn(MEND, ['serve', '--port', String(port)], {
	cwd: project,
	env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
	stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.on('data', (d) => { out += d; });
server.stderr.on('data', (d) => { err += d; });

let browser;
let second = null;  // the server started after the first is stopped
const original = await readFile(path.join(project, PAGE), 'utf8');
try {
	await until('mend serve to start', () => out.includes('Serving the site at'));
	browser = await launchChromium();
	const context = await browser.newContext({ viewport: { width: 360, height: 420 } });
	const page = await context.newPage();
	const cspErrors = [];
	const scriptErrors = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
	});
	page.on('pageerror', (e) => scriptErrors.push(e.message));

	// ---------------------------------------------------- reload after an edit
	await page.goto(origin + URL_PATH, { waitUntil: 'load' });
	await page.waitForFunction(() => document.querySelector('script[src="/__mend/live.js"]'));
	// Wait for the event stream's hello: the page now listens.
	await page.waitForTimeout(500);
	const tall = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
	const target = Math.min(300, Math.floor(tall / 2));
	await page.evaluate((y) => window.scrollTo(0, y), target);
	await page.evaluate(() => { window.__beforeReload = true; });
	const loaded = page.waitForEvent('load', { timeout: WAIT_MS });
	await writeFile(path.join(project, PAGE), original + '\nA sentence added while the page was open.\n');
	await loaded;
	await page.waitForFunction(() => document.body.textContent.includes('A sentence added while the page was open.'), null, { timeout: WAIT_MS });
	const marker = await page.evaluate(() => window.__beforeReload === true);
	if (marker) r.fail('the page reloads after an edit', ['the page was not reloaded']);
	else r.pass('the page reloads after an edit, with the new text');
	await page.waitForTimeout(300);
	const y = await page.evaluate(() => window.scrollY);
	if (target > 0 && Math.abs(y - target) <= 2) r.pass('the reload keeps the scroll position', `${target} px`);
	else r.fail('the reload keeps the scroll position', [`scrolled to ${target}, after the reload ${y}`]);
	const stored = await page.evaluate(() => [sessionStorage.length, localStorage.length]);
	if (stored[0] === 0 && stored[1] === 0) r.pass('nothing is kept in sessionStorage or localStorage');
	else r.fail('nothing is kept in sessionStorage or localStorage', [`session ${stored[0]}, local ${stored[1]}`]);

	// -------------------------------------------------------- the overlay
	const broken = original.trimEnd() + '\n\nSee [a step that is not there](../no-such-step/).\n';
	const brokenLine = broken.split('\n').findIndex((l) => l.includes('no-such-step')) + 1;
	await writeFile(path.join(project, PAGE), broken);
	const overlay = page.locator('#mend-overlay');
	try {
		await overlay.waitFor({ state: 'visible', timeout: WAIT_MS });
		const info = await page.evaluate(() => {
			const o = document.getElementById('mend-overlay');
			return {
				role: o.getAttribute('role'),
				label: document.getElementById(o.getAttribute('aria-labelledby'))?.textContent,
				focused: o.contains(document.activeElement),
				text: o.textContent,
				pre: [...o.querySelectorAll('pre')].map((p) => p.textContent),
			};
		});
		const want = `${PAGE}:${brokenLine}:5: error: link target '../no-such-step/' not found [links]`;
		const problems = [];
		if (info.role !== 'alertdialog') problems.push(`role ${info.role}`);
		if (!info.label) problems.push('no label');
		if (!info.focused) problems.push('the overlay does not have the focus');
		if (!info.pre.some((t) => t.startsWith(want) && t.includes('    ^'))) problems.push(`no "${want}" with its caret in: ${info.pre.join(' | ')}`);
		if (!err.includes(want)) problems.push('the terminal does not show the same diagnostic');
		if (problems.length) r.fail('a broken edit shows the overlay with the error at its line', problems);
		else r.pass('a broken edit shows the overlay with the error at its line', want);
		// The last good page is still the one shown.
		const stillGood = await page.evaluate(() => document.body.textContent.includes('A sentence added while the page was open.'));
		if (stillGood) r.pass('the last good page stays under the overlay');
		else r.fail('the last good page stays under the overlay');

		// axe-core on the overlay: contrast, names, roles.
		const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
		await page.evaluate(axeSource);
		const violations = await withTimeout(page.evaluate(async () => {
			const res = await window.axe.run('#mend-overlay', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
			return res.violations.map((v) => `${v.id}: ${v.help}`);
		}), 60_000, 'axe.run');
		if (violations.length) r.fail('the overlay passes axe-core (WCAG 2.2 AA)', violations);
		else r.pass('the overlay passes axe-core (WCAG 2.2 AA)');

		await page.keyboard.press('Escape');
		if (await overlay.count() === 0) r.pass('Escape dismisses the overlay');
		else r.fail('Escape dismisses the overlay');
		// Loaded again while the build is still broken: the overlay is back;
		// the button dismisses it.
		await page.reload({ waitUntil: 'load' });
		await overlay.waitFor({ state: 'visible', timeout: WAIT_MS });
		await page.locator('#mend-overlay button').click();
		if (await overlay.count() === 0) r.pass('a page loaded during the failure shows it; the button dismisses it');
		else r.fail('a page loaded during the failure shows it; the button dismisses it');
	} catch (e) {
		r.fail('a broken edit shows the overlay with the error at its line', [e.message]);
	}

	// ------------------------------------------------------------ fixed
	const reloaded = page.waitForEvent('load', { timeout: WAIT_MS });
	await writeFile(path.join(project, PAGE), original);
	try {
		await reloaded;
		await page.waitForTimeout(800);
		const gone = (await overlay.count()) === 0 &&
			!(await page.evaluate(() => document.body.textContent.includes('A sentence added')));
		if (gone) r.pass('the fix reloads the page, without the overlay');
		else r.fail('the fix reloads the page, without the overlay');
	} catch (e) {
		r.fail('the fix reloads the page, without the overlay', [e.message]);
	}
	// -------------------------------------------- the server restarts
	// The page keeps trying its event stream; a new server (a new run of
	// mend serve on the same port) makes it reload.
	{
		await page.evaluate(() => { window.__beforeRestart = true; });
		const stopped = new Promise((res) => server.on('exit', res));
		server.kill('SIGINT');
		await stopped;
		let out2 = '';
		second = spawn(MEND, ['serve', '--port', String(port)], {
			cwd: project,
			env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		second.stdout.on('data', (d) => { out2 += d; });
		second.stderr.on('data', (d) => { err += d; });
		try {
			await until('the second mend serve to start', () => out2.includes('Serving the site at'));
			// waitForFunction outlives the navigation: true once a new page is there.
			await page.waitForFunction(() => window.__beforeRestart !== true &&
				document.readyState === 'complete', null, { timeout: WAIT_MS });
			r.pass('the page reconnects to a restarted server and reloads');
		} catch (e) {
			r.fail('the page reconnects to a restarted server and reloads', [e.message]);
		}
	}
	if (cspErrors.length || scriptErrors.length) r.fail('nothing breaks the Content-Security-Policy, no script error', [...cspErrors, ...scriptErrors]);
	else r.pass('nothing breaks the Content-Security-Policy, no script error');
} catch (e) {
	r.fail('mend serve in Chromium', [e.message, err.slice(-2000)]);
} finally {
	if (browser) await browser.close().catch(() => {});
	const last = second || server;
	let code = last.exitCode;
	if (code === null) {
		const exited = new Promise((res) => last.on('exit', (c) => res(c)));
		last.kill('SIGINT');
		code = await exited;
	}
	const left = await readdir(tmp);
	if (code === 0 && left.length === 0) r.pass('Ctrl-C stops it with status 0 and removes its folder');
	else r.fail('Ctrl-C stops it with status 0 and removes its folder', [`status ${code}`, `left: ${left.join(' ')}`]);
	await rm(project, { recursive: true, force: true });
	await rm(tmp, { recursive: true, force: true });
}
r.finish();
