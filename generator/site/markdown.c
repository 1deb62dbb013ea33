/*
 * markdown — cmark-gfm with mend's additions.  See markdown.h.
 *
 * The body is parsed once with source positions.  A walk over the tree
 * (collect_nodes) collects the headings (for ids and the table of
 * contents), and the nodes whose place in the HTML the map or the page
 * needs and cmark-gfm does not mark itself: links and images, raw HTML
 * blocks, ```exercise NAME``` blocks.  Each of those is given a mark, a
 * few bytes that cannot occur in cmark-gfm's HTML of a UTF-8 text (a 0xFF
 * byte, then what the mark says, then 0xFF), written where the renderer
 * writes the node: a text node just before a link or image, the start of
 * a raw HTML block's text, a custom block in place of an exercise block.
 * cmark-gfm then renders the HTML with data-sourcepos attributes on the
 * blocks; one pass over it (finish_html) takes the attributes and the
 * marks out, noting where each was (the offsets of what it wrote), gives
 * each heading its id and gives the footnote attributes cmark-gfm leaves
 * bare a value, so the page stays well-formed XML.  The source map is
 * then written from those notes (map_body).  When raw HTML is kept, a
 * pass before finish_html writes it as XML (xhtml_raw).
 */
#include "site/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <libxml/HTMLparser.h>
#include <locale.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/util.h"

/*
 * The parse options: positions for diagnostics, typographic punctuation.
 * Not CMARK_OPT_VALIDATE_UTF8: the content stage has refused any page that
 * is not UTF-8 already, at the line of the bad byte.
 */
#define MD_OPTIONS (CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES)

static const char *const extension_names[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist", NULL
};

/*
 * The arena a page's parse and render allocate from.  cmark-gfm makes
 * thousands of small nodes and buffers for one page and frees them all
 * together when the page is done: taking them from a few large blocks,
 * and freeing the blocks at once, saves a malloc and a free for each
 * (about a tenth of a build's time).  cmark_mem's functions get no
 * context, so each thread points at the arena of the page it renders.
 */
struct arena_block {
	struct arena_block *prev; /* the block filled before this one */
	size_t used;              /* bytes of data handed out */
	size_t cap;               /* bytes of data */
	max_align_t data[];       /* the allocations, each after its size */
};

struct arena {
	struct arena_block *top;  /* the block being filled, or NULL */
	void *last;               /* the latest allocation: it can grow in place */
	struct arena_block **large; /* blocks of one large allocation each */
	size_t nlarge;
};

#define ARENA_BLOCK 32768     /* bytes in the first block; each next doubles */
#define ARENA_HEADER sizeof(max_align_t) /* before each allocation: its size */
/*
 * An allocation of this many bytes or more (the page's HTML as it grows,
 * a long paragraph's buffer) is a block of its own: calloc gives it
 * zeroed pages without a memset, and realloc grows it without a copy where
 * it can, so a page of megabytes costs no quadratic copying or zeroing.
 * Its header holds its capacity, which never shrinks.
 */
#define ARENA_LARGE 65536
/*
 * A page of this many bytes of Markdown or more is parsed with malloc, not
 * the arena: the arena never reuses what cmark-gfm frees or outgrows, so on
 * a page of megabytes (50,000 footnotes) it takes twice the memory malloc
 * does, and the time goes in faulting those pages in.  Small pages, the
 * most of every site, keep the arena's saving.
 */
#define ARENA_PAGE 65536

static _Thread_local struct arena *arena_here; /* this thread's page's arena */

/* want bytes from this thread's arena, zeroed when zero says so. */
static void *
arena_take(size_t want, bool zero)
{
	struct arena *a = arena_here;
	struct arena_block *b = a->top;
	size_t need;
	char *at;

	if (want > SIZE_MAX - 2 * ARENA_HEADER)
		xoom();
	need = ARENA_HEADER +
	    (want + ARENA_HEADER - 1) / ARENA_HEADER * ARENA_HEADER;
	if (want >= ARENA_LARGE) {
		if ((b = calloc(1, sizeof(*b) + need)) == NULL)
			xoom();
		b->used = b->cap = need;
		a->large = xrealloc(a->large, (a->nlarge + 1) * sizeof(*a->large));
		a->large[a->nlarge++] = b;
		memcpy(b->data, &want, sizeof(want));
		return (char *)b->data + ARENA_HEADER;
	}
	if (b == NULL || b->cap - b->used < need) {
		size_t cap = b != NULL ? b->cap * 2 : ARENA_BLOCK;

		if (cap < need)
			cap = need;
		b = xmalloc(sizeof(*b) + cap);
		b->prev = a->top;
		b->used = 0;
		b->cap = cap;
		a->top = b;
	}
	at = (char *)b->data + b->used;
	b->used += need;
	memcpy(at, &want, sizeof(want));
	if (zero)
		memset(at + ARENA_HEADER, 0, want);
	a->last = at + ARENA_HEADER;
	return a->last;
}

