/*
 * offline — sw.js: what a reader's browser keeps of the site when the
 * reader chooses to read it without internet (offline.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/util.h"
#include "site/archive.h"
#include "site/config.h"
#include "site/offline.h"
#include "site/output.h"

/* Files a reader does not read: the feeds and notes for robots. */
static bool
kept(const char *rel)
{
	return strcmp(rel, "sitemap.xml") != 0 && strcmp(rel, "atom.xml") != 0 &&
	    strcmp(rel, "robots.txt") != 0 && strcmp(rel, OFFLINE_WORKER) != 0;
}

/*
 * The address a reader opens for rel: its folder for an index.html
 * ("steps/x/" for steps/x/index.html, "./" for the home page), as the
 * pages link to them, so the worker finds what the reader asks for.
 */
static char *
address_of(const char *rel)
{
	size_t len = strlen(rel), n = strlen("index.html");

	if (len >= n && strcmp(rel + len - n, "index.html") == 0 &&
	    (len == n || rel[len - n - 1] == '/'))
		return len == n ? xstrdup("./") : xstrndup(rel, len - n);
	return xstrdup(rel);
}

/*
 * Carry h over a file's bytes.  A PDF's creation date is left out: it is
 * the time of the build (or SOURCE_DATE_EPOCH), not its content, and
 * counting it would make every build a new version that every kept copy
 * fetches again whole.
 */
static uint64_t
hash_file(uint64_t h, const char *rel, const char *data, size_t len)
{
	static const char date[] = "/CreationDate (";
	size_t n = strlen(rel), k = sizeof(date) - 1;
	const char *at = NULL, *end = NULL, *p = data, *stop = data + len;

	if (n >= 4 && strcmp(rel + n - 4, ".pdf") == 0)
		while ((p = memchr(p, '/', (size_t)(stop - p))) != NULL) {
			if ((size_t)(stop - p) >= k && memcmp(p, date, k) == 0) {
				at = p;
				end = memchr(p, ')', (size_t)(stop - p));
				break;
			}
			p++;
		}
	if (at == NULL || end == NULL)
		return hash_bytes(h, data, len);
	h = hash_bytes(h, data, (size_t)(at - data));
	return hash_bytes(h, end, len - (size_t)(end - data));
}

int
offline_write(const struct config *cfg, struct output *out)
{
	const char *top = output_staging(out);
	struct output_files files = { NULL, 0 };
	struct buf path = BUF_INIT, text = BUF_INIT;
	uint64_t version = HASH_SEED;
	json_t *list;
	char *dump = NULL;
	size_t i;
	int status;

	if (!cfg->offline)
		return 0;
	if ((status = output_list(out, &files)) != 0)
		goto done;
	list = json_array();
	for (i = 0; i < files.n && status == 0; i++) {
		char *data;
		size_t len;

		/* the site's zip is its other files again, megabytes of them:
		   neither kept in the browser nor hashed twice */
		if (strcmp(files.items[i], ARCHIVE_FILE) == 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", top, files.items[i]);
		if (util_read_file(buf_str(&path), &data, &len) != 0) {
			diag_error(buf_str(&path), 0, 0, "cannot read the file: %s",
			    strerror(errno));
			status = -1;
			break;
		}
		/* every file's name and bytes: a renamed file changes it too */
		version = hash_bytes(version, files.items[i],
		    strlen(files.items[i]) + 1);
		version = hash_file(version, files.items[i], data, len);
		free(data);
		if (kept(files.items[i])) {
			char *address = address_of(files.items[i]);

			json_array_append_new(list, json_string(address));
			free(address);
		}
	}
	if (status == 0) {
		dump = json_dumps(list, JSON_INDENT(1) | JSON_ENSURE_ASCII);
		buf_printf(&text,
		    "// Written by mend build, for [offline] in site.toml: the files\n"
		    "// a reader's browser keeps when the reader chooses to read this\n"
		    "// site without internet, and the site's version (it changes with\n"
		    "// any file).  The worker itself is the theme's %s.\n"
		    "self.mendOffline = {\n"
		    "version: \"%016" PRIx64 "\",\n"
		    "files: %s\n"
		    "};\n"
		    "importScripts(\"%s\");\n", OFFLINE_SCRIPT, version, dump,
		    OFFLINE_SCRIPT);
		status = output_write(out, OFFLINE_WORKER, text.data, text.len);
	}
	json_decref(list);
	free(dump);
done:
	output_files_free(&files);
	buf_free(&path);
	buf_free(&text);
	return status;
}
