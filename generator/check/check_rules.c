/*
 * check_rules — the checks of one page's elements, as the walk of the
 * page (check_page.c) enters and leaves each of them, and of the page as
 * a whole once the walk is done: duplicate ids, an html without lang, a
 * missing or empty title or meta description, no h1 or more than one,
 * heading levels skipped, no main element or more than one, images
 * without alt, links without text, form controls without a label.  What
 * needs an element's content (a link's text, the title, a style
 * element's CSS) is gathered while it is open and checked at its end.
 * It also keeps what the site-wide phase reads of the page: its ids and
 * <a name>s, and its title.  See check_walk.h for the state it shares.
 *
 * Not here: the URLs each element carries (check_link.c), the parser and
 * the walk itself (check_page.c), and anything needing other pages
 * (check.c).
 */
#include "check/check_rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/check_link.h"
#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/util.h"

/* Is s[0..len) only white space? */
static bool
blank_n(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!util_html_space(s[i]))
			return false;
	return true;
}

/* Is the element labelled by itself: aria-label, aria-labelledby, title? */
static bool
self_labelled(const struct elem *e)
{
	return !blank(attr_of(e, "aria-label")) ||
	       !blank(attr_of(e, "aria-labelledby")) ||
	       !blank(attr_of(e, "title"));
}

/* Collapse runs of white space to one space and trim; caller frees. */
static char *
collapse(const char *s)
{
	struct buf out = BUF_INIT;
	bool space = false;

	for (; *s != '\0'; s++) {
		if (util_html_space(*s)) {
			space = out.len > 0;
			continue;
		}
		if (space)
			buf_putc(&out, ' ');
		space = false;
		buf_putc(&out, *s);
	}
	return buf_detach(&out);
}

/* Check that the form control e has a label: around it, of its own, or
   a label[for] naming its id, which may come later (then it waits on
   the walk's controls, which own their copies, until rules_page). */
static void
check_control(struct page_read *rd, const struct elem *e, enum tag tag)
{
	const char *type = attr_of(e, "type"), *id = attr_of(e, "id"),
	           *name = attr_of(e, "name");
	struct buf what = BUF_INIT;
	struct control *c;

	if (tag == TAG_INPUT && type != NULL &&
	    (strcasecmp(type, "hidden") == 0 ||
	        strcasecmp(type, "submit") == 0 ||
	        strcasecmp(type, "button") == 0 ||
	        strcasecmp(type, "reset") == 0 ||
	        strcasecmp(type, "image") == 0))
		return;
	if (rd->w.in_label > 0 || self_labelled(e))
		return;
	buf_puts(&what, e->name);
	if (!blank(name))
		buf_printf(&what, " '%s'", name);
	else if (!blank(id))
		buf_printf(&what, " '#%s'", id);
	if (blank(id)) {
		report(rd, &e->pos, CHECK_STRUCTURE, "form control %s has no label",
		    buf_str(&what));
		buf_free(&what);
		return;
	}
	if (rd->w.ncontrols == rd->w.controls_cap) { /* a label[for] may follow */
		rd->w.controls_cap =
		    rd->w.controls_cap ? rd->w.controls_cap * 2 : 8;
		rd->w.controls = xrealloc(rd->w.controls,
		    rd->w.controls_cap * sizeof(*rd->w.controls));
	}
	c = &rd->w.controls[rd->w.ncontrols++];
	c->id = xstrdup(id);
	c->what = buf_detach(&what);
	c->pos = e->pos;
}

/* The value of xml:lang (or an HTML parser's "xml:lang"), or NULL. */
static const char *
xml_lang(const struct elem *e)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++)
		if ((e->attrs[i].ns != NULL &&
		        strcmp(e->attrs[i].name, "lang") == 0) ||
		    (e->attrs[i].ns == NULL &&
		        strcmp(e->attrs[i].name, "xml:lang") == 0))
			return e->attrs[i].value;
	return NULL;
}

/* The open links around the current point have text in them.  A link is
   marked after each link opened before it, so the marking stops at the
   first link marked already. */
static void
links_have_text(struct walk *w)
{
	size_t i;

	for (i = w->last_link; i != SIZE_MAX && !w->open[i].text;
	     i = w->open[i].prev_link)
		w->open[i].text = true;
}

