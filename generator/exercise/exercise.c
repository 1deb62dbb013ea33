/*
 * exercise — run an exercise script in the sandbox, have model.c make the
 * model of what it returns (model.h), check answers and examples against
 * its feedback rules, and print what `mend exercise test` and `check` show
 * (cmd_exercise.c reads their command lines).
 *
 * The script's side is small: the helpers below only mark a table's type
 * and line.  Every rule about what a model may hold is checked by model.c,
 * in the parent, on the JSON the sandbox sent back, so a script can
 * neither skip a check nor crash one.  Rendering the model (HTML, PDF) is
 * for later stages.
 */
#include "exercise/exercise.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "exercise/feedback.h"
#include "exercise/model.h"
#include "exercise/sandbox.h"
#include "site/config.h"
#include "lib/util.h"

#define MAX_SCRIPT (1u << 20)  /* bytes of an exercise script */

/* ---- the helpers a script calls (they run in the sandbox's child) ---- */

/*
 * long_text { ... } and the rest: mark the table's type (upvalue 1) and
 * the line it was written on, and return it.  Upvalue 2 is true for
 * table { ... }, which arrives through the table library's __call with
 * the library as its first argument.
 */
static int
helper(lua_State *L)
{
	const char *type = lua_tostring(L, lua_upvalueindex(1));
	int arg = lua_toboolean(L, lua_upvalueindex(2)) ? 2 : 1;

	if (lua_type(L, arg) != LUA_TTABLE)
		return luaL_error(L, "%s expects a table: %s { ... }, not %s%s",
		    type, type, lua_isnoneornil(L, arg) ? "" : "a ",
		    lua_isnoneornil(L, arg) ? "nothing"
		                            : luaL_typename(L, arg));
	lua_pushliteral(L, "type");
	lua_rawget(L, arg);
	if (lua_isnil(L, -1)) {
		lua_pushliteral(L, "type");
		lua_pushstring(L, type);
		lua_rawset(L, arg);
	} else if (lua_type(L, -1) != LUA_TSTRING ||
	    strcmp(lua_tostring(L, -1), type) != 0)
		return luaL_error(L, "%s { ... } was given another type; leave "
		    "'type' out", type);
	sandbox_mark(L, arg);
	lua_pushvalue(L, arg);
	return 1;
}

/*
 * include "NAME": run exercises/lib/NAME.lua, text only, in the same
 * sandbox, and return its value; rules shared by several exercises (the
 * safety concerns) live there once.  Each library runs once per script:
 * a second include returns the first one's value (kept in upvalue 1).
 * It runs in the child, which may read files; the script itself never
 * can, and NAME is an id, so nothing outside exercises/lib/ is read.
 */
static int
include(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	struct buf path = BUF_INIT, chunk = BUF_INIT;
	char *text;
	size_t len;
	int status;

	if (!util_id_valid(name))
		return luaL_error(L, "include: '%s' is not a library name (%s)",
		    name, UTIL_ID_RULE);
	lua_settop(L, 1);
	if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	buf_printf(&path, "exercises/lib/%s.lua", name);
	buf_printf(&chunk, "@%s", buf_str(&path));
	/* Each failure pushes its message (at the script's line), frees, then
	 * raises it. */
	luaL_where(L, 1);
	if (util_read_file_nofollow(buf_str(&path), &text, &len) != 0) {
		if (errno == ELOOP)
			lua_pushfstring(L, "include: %s %s", buf_str(&path),
			    UTIL_LINK_REFUSED);
		else
			lua_pushfstring(L, "include: cannot read %s: %s",
			    buf_str(&path), strerror(errno));
		status = LUA_ERRFILE;
	} else {
		if (len > MAX_SCRIPT) {
			lua_pushfstring(L, "include: %s is larger than %d KiB",
			    buf_str(&path), (int)(MAX_SCRIPT >> 10));
			status = LUA_ERRFILE;
		} else
			status = luaL_loadbufferx(L, text, len, buf_str(&chunk), "t");
		free(text);
	}
	buf_free(&path);
	buf_free(&chunk);
	if (status == LUA_ERRFILE)
		lua_concat(L, 2);  /* where, then the message */
	if (status != LUA_OK)
		return lua_error(L);
	lua_remove(L, -2);  /* where */
	lua_call(L, 0, 1);
	lua_pushvalue(L, -1);
	lua_setfield(L, lua_upvalueindex(1), name);
	return 1;
}

static void
add_helpers(lua_State *L)
{
	static const char *const names[] = {"exercise", "short_text",
	    "long_text", "rewrite", "checklist", "scale", "signature", "date",
	    "notice", "flag", "concern", "length", "example", NULL};
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		lua_pushstring(L, names[i]);
		lua_pushboolean(L, 0);
		lua_pushcclosure(L, helper, 2);
		lua_setglobal(L, names[i]);
	}
	lua_newtable(L);  /* the libraries included so far */
	lua_pushcclosure(L, include, 1);
	lua_setglobal(L, "include");
	/* table { ... } makes a table field; table.insert still works. */
	lua_getglobal(L, "table");
	lua_newtable(L);
	lua_pushliteral(L, "table");
	lua_pushboolean(L, 1);
	lua_pushcclosure(L, helper, 2);
	lua_setfield(L, -2, "__call");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
}




/* ---- loading, rules, examples ---- */

bool
exercise_name_valid(const char *name)
{
	return util_id_valid(name);
}

/*
 * Run the script at path (exercises/NAME.lua or NAME.LANG.lua) and
 * validate its model, named name.  Returns the exercise (lang NULL), or
 * NULL after diagnostics; *missing as exercise_load says.
 */
static struct exercise *
load_script(const char *path, const char *name, bool *missing)
{
	struct exercise *ex;
	struct exercise_model *model;
	json_t *raw = NULL;
	char *text;
	size_t len;

	if (missing != NULL)
		*missing = false;
	if (util_read_file_nofollow(path, &text, &len) != 0) {
		if (errno == ENOENT && missing != NULL)
			*missing = true;
		else if (errno == ELOOP)
			diag_error(path, 0, 0, "%s", UTIL_LINK_REFUSED);
		else
			diag_error(path, 0, 0, "cannot read the exercise: %s",
			    strerror(errno));
		return NULL;
	}
	ex = NULL;
	if (len > MAX_SCRIPT)
		diag_error(path, 0, 0, "the script is larger than %u KiB",
		    MAX_SCRIPT >> 10);
	else if (sandbox_run(path, text, len, add_helpers, &raw) == 0 &&
	    (model = model_validate(path, name, raw)) != NULL) {
		ex = xcalloc(1, sizeof(*ex));
		ex->name = xstrdup(name);
		ex->path = xstrdup(path);
		ex->model = model;
	}
	json_decref(raw);
	free(text);
	return ex;
}

struct exercise *
exercise_load(const char *name, bool *missing)
{
	struct buf path = BUF_INIT;
	struct exercise *ex;

	buf_printf(&path, "exercises/%s.lua", name);
	ex = load_script(buf_str(&path), name, missing);
	buf_free(&path);
	return ex;
}

void
exercise_free(struct exercise *ex)
{
	size_t i;

	if (ex == NULL)
		return;
	for (i = 0; i < ex->ntranslations; i++)
		exercise_free(ex->translations[i]);
	free(ex->translations);
	free(ex->name);
	free(ex->path);
	free(ex->lang);
	model_free(ex->model);
	free(ex);
}

/* ---- translations ---- */

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

bool
exercise_lang_valid(const char *tag)
{
	size_t n;

	for (n = 0; is_alpha((unsigned char)tag[n]); n++)
		;
	if (n < 2 || n > 3)
		return false;
	tag += n;
	while (*tag == '-') {
		for (tag++, n = 0; is_alnum((unsigned char)tag[n]); n++)
			;
		if (n < 1 || n > 8)
			return false;
		tag += n;
	}
	return *tag == '\0';
}

void
exercise_languages_free(struct exercise_languages *langs)
{
	size_t i;

	free(langs->main);
	for (i = 0; i < langs->nothers; i++)
		free(langs->others[i]);
	free(langs->others);
	memset(langs, 0, sizeof(*langs));
}

