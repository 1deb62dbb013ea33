/*
 * feeds — the site files written with libxml2's xmlTextWriter: sitemap.xml
 * (every published page) and atom.xml (an Atom feed of the pages that have
 * a date), plus robots.txt, which points at the sitemap.  They read the
 * site model only; writing them into the output is the caller's business.
 */
#ifndef MEND_FEEDS_H
#define MEND_FEEDS_H

#include "lib/buf.h"
#include "site/site.h"

/* Append sitemap.xml for site to out.  Returns 0 or -1. */
int feeds_sitemap(const struct site *site, struct buf *out);
/*
 * Append atom.xml to out for site, the whole site or a language's view
 * (site.h; written as "ar/atom.xml"): its pages with a date, newest first
 * (then in published order), with their descriptions as summaries; the
 * feed's updated time is its newest entry's.  Returns 0 or -1.
 */
int feeds_atom(const struct site *site, struct buf *out);
/* Append robots.txt (allow all, name the sitemap). */
void feeds_robots(const struct site *site, struct buf *out);

#endif
