// What one query loads of a built site's search index, in Chromium.
//
//   node bench/search-bytes.mjs SITE_DIR QUERY...
//
// For each query: a fresh page of SITE_DIR's search page (served on
// 127.0.0.1), the query typed and submitted as a reader would, and every
// file of the index the page then loads (search/manifest.js, shards,
// page groups, text groups; search.js itself is reported apart): their
// count, their bytes as on disk, and gzip -6 of each (what a server that
// compresses would send).  Prints one line of JSON per query, then one
// for the whole index on disk.

import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, serve } from '../tests/browser/lib.mjs';

const [root, ...queries] = process.argv.slice(2);
if (!root || queries.length === 0) {
	console.error('usage: node bench/search-bytes.mjs SITE_DIR QUERY...');
	process.exit(2);
}
const site = path.resolve(root);
const gz = async (file) => {
	const data = await readFile(file);
	return { raw: data.length, gzip: gzipSync(data, { level: 6 }).length };
};

const errors = [];
const server = await serve(site, errors);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
try {
	for (const query of queries) {
		const page = await browser.newPage();
		const loaded = [];
		page.on('request', (req) => {
			const u = new URL(req.url());
			if (u.pathname.startsWith('/search/') && u.pathname.endsWith('.js')) loaded.push(u.pathname);
		});
		await page.goto(`${origin}/search/`);
		await page.fill('#search-query', query);
		await page.press('#search-query', 'Enter');
		await page.waitForFunction(() => /found/.test(document.querySelector('.search-status').textContent),
			null, { timeout: 60_000 });
		const status = await page.evaluate(() => document.querySelector('.search-status').textContent);
		const shown = await page.evaluate(() => document.querySelectorAll('.search-result').length);
		let raw = 0, gzip = 0;
		for (const p of loaded) {
			const s = await gz(path.join(site, p));
			raw += s.raw;
			gzip += s.gzip;
		}
		const kinds = (k) => loaded.filter((p) => p.startsWith(`/search/${k}/`)).length;
		console.log(JSON.stringify({
			query, status, shown, files: loaded.length, shards: kinds('t'), meta: kinds('p'), text: kinds('x'), raw, gzip,
		}));
		await page.close();
	}
	// The whole index, and search.js.
	let files = 0, raw = 0, gzip = 0;
	for (const dir of ['t', 'p', 'x']) {
		for (const f of await readdir(path.join(site, 'search', dir))) {
			const s = await gz(path.join(site, 'search', dir, f));
			files++;
			raw += s.raw;
			gzip += s.gzip;
		}
	}
	const m = await gz(path.join(site, 'search', 'manifest.js'));
	const js = await gz(path.join(site, 'search.js'));
	const shards = (await readdir(path.join(site, 'search', 't'))).length;
	let biggest = 0;
	for (const f of await readdir(path.join(site, 'search', 't')))
		biggest = Math.max(biggest, (await stat(path.join(site, 'search', 't', f))).size);
	console.log(JSON.stringify({
		index: true, files: files + 1, shards, biggest_shard: biggest, raw: raw + m.raw, gzip: gzip + m.gzip,
		manifest_raw: m.raw, manifest_gzip: m.gzip, script_raw: js.raw, script_gzip: js.gzip,
	}));
} finally {
	await browser.close();
	server.close();
}
if (errors.length) {
	console.error(`failed requests: ${errors.join(', ')}`);
	process.exit(1);
}
