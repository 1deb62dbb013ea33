/*
 * markdown — a page's Markdown body to HTML with cmark-gfm.
 *
 * GFM extensions (table, strikethrough, autolink, tagfilter, tasklist,
 * footnotes), smart punctuation, and source positions, which are kept for
 * diagnostics in the md_doc and never left in the HTML.  Headings get
 * stable, unique, Unicode-aware slug ids.  A fenced block whose info string
 * is "exercise NAME" is recorded and rendered as a marker for the exercise
 * stage.  Raw HTML is
 * dropped unless the options allow it.  It reads one body; it knows nothing
 * of templates or output.
 */
#ifndef MEND_MARKDOWN_H
#define MEND_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

struct md_options {
	bool unsafe;                      /* keep raw HTML */
	const char *const *reserved_ids;  /* NULL-terminated ids slugs avoid, or NULL */
};

struct md_heading {
	int level;   /* 1..6 */
	char *id;    /* unique slug within the page */
	char *text;  /* plain text of the heading */
	int line;    /* line in the source file */
	int col;
};

/* A link or image of the body, for the checks to point at its source. */
struct md_link {
	char *url;   /* the destination as written (after Markdown unescaping) */
	bool image;  /* an image's src, not a link's href */
	int line;    /* line in the source file */
	int col;
};

/*
 * An exercise block renders as this comment, "<!--mend:exercise NAME-->",
 * on a line of its own: the exercise stage puts the form in its place.
 */
#define MARKDOWN_EXERCISE_MARK "<!--mend:exercise "

struct md_exercise {
	char *name;  /* as written after "exercise" */
	int line;    /* line of the fence in the source file */
	int col;
};

/* html[offset] starts a block that starts at line of the source file. */
struct md_block {
	size_t offset;
	int line;
};

/* A rendered body; every pointer is owned by the doc (md_doc_free). */
struct md_doc {
	char *html;
	size_t html_len;
	struct md_heading *headings;
	size_t nheadings;
	struct md_link *links;       /* in document order, as the HTML has them */
	size_t nlinks;
	struct md_exercise *exercises;
	size_t nexercises;
	struct md_block *blocks;     /* by offset: paragraphs, list items, raw HTML... */
	size_t nblocks;
};

/*
 * Render text[0..len) (the body of path, which starts at line first_line
 * of the file; valid UTF-8, as content_load makes sure) into doc.  Returns
 * 0, or -1 after a diagnostic at the line of the problem (an exercise
 * fence without a name, say).
 */
int markdown_render(const char *text, size_t len, const char *path,
    int first_line, const struct md_options *opt, struct md_doc *doc);

/*
 * Parse text[0..len) exactly as markdown_render does (the same options,
 * extensions and smart punctuation; raw HTML nodes are kept in the tree
 * whatever unsafe says, which only decides whether a renderer shows them)
 * and return the cmark-gfm document node, for other renderers (the PDF
 * booklet).  Source lines are counted from the body's first line.  The
 * caller owns the tree and frees it with cmark_node_free.  Never NULL.
 */
struct cmark_node;
struct cmark_node *markdown_parse(const char *text, size_t len, bool unsafe);
void md_doc_free(struct md_doc *doc);

/*
 * The source line that byte off of the body's HTML came from, or 0 when
 * unknown: the line the block it is in starts at, plus the line breaks
 * between the block's start and off (paragraphs, list items and raw HTML
 * keep their source's line breaks).  html is the body's HTML: doc->html,
 * or its copy in the page once the build has let doc->html go.  For
 * problems found in the HTML, such as raw HTML that is not well-formed.
 */
int markdown_line_at(const struct md_doc *doc, const char *html, size_t off);

/*
 * doc->html was rebuilt with other text in n places: the bytes from
 * old_ends[k] on (ascending) now start at new_ends[k].  Keeps the blocks'
 * offsets in step (the exercise stage puts forms in place of marks).
 */
void markdown_blocks_moved(struct md_doc *doc, const size_t *old_ends,
    const size_t *new_ends, size_t n);

/*
 * Render one line of inline Markdown (a title) with smart punctuation and
 * no paragraph; the caller frees the result.
 */
char *markdown_inline(const char *text);

/*
 * Append to out the slug of text: lower case, letters and digits of any
 * script kept, runs of anything else made one "-", no "-" at the ends.
 */
struct buf;
void markdown_slug(const char *text, struct buf *out);

#endif