void
exercise_languages_of(const struct config *cfg, struct exercise_languages *langs)
{
	size_t k;

	memset(langs, 0, sizeof(*langs));
	if (cfg == NULL) {
		langs->main = xstrdup("en");
		return;
	}
	langs->main = xstrdup(cfg->languages[0].tag);
	langs->others = xcalloc(cfg->nlanguages, sizeof(*langs->others));
	for (k = 1; k < cfg->nlanguages; k++)
		langs->others[langs->nothers++] = xstrdup(cfg->languages[k].tag);
	langs->known = true;
}

/* Is tag one of the site's languages other than the default? */
static bool
is_other_language(const struct exercise_languages *langs, const char *tag)
{
	size_t i;

	for (i = 0; i < langs->nothers; i++)
		if (strcasecmp(langs->others[i], tag) == 0)
			return true;
	return false;
}

/*
 * If file (an entry of exercises/) is a translation's name,
 * "NAME.TAG.lua" with NAME an id and TAG a tag's shape, set *name and
 * *tag to new copies and return true.
 */
static bool
split_translation(const char *file, char **name, char **tag)
{
	size_t len = strlen(file);
	const char *dot;

	if (len <= 4 || strcmp(file + len - 4, ".lua") != 0 ||
	    (dot = memchr(file, '.', len - 4)) == NULL)
		return false;
	*name = xstrndup(file, (size_t)(dot - file));
	*tag = xstrndup(dot + 1, (size_t)(file + len - 4 - dot - 1));
	if (util_id_valid(*name) && exercise_lang_valid(*tag))
		return true;
	free(*name);
	free(*tag);
	return false;
}

char **
exercise_translation_tags(const char *name)
{
	char **tags = xcalloc(1, sizeof(*tags)), *n, *t;
	size_t count = 0;
	struct dirent *ent;
	DIR *dir;

	if ((dir = opendir("exercises")) == NULL)
		return tags;
	while ((ent = readdir(dir)) != NULL) {
		if (!split_translation(ent->d_name, &n, &t))
			continue;
		if (strcmp(n, name) == 0) {
			tags = xrealloc(tags, (count + 2) * sizeof(*tags));
			tags[count++] = t;
		} else
			free(t);
		free(n);
	}
	closedir(dir);
	tags[count] = NULL;
	qsort(tags, count, sizeof(*tags), util_compare_strings);
	return tags;
}

struct exercise *
exercise_load_translation(const struct exercise *original, const char *tag,
    bool *missing)
{
	struct buf path = BUF_INIT;
	struct exercise *ex;

	buf_printf(&path, "exercises/%s.%s.lua", original->name, tag);
	ex = load_script(buf_str(&path), original->name, missing);
	buf_free(&path);
	if (ex == NULL)
		return NULL;
	ex->lang = xstrdup(tag);
	if (model_check_translation(ex->model, ex->path, original->model,
	    original->path) > 0) {
		exercise_free(ex);
		return NULL;
	}
	return ex;
}

int
exercise_load_translations(struct exercise *ex,
    const struct exercise_languages *langs)
{
	char **tags = exercise_translation_tags(ex->name);
	struct exercise *tr;
	int status = 0;
	size_t i, j;

	for (i = 0; tags[i] != NULL; i++) {
		struct buf path = BUF_INIT;

		buf_printf(&path, "exercises/%s.%s.lua", ex->name, tags[i]);
		for (j = 0; j < ex->ntranslations &&
		    strcasecmp(ex->translations[j]->lang, tags[i]) != 0; j++)
			;
		if (j < ex->ntranslations) {
			diag_error(buf_str(&path), 0, 0, "a second translation "
			    "into '%s': %s is one (language tags ignore case)",
			    tags[i], ex->translations[j]->path);
			status = -1;
		} else if (langs->main != NULL &&
		    strcasecmp(tags[i], langs->main) == 0) {
			diag_warning(buf_str(&path), 0, 0, "'%s' is the site's "
			    "default language, which %s is written in: this "
			    "translation is not used", tags[i], ex->path);
		} else {
			if (langs->known && !is_other_language(langs, tags[i]))
				diag_warning(buf_str(&path), 0, 0, "'%s' is not one "
				    "of the site's languages (the default is '%s'); "
				    "add [languages.%s] to site.toml, or rename the "
				    "file", tags[i], langs->main, tags[i]);
			if ((tr = exercise_load_translation(ex, tags[i], NULL)) ==
			    NULL)
				status = -1;
			else {
				ex->translations = xrealloc(ex->translations,
				    (ex->ntranslations + 1) *
				    sizeof(*ex->translations));
				ex->translations[ex->ntranslations++] = tr;
			}
		}
		buf_free(&path);
	}
	exercise_names_free(tags);
	return status;
}

