/*
 * srcmap — a source map: for each byte of a text that was built from
 * pieces (template lines, a Markdown body, an exercise's form), the file,
 * line and column that made it.
 *
 * A map is a list of runs in ascending order of offset.  A run starts at
 * its offset and goes on to the next run's offset (the last run, to the
 * end of the text).  Every byte of a run has the run's one position:
 * neither lines nor columns advance inside a run, so a stage that wants
 * each line of its output at its own source line starts a run at each
 * line.  A position is a file, a line (1-based; 0: the file as a whole)
 * and a column (1-based; 0: the line as a whole).  A run without a file
 * is a gap: its bytes come from nowhere known, as do the bytes before the
 * first run.
 *
 * The stage that makes bytes adds their runs as it writes them (cmark's
 * way: the position travels with what was made), and a stage that puts
 * one text inside another splices the inner text's map into the outer's.
 * A later stage finds where a byte came from by one lookup; nothing is
 * searched for in the text.  File names are interned: the map keeps its
 * own copy of each name it was given, so it outlives the strings it was
 * built from.  It knows nothing of HTML, Markdown or templates.
 */
#ifndef MEND_SRCMAP_H
#define MEND_SRCMAP_H

#include <stdbool.h>
#include <stddef.h>

/* From offset on (to the next run), the text came from file:line:col. */
struct srcmap_run {
	size_t offset;    /* the run's first byte in the text */
	const char *file; /* one of the map's names, or NULL: a gap */
	int line;         /* 1-based, or 0: the file as a whole */
	int col;          /* 1-based, or 0: the line as a whole */
};

struct srcmap {
	struct srcmap_run *runs; /* ascending offsets, never two alike in a
	                            row; owned */
	size_t nruns;            /* runs used */
	size_t cap;              /* runs allocated */
	char **files;            /* the interned file names; owned */
	size_t nfiles;           /* names used (allocated: files_cap) */
	size_t files_cap;
};

#define SRCMAP_INIT { NULL, 0, 0, NULL, 0, 0 }

/* Where a byte came from, as srcmap_find tells it. */
struct srcmap_pos {
	const char *file; /* owned by the map: valid while the map is */
	int line;         /* 1-based, or 0: the file as a whole */
	int col;          /* 1-based, or 0: the line as a whole */
};

/*
 * Say that the bytes from offset on came from file:line:col (file NULL:
 * from nowhere known).  offset is at or past the last run's: a map is
 * written in the order its text is.  A run that would say what the last
 * one says is not added (the last goes on); a run at the last one's
 * offset replaces it (the last had no bytes).  file is copied when the
 * map does not know the name yet.
 */
void srcmap_add(struct srcmap *map, size_t offset, const char *file,
    int line, int col);

/*
 * The map's own copy of the name file (made now when the map does not
 * know it), valid while the map is.  Naming a file by this copy makes
 * srcmap_add quicker than naming it by another: a stage that adds many
 * runs of one file asks for it once.
 */
const char *srcmap_name(struct srcmap *map, const char *file);

/*
 * dst's text had the bytes [at, at + removed) replaced by len bytes whose
 * map is src (offsets counted from 0, runs at len or past ignored): make
 * dst say so.  Runs before at stay; src's runs follow, moved by at (bytes
 * before src's first run are a gap); from at + len on, dst's runs from at
 * + removed on follow, moved by len - removed, starting with the position
 * that was in force at at + removed.  With removed 0, src is inserted;
 * with removed == len, it is laid over bytes that are already there.
 */
void srcmap_splice(struct srcmap *dst, size_t at, size_t removed,
    const struct srcmap *src, size_t len);

/*
 * Where the byte at offset came from.  Returns true and fills *pos, or
 * false when the map does not know (a gap, or before the first run).
 * One binary search.
 */
bool srcmap_find(const struct srcmap *map, size_t offset,
    struct srcmap_pos *pos);

/* Free what map owns and make it empty (SRCMAP_INIT) again. */
void srcmap_free(struct srcmap *map);

#endif
