// The built guide opened from disk (file://), in Chromium.
//
//   node tests/browser/disk.mjs SITE_DIR
//
// A counselor may copy the guide onto a laptop and open index.html from the
// folder, with no web server.  From SITE_DIR/index.html, every page reached
// by following the site's own links (a crawl: every <a href> that is not
// another site, a fragment of the same page, mailto: or tel:):
//
//   opens     the link names a file that exists (a folder would show the
//             browser's listing of it, not the page), and the page opens
//             with its h1
//   styled    its stylesheets apply (the body is laid out by calm.css: the
//             skip link is moved off the screen)
//   scripts   its scripts run (exit.js answers the quick exit's Shift keys
//             by putting a listener in place; an exercise's form gets
//             exercise.js's has-script class)
//   files     every PDF and other file it links to exists
//
// and 404.html, opened from disk, is styled too.  No request leaves the
// computer.  The last line is "disk: N passed, M failed".

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launchChromium, reporter } from './lib.mjs';

const report = reporter('disk');
const { pass, fail, finish } = report;

const isFile = (p) => stat(p).then((s) => s.isFile(), () => false);

// The checks of one opened page: styled, its scripts run.
async function pageState(page) {
	return page.evaluate(() => {
		const skip = document.querySelector('.skip-link');
		const r = skip ? skip.getBoundingClientRect() : null;
		return {
			h1: (document.querySelector('h1') || {}).textContent || '',
			styled: r !== null && (r.bottom <= 0 || r.right <= 0 || r.left < -1000 || r.top < -1000 ||
				getComputedStyle(skip).position === 'absolute'),
			exercises: document.querySelectorAll('.exercise').length,
			scripted: document.querySelectorAll('.exercise.has-script').length,
			links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
		};
	});
}

async function main() {
	const site = process.argv[2];
	if (!site) {
		console.log('usage: node tests/browser/disk.mjs SITE_DIR');
		process.exit(2);
	}
	const root = path.resolve(site);
	const rootUrl = pathToFileURL(root + path.sep).href;
	const browser = await launchChromium();
	try {
		const context = await browser.newContext();
		const outside = [];
		context.on('request', (r) => {
			const u = r.url();
			// from disk, 404.html's "/calm.css" asks the disk's root (and
			// finds nothing); only a request off this computer would tell
			if (!u.startsWith('file:') && !u.startsWith('data:')) outside.push(u);
		});
		const page = await context.newPage();
		const queue = [`${rootUrl}index.html`];
		const seen = new Set(queue);
		let pages = 0;
		while (queue.length) {
			const url = queue.shift();
			const rel = url.slice(rootUrl.length);
			const problems = [];
			await page.goto(url);
			const s = await pageState(page);
			if (!s.h1.trim()) problems.push('no h1: the page did not open');
			if (!s.styled) problems.push('calm.css does not apply');
			if (s.exercises && s.scripted !== s.exercises) problems.push(`exercise.js did not run (${s.scripted} of ${s.exercises} forms)`);
			for (const href of s.links) {
				if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue;
				const target = new URL(href, url);
				target.hash = '';
				target.search = '';
				const file = fileURLToPath(target);
				if (!(await isFile(file))) {
					problems.push(`"${href}" names ${file.endsWith(path.sep) ? 'a folder' : 'nothing'} on disk`);
					continue;
				}
				if (file.endsWith('.html') && !seen.has(target.href)) {
					seen.add(target.href);
					queue.push(target.href);
				}
			}
			pages++;
			if (problems.length) fail(`page     ${rel}`, problems);
			else pass(`page     ${rel}`);
		}
		if (pages < 2) fail('crawl    the home page leads nowhere');
		await page.goto(`${rootUrl}404.html`);
		if ((await pageState(page)).styled) pass('404      404.html is styled from disk');
		else fail('404      404.html is styled from disk', ['calm.css does not apply']);
		if (outside.length) fail('private  no request leaves the computer', [...new Set(outside)]);
		else pass('private  no request leaves the computer');
		await context.close();
	} catch (err) {
		fail('disk', [err.stack || err.message]);
	} finally {
		await browser.close().catch(() => {});
	}
	finish();
}

main();