static void *
arena_calloc(size_t count, size_t size)
{
	if (size != 0 && count > (SIZE_MAX - 2 * ARENA_HEADER) / size)
		xoom();
	return arena_take(count * size, true);
}

/* Grow the large allocation p (capacity old) of a to size bytes. */
static void *
large_realloc(struct arena *a, char *p, size_t old, size_t size)
{
	struct arena_block *b = (struct arena_block *)(void *)(p - ARENA_HEADER -
	    offsetof(struct arena_block, data));
	size_t i, need;

	if (size <= old)
		return p;  /* a large block never shrinks */
	for (i = 0; a->large[i] != b; i++)
		;  /* it is there: old >= ARENA_LARGE only in a large block */
	need = ARENA_HEADER + (size + ARENA_HEADER - 1) / ARENA_HEADER *
	    ARENA_HEADER;
	b = xrealloc(b, sizeof(*b) + need);
	b->used = b->cap = need;
	a->large[i] = b;
	memcpy(b->data, &size, sizeof(size));
	return (char *)b->data + ARENA_HEADER;
}

static void *
arena_realloc(void *ptr, size_t size)
{
	struct arena *a = arena_here;
	struct arena_block *b = a->top;
	size_t old, need;
	char *p = ptr;

	if (p == NULL)
		return arena_take(size, false);
	memcpy(&old, p - ARENA_HEADER, sizeof(old));
	if (old >= ARENA_LARGE)
		return large_realloc(a, p, old, size);
	need = (size + ARENA_HEADER - 1) / ARENA_HEADER * ARENA_HEADER;
	if (p == a->last && size < ARENA_LARGE &&
	    (size_t)(p - (char *)b->data) + need <= b->cap) {
		/* The latest allocation (a growing buffer): grow it where it is. */
		b->used = (size_t)(p - (char *)b->data) + need;
		memcpy(p - ARENA_HEADER, &size, sizeof(size));
		return p;
	}
	p = arena_take(size, false);  /* realloc leaves new bytes as they are */
	memcpy(p, ptr, old < size ? old : size);
	return p;
}