const struct exercise *
exercise_in(const struct exercise *ex, const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < ex->ntranslations; i++)
		if (strcasecmp(ex->translations[i]->lang, lang) == 0)
			return ex->translations[i];
	return ex;
}

void
exercise_warn_orphans(void)
{
	struct buf path = BUF_INIT;
	struct dirent *ent;
	char **files = xcalloc(1, sizeof(*files)), *n, *t;
	size_t count = 0, i;
	DIR *dir;

	if ((dir = opendir("exercises")) != NULL) {
		while ((ent = readdir(dir)) != NULL) {
			if (!split_translation(ent->d_name, &n, &t))
				continue;
			buf_reset(&path);
			buf_printf(&path, "exercises/%s.lua", n);
			if (access(buf_str(&path), F_OK) != 0) {
				files = xrealloc(files, (count + 2) * sizeof(*files));
				files[count++] = xstrdup(ent->d_name);
			}
			free(n);
			free(t);
		}
		closedir(dir);
	}
	files[count] = NULL;
	qsort(files, count, sizeof(*files), util_compare_strings);
	for (i = 0; i < count; i++) {
		split_translation(files[i], &n, &t);
		buf_reset(&path);
		buf_printf(&path, "exercises/%s", files[i]);
		diag_warning(buf_str(&path), 0, 0, "not used: it is named as a "
		    "translation of exercises/%s.lua, which does not exist", n);
		free(n);
		free(t);
	}
	buf_free(&path);
	exercise_names_free(files);
}

const struct model_target *
exercise_target(const struct exercise *ex, const char *name)
{
	if (name == NULL)
		return ex->model->first_target;
	return model_target(ex->model, name);
}

void
exercise_targets(const struct exercise *ex, struct buf *out)
{
	model_list_targets(ex->model, out);
}

/* The matcher's items (feedback.h) as "flag but, missing impact", or "no
   feedback". */
static void
describe_items(const json_t *items, struct buf *out)
{
	size_t i;

	if (json_array_size(items) == 0)
		BUF_PUTSL(out, "no feedback");
	for (i = 0; i < json_array_size(items); i++) {
		const json_t *item = json_array_get(items, i);

		buf_printf(out, "%s%s %s", i ? ", " : "",
		    json_string_value(json_object_get(item, "kind")),
		    json_string_value(json_object_get(item, "rule")));
	}
}

/* An example's expected items, as describe_items writes them. */
static void
describe_expect(const struct model_example *example, struct buf *out)
{
	size_t i;

	if (example->nexpect == 0)
		BUF_PUTSL(out, "no feedback");
	for (i = 0; i < example->nexpect; i++)
		buf_printf(out, "%s%s %s", i ? ", " : "",
		    example->expect[i].kind, example->expect[i].rule->id);
}

bool
exercise_example_holds(const struct exercise *ex, size_t i,
    struct buf *expected, struct buf *got)
{
	const struct model_example *example = &ex->model->examples[i];
	json_t *items = feedback_evaluate(example->target->rules_json,
	    example->answer, example->answer_len);
	bool holds = json_array_size(items) == example->nexpect;
	size_t j;

	for (j = 0; holds && j < json_array_size(items); j++) {
		const json_t *item = json_array_get(items, j);
		const char *kind = json_string_value(json_object_get(item, "kind"));
		const char *rule = json_string_value(json_object_get(item, "rule"));

		holds = strcmp(kind, example->expect[j].kind) == 0 &&
		        strcmp(rule, example->expect[j].rule->id) == 0;
	}
	if (expected != NULL)
		describe_expect(example, expected);
	if (got != NULL)
		describe_items(items, got);
	json_decref(items);
	return holds;
}

