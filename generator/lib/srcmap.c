/*
 * srcmap — a source map.  See srcmap.h.
 *
 * The runs are one sorted array; a lookup is a binary search over it.  A
 * splice builds the spliced map into a new array in one pass over both
 * maps and swaps it in.  Names are interned in a small array (a page's
 * map names a dozen files at most), found again by pointer first, then
 * by comparing the text.
 */
#include "lib/srcmap.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* The map's own copy of the name file (NULL for NULL), made on first use. */
static const char *
intern(struct srcmap *map, const char *file)
{
	const char *last;
	size_t i;

	if (file == NULL)
		return NULL;
	last = map->nruns > 0 ? map->runs[map->nruns - 1].file : NULL;
	if (file == last)
		return last;  /* most often: the file goes on, named by our copy */
	for (i = 0; i < map->nfiles; i++)  /* one of ours already */
		if (map->files[i] == file)
			return file;
	if (last != NULL && strcmp(last, file) == 0)
		return last;
	for (i = 0; i < map->nfiles; i++)
		if (strcmp(map->files[i], file) == 0)
			return map->files[i];
	if (map->nfiles == map->files_cap) {
		map->files_cap = map->files_cap ? map->files_cap * 2 : 8;
		map->files = xrealloc(map->files,
		    map->files_cap * sizeof(*map->files));
	}
	map->files[map->nfiles] = xstrdup(file);
	return map->files[map->nfiles++];
}

const char *
srcmap_name(struct srcmap *map, const char *file)
{
	return intern(map, file);
}

/* Does run r say file:line:col (file interned)? */
static bool
says(const struct srcmap_run *r, const char *file, int line, int col)
{
	return r->file == file && r->line == line && r->col == col;
}

void
srcmap_add(struct srcmap *map, size_t offset, const char *file, int line,
    int col)
{
	struct srcmap_run *last;

	file = intern(map, file);
	if (map->nruns == 0 && file == NULL)
		return;  /* before the first run nothing is known anyway */
	last = map->nruns > 0 ? &map->runs[map->nruns - 1] : NULL;
	assert(last == NULL || offset >= last->offset);
	if (last != NULL && says(last, file, line, col))
		return;  /* the last run goes on */
	if (last != NULL && last->offset == offset) {
		/* The last run has no bytes: this one takes its place. */
		if (map->nruns >= 2 && says(last - 1, file, line, col))
			map->nruns--;  /* and the one before it goes on */
		else if (map->nruns == 1 && file == NULL)
			map->nruns--;
		else {
			last->file = file;
			last->line = line;
			last->col = col;
		}
		return;
	}
	if (map->nruns == map->cap) {
		map->cap = map->cap ? map->cap * 2 : 64;
		map->runs = xrealloc(map->runs, map->cap * sizeof(*map->runs));
	}
	last = &map->runs[map->nruns++];
	last->offset = offset;
	last->file = file;
	last->line = line;
	last->col = col;
}

/* The index of the last run of map at or before offset, or SIZE_MAX. */
static size_t
run_at(const struct srcmap *map, size_t offset)
{
	size_t lo = 0, hi = map->nruns;

	if (hi == 0 || map->runs[0].offset > offset)
		return SIZE_MAX;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (map->runs[mid].offset <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void
srcmap_splice(struct srcmap *dst, size_t at, size_t removed,
    const struct srcmap *src, size_t len)
{
	struct srcmap out = SRCMAP_INIT;
	size_t end = at + removed, i, resume;

	/* The names move over, so dst's runs find theirs by pointer. */
	out.files = dst->files;
	out.nfiles = dst->nfiles;
	out.files_cap = dst->files_cap;
	/* dst's runs before at stay as they are. */
	for (i = 0; i < dst->nruns && dst->runs[i].offset < at; i++)
		;
	out.cap = dst->nruns + src->nruns + 2;  /* the most a splice makes */
	out.runs = xmalloc(out.cap * sizeof(*out.runs));
	if (i > 0)
		memcpy(out.runs, dst->runs, i * sizeof(*out.runs));
	out.nruns = i;
	if (len > 0) {
		const char *named = NULL, *ours = NULL; /* src's name, our copy */

		if (src->nruns == 0 || src->runs[0].offset > 0)
			srcmap_add(&out, at, NULL, 0, 0);
		for (i = 0; i < src->nruns && src->runs[i].offset < len; i++) {
			if (src->runs[i].file != named) {
				named = src->runs[i].file;
				ours = intern(&out, named);
			}
			srcmap_add(&out, at + src->runs[i].offset, ours,
			    src->runs[i].line, src->runs[i].col);
		}
	}
	resume = run_at(dst, end);
	if (resume == SIZE_MAX)
		srcmap_add(&out, at + len, NULL, 0, 0);
	else
		srcmap_add(&out, at + len, dst->runs[resume].file,
		    dst->runs[resume].line, dst->runs[resume].col);
	/* The rest moves by len - removed; only the first can merge. */
	i = resume == SIZE_MAX ? 0 : resume + 1;
	if (i < dst->nruns) {
		srcmap_add(&out, dst->runs[i].offset - end + at + len,
		    dst->runs[i].file, dst->runs[i].line, dst->runs[i].col);
		for (i++; i < dst->nruns; i++) {
			out.runs[out.nruns] = dst->runs[i];
			out.runs[out.nruns++].offset = dst->runs[i].offset - end +
			    at + len;
		}
	}
	free(dst->runs);
	*dst = out;
}

bool
srcmap_find(const struct srcmap *map, size_t offset, struct srcmap_pos *pos)
{
	size_t i = run_at(map, offset);

	if (i == SIZE_MAX || map->runs[i].file == NULL)
		return false;
	pos->file = map->runs[i].file;
	pos->line = map->runs[i].line;
	pos->col = map->runs[i].col;
	return true;
}

void
srcmap_free(struct srcmap *map)
{
	size_t i;

	for (i = 0; i < map->nfiles; i++)
		free(map->files[i]);
	free(map->files);
	free(map->runs);
	memset(map, 0, sizeof(*map));
}
