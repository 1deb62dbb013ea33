// Shared by the browser tests (validate.mjs, exercises.mjs): the site's
// pages, a read-only static server on 127.0.0.1, running a program, timeouts,
// Chromium, and the "ok / FAIL" report with its "NAME: N passed, M failed"
// last line.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const CHROMIUM = process.env.MEND_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

// The report: one "ok" or "FAIL" line per check, then "NAME: N passed, M
// failed" from finish(), which exits (1 when anything failed).
export function reporter(name) {
	const r = {
		passed: 0,
		failed: 0,
		pass(what, note = '') {
			r.passed++;
			console.log(`ok   ${what}${note ? `  (${note})` : ''}`);
		},
		fail(what, problems = []) {
			r.failed++;
			console.log(`FAIL ${what}`);
			for (const p of problems) console.log(`       ${p}`);
		},
		finish(code) {
			console.log(`${name}: ${r.passed} passed, ${r.failed} failed`);
			process.exit(code ?? (r.failed > 0 ? 1 : 0));
		},
	};
	return r;
}

export function plural(n, word) {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// Start Debian's Chromium through playwright-core.
export async function launchChromium() {
	const { chromium } = await import('playwright-core');
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

// ---------------------------------------------------------------- the site

export async function htmlFiles(root, rel = '') {
	const out = [];
	const entries = await readdir(path.join(root, rel), { withFileTypes: true });
	for (const e of entries) {
		if (e.name.startsWith('.')) continue;
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) out.push(...(await htmlFiles(root, r)));
		else if (e.isFile() && e.name.endsWith('.html')) out.push(r);
	}
	return out.sort();
}

// index.html -> /, steps/x/index.html -> /steps/x/, 404.html -> /404.html
export function urlPath(rel) {
	if (rel === 'index.html') return '/';
	if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
	return `/${rel}`;
}

export const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.xml': 'application/xml',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.pdf': 'application/pdf',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
};

// A read-only static server for ROOT on 127.0.0.1 and a free port. It logs
// each response with a status of 400 or more into `errors`, so a page that
// asks for a missing resource fails. Folders are served by their index.html.
export function serve(root, errors) {
	const server = createServer(async (req, res) => {
		const send = (status, type, body, extra = {}) => {
			if (status >= 400) errors.push(`${status} ${req.method} ${req.url}`);
			res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
			res.end(req.method === 'HEAD' ? undefined : body);
		};
		try {
			if (req.method !== 'GET' && req.method !== 'HEAD') {
				return send(405, 'text/plain', 'method not allowed\n', { Allow: 'GET, HEAD' });
			}
			const pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
			const file = path.join(root, path.normalize(pathname));
			if (pathname.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
				return send(403, 'text/plain', 'forbidden\n');
			}
			let st = await stat(file).catch(() => null);
			let target = file;
			if (st?.isDirectory()) {
				if (!pathname.endsWith('/')) {
					return send(301, 'text/plain', '', { Location: `${pathname}/` });
				}
				target = path.join(file, 'index.html');
				st = await stat(target).catch(() => null);
			}
			if (!st?.isFile() || path.basename(target).startsWith('.')) {
				const page404 = await readFile(path.join(root, '404.html')).catch(() => 'not found\n');
				return send(404, TYPES['.html'], page404);
			}
			const type = TYPES[path.extname(target).toLowerCase()] || 'application/octet-stream';
			send(200, type, await readFile(target));
		} catch (err) {
			send(500, 'text/plain', `${err.message}\n`);
		}
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

// ---------------------------------------------------------------- programs

export function run(cmd, args, timeoutMs) {
	return new Promise((resolve) => {
		let stdout = '';
		let stderr = '';
		let child;
		try {
			child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (err) {
			resolve({ code: null, stdout, stderr: err.message });
			return;
		}
		const timer = setTimeout(() => {
			stderr += `\ntimed out after ${timeoutMs / 1000} s`;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', (err) => {
			clearTimeout(timer);
			resolve({ code: null, stdout, stderr: stderr + err.message });
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

export function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}
