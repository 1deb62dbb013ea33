/*
 * Unit tests for srcmap: adding runs, finding a byte's position (at the
 * runs' edges, in gaps, in empty maps), and splicing one map into another
 * at the start, in the middle and at the end of its text.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/buf.h"
#include "lib/srcmap.h"

/* "file:line:col" for the byte at offset, or "-" when the map does not know. */
static const char *
at(const struct srcmap *map, size_t offset)
{
	static char text[256];
	struct srcmap_pos pos;

	if (!srcmap_find(map, offset, &pos))
		return "-";
	snprintf(text, sizeof(text), "%s:%d:%d", pos.file, pos.line, pos.col);
	return text;
}

/* Every run of map as "offset=file:line:col" (a gap as "offset=-"), spaced. */
static char *
runs(const struct srcmap *map)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < map->nruns; i++) {
		const struct srcmap_run *r = &map->runs[i];

		if (i > 0)
			buf_putc(&b, ' ');
		if (r->file == NULL)
			buf_printf(&b, "%zu=-", r->offset);
		else
			buf_printf(&b, "%zu=%s:%d:%d", r->offset, r->file, r->line,
			    r->col);
	}
	return buf_detach(&b);
}

#define ck_assert_runs(map, want) do { \
		char *got_ = runs(map); \
		ck_assert_str_eq(got_, want); \
		free(got_); \
	} while (0)

START_TEST(an_empty_map_knows_nothing)
{
	struct srcmap map = SRCMAP_INIT;

	ck_assert_str_eq(at(&map, 0), "-");
	ck_assert_str_eq(at(&map, 1000), "-");
	srcmap_add(&map, 0, NULL, 0, 0);  /* a gap first is no run at all */
	ck_assert_uint_eq(map.nruns, 0);
	srcmap_free(&map);
	srcmap_free(&map);  /* freeing twice is harmless */
	ck_assert_ptr_null(map.runs);
}
END_TEST

START_TEST(find_gives_each_byte_its_run)
{
	struct srcmap map = SRCMAP_INIT;

	srcmap_add(&map, 5, "a.mustache", 3, 0);
	srcmap_add(&map, 10, "b.md", 7, 4);
	srcmap_add(&map, 12, NULL, 0, 0);
	srcmap_add(&map, 20, "a.mustache", 4, 0);
	ck_assert_str_eq(at(&map, 0), "-");           /* before the first run */
	ck_assert_str_eq(at(&map, 4), "-");
	ck_assert_str_eq(at(&map, 5), "a.mustache:3:0"); /* a run's first byte */
	ck_assert_str_eq(at(&map, 9), "a.mustache:3:0"); /* and its last */
	ck_assert_str_eq(at(&map, 10), "b.md:7:4");   /* one position: no advance */
	ck_assert_str_eq(at(&map, 11), "b.md:7:4");
	ck_assert_str_eq(at(&map, 12), "-");          /* a gap */
	ck_assert_str_eq(at(&map, 19), "-");
	ck_assert_str_eq(at(&map, 20), "a.mustache:4:0");
	ck_assert_str_eq(at(&map, 1000000), "a.mustache:4:0"); /* to the end */
	srcmap_free(&map);
}
END_TEST

START_TEST(add_merges_what_says_the_same)
{
	struct srcmap map = SRCMAP_INIT;
	char name[16];

	strcpy(name, "t.mustache");
	srcmap_add(&map, 0, name, 1, 0);
	srcmap_add(&map, 4, name, 1, 0);    /* the same position: goes on */
	srcmap_add(&map, 8, name, 2, 0);
	srcmap_add(&map, 8, name, 3, 0);    /* the last run had no bytes */
	srcmap_add(&map, 12, "x.md", 9, 1);
	srcmap_add(&map, 12, name, 3, 0);   /* back to what went before */
	strcpy(name, "changed");            /* the map keeps its own copy */
	ck_assert_runs(&map, "0=t.mustache:1:0 8=t.mustache:3:0");
	ck_assert_uint_eq(map.nfiles, 2);
	srcmap_add(&map, 20, "t.mustache", 5, 0); /* one copy of each name */
	ck_assert_uint_eq(map.nfiles, 2);
	ck_assert_ptr_eq(map.runs[0].file, map.runs[2].file);
	srcmap_free(&map);
}
END_TEST

