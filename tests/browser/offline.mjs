// Reading offline ([offline] in site.toml), in Chromium.
//
//   node tests/browser/offline.mjs SITE_DIR
//
// SITE_DIR is the guide as mend builds it by default: it must offer no
// offline copy at all (no sw.js, no offline.js, no box, no service worker,
// no cache).  Then the guide in the current folder (site.toml, content/,
// themes/, exercises/) is copied, `[offline] enabled = true` added, built
// with ./mend (or $MEND_BIN) and served on 127.0.0.1, and:
//
//   offer     the box is there, unticked, and nothing is kept: no service
//             worker, no cache, no storage, before the reader chooses.
//   keep      ticked with the keyboard (Space): the status says the guide
//             is saved; a service worker and one cache hold every file sw.js
//             lists; still nothing in localStorage or sessionStorage.
//   offline   with the network cut, a step page never visited opens, with
//             its style, and its PDF; a missing page shows the 404 page.
//   update    after a rebuild that changes a page, a reload installs the new
//             version: offline, the page shows its new text, and the old
//             cache is gone.
//   remove    unticked: the worker and every cache are gone, and with the
//             network cut the pages no longer open.
//   private   no request leaves 127.0.0.1.
//
// The last line is "offline: N passed, M failed"; exit status 1 when
// anything failed.

import { appendFile, cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, reporter, run, serve, withTimeout } from './lib.mjs';

const MEND = path.resolve(process.env.MEND_BIN || './mend');
const STEP = 'steps/give-space-to-heal/';
const report = reporter('offline');
const { pass, fail, finish } = report;

const exists = (p) => stat(p).then(() => true, () => false);

// What the browser keeps for the site: service workers, caches, storage.
const kept = (page) => page.evaluate(async () => ({
	workers: (await navigator.serviceWorker.getRegistrations()).length,
	caches: await caches.keys(),
	stored: localStorage.length + sessionStorage.length,
}));

async function build(dir) {
	const r = await run('sh', ['-c', `cd '${dir}' && '${MEND}' build -q -o public`], 120_000);
	if (r.code !== 0) throw new Error(`mend build failed in ${dir}: ${r.stderr}`);
}

async function checkDefault(browser, root) {
	const problems = [];
	for (const f of ['sw.js', 'offline.js']) {
		if (f === 'sw.js' && await exists(path.join(root, f))) problems.push(`${f} is written`);
	}
	const html = await readFile(path.join(root, 'index.html'), 'utf8');
	if (html.includes('offline.js') || html.includes('class="offline"')) problems.push('the home page offers an offline copy');
	const errors = [];
	const server = await serve(root, errors);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`http://127.0.0.1:${server.address().port}/`);
	const k = await kept(page);
	if (k.workers || k.caches.length) problems.push(`the browser keeps ${k.workers} worker(s), caches ${k.caches.join(', ')}`);
	await context.close();
	server.close();
	if (problems.length) fail('default  no offline copy is offered or kept', problems);
	else pass('default  no offline copy is offered or kept');
}

