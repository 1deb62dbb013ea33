/*
 * archive — the whole site as one zip file, for a counselor to open on a
 * laptop or from a USB stick with no internet: `[offline] archive = true`
 * in site.toml.
 *
 * The site works from disk as it is (its links name each page's file,
 * theme.c), so the archive is the built site itself under one folder,
 * ARCHIVE_FOLDER/, less itself and the offline list sw.js (a service
 * worker, which a page opened from disk never runs).  Every page links
 * to the feed, so atom.xml stays, and the sitemap and robots.txt with it.  Unzipped
 * anywhere, ARCHIVE_FOLDER/index.html opens it.  PDFs are stored as they
 * are (they are compressed already); everything else is deflated.
 */
#ifndef MEND_ARCHIVE_H
#define MEND_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

struct output;

#define ARCHIVE_FILE "guide-offline.zip"
#define ARCHIVE_FOLDER "guide-offline"

/* Is rel (a path in the site) one the archive leaves out? */
bool archive_leaves_out(const char *rel);

/*
 * Write ARCHIVE_FILE into out's staging folder from every other file
 * there but those archive_leaves_out names (call it once every other file
 * is written; again after a page changed), and set *bytes to its size.  Entries carry SOURCE_DATE_EPOCH
 * as their time when it is set, else the time of the build.  Returns 0,
 * or -1 after a diagnostic.
 */
int archive_write(struct output *out, size_t *bytes);

#endif