size_t
exercise_report_examples(const struct exercise *ex)
{
	struct buf expected = BUF_INIT, got = BUF_INIT;
	size_t i, failed = 0;

	for (i = 0; i < ex->model->nexamples; i++) {
		buf_reset(&expected);
		buf_reset(&got);
		if (exercise_example_holds(ex, i, &expected, &got))
			continue;
		failed++;
		diag_error(ex->path, ex->model->examples[i].line, 0,
		    "example %zu does not "
		    "hold: it expects %s, but gets %s",
		    i + 1, buf_str(&expected), buf_str(&got));
	}
	buf_free(&expected);
	buf_free(&got);
	return failed;
}

/* ---- what `mend exercise test` and `check` print ---- */

/* Report every example of ex and of its translations that does not hold;
   how many. */
static size_t
report_all_examples(const struct exercise *ex)
{
	size_t failed = exercise_report_examples(ex), i;

	for (i = 0; i < ex->ntranslations; i++)
		failed += exercise_report_examples(ex->translations[i]);
	return failed;
}

const struct exercise *
exercise_set_use_lang(struct exercise_set *set, const char *name,
    const char *lang, const char *where, int line, int col)
{
	struct exercise *ex = NULL;
	bool missing = false, bad;
	size_t i;

	if (set->languages.main == NULL)
		exercise_languages_of(NULL, &set->languages);
	if (lang != NULL && strcasecmp(lang, set->languages.main) == 0)
		lang = NULL;  /* the default language: the original */
	for (i = 0; i < set->n; i++)
		if (strcmp(set->items[i]->name, name) == 0)
			return exercise_in(set->items[i], lang);
	if ((ex = exercise_load(name, &missing)) == NULL) {
		char *hint = missing ? exercise_suggest(name) : NULL;

		if (hint != NULL)
			diag_error(where, line, col, "exercise '%s' not found: there is "
			    "no exercises/%s.lua (did you mean '%s'?)", name, name, hint);
		else if (missing)
			diag_error(where, line, col, "exercise '%s' not found: there is "
			    "no exercises/%s.lua", name, name);
		free(hint);
		return NULL;
	}
	/* Every problem is reported, each at its line; then it is refused. */
	bad = exercise_load_translations(ex, &set->languages) != 0;
	if (report_all_examples(ex) > 0)
		bad = true;
	if (bad) {
		exercise_free(ex);
		return NULL;
	}
	set->items = xrealloc(set->items, (set->n + 1) * sizeof(*set->items));
	set->items[set->n++] = ex;
	return exercise_in(ex, lang);
}

const struct exercise *
exercise_set_use(struct exercise_set *set, const char *name, const char *where,
    int line, int col)
{
	return exercise_set_use_lang(set, name, NULL, where, line, col);
}

void
exercise_set_free(struct exercise_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		exercise_free(set->items[i]);
	free(set->items);
	set->items = NULL;
	set->n = 0;
	exercise_languages_free(&set->languages);
}

/* Print one line of text with newlines shown as spaces, safely. */
static void
print_flat(const char *label, const char *text)
{
	fputs(label, stdout);
	diag_print_flat(stdout, text);  /* control characters shown escaped */
	putchar('\n');
}

/*
 * Print items as `mend exercise check` shows them: "kind: message" each,
 * a concern's way to help after it, and how many more there are than
 * were shown (total: every item the answer got; ok: it meets every rule).
 */
static void
print_items(const json_t *items, size_t total, bool ok)
{
	size_t i, n = json_array_size(items);

	for (i = 0; i < n; i++) {
		const json_t *item = json_array_get(items, i);
		const char *kind =
		    json_string_value(json_object_get(item, "kind"));

		printf("%s: ", kind);
		print_flat("", json_string_value(json_object_get(item,
		    "message")));
		if (strcmp(kind, "concern") == 0)
			puts("  On the page, this links to the safety note "
			     "(\"Your safety comes first\") and its help "
			     "lines.");
	}
	if (total > n)
		printf("(%zu more: --all lists every item)\n", total - n);
	if (ok)
		puts("This answer has everything the exercise looks for.");
}