static void
arena_free(void *ptr)
{
	(void)ptr;  /* everything goes at once, in arena_end */
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

/* Make a the arena this thread's parses allocate from. */
static void
arena_begin(struct arena *a)
{
	memset(a, 0, sizeof(*a));
	arena_here = a;
}

/* Free everything allocated from a. */
static void
arena_end(struct arena *a)
{
	struct arena_block *b, *prev;
	size_t i;

	for (b = a->top; b != NULL; b = prev) {
		prev = b->prev;
		free(b);
	}
	for (i = 0; i < a->nlarge; i++)
		free(a->large[i]);
	free(a->large);
	memset(a, 0, sizeof(*a));
	arena_here = NULL;
}

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static locale_t utf8_locale;  /* for towlower_l/iswalnum_l; 0 if unavailable */

static void
setup(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* A parser with mend's extensions, allocating from mem (NULL: malloc). */
static cmark_parser *
parser_new(int options, cmark_mem *mem)
{
	cmark_parser *parser;
	size_t i;

	pthread_once(&setup_once, setup);
	parser = mem != NULL ? cmark_parser_new_with_mem(options, mem) :
	    cmark_parser_new(options);
	if (parser == NULL)
		xoom();
	for (i = 0; extension_names[i] != NULL; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[i]);

		if (ext != NULL)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

void
markdown_slug(const char *text, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), off = 0, used, start = out->len;
	bool dash = false;

	pthread_once(&setup_once, setup);
	while (off < len) {
		long cp = util_utf8_decode(s + off, len - off, &used);
		char enc[4];
		bool keep;

		off += used;
		if (cp == '\'' || cp == 0x2019)  /* "don't" is "dont" */
			continue;
		if (cp < 0)
			keep = false;
		else if (cp < 0x80)
			keep = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			    (cp >= '0' && cp <= '9');
		else
			keep = utf8_locale == (locale_t)0 ||
			    iswalnum_l((wint_t)cp, utf8_locale);
		if (!keep) {
			dash = out->len > start;
			continue;
		}
		if (dash)
			buf_putc(out, '-');
		dash = false;
		if (cp < 0x80)
			cp = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		else if (utf8_locale != (locale_t)0)
			cp = (long)towlower_l((wint_t)cp, utf8_locale);
		buf_put(out, enc, util_utf8_encode((unsigned long)cp, enc));
	}
}

/* Append the plain text under node (text and code, breaks as spaces). */
static void
plain_text(cmark_node *node, struct buf *out)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
}

/*
 * The ids a page's headings may not take: the theme's and those of the
 * headings before.  A heading's id is the first of SLUG, SLUG-2, SLUG-3,
 * ... not taken; ids are only ever added, so a suffix found taken stays
 * taken, and the search for the next heading of the same slug goes on
 * from where the last one stopped (each base's next suffix is kept in
 * next_suffix): one page's ids cost time linear in its headings.
 */
struct heading_ids {
	struct hash *taken;  /* every id taken, value unused */
	struct hash *bases;  /* a slug met taken -> its index in next */
	size_t *next;        /* for each such slug, the first suffix untried */
	size_t nnext, cap;   /* entries used and allocated in next */
};

static void
heading_ids_init(struct heading_ids *ids, const struct md_options *opt)
{
	size_t i;

	memset(ids, 0, sizeof(*ids));
	ids->taken = hash_new(64);
	ids->bases = hash_new(16);
	for (i = 0; opt->reserved_ids != NULL && opt->reserved_ids[i] != NULL; i++)
		hash_add(ids->taken, opt->reserved_ids[i],
		    strlen(opt->reserved_ids[i]), 0, NULL);
}

static void
heading_ids_free(struct heading_ids *ids)
{
	hash_free(ids->taken);
	hash_free(ids->bases);
	free(ids->next);
}

static void
add_heading(struct md_doc *doc, struct heading_ids *ids, cmark_node *node,
    size_t *cap)
{
	struct md_heading *h;
	struct buf text = BUF_INIT, slug = BUF_INIT;
	size_t base_len, k;

	plain_text(node, &text);
	/* cmark-gfm's footnotes are "fn-LABEL" and "fnref-LABEL", whatever
	   the label: leave it those names ("## Fn keys" is section-fn-keys;
	   no suffix would do, "fn-keys-2" is a footnote's name too). */
	markdown_slug(buf_str(&text), &slug);
	if (strncmp(buf_str(&slug), "fn-", 3) == 0 ||
	    strncmp(buf_str(&slug), "fnref-", 6) == 0) {
		struct buf prefixed = BUF_INIT;

		BUF_PUTSL(&prefixed, "section-");
		buf_put(&prefixed, slug.data, slug.len);
		buf_free(&slug);
		slug = prefixed;
	}
	if (slug.len == 0)
		BUF_PUTSL(&slug, "section");
	base_len = slug.len;
	if (hash_get(ids->taken, slug.data, slug.len, NULL)) {
		if (!hash_get(ids->bases, slug.data, base_len, &k)) {
			if (ids->nnext == ids->cap) {
				ids->cap = ids->cap ? ids->cap * 2 : 8;
				ids->next = xrealloc(ids->next,
				    ids->cap * sizeof(*ids->next));
			}
			k = ids->nnext++;
			ids->next[k] = 2;
			hash_add(ids->bases, slug.data, base_len, k, NULL);
		}
		do {  /* the suffixes before next[k] were taken, and still are */
			slug.len = base_len;
			buf_printf(&slug, "-%zu", ids->next[k]++);
		} while (hash_get(ids->taken, slug.data, slug.len, NULL));
	}
	hash_add(ids->taken, slug.data, slug.len, 0, NULL);
	if (doc->nheadings == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		doc->headings = xrealloc(doc->headings, *cap * sizeof(*doc->headings));
	}
	h = &doc->headings[doc->nheadings++];
	h->level = cmark_node_get_heading_level(node);
	h->id = buf_detach(&slug);
	h->text = buf_detach(&text);
}

/*
 * The marks: MARK, a letter saying what follows, a number (and for a link
 * ":" and a second number), MARK.  0xFF is never part of UTF-8, so
 * cmark-gfm's HTML of a UTF-8 body (and raw HTML copied from it) has no
 * 0xFF of its own.
 */
#define MARK '\xff'
#define MARK_LINK 'L'   /* LINE:COL: a link's or image's tag starts here */
#define MARK_RAW 'R'    /* LINE: a raw HTML block starts here (after blanks) */
#define MARK_FORM 'X'   /* K: exercise K's form goes here */

/* A new text node (of mem) holding the mark kind n[:col], before node. */
static void
mark_before(cmark_node *node, cmark_mem *mem, char kind, int n, int col)
{
	cmark_node *mark = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
	char text[48];

	snprintf(text, sizeof(text), "%c%c%d:%d%c", MARK, kind, n, col, MARK);
	cmark_node_set_literal(mark, text);
	/* A text node goes wherever a link does (a custom inline would not:
	   table cells refuse it); never inside an image, see collect_nodes. */
	cmark_node_insert_before(node, mark);
}

/*
 * If node (of a tree allocated from mem) is an ```exercise NAME``` block,
 * record it and replace it with a custom block that writes its mark (and,
 * as every block does, a line break after it).  Returns 0, or -1 after a
 * diagnostic.
 */
static int
take_exercise(struct md_doc *doc, cmark_node *node, int under,
    cmark_mem *mem, const char *path, int first_line, size_t *cap)
{
	const char *info = cmark_node_get_fence_info(node);
	struct md_exercise *ex;
	struct buf name = BUF_INIT, html = BUF_INIT;
	cmark_node *placeholder;
	const char *p;
	size_t k;
	int line = cmark_node_get_start_line(node) + first_line - 1;
	int col = cmark_node_get_start_column(node);

	if (info == NULL || strncmp(info, "exercise", 8) != 0 ||
	    (info[8] != '\0' && info[8] != ' ' && info[8] != '\t'))
		return 0;
	for (p = info + 8; *p == ' ' || *p == '\t'; p++)
		;
	buf_put(&name, p, strcspn(p, " \t"));
	if (!util_id_valid(buf_str(&name))) {
		if (name.len == 0)
			diag_error(path, line, col, "an exercise block needs a name: "
			    "```exercise NAME, as in ```exercise apology-rewrite");
		else
			diag_error(path, line, col, "'%s' is not an exercise name: use "
			    UTIL_ID_RULE, buf_str(&name));
		buf_free(&name);
		return -1;
	}
	for (k = 0; k < doc->nexercises; k++)
		if (strcmp(doc->exercises[k].name, buf_str(&name)) == 0) {
			/* Its form's ids would be on the page twice. */
			diag_error(path, line, col, "exercise '%s' is already on this "
			    "page, at line %d: an exercise goes on a page once",
			    buf_str(&name), doc->exercises[k].line);
			buf_free(&name);
			return -1;
		}
	if (doc->nexercises == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		doc->exercises = xrealloc(doc->exercises, *cap * sizeof(*doc->exercises));
	}
	ex = &doc->exercises[doc->nexercises];
	ex->name = buf_detach(&name);
	ex->line = line;
	ex->col = col;
	ex->under = under;
	ex->offset = 0;  /* finish_html finds it */
	buf_printf(&html, "%c%c%zu:0%c", MARK, MARK_FORM, doc->nexercises++,
	    MARK);
	/* From the tree's allocator: cmark_node_free frees a tree with one. */
	placeholder = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
	cmark_node_set_on_enter(placeholder, buf_str(&html));
	cmark_node_set_on_exit(placeholder, "");
	cmark_node_replace(node, placeholder);
	cmark_node_free(node);
	buf_free(&html);
	return 0;
}

/* Nodes collect_nodes keeps for after the walk. */
struct node_list {
	cmark_node **items;
	int *under;   /* code blocks: the level of the heading each is under */
	size_t n, cap;
};

static void
node_list_add(struct node_list *list, cmark_node *node, int under)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->items = xrealloc(list->items, list->cap * sizeof(*list->items));
		list->under = xrealloc(list->under, list->cap * sizeof(*list->under));
	}
	list->under[list->n] = under;
	list->items[list->n++] = node;
}

