/*
 * mdlinks — links to another page's Markdown file, as authors write them
 * so that their links also work on GitHub and in mdBook:
 * [next](apologize-sincerely.md), [why](../steps/acknowledge-the-breach.md#why),
 * [home](../_index.md).
 *
 * The markdown stage meets each link (markdown.h: md_options.rewrite_link)
 * and asks here what it becomes; the site, which knows which pages are
 * built and their addresses, answers: the page's address, relative from
 * the linking page as the theme writes its links ("../../steps/x/"), with
 * the query and fragment kept (the checks look the fragment up as any
 * other).  The destination is resolved against the folder of the linking
 * page's source in content/, exactly: no other folder is tried, and case
 * counts.  A translation's link to an original ("[next](x.md)" in
 * y.ar.md) leads to the original's translation in its language
 * (x.ar.md's page) when there is one, else to the original.  A .md link to no built page (a missing file, a draft left out)
 * is left as written, so the checks report it at the author's line and
 * column.  Images and other files are not touched.
 */
#ifndef MEND_MDLINKS_H
#define MEND_MDLINKS_H

struct site;
struct mdlinks;

/*
 * The pages of site by their source paths ("content/steps/x.md").  site
 * is borrowed and must outlive the index.  The caller owns the index and
 * frees it with mdlinks_free.  Any number of threads may use it at once.
 */
struct mdlinks *mdlinks_new(const struct site *site);
void mdlinks_free(struct mdlinks *links);

/*
 * What the destination url of a link written in the page whose source is
 * from_path becomes: a new string the caller frees, or NULL when the link
 * stays as written (it is not a relative link to a .md file, or no built
 * page has that source).  ctx is an index of mdlinks_new (the signature is
 * md_options.rewrite_link's).
 */
char *mdlinks_rewrite(void *ctx, const char *from_path, const char *url);

#endif