async function main() {
	const site = process.argv[2];
	if (!site) {
		console.log('usage: node tests/browser/offline.mjs SITE_DIR');
		process.exit(2);
	}
	const dir = await mkdtemp(path.join(tmpdir(), 'mend-offline-'));
	let browser;
	let server;
	try {
		browser = await launchChromium();
		await checkDefault(browser, path.resolve(site));

		for (const f of ['site.toml', 'content', 'themes', 'exercises']) {
			await cp(f, path.join(dir, f), { recursive: true });
		}
		// [offline] enabled = true, in the table site.toml may have already
		const toml = await readFile(path.join(dir, 'site.toml'), 'utf8');
		await writeFile(path.join(dir, 'site.toml'), /^\[offline\]$/m.test(toml)
			? toml.replace(/^\[offline\]$/m, '[offline]\nenabled = true')
			: `${toml}\n[offline]\nenabled = true\n`);
		await build(dir);
		const root = path.join(dir, 'public');
		const listed = (await readFile(path.join(root, 'sw.js'), 'utf8')).match(/files: (\[[^\]]*\])/);
		const files = listed ? JSON.parse(listed[1]) : [];
		if (!files.includes(STEP) || !files.some((f) => f.endsWith('.pdf'))) {
			fail('sw.js lists the pages and PDFs', [`it lists: ${files.slice(0, 8).join(', ')}...`]);
		}
		const errors = [];
		server = await serve(root, errors);
		const origin = `http://127.0.0.1:${server.address().port}/`;
		const context = await browser.newContext();
		const outside = [];
		context.on('request', (r) => {
			if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) outside.push(r.url());
		});
		const page = await context.newPage();
		await page.goto(origin);

		// offer
		let problems = [];
		const box = page.locator('.offline');
		await box.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => problems.push('the box is not shown'));
		const input = page.locator('#offline-keep');
		if (await input.isChecked()) problems.push('the box is ticked before the reader chose');
		let k = await kept(page);
		if (k.workers || k.caches.length || k.stored) problems.push(`kept before the choice: ${JSON.stringify(k)}`);
		if (problems.length) fail('offer    the box is there, and nothing is kept', problems);
		else pass('offer    the box is there, and nothing is kept');

		// keep
		problems = [];
		await input.focus();
		await page.keyboard.press('Space');
		const status = page.locator('.offline-status');
		await withTimeout(page.waitForFunction(() => /saved on this device/.test(document.querySelector('.offline-status').textContent)), 30_000, 'saving')
			.catch(async (err) => problems.push(`${err.message}: the status says "${await status.textContent()}"`));
		k = await kept(page);
		const count = await page.evaluate(async () => {
			const keys = await caches.keys();
			return keys.length === 1 ? (await (await caches.open(keys[0])).keys()).length : -1;
		});
		if (k.workers !== 1) problems.push(`${k.workers} service workers`);
		if (count !== files.length) problems.push(`the cache holds ${count} files, sw.js lists ${files.length}`);
		if (k.stored) problems.push('something was put in localStorage or sessionStorage');
		if (problems.length) fail('keep     ticking the box keeps every file', problems);
		else pass('keep     ticking the box keeps every file', `${count} files`);

		// offline
		problems = [];
		await context.setOffline(true);
		await page.goto(origin + STEP).catch((err) => problems.push(`the step does not open: ${err.message.split('\n')[0]}`));
		const h1 = await page.locator('h1').first().textContent().catch(() => '');
		if (!/space/i.test(h1)) problems.push(`the step's h1 is "${h1}"`);
		const styled = await page.evaluate(() => [...document.styleSheets].some((s) => s.cssRules.length > 0));
		if (!styled) problems.push('the page has no style');
		const pdf = files.find((f) => f.endsWith('.pdf'));
		const got = await page.evaluate(async (url) => (await fetch(url)).status, origin + pdf).catch((err) => err.message);
		if (got !== 200) problems.push(`${pdf}: ${got}`);
		await page.goto(origin + 'no-such-page/').catch(() => {});
		if (!/not found|missing|no page/i.test(await page.locator('h1').first().textContent().catch(() => ''))) problems.push('a missing page does not show the 404 page');
		if (problems.length) fail('offline  a page never visited, its style and a PDF open without network', problems);
		else pass('offline  a page never visited, its style and a PDF open without network');

		// update
		problems = [];
		await context.setOffline(false);
		const source = path.join(dir, 'content', STEP.replace(/\/$/, '.md'));
		await appendFile(source, '\nA sentence added after the copy was kept.\n');
		await build(dir);
		const before = (await kept(page)).caches;
		await page.goto(origin);
		await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.getRegistration();
			await reg.update();
		});
		// the new version kept and the old one gone (polled from here:
		// waitForFunction takes a promise for a true value)
		const deadline = Date.now() + 30_000;
		let now = before;
		while (Date.now() < deadline) {
			now = (await kept(page)).caches;
			if (now.length === 1 && now[0] !== before[0]) break;
			await page.waitForTimeout(200);
		}
		if (now.length !== 1 || now[0] === before[0]) problems.push(`after 30 s the caches are ${now.join(', ')}`);
		await context.setOffline(true);
		await page.goto(origin + STEP).catch(() => {});
		if (!(await page.content()).includes('added after the copy was kept')) problems.push('offline, the page shows its old text');
		if (problems.length) fail('update   a new build replaces the kept copy', problems);
		else pass('update   a new build replaces the kept copy');

		// remove
		problems = [];
		await context.setOffline(false);
		await page.goto(origin);
		await page.locator('#offline-keep').click();
		await withTimeout(page.waitForFunction(() => /removed/.test(document.querySelector('.offline-status').textContent)), 15_000, 'removing')
			.catch((err) => problems.push(err.message));
		k = await kept(page);
		if (k.workers || k.caches.length) problems.push(`still kept: ${JSON.stringify(k)}`);
		await context.setOffline(true);
		const opened = await page.goto(origin + STEP).then(() => true, () => false);
		if (opened) problems.push('the step still opens without network');
		if (problems.length) fail('remove   unticking removes the worker and the copy', problems);
		else pass('remove   unticking removes the worker and the copy');

		if (outside.length) fail('private  no request leaves 127.0.0.1', outside);
		else pass('private  no request leaves 127.0.0.1');
		await context.close();
	} catch (err) {
		fail('offline', [err.stack || err.message]);
	} finally {
		if (browser) await browser.close().catch(() => {});
		if (server) server.close();
		await rm(dir, { recursive: true, force: true });
	}
	finish();
}

main();