/* Is node inside an image (its alt text, where no tag is written)? */
static bool
in_image(cmark_node *node)
{
	for (node = cmark_node_parent(node); node != NULL;
	    node = cmark_node_parent(node))
		if (cmark_node_get_type(node) == CMARK_NODE_IMAGE)
			return true;
	return false;
}

/*
 * Walk the tree (allocated from mem): headings, then, after the walk (the
 * tree is not changed while it is walked), the marks of links, images,
 * raw HTML blocks the page keeps, and exercise blocks.  Returns 0, or -1
 * after diagnostics.
 */
static int
collect_nodes(cmark_node *root, cmark_mem *mem, const char *path,
    int first_line, const struct md_options *opt, struct md_doc *doc)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	struct node_list code = { NULL, NULL, 0, 0 }, links = { NULL, NULL, 0, 0 };
	struct node_list raw = { NULL, NULL, 0, 0 };
	size_t heading_cap = 0, exercise_cap = 0, i;
	struct heading_ids ids;
	bool warned_html = false;
	int status = 0, under = 1;  /* the layout's h1, the page's title */

	heading_ids_init(&ids, opt);

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_HEADING) {
			add_heading(doc, &ids, node, &heading_cap);
			under = cmark_node_get_heading_level(node);
		} else if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) &&
		    !in_image(node))
			node_list_add(&links, node, under);
		else if (type == CMARK_NODE_CODE_BLOCK)
			node_list_add(&code, node, under);
		else if (type == CMARK_NODE_HTML_BLOCK && opt->unsafe) {
			node_list_add(&raw, node, under);
		} else if ((type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) &&
		    !opt->unsafe && !warned_html) {
			diag_warning(path, cmark_node_get_start_line(node) + first_line - 1,
			    cmark_node_get_start_column(node), "raw HTML is left out of "
			    "the page; set [markdown] unsafe = true in site.toml to keep it");
			warned_html = true;
		}
	}
	cmark_iter_free(iter);
	heading_ids_free(&ids);
	for (i = 0; i < links.n && opt->rewrite_link != NULL; i++) {
		const char *url = cmark_node_get_url(links.items[i]);
		char *href;

		if (cmark_node_get_type(links.items[i]) == CMARK_NODE_LINK &&
		    url != NULL &&
		    (href = opt->rewrite_link(opt->rewrite_ctx, path, url)) != NULL) {
			cmark_node_set_url(links.items[i], href);
			free(href);
		}
	}
	for (i = 0; i < links.n; i++)
		mark_before(links.items[i], mem, MARK_LINK,
		    cmark_node_get_start_line(links.items[i]) + first_line - 1,
		    cmark_node_get_start_column(links.items[i]));
	for (i = 0; i < raw.n; i++) {
		const char *text = cmark_node_get_literal(raw.items[i]);
		struct buf marked = BUF_INIT;

		buf_printf(&marked, "%c%c%d:0%c%s", MARK, MARK_RAW,
		    cmark_node_get_start_line(raw.items[i]) + first_line - 1, MARK,
		    text != NULL ? text : "");
		cmark_node_set_literal(raw.items[i], buf_str(&marked));
		buf_free(&marked);
	}
	for (i = 0; i < code.n; i++)
		if (take_exercise(doc, code.items[i], code.under[i], mem, path,
		    first_line, &exercise_cap) != 0)
			status = -1;
	free(code.items);
	free(code.under);
	free(links.items);
	free(links.under);
	free(raw.items);
	free(raw.under);
	return status;
}