/* A map of a 30-byte text: a.html 1 at 0, 2 at 10, 3 at 20. */
static void
three_lines(struct srcmap *map)
{
	memset(map, 0, sizeof(*map));
	srcmap_add(map, 0, "a.html", 1, 0);
	srcmap_add(map, 10, "a.html", 2, 0);
	srcmap_add(map, 20, "a.html", 3, 0);
}

/* A map of a 6-byte text: f.md 7:2 at 0, 8:0 at 3. */
static void
inner(struct srcmap *map)
{
	memset(map, 0, sizeof(*map));
	srcmap_add(map, 0, "f.md", 7, 2);
	srcmap_add(map, 3, "f.md", 8, 0);
}

START_TEST(splice_inserts_at_the_start)
{
	struct srcmap dst, src;

	three_lines(&dst);
	inner(&src);
	srcmap_splice(&dst, 0, 0, &src, 6);
	ck_assert_runs(&dst, "0=f.md:7:2 3=f.md:8:0 6=a.html:1:0 "
	    "16=a.html:2:0 26=a.html:3:0");
	ck_assert_str_eq(at(&dst, 5), "f.md:8:0");
	ck_assert_str_eq(at(&dst, 6), "a.html:1:0");
	srcmap_free(&dst);
	srcmap_free(&src);
}
END_TEST

START_TEST(splice_inserts_in_the_middle_of_a_run)
{
	struct srcmap dst, src;

	three_lines(&dst);
	inner(&src);
	srcmap_splice(&dst, 14, 0, &src, 6);
	/* The run cut in two goes on after the inserted bytes. */
	ck_assert_runs(&dst, "0=a.html:1:0 10=a.html:2:0 14=f.md:7:2 "
	    "17=f.md:8:0 20=a.html:2:0 26=a.html:3:0");
	ck_assert_str_eq(at(&dst, 13), "a.html:2:0");
	ck_assert_str_eq(at(&dst, 14), "f.md:7:2");
	ck_assert_str_eq(at(&dst, 19), "f.md:8:0");
	ck_assert_str_eq(at(&dst, 20), "a.html:2:0");
	ck_assert_str_eq(at(&dst, 25), "a.html:2:0");
	ck_assert_str_eq(at(&dst, 26), "a.html:3:0");
	srcmap_free(&dst);
	srcmap_free(&src);
}
END_TEST

START_TEST(splice_inserts_at_the_end)
{
	struct srcmap dst, src;

	three_lines(&dst);
	inner(&src);
	srcmap_splice(&dst, 30, 0, &src, 6);
	ck_assert_runs(&dst, "0=a.html:1:0 10=a.html:2:0 20=a.html:3:0 "
	    "30=f.md:7:2 33=f.md:8:0 36=a.html:3:0");
	ck_assert_str_eq(at(&dst, 29), "a.html:3:0");
	ck_assert_str_eq(at(&dst, 35), "f.md:8:0");
	srcmap_free(&dst);
	srcmap_free(&src);
}
END_TEST

START_TEST(splice_replaces_and_lays_over)
{
	struct srcmap dst, src;

	/* 8 bytes from 8 (a mark, say) become the 6 of src: what came after
	   moves back by 2, and line 2, in force at 16, goes on at 14. */
	three_lines(&dst);
	inner(&src);
	srcmap_splice(&dst, 8, 8, &src, 6);
	ck_assert_runs(&dst, "0=a.html:1:0 8=f.md:7:2 11=f.md:8:0 "
	    "14=a.html:2:0 18=a.html:3:0");
	srcmap_free(&dst);
	/* Laid over bytes already there (removed == len): nothing moves. */
	three_lines(&dst);
	srcmap_splice(&dst, 12, 6, &src, 6);
	ck_assert_runs(&dst, "0=a.html:1:0 10=a.html:2:0 12=f.md:7:2 "
	    "15=f.md:8:0 18=a.html:2:0 20=a.html:3:0");
	srcmap_free(&dst);
	srcmap_free(&src);
}
END_TEST

