/*
 * check_place — where each element of a page is.  See check_place.h.
 *
 * libxml2 2.9 records no usable byte offsets for elements (record_info
 * leaves begin_pos unset for most of them), so for XML the offsets come
 * from one scan over the bytes that finds each start tag: in well-formed
 * XML the n-th start tag is the n-th element in document order, and the
 * reader checks that each tag's name is its element's as the parser
 * reports the elements.  That gives every element an exact line and
 * column, and, on a page with a source map, its origin: one lookup of its
 * offset in the map.  The HTML parser gives lines only (it reports
 * elements no tag wrote), so there the start of the element's line is
 * looked up.
 *
 * Not here: reading and parsing the page, and the checks that use these
 * positions (check_page.c).
 */
#include "check/check_place.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* Does s[0..end) start with the literal lit? */
static bool
starts(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* Just past the first lit in s[0..end), or end. */
static const char *
past(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	while ((s = memchr(s, lit[0], (size_t)(end - s))) != NULL) {
		if ((size_t)(end - s) < n)
			break;
		if (memcmp(s, lit, n) == 0)
			return s + n;
		s++;
	}
	return end;
}

/*
 * The offsets of the start tags of the XML text s[0..len), in order.
 * Comments, CDATA sections, processing instructions, the doctype (with
 * any internal subset) and end tags are skipped, and a '>' inside a
 * quoted attribute value does not end a tag.  For well-formed XML the
 * n-th offset is the n-th element's.  The caller frees *offsets.
 */
static size_t
scan_start_tags(const char *s, size_t len, size_t **offsets)
{
	const char *end = s + len, *p = s;
	size_t n = 0, cap = 256;
	size_t *offs = xmalloc(cap * sizeof(*offs));

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = p + 1;
		char quote = 0;
		int brackets = 0;

		if (q < end && *q == '!' && starts(q + 1, end, "--"))
			p = past(q + 3, end, "-->");
		else if (q < end && *q == '!' && starts(q + 1, end, "[CDATA["))
			p = past(q, end, "]]>");
		else if (q < end && *q == '?')
			p = past(q, end, "?>");
		else if (q < end &&
		         (*q == '!' || *q == '/' || (unsigned char)*q <= ' ')) {
			for (; q < end;
			     q++) { /* a doctype may hold [ ... > ... ] */
				if (quote != 0) {
					if (*q == quote)
						quote = 0;
				} else if (*q == '"' || *q == '\'')
					quote = *q;
				else if (*q == '[')
					brackets++;
				else if (*q == ']')
					brackets--;
				else if (*q == '>' && brackets <= 0)
					break;
			}
			p = q < end ? q + 1 : end;
		} else {
			if (n == cap)
				offs =
				    xrealloc(offs, (cap *= 2) * sizeof(*offs));
			offs[n++] = (size_t)(p - s);
			for (; q < end; q++) {
				if (quote != 0) {
					if (*q == quote)
						quote = 0;
				} else if (*q == '"' || *q == '\'')
					quote = *q;
				else if (*q == '>')
					break;
			}
			p = q < end ? q + 1 : end;
		}
	}
	*offsets = offs;
	return n;
}

bool
place_tag_is(const struct page_places *pl, size_t k, const char *prefix,
    const char *name)
{
	const char *p, *end = pl->html + pl->len;
	size_t n;

	if (k >= pl->ntags)
		return false;
	p = pl->html + pl->tags[k] + 1;
	if (prefix != NULL) {
		n = strlen(prefix);
		if ((size_t)(end - p) <= n || memcmp(p, prefix, n) != 0 ||
		    p[n] != ':')
			return false;
		p += n + 1;
	}
	n = strlen(name);
	if ((size_t)(end - p) < n || memcmp(p, name, n) != 0)
		return false;
	return p + n == end || p[n] == '>' || p[n] == '/' ||
	       (unsigned char)p[n] <= ' ';
}

void
place_init(struct page_places *pl, const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	size_t cap = 256;

	memset(pl, 0, sizeof(*pl));
	pl->html = html;
	pl->len = len;
	pl->line_starts = xmalloc(cap * sizeof(*pl->line_starts));
	pl->line_starts[0] = 0;
	pl->nlines = 1;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (pl->nlines == cap)
			pl->line_starts = xrealloc(pl->line_starts,
			    (cap *= 2) * sizeof(*pl->line_starts));
		pl->line_starts[pl->nlines++] = (size_t)(++p - html);
	}
}

void
place_free(struct page_places *pl)
{
	free(pl->line_starts);
	free(pl->tags);
	memset(pl, 0, sizeof(*pl));
}

/* Line and column (1-based, bytes) of offset off. */
static void
line_col(const struct page_places *pl, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = pl->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (pl->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(off - pl->line_starts[lo]) + 1;
}

/* The offset of line (1-based) and col (1-based, 0: the line's start). */
size_t
place_offset_of(const struct page_places *pl, int line, int col)
{
	size_t off;

	if (line < 1)
		return 0;
	if ((size_t)line > pl->nlines)
		return pl->len;
	off = pl->line_starts[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
	return off < pl->len ? off : pl->len;
}

void
place_scan(struct page_places *pl)
{
	free(pl->tags);
	pl->ntags = scan_start_tags(pl->html, pl->len, &pl->tags);
}

struct check_pos
place_position(const struct page_places *pl, const char *file,
    const struct srcmap *map, size_t offset, long line)
{
	struct check_pos pos = {file, 0, 0};
	struct srcmap_pos src;
	bool exact = offset != SIZE_MAX;
	size_t off;

	if (exact)
		line_col(pl, offset, &pos.line, &pos.col);
	else
		pos.line = line > 0 && line < INT_MAX ? (int)line : 0;
	if (map == NULL || (!exact && pos.line == 0))
		return pos;
	off = exact ? offset : place_offset_of(pl, pos.line, 0);
	if (srcmap_find(map, off, &src)) {
		pos.file = src.file;
		pos.line = src.line;
		pos.col = exact ? src.col : 0; /* a line's start: its line */
	}
	return pos;
}