/* Bare attributes cmark-gfm writes for footnotes, and their XML form. */
static const char *const bare_attributes[][2] = {
	{ " data-footnotes>", " data-footnotes=\"\">" },
	{ " data-footnote-ref>", " data-footnote-ref=\"\">" },
	{ " data-footnote-backref ", " data-footnote-backref=\"\" " },
};

/* HTML's void elements: no end tag, so XML wants them closed, "<br/>". */
static const char *const void_elements[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr", NULL
};

static bool
is_void(const char *name, size_t len)
{
	size_t i;

	for (i = 0; void_elements[i] != NULL; i++)
		if (strlen(void_elements[i]) == len &&
		    memcmp(void_elements[i], name, len) == 0)
			return true;
	return false;
}

/*
 * Copy the start tag at p ("<name", name in lower case) to out with what
 * XML wants and HTML leaves out: a value for each attribute, in quotes
 * ("<details open>" gives open="", "width=40" gives width="40"), and a
 * void element closed ("<br>" gives "<br />", as cmark-gfm writes it).
 * Returns the byte after the tag, or p + 1 (only '<' copied) when it is
 * not a start tag to touch.
 */
static const char *
xhtml_tag(const char *p, struct buf *out)
{
	const char *name = p + 1, *q;
	size_t len = 0;

	if (!(*name >= 'a' && *name <= 'z')) {
		buf_putc(out, '<');
		return p + 1;
	}
	while ((name[len] >= 'a' && name[len] <= 'z') ||
	    (name[len] >= '0' && name[len] <= '9') || name[len] == '-')
		len++;
	if (name[len] != '>' && name[len] != '/' && !util_html_space(name[len])) {
		buf_putc(out, '<');
		return p + 1;
	}
	buf_put(out, p, len + 1);
	q = name + len;
	for (;;) {
		const char *a = q, *v;

		while (util_html_space(*q))
			q++;
		if (*q == '\0')
			break;  /* unfinished: left for the check to report */
		if (*q == '>' || (q[0] == '/' && q[1] == '>')) {
			buf_put(out, a, (size_t)(q - a));
			if (*q == '>' && is_void(name, len))
				BUF_PUTSL(out, " />");
			else
				buf_put(out, q, *q == '>' ? 1 : 2);
			return q + (*q == '>' ? 1 : 2);
		}
		buf_put(out, a, (size_t)(q - a));
		a = q;  /* the attribute's name */
		while (*q != '\0' && !util_html_space(*q) && *q != '=' && *q != '>' &&
		    !(q[0] == '/' && q[1] == '>'))
			q++;
		if (q == a)
			q++;  /* a stray '=' or '/': copy it on */
		buf_put(out, a, (size_t)(q - a));
		v = q;
		while (util_html_space(*v))
			v++;
		if (*v != '=') {
			if (q > a && *a != '=' && *a != '/')
				BUF_PUTSL(out, "=\"\"");
			continue;
		}
		for (v++; util_html_space(*v); v++)
			;
		if (*v == '"' || *v == '\'') {
			const char *close = strchr(v + 1, *v);

			q = close != NULL ? close + 1 : v + strlen(v);
			buf_putc(out, '=');
			buf_put(out, v, (size_t)(q - v));
		} else {
			q = v;
			while (*q != '\0' && !util_html_space(*q) && *q != '>')
				q++;
			buf_putc(out, '=');
			buf_putc(out, '"');
			buf_put(out, v, (size_t)(q - v));
			buf_putc(out, '"');
		}
	}
	return q;
}

/*
 * What raw HTML is written with every day and XML refuses, made XML
 * without changing what a browser shows: start tags as xhtml_tag makes
 * them, and named character references XML does not define ("&nbsp;"
 * becomes "&#160;").  Anything else malformed (an element left open, say)
 * is left for the check to report.  cmark-gfm's own HTML already quotes
 * its values, closes its void elements and escapes the text's '&', so in
 * effect only raw HTML changes.
 */
