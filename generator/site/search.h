/*
 * search — the site's search index, made from what the build already has
 * (each page's title, its step or section, its headings with their ids
 * and its text, read from the Markdown stage's HTML), and written as
 * static script files under search/ that the theme's search page loads
 * from disk or from a server alike (file:// forbids fetching JSON, not
 * <script src>).
 *
 * Words are folded the same way here and in the theme's search.js (the
 * tests hold both to tests/search-vectors.txt): lower case (Unicode's
 * simple mapping), accents of Latin letters stripped, apostrophes (' and
 * U+2019) dropped inside a word; for English pages, stop words are then
 * left out and a light English stemmer applied (other languages match by
 * prefix only).
 *
 * One index holds one language's pages (struct search_scope), written
 * under its folder: PREFIXsearch/, the default language's at the root.
 * The index is split so that a query loads little of it:
 *   search/manifest.js   the shards' keys, the group sizes, the language
 *   search/t/N.js        a shard: the terms under one prefix, each with its
 *                        postings, a flat array of (page delta, weight)
 *   search/p/N.js        SEARCH_META_GROUP pages' URL, title and place
 *   search/x/N.js        SEARCH_TEXT_GROUP pages' text, section by section,
 *                        for the snippets of the results shown
 * A weight is (min(count, 31) << 3) | fields, fields the bits
 * SEARCH_IN_TITLE, SEARCH_IN_HEADING and SEARCH_IN_TEXT.
 */
#ifndef MEND_SEARCH_H
#define MEND_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"

struct output;
struct page;
struct page_html;
struct site;
struct theme;

#define SEARCH_IN_TEXT 1
#define SEARCH_IN_HEADING 2
#define SEARCH_IN_TITLE 4

#define SEARCH_META_GROUP 64  /* pages per search/p/ file */
#define SEARCH_TEXT_GROUP 4   /* pages per search/x/ file */
#define SEARCH_SHARD_BYTES 32768  /* a shard is split while larger (unless
                                     one term alone is) */
#define SEARCH_KEY_MAX 6      /* a shard's key is at most this many letters */
#define SEARCH_SNIPPET_BYTES 480  /* of a section's text kept for snippets */
#define SEARCH_WORD_MAX 40    /* longer words are left out of the index */

/*
 * Call fn with each word of text[0..len) (UTF-8), folded: ASCII letters in
 * lower case, Latin letters with accents as their base letter, combining
 * accents and apostrophes dropped, anything else that is not a letter or a
 * digit a separator.  word is NUL-terminated and only valid during the call.
 */
void search_words(const char *text, size_t len,
    void (*fn)(void *ctx, char *word, size_t len), void *ctx);

/* Is word (folded) one of the stop words the index leaves out? */
bool search_stop_word(const char *word, size_t len);

/* Stem the folded word in place (it only shortens); returns its new length. */
size_t search_stem(char *word, size_t len);

/* Is lang (a BCP 47 tag: "en", "en-GB"; NULL or "" too) English, whose
   index leaves stop words out and stems? */
bool search_english(const char *lang);

struct search_index;

/* A page's body HTML, as the Markdown stage made it (borrowed). */
struct search_body {
	const char *html;      /* NULL: none */
	size_t len;
};

/* What one index covers: the pages of one language. */
struct search_scope {
	struct page *const *pages; /* its pages, in the site's order (borrowed) */
	size_t npages;
	const struct search_body *bodies; /* each page's body, or NULL: each
	                                     page's doc.html (borrowed) */
	const char *lang;          /* their language (BCP 47): search_english
	                              says whether words are stemmed */
	size_t lang_index;         /* its index in config->languages (the
	                              search page's language) */
	const char *prefix;        /* the folder it is written under, from the
	                              output's root: "" or "ar/" (ending in
	                              '/'); its pages' URLs are taken from
	                              there, as the search page's root link
	                              must be */
};

/*
 * The index of scope's pages, read from each page's body (scope->bodies,
 * or the Markdown stage's page->doc before page assembly frees it), on
 * threads threads; NULL when there is no search (theme_searches).  Sets
 * site->has_search to say which.  The same bytes for any number of
 * threads.  The caller frees it with search_index_free.
 */
struct search_index *search_collect_pages(struct site *site,
    const struct theme *theme, const struct search_scope *scope, int threads);

/* search_collect_pages for every language of the site, each with its
   pages under its folder (the default's at the root): the first
   language's index, which holds the next's, and so on (search_write
   writes them all, search_index_free frees them all); NULL when the
   site has no search. */
struct search_index *search_collect(struct site *site, const struct theme *theme,
    int threads);
void search_index_free(struct search_index *ix);

/* One file of the index: its path under the output folder, its content. */
struct search_file {
	char *path;
	struct buf data;
};

/*
 * The index's files, made with shards of at most shard_bytes (unless one
 * term alone is larger); the caller frees them with search_files_free.
 */
void search_index_files(const struct search_index *ix, size_t shard_bytes,
    struct search_file **files, size_t *nfiles);
void search_files_free(struct search_file *files, size_t nfiles);

/*
 * The output stage's part, first: each language's search page (the
 * theme's search layout), written into out under its folder; nothing
 * when the site has no search.  Returns 0, or -1 after a diagnostic.
 */
int search_write_pages(const struct site *site, struct theme *theme,
    struct output *out);

/*
 * Then: make each language's index from the bodies in pages (the
 * assembled pages, npages of them, in the site's order: each page_html's
 * body_at and body_len), on threads threads, and write its files into out
 * under its folder.  Each chunk of pages writes its search/x/ files as it
 * makes them, so that the pages' text is never held twice over.  Reads
 * site, theme and pages and writes nothing but out's files, so that it
 * can run beside the checks (no page links to these files; build.c).
 * Nothing when the site has no search.  Returns 0, or -1 after a
 * diagnostic.
 */
int search_write(const struct site *site, const struct theme *theme,
    const struct page_html *pages, size_t npages, struct output *out, int threads);

#endif