START_TEST(splice_with_empty_maps_and_gaps)
{
	struct srcmap dst = SRCMAP_INIT, src = SRCMAP_INIT;

	/* Into an empty map: the bytes after the insert are unknown still. */
	inner(&src);
	srcmap_splice(&dst, 4, 0, &src, 6);
	ck_assert_runs(&dst, "4=f.md:7:2 7=f.md:8:0 10=-");
	ck_assert_str_eq(at(&dst, 3), "-");
	ck_assert_str_eq(at(&dst, 10), "-");
	srcmap_free(&dst);
	/* An empty src: its bytes are a gap. */
	srcmap_free(&src);
	three_lines(&dst);
	srcmap_splice(&dst, 5, 0, &src, 4);
	ck_assert_runs(&dst, "0=a.html:1:0 5=- 9=a.html:1:0 14=a.html:2:0 "
	    "24=a.html:3:0");
	srcmap_free(&dst);
	/* A src whose first run is not at 0, and runs past its length. */
	srcmap_add(&src, 2, "f.md", 1, 0);
	srcmap_add(&src, 9, "f.md", 2, 0);
	three_lines(&dst);
	srcmap_splice(&dst, 10, 0, &src, 4);
	ck_assert_runs(&dst, "0=a.html:1:0 10=- 12=f.md:1:0 14=a.html:2:0 "
	    "24=a.html:3:0");
	srcmap_free(&dst);
	/* Nothing inserted, nothing removed: nothing changes. */
	three_lines(&dst);
	srcmap_splice(&dst, 15, 0, &src, 0);
	ck_assert_runs(&dst, "0=a.html:1:0 10=a.html:2:0 20=a.html:3:0");
	ck_assert_uint_eq(dst.nfiles, 1);  /* src's names not taken */
	srcmap_free(&dst);
	srcmap_free(&src);
}
END_TEST

START_TEST(spliced_maps_nest)
{
	struct srcmap page = SRCMAP_INIT, body = SRCMAP_INIT, form = SRCMAP_INIT;

	/* A form into a body, the body over its place in a page. */
	srcmap_add(&form, 0, "form.mustache", 2, 0);
	srcmap_add(&form, 5, "form.mustache", 3, 0);
	srcmap_add(&body, 0, "x.md", 4, 0);
	srcmap_add(&body, 10, "x.md", 6, 0);
	srcmap_splice(&body, 10, 0, &form, 8);   /* body: 20 -> 28 bytes */
	srcmap_add(&page, 0, "page.mustache", 1, 0);
	srcmap_add(&page, 50, "page.mustache", 9, 0);
	srcmap_add(&page, 78, "page.mustache", 10, 0);
	srcmap_splice(&page, 50, 28, &body, 28);
	ck_assert_str_eq(at(&page, 49), "page.mustache:1:0");
	ck_assert_str_eq(at(&page, 50), "x.md:4:0");
	ck_assert_str_eq(at(&page, 60), "form.mustache:2:0");
	ck_assert_str_eq(at(&page, 65), "form.mustache:3:0");
	ck_assert_str_eq(at(&page, 68), "x.md:6:0");
	ck_assert_str_eq(at(&page, 77), "x.md:6:0");
	ck_assert_str_eq(at(&page, 78), "page.mustache:10:0");
	srcmap_free(&page);
	srcmap_free(&body);
	/* The form's map is its own still: a splice copies. */
	ck_assert_str_eq(at(&form, 6), "form.mustache:3:0");
	srcmap_free(&form);
}
END_TEST

static Suite *
srcmap_suite(void)
{
	Suite *s = suite_create("srcmap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, an_empty_map_knows_nothing);
	tcase_add_test(tc, find_gives_each_byte_its_run);
	tcase_add_test(tc, add_merges_what_says_the_same);
	tcase_add_test(tc, splice_inserts_at_the_start);
	tcase_add_test(tc, splice_inserts_in_the_middle_of_a_run);
	tcase_add_test(tc, splice_inserts_at_the_end);
	tcase_add_test(tc, splice_replaces_and_lays_over);
	tcase_add_test(tc, splice_with_empty_maps_and_gaps);
	tcase_add_test(tc, spliced_maps_nest);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(srcmap_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