static void
xhtml_raw(const char *html, struct buf *out)
{
	const char *p = html;

	while (*p != '\0') {
		size_t n = strcspn(p, "<&");

		buf_put(out, p, n);
		p += n;
		if (*p == '<') {
			p = xhtml_tag(p, out);
		} else if (*p == '&') {
			const char *name = p + 1, *end = name;
			const htmlEntityDesc *ent;
			char entity[32];

			while ((*end >= 'a' && *end <= 'z') || (*end >= 'A' && *end <= 'Z') ||
			    (*end >= '0' && *end <= '9'))
				end++;
			if (*end == ';' && end > name && (size_t)(end - name) < sizeof(entity)) {
				memcpy(entity, name, (size_t)(end - name));
				entity[end - name] = '\0';
				if (strcmp(entity, "amp") != 0 && strcmp(entity, "lt") != 0 &&
				    strcmp(entity, "gt") != 0 && strcmp(entity, "quot") != 0 &&
				    strcmp(entity, "apos") != 0 &&
				    (ent = htmlEntityLookup((const xmlChar *)entity)) != NULL) {
					buf_printf(out, "&#%u;", ent->value);
					p = end + 1;
					continue;
				}
			}
			buf_putc(out, *p++);
		}
	}
}

/* What finish_html found where in the HTML it wrote. */
enum note_kind {
	NOTE_BLOCK,  /* a block starts at line (col: a heading's column, or 0) */
	NOTE_TAG,    /* a link's or image's tag, at line:col */
	NOTE_FORM    /* exercise number line's form goes here */
};

struct note {
	size_t offset;        /* in the HTML finish_html wrote */
	enum note_kind kind;
	int line;
	int col;
};

struct notes {
	struct note *items;   /* in ascending offset order */
	size_t n, cap;
};

static void
note_add(struct notes *notes, size_t offset, enum note_kind kind, int line,
    int col)
{
	if (notes->n == notes->cap) {
		notes->cap = notes->cap ? notes->cap * 2 : 32;
		notes->items = xrealloc(notes->items,
		    notes->cap * sizeof(*notes->items));
	}
	notes->items[notes->n].offset = offset;
	notes->items[notes->n].kind = kind;
	notes->items[notes->n].line = line;
	notes->items[notes->n++].col = col;
}

/*
 * The mark at p (its first MARK): its kind in *kind, its numbers in *n
 * and *col.  Returns the byte after it, or NULL when p is no mark.
 */
static const char *
read_mark(const char *p, char *kind, int *n, int *col)
{
	char *end;

	*kind = p[1];
	if (*kind == '\0')
		return NULL;
	*n = (int)strtol(p + 2, &end, 10);
	if (*end != ':')
		return NULL;
	*col = (int)strtol(end + 1, &end, 10);
	return *end == MARK ? end + 1 : NULL;
}

/*
 * Give the footnote attributes cmark-gfm leaves bare (bare_attributes) a
 * value, in place: each begins " data-footnote".  One pass finds them and
 * moves each note as far as the page grows before it; a second, from the
 * end, moves the bytes, so that a page of 50,000 footnotes is not copied
 * into a new buffer.
 */
static void
fill_bare_attributes(struct buf *out, struct notes *notes)
{
	static const char stem[] = " data-footnote";
	const size_t nbare = sizeof(bare_attributes) / sizeof(bare_attributes[0]);
	struct bare { size_t at, which; } *found = NULL;  /* owned */
	size_t nfound = 0, cap = 0, b = 0, grown = 0, i, k, from_len, to_len;
	size_t src_end, dst_end, tail;
	const char *f;

	for (f = strstr(out->data != NULL ? out->data : "", stem); f != NULL;
	    f = strstr(f + 1, stem)) {  /* out ends in a NUL */
		for (i = 0; i < nbare; i++)
			if (strncmp(f, bare_attributes[i][0],
			    strlen(bare_attributes[i][0])) == 0)
				break;
		if (i == nbare)
			continue;  /* not one of them */
		for (; b < notes->n &&
		    notes->items[b].offset <= (size_t)(f - out->data); b++)
			notes->items[b].offset += grown;
		if (nfound == cap) {
			cap = cap ? cap * 2 : 64;
			found = xrealloc(found, cap * sizeof(*found));
		}
		found[nfound].at = (size_t)(f - out->data);
		found[nfound++].which = i;
		grown += strlen(bare_attributes[i][1]) - strlen(bare_attributes[i][0]);
		f += strlen(bare_attributes[i][0]) - 1;
	}
	for (; b < notes->n; b++)
		notes->items[b].offset += grown;
	if (nfound == 0)
		return;
	buf_grow(out, grown);
	src_end = out->len;
	dst_end = out->len + grown;
	for (k = nfound; k-- > 0;) {
		from_len = strlen(bare_attributes[found[k].which][0]);
		to_len = strlen(bare_attributes[found[k].which][1]);
		tail = src_end - (found[k].at + from_len);
		memmove(out->data + dst_end - tail,
		    out->data + found[k].at + from_len, tail);
		dst_end -= tail;
		memcpy(out->data + dst_end - to_len, bare_attributes[found[k].which][1],
		    to_len);
		dst_end -= to_len;
		src_end = found[k].at;
	}
	out->len += grown;
	out->data[out->len] = '\0';
	free(found);
}

/*
 * Copy cmark-gfm's HTML to out without its data-sourcepos attributes and
 * marks, with an id on each heading (in document order, as the walk met
 * them) and with bare footnote attributes given a value; note in notes
 * where each block, link, image and form is in out, and at which line
 * (data-sourcepos gives a block's line, its first number, and a heading's
 * column, its second; marks give the rest).
 */
static void
finish_html(const char *html, struct md_doc *doc, int first_line,
    struct buf *out, struct notes *notes)
{
	static const char attr[] = " data-sourcepos=\"";
	static const char stops[] = { '<', MARK, '\0' };
	const char *p = html, *hit;
	size_t heading = 0;

	/* About as long as cmark-gfm's HTML: no copying as it grows. */
	buf_grow(out, strlen(html) + 1);
	while ((hit = strpbrk(p, stops)) != NULL) {
		const char *name = hit + 1, *end = name, *value;
		bool is_heading;
		char kind;
		int n, col;

		if (*hit == MARK) {
			buf_put(out, p, (size_t)(hit - p));
			if ((p = read_mark(hit, &kind, &n, &col)) == NULL) {
				buf_putc(out, *hit);  /* none of ours: cannot happen */
				p = hit + 1;
				continue;
			}
			if (kind == MARK_LINK)
				note_add(notes, out->len, NOTE_TAG, n, col);
			else if (kind == MARK_FORM)
				note_add(notes, out->len, NOTE_FORM, n, 0);
			else if (kind == MARK_RAW) {
				size_t blanks = strspn(p, " \t");

				buf_put(out, p, blanks);  /* from its first '<' */
				p += blanks;
				note_add(notes, out->len, NOTE_BLOCK, n, 0);
			}
			continue;
		}
		while ((*end >= 'a' && *end <= 'z') || (*end >= '0' && *end <= '9'))
			end++;
		if (end == name || strncmp(end, attr, sizeof(attr) - 1) != 0) {
			buf_put(out, p, (size_t)(end - p));
			p = end;
			continue;
		}
		buf_put(out, p, (size_t)(hit - p));
		value = end + sizeof(attr) - 1;  /* "LINE:COL-LINE:COL" */
		is_heading = end - name == 2 && name[0] == 'h' && name[1] >= '1' &&
		    name[1] <= '6';
		col = 0;
		if (is_heading) {
			const char *colon = strchr(value, ':');

			col = colon != NULL ? atoi(colon + 1) : 0;
		}
		note_add(notes, out->len, NOTE_BLOCK, atoi(value) + first_line - 1,
		    col);
		buf_put(out, hit, (size_t)(end - hit));
		if (is_heading && heading < doc->nheadings) {
			BUF_PUTSL(out, " id=\"");
			buf_puts(out, doc->headings[heading++].id);  /* slugs need no escaping */
			buf_putc(out, '"');
		}
		p = strchr(value, '"');  /* past the value */
		p = p != NULL ? p + 1 : end + strlen(end);
	}
	buf_puts(out, p);
	fill_bare_attributes(out, notes);
}

/*
 * Write doc->map from notes (see md_doc), and give each exercise the
 * offset of its form.  path names the Markdown file.
 */
static void
map_body(struct md_doc *doc, const char *path, const struct notes *notes)
{
	const char *html = doc->html;
	size_t len = doc->html_len, off = 0, k = 0;
	int line = 0;  /* before the first block: the file, no line */

	path = srcmap_name(&doc->map, path);  /* named once */
	if (len > 0)
		srcmap_add(&doc->map, 0, path, 0, 0);
	for (;;) {
		const char *nl = memchr(html + off, '\n', len - off);
		size_t stop = nl != NULL ? (size_t)(nl - html) : len;

		for (; k < notes->n && notes->items[k].offset <= stop; k++) {
			const struct note *note = &notes->items[k];

			if (note->kind == NOTE_FORM) {
				doc->exercises[note->line].offset = note->offset;
				continue;
			}
			if (note->kind == NOTE_BLOCK)
				line = note->line;
			if (note->kind == NOTE_TAG || note->col > 0) {
				/* A link's, an image's, a heading's tag: its node's
				   line and column for the '<', the block's line on. */
				srcmap_add(&doc->map, note->offset, path, note->line,
				    note->col);
				srcmap_add(&doc->map, note->offset + 1, path, line, 0);
			} else
				srcmap_add(&doc->map, note->offset, path, line, 0);
		}
		if (nl == NULL)
			break;
		off = stop + 1;
		if (line > 0)
			line++;
		if (off < len)
			srcmap_add(&doc->map, off, path, line, 0);
	}
}

