/*
 * words — what `mend serve` itself writes on the pages it serves, in the
 * site's default language: the box over the pages after a failed build
 * (live.js) and the page of an address with nothing at it while
 * the site has no 404.html (a first build that failed).  The language is
 * site.toml's `language`, the words are the theme's ([serve] in its
 * i18n/LANG.toml, i18n.h), read again before each build.  What cannot be
 * read (no site.toml yet, a broken one, a theme without the words) is
 * English, and nothing is reported: the build reports it.  The
 * diagnostics themselves are mend's, in English.
 */
#ifndef MEND_SERVE_WORDS_H
#define MEND_SERVE_WORDS_H

/* The words, each set (owned by the struct: serve_words_free). */
struct serve_words {
	char *lang;             /* BCP 47 tag for lang="", "en" by default */
	const char *dir;        /* "ltr" or "rtl", a static string */
	char *not_found_title;  /* "Not found": the page's title and heading */
	char *not_found_text;   /* "There is no page at this address in ..." */
	char *failed_title;     /* "The site did not build": the box's heading */
	char *failed_note;      /* "This is the last good build. Fix ..." */
	char *dismiss;          /* "Dismiss": the button that closes it */
};

/* Read the words of the project in the current folder into words. */
void serve_words_read(struct serve_words *words);
/* The English words into words. */
void serve_words_english(struct serve_words *words);
/* Free what words holds (set to zero); NULL is allowed. */
void serve_words_free(struct serve_words *words);

#endif
