/*
 * fuzz — what the fuzz targets share.
 *
 * Each file of fuzz/ is one libFuzzer target: it defines FUZZ_ENTRY, which
 * is LLVMFuzzerTestOneInput unless the file is included by the replay
 * suite (tests/check_fuzz_replay.c), which names each target's entry
 * itself.  A target reads its input from memory only: it writes no file,
 * prints nothing (diagnostics go to a sink that drops them) and leaves no
 * state behind for the next input.  A broken invariant aborts, so that the
 * fuzzer and the replay suite both see it.
 */
#ifndef MEND_FUZZ_H
#define MEND_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/diag.h"
#include "lib/srcmap.h"

/* Stop with a message when cond does not hold: a finding. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
		    __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static void
fuzz_drop_diag(const struct diag *d, void *ctx)
{
	(void)d;
	(void)ctx;
}

/* Before each input: diagnostics to nowhere, their counts forgotten. */
static inline void
fuzz_begin(void)
{
	diag_set_sink(fuzz_drop_diag, NULL);
	diag_reset();
}

/* After each input: diagnostics back to stderr, counts forgotten. */
static inline void
fuzz_end(void)
{
	diag_set_sink(NULL, NULL);
	diag_reset();
}

/*
 * A source map of a text of len bytes holds what srcmap.h promises: runs
 * in strictly ascending order of offset, each within the text, each file
 * one of the map's own names or NULL, lines and columns not negative.
 */
static inline void
fuzz_check_map(const struct srcmap *map, size_t len)
{
	size_t i, k;

	FUZZ_ASSERT(map->nruns <= map->cap);
	for (i = 0; i < map->nruns; i++) {
		const struct srcmap_run *run = &map->runs[i];
		struct srcmap_pos pos;

		FUZZ_ASSERT(run->offset <= len);
		FUZZ_ASSERT(i == 0 || run->offset > map->runs[i - 1].offset);
		FUZZ_ASSERT(run->line >= 0 && run->col >= 0);
		if (run->file != NULL) {
			for (k = 0; k < map->nfiles; k++)
				if (map->files[k] == run->file)
					break;
			FUZZ_ASSERT(k < map->nfiles);
		}
		if (run->offset < len &&
		    srcmap_find(map, run->offset, &pos)) {
			FUZZ_ASSERT(pos.file == run->file);
			FUZZ_ASSERT(pos.line == run->line && pos.col == run->col);
		}
	}
}

#endif

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif
