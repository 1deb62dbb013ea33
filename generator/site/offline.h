/*
 * offline — the copy of a site a reader may keep on their device to read
 * without internet.
 *
 * Off unless site.toml says `[offline] enabled = true`, and even then
 * nothing is kept until the reader chooses it: the theme's offline.js
 * offers "Keep this guide on this device" and registers the service worker
 * (the theme's offline-worker.js) only when the reader turns it on, and
 * removes it and everything it kept when they turn it off.  A copy of a
 * guide on a shared phone is a trace of having read it.
 *
 * What the build adds is sw.js at the top of the site: the list of every
 * file the worker keeps, as the addresses a reader opens ("steps/x/" for
 * steps/x/index.html), and a version that changes whenever any file's
 * bytes do, so that browsers fetch the new site after a new build.
 */
#ifndef MEND_OFFLINE_H
#define MEND_OFFLINE_H

struct config;
struct output;

/* The file the build writes, at the top of the site. */
#define OFFLINE_WORKER "sw.js"
/* The worker's code, a file of the theme's static/ that sw.js loads. */
#define OFFLINE_SCRIPT "offline-worker.js"

/*
 * When cfg enables it, write sw.js into out's staging folder, listing every
 * file already there: call it after every other file is written.  Returns
 * 0, or -1 after a diagnostic.
 */
int offline_write(const struct config *cfg, struct output *out);

#endif