int
markdown_render(const char *text, size_t len, const char *path,
    int first_line, const struct md_options *opt, struct md_doc *doc)
{
	int options = MD_OPTIONS | (opt->unsafe ? CMARK_OPT_UNSAFE : 0);
	struct arena arena;
	cmark_mem *mem;
	cmark_parser *parser;
	struct buf html = BUF_INIT;
	struct notes notes = { NULL, 0, 0 };
	cmark_node *root;
	char *raw;
	int status;

	memset(doc, 0, sizeof(*doc));
	arena_begin(&arena);  /* the tree and cmark-gfm's HTML live until arena_end */
	mem = len < ARENA_PAGE ? &arena_mem : cmark_get_default_mem_allocator();
	parser = parser_new(options, mem);
	cmark_parser_feed(parser, text, len);
	root = cmark_parser_finish(parser);
	status = collect_nodes(root, mem, path, first_line, opt, doc);
	if (status == 0) {
		raw = cmark_render_html_with_mem(root, options,
		    cmark_parser_get_syntax_extensions(parser), mem);
		if (opt->unsafe) {  /* only raw HTML needs it */
			struct buf xml = BUF_INIT;

			xhtml_raw(raw, &xml);
			finish_html(buf_str(&xml), doc, first_line, &html, &notes);
			buf_free(&xml);
		} else
			finish_html(raw, doc, first_line, &html, &notes);
		mem->free(raw);
		doc->html_len = html.len;
		doc->html = buf_detach(&html);
		map_body(doc, path, &notes);
	}
	free(notes.items);
	cmark_node_free(root);
	cmark_parser_free(parser);
	arena_end(&arena);
	if (status != 0)
		md_doc_free(doc);
	return status;
}

struct cmark_node *
markdown_parse(const char *text, size_t len, bool unsafe)
{
	int options = MD_OPTIONS | (unsafe ? CMARK_OPT_UNSAFE : 0);
	cmark_parser *parser = parser_new(options, NULL);
	cmark_node *root;

	cmark_parser_feed(parser, text, len);
	root = cmark_parser_finish(parser);
	cmark_parser_free(parser);  /* the tree outlives its parser */
	if (root == NULL)
		xoom();
	return root;
}

void
md_doc_free(struct md_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->nheadings; i++) {
		free(doc->headings[i].id);
		free(doc->headings[i].text);
	}
	for (i = 0; i < doc->nexercises; i++)
		free(doc->exercises[i].name);
	free(doc->headings);
	free(doc->exercises);
	srcmap_free(&doc->map);
	free(doc->html);
	memset(doc, 0, sizeof(*doc));
}

char *
markdown_inline(const char *text)
{
	cmark_parser *parser = parser_new(CMARK_OPT_SMART, NULL);
	struct buf md = BUF_INIT, html = BUF_INIT;
	cmark_node *root, *para;
	const char *p;
	char *raw;

	/* A title is plain text: escape what Markdown would read as markup,
	   keeping quotes, dashes and dots for smart punctuation. */
	while (*text == ' ' || *text == '\t')
		text++;
	for (p = text; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r')
			buf_putc(&md, ' ');
		else if ((*p >= '!' && *p <= '/' && *p != '\'' && *p != '"' && *p != '-' &&
		    *p != '.') || (*p >= ':' && *p <= '@') || (*p >= '[' && *p <= '`') ||
		    (*p >= '{' && *p <= '~') || (*p == '-' && p == text) ||
		    (*p == '.' && p > text && strspn(text, "0123456789") == (size_t)(p - text))) {
			buf_putc(&md, '\\');
			buf_putc(&md, *p);
		} else
			buf_putc(&md, *p);
	}
	cmark_parser_feed(parser, buf_str(&md), md.len);
	root = cmark_parser_finish(parser);
	para = cmark_node_first_child(root);
	if (para != NULL) {
		raw = cmark_render_html(para, CMARK_OPT_SMART, NULL);
		buf_puts(&html, raw);
		free(raw);
	}
	/* "<p>...</p>\n" without the paragraph. */
	if (html.len >= 8 && strncmp(html.data, "<p>", 3) == 0) {
		memmove(html.data, html.data + 3, html.len - 3);
		html.len -= 3;
		while (html.len > 0 && html.data[html.len - 1] == '\n')
			html.len--;
		if (html.len >= 4 && strncmp(html.data + html.len - 4, "</p>", 4) == 0)
			html.len -= 4;
		html.data[html.len] = '\0';
	}
	cmark_node_free(root);
	cmark_parser_free(parser);
	buf_free(&md);
	return buf_detach(&html);
}