char **
exercise_names(void)
{
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;
	struct dirent *ent;
	DIR *dir;

	if ((dir = opendir("exercises")) == NULL)
		return names;
	while ((ent = readdir(dir)) != NULL) {
		size_t len = strlen(ent->d_name);
		char *name, *tag;

		if (len <= 4 || strcmp(ent->d_name + len - 4, ".lua") != 0)
			continue;
		if (split_translation(ent->d_name, &name, &tag)) {
			free(name);  /* a translation (or one without an original) */
			free(tag);
			continue;
		}
		names = xrealloc(names, (n + 2) * sizeof(*names));
		names[n++] = xstrndup(ent->d_name, len - 4);
	}
	closedir(dir);
	names[n] = NULL;
	qsort(names, n, sizeof(*names), util_compare_strings);
	return names;
}

void
exercise_names_free(char **names)
{
	size_t i;

	if (names == NULL)
		return;
	for (i = 0; names[i] != NULL; i++)
		free(names[i]);
	free(names);
}

char *
exercise_suggest(const char *name)
{
	char **names = exercise_names(), *best = NULL;
	size_t i, d, best_d = 4;

	for (i = 0; names[i] != NULL; i++)
		if ((d = util_edit_distance(name, names[i])) < best_d) {
			best_d = d;
			best = names[i];
		}
	best = best != NULL ? xstrdup(best) : NULL;
	exercise_names_free(names);
	return best;
}

void
exercise_test(const struct exercise *ex, const char *lang, size_t *passed,
    size_t *failed)
{
	struct buf expected = BUF_INIT, got = BUF_INIT;
	size_t i, bad = 0;

	for (i = 0; i < ex->model->nexamples; i++) {
		const struct model_example *e = &ex->model->examples[i];

		buf_reset(&expected);
		buf_reset(&got);
		if (exercise_example_holds(ex, i, &expected, &got)) {
			(*passed)++;
			continue;
		}
		bad++;
		(*failed)++;
		if (e->line > 0)
			printf("FAIL %s:%d: example %zu (%s%s%s)\n", ex->path,
			    e->line, i + 1, e->target->name, lang ? ", " : "",
			    lang ? lang : "");
		else
			printf("FAIL %s: example %zu (%s%s%s)\n", ex->path, i + 1,
			    e->target->name, lang ? ", " : "", lang ? lang : "");
		print_flat("  answer:   ", e->answer);
		printf("  expected: %s\n", buf_str(&expected));
		printf("  got:      %s\n", buf_str(&got));
	}
	printf("%s", ex->name);
	if (lang != NULL)
		printf(" (%s)", lang);
	if (bad == 0)
		printf(": %zu example%s passed\n", i, i == 1 ? "" : "s");
	else
		printf(": %zu example%s passed, %zu failed\n", i - bad,
		    i - bad == 1 ? "" : "s", bad);
	buf_free(&expected);
	buf_free(&got);
}

int
exercise_check(const struct exercise *ex,
    const struct exercise_check_request *req, bool *met)
{
	const struct model_target *target = exercise_target(ex, req->field);
	json_t *items, *shown;

	if (target == NULL || target->nrules == 0)
		return -1;
	items = feedback_evaluate(target->rules_json, req->answer,
	    req->answer_len);
	shown = feedback_presented(items);
	*met = feedback_items_ok(items);
	if (req->json) {
		json_t *out = json_pack("{ss}", "exercise", ex->name);
		char *text;

		if (ex->lang != NULL)
			json_object_set_new(out, "lang", json_string(ex->lang));
		json_object_set_new(out, "field", json_string(target->name));
		json_object_set_new(out, "ok", json_boolean(*met));
		json_object_set(out, "items", items);
		json_object_set(out, "shown", shown);
		text = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (text == NULL)
			xoom();
		puts(text);
		free(text);
		json_decref(out);
	} else
		print_items(req->all ? items : shown, json_array_size(items), *met);
	json_decref(shown);
	json_decref(items);
	return 0;
}