void
rules_enter(struct page_read *rd, const struct elem *e, struct open_elem *o,
    size_t at)
{
	struct walk *w = &rd->w;
	const char *id = attr_of(e, "id"), *v;
	int level = e->level;
	enum tag tag = e->tag;

	/* A label in a link's content names the link. */
	if (w->last_link != SIZE_MAX &&
	    (!blank(attr_of(e, "aria-label")) ||
	        (strcmp(e->name, "img") == 0 && !blank(attr_of(e, "alt")))))
		links_have_text(w);
	if (id != NULL && id[0] != '\0' &&
	    !hash_add(rd->page->ids, id, strlen(id), 0, NULL))
		report(rd, &e->pos, CHECK_STRUCTURE, "duplicate id '%s'", id);
	link_take_element(rd, e); /* its URLs, filed before its other problems */
	switch (tag) {
	case TAG_A:
		if ((v = attr_of(e, "name")) != NULL && v[0] != '\0')
			hash_add(rd->page->ids, v, strlen(v), 0, NULL);
		if ((v = attr_of(e, "href")) != NULL && !self_labelled(e)) {
			/* Whether its content has text is known at its end. */
			o->href = xstrdup(v);
			o->prev_link = w->last_link;
			w->last_link = at;
		}
		break;
	case TAG_IMG:
		if (attr_of(e, "alt") == NULL)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "img '%s' has no alt attribute",
			    attr_of(e, "src") != NULL ? attr_of(e, "src") : "");
		break;
	case TAG_STYLE: /* its CSS, at its end */
		o->capture = w->capture.len;
		w->capturing++;
		break;
	case TAG_HTML:
		if (!w->seen_html) {
			w->seen_html = true;
			w->html_pos = e->pos;
		}
		if ((v = attr_of(e, "lang")) == NULL)
			v = xml_lang(e);
		if (v == NULL)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "html has no lang attribute");
		else if (blank(v))
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "html has an empty lang attribute");
		break;
	case TAG_HEAD:
		if (!w->seen_head) {
			w->seen_head = true;
			w->head_pos = e->pos;
		}
		break;
	case TAG_BODY:
		if (!w->seen_body) {
			w->seen_body = true;
			w->body_pos = e->pos;
		}
		break;
	case TAG_TITLE:
		if (e->parent == NULL || strcmp(e->parent, "head") != 0 ||
		    w->has_title)
			break; /* an svg's title, or a second one */
		w->has_title = true;
		o->capture = w->capture.len; /* its text, at its end */
		w->capturing++;
		break;
	case TAG_META:
		if ((v = attr_of(e, "name")) == NULL ||
		    strcasecmp(v, "description") != 0)
			break;
		if (blank(attr_of(e, "content")))
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "the meta description is empty");
		w->has_description = true;
		break;
	case TAG_MAIN:
		if (attr_of(e, "hidden") != NULL)
			break;
		if (++w->mains == 2)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "more than one main element");
		if (!w->seen_main) {
			w->seen_main = true;
			w->main_pos = e->pos;
		}
		break;
	case TAG_LABEL:
		w->in_label++;
		if ((v = attr_of(e, "for")) != NULL && v[0] != '\0')
			hash_add(w->label_for, v, strlen(v), 0, NULL);
		break;
	case TAG_INPUT:
	case TAG_SELECT:
	case TAG_TEXTAREA: check_control(rd, e, tag); break;
	case TAG_HEADING:
		if (level == 1 && ++w->h1s == 2)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "more than one h1 on the page");
		if (w->last_level > 0 && level > w->last_level + 1)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "heading level skipped: h%d after h%d", level,
			    w->last_level);
		w->last_level = level;
		break;
	case TAG_AREA: /* what these carry is URLs alone */
	case TAG_LINK:
	case TAG_SCRIPT:
	case TAG_SOURCE:
	case TAG_IFRAME:
	case TAG_FORM:
	case TAG_MEDIA:
	case TAG_VIDEO:
	case TAG_OBJECT:
	case TAG_SVG_REF:
	case TAG_OTHER: break;
	}
}

void
rules_leave(struct page_read *rd, struct open_elem *o)
{
	struct walk *w = &rd->w;
	const char *text;

	if (o->tag == TAG_LABEL && w->in_label > 0)
		w->in_label--;
	if (o->href != NULL) {
		if (!o->text)
			report(rd, &o->pos, CHECK_STRUCTURE,
			    "link '%s' has no text", o->href);
		w->last_link = o->prev_link;
		free(o->href);
		o->href = NULL;
	}
	if (o->capture == SIZE_MAX)
		return;
	text = buf_str(&w->capture) + o->capture;
	if (o->tag == TAG_STYLE) {
		struct elem e;

		memset(&e, 0, sizeof(e));
		e.name = o->name;
		e.pos = o->pos;
		link_take_css(rd, &e, text);
	} else if (blank(text))
		report(rd, &o->pos, CHECK_STRUCTURE, "the title is empty");
	else {
		free(rd->page->title);
		rd->page->title = collapse(text);
		rd->page->title_pos = o->pos;
	}
	if (--w->capturing == 0)
		buf_reset(&w->capture);
}

void
rules_text(struct page_read *rd, const char *text, size_t len)
{
	if (rd->w.last_link != SIZE_MAX && !blank_n(text, len))
		links_have_text(&rd->w);
	if (rd->w.capturing > 0)
		buf_put(&rd->w.capture, text, len);
}

void
rules_reference(struct page_read *rd, const char *replacement)
{
	links_have_text(&rd->w);
	if (rd->w.capturing > 0 && replacement != NULL)
		buf_puts(&rd->w.capture, replacement);
}

void
rules_page(struct page_read *rd)
{
	struct walk *w = &rd->w;
	const struct check_pos *html = w->seen_html ? &w->html_pos : NULL;
	const struct check_pos *head = w->seen_head ? &w->head_pos : html;
	const struct check_pos *body = w->seen_body ? &w->body_pos : html;
	size_t i;

	if (!w->seen_html)
		report(rd, NULL, CHECK_STRUCTURE, "html has no lang attribute");
	if (w->h1s == 0)
		report(rd, w->seen_main ? &w->main_pos : body,
		    CHECK_STRUCTURE, "the page has no h1");
	if (!w->has_title)
		report(rd, head, CHECK_STRUCTURE, "the page has no title");
	if (!w->has_description)
		report(rd, head, CHECK_STRUCTURE,
		    "the page has no meta description");
	if (w->mains == 0)
		report(
		    rd, body, CHECK_STRUCTURE, "the page has no main element");
	for (i = 0; i < w->ncontrols; i++) {
		struct control *c = &w->controls[i];

		if (!hash_get(w->label_for, c->id, strlen(c->id), NULL))
			report_at(rd, c->pos, CHECK_STRUCTURE,
			    "form control %s has no label", c->what);
	}
}
