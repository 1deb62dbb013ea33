/*
 * sandbox — what sandbox_run gives back and says, as sandbox.h promises:
 * the script's returned value as JSON; no io, os, package, require,
 * debug, dofile or loadfile, no bytecode; print collected as notes at
 * their lines; an error at the script's line; an endless loop stopped by
 * the instruction count, a C function that never returns by the wall
 * clock, a memory bomb by the memory bound, pcall escaping none of them;
 * the setup function's globals, and sandbox_mark's "$line" (a script's
 * own "$" names refused); an error message cut to 1 KiB.
 */
#include <check.h>
#include <jansson.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise/sandbox.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "harness.h"

#define SCRIPT "exercises/x.lua"

/*
 * Run text as exercises/x.lua with setup; *said gets the diagnostics.
 * Returns the result as compact JSON with sorted keys, or NULL when
 * sandbox_run failed (it must then say so).  Caller frees both.
 */
static char *
run_with(const char *text, sandbox_setup_fn setup, char **said)
{
	json_t *result = (json_t *)1;  /* must be set either way */
	char *json = NULL;
	int status;

	harness_diags_begin();
	status = sandbox_run(SCRIPT, text, strlen(text), setup, &result);
	*said = harness_diags_end();
	if (status == 0) {
		ck_assert_ptr_nonnull(result);
		json = json_dumps(result, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		json_decref(result);
	} else {
		ck_assert_int_eq(status, -1);
		ck_assert_ptr_null(result);
		ck_assert_msg((*said)[0] != '\0', "failed without a diagnostic");
	}
	return json;
}

/* The JSON text returns (which must run without a word). */
static char *
value_of(const char *text)
{
	char *said, *json = run_with(text, NULL, &said);

	ck_assert_msg(json != NULL, "%s failed:\n%s", text, said);
	ck_assert_str_eq(said, "");
	free(said);
	return json;
}

/* What sandbox_run says when text fails. */
static char *
error_of(const char *text, sandbox_setup_fn setup)
{
	char *said, *json = run_with(text, setup, &said);

	ck_assert_msg(json == NULL, "%s returned %s", text, json);
	return said;
}

#define ck_assert_value(text, expected) do { \
	char *v_ = value_of(text); \
	ck_assert_str_eq(v_, expected); \
	free(v_); \
} while (0)

#define ck_assert_error(text, expected) do { \
	char *e_ = error_of(text, NULL); \
	ck_assert_str_eq(e_, expected); \
	free(e_); \
} while (0)

START_TEST(returned_value_as_json)
{
	ck_assert_value("return {b = {1, 2.5, 'x'}, a = true, c = {}, d = {}}",
	    "{\"a\":true,\"b\":[1,2.5,\"x\"],\"c\":[],\"d\":[]}");
	ck_assert_value("return 42", "42");
	ck_assert_value("return 3 / 2", "1.5");
	ck_assert_value("return 'héllo'", "\"héllo\"");
	ck_assert_value("return nil", "null");
	ck_assert_value("local x = 1", "null");  /* nothing returned */
	ck_assert_value("return 1, 2", "1");     /* the first value */
	ck_assert_value("return {name = 'n', 'a', 'b'}",
	    "{\"$items\":[\"a\",\"b\"],\"name\":\"n\"}");
	ck_assert_value("return {f = print, t = {}}",
	    "{\"f\":{\"$lua\":\"function\"},\"t\":[]}");
	ck_assert_value("local s = {1}\nreturn {s, s}", "[[1],[1]]");  /* shared */
	/* math.random repeats: seeded with 0, the same numbers every run. */
	ck_assert_value("return {math.random(1000000), math.random(1000000)}",
	    "[275394,909833]");
	ck_assert_value("return {math.random(1000000), math.random(1000000)}",
	    "[275394,909833]");
}
END_TEST

START_TEST(values_json_cannot_hold)
{
	char *said;

	said = error_of("return 0/0", NULL);
	ck_assert_ptr_nonnull(strstr(said, SCRIPT));
	ck_assert_ptr_nonnull(strstr(said, ": error: "));
	free(said);
	said = error_of("local t = {}\nt.self = t\nreturn t", NULL);
	ck_assert_ptr_nonnull(strstr(said, SCRIPT));
	free(said);
	said = error_of("return {[true] = 1}", NULL);
	ck_assert_ptr_nonnull(strstr(said, SCRIPT));
	free(said);
}
END_TEST

START_TEST(no_way_out)
{
	/* None of the libraries that reach files, processes or the VM. */
	ck_assert_value("return {io == nil, os == nil, require == nil, "
	    "package == nil, debug == nil, dofile == nil, loadfile == nil, "
	    "coroutine == nil, string.dump == nil, collectgarbage ~= nil}",
	    "[true,true,true,true,true,true,true,true,true,true]");
	ck_assert_error("local f = io.open('/etc/passwd')\nreturn f:read('a')",
	    "exercises/x.lua:1: error: attempt to index a nil value (global 'io')\n");
	ck_assert_error("\nos.execute('touch /tmp/mend-sandbox-escaped')",
	    "exercises/x.lua:2: error: attempt to index a nil value (global 'os')\n");
	ck_assert_error("return require('io')",
	    "exercises/x.lua:1: error: attempt to call a nil value (global 'require')\n");
	ck_assert_error("return dofile('/etc/passwd')",
	    "exercises/x.lua:1: error: attempt to call a nil value (global 'dofile')\n");
	ck_assert_error("return loadfile('/etc/passwd')",
	    "exercises/x.lua:1: error: attempt to call a nil value (global 'loadfile')\n");
	/* load takes text, not bytecode; text works. */
	ck_assert_value("return load('return 1 + 1')()", "2");
	ck_assert_value("local f, e = load('\\27Lua\\84\\0', 'b', 'b')\n"
	    "return {f == nil, e}",
	    "[true,\"attempt to load a binary chunk (mode is 't')\"]");
	ck_assert_value("local f, e = load('\\27Lua\\84\\0')\nreturn {f == nil, e}",
	    "[true,\"attempt to load a binary chunk (mode is 't')\"]");
}
END_TEST

/* A lua_Writer into a buf. */
static int
write_chunk(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	buf_put(ud, p, n);
	return 0;
}

START_TEST(bytecode_script_refused)
{
	static const char chunk[] = "return 1";
	lua_State *L = luaL_newstate();
	struct buf bytecode = BUF_INIT;
	json_t *result;
	char *said;
	int status;

	/* A real chunk of bytecode, as luac would write it. */
	ck_assert_int_eq(luaL_loadbuffer(L, chunk, sizeof(chunk) - 1, "x"), 0);
	ck_assert_int_eq(lua_dump(L, write_chunk, &bytecode, 0), 0);
	lua_close(L);
	ck_assert_uint_gt(bytecode.len, 4);
	harness_diags_begin();
	status = sandbox_run(SCRIPT, bytecode.data, bytecode.len, NULL, &result);
	said = harness_diags_end();
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(said, "exercises/x.lua: error: the script is compiled Lua; "
	    "mend runs Lua source text only\n");
	free(said);
	buf_free(&bytecode);
}
END_TEST

START_TEST(prints_are_notes)
{
	char *said, *json = run_with("print('one', 2)\n\nprint(nil)\nreturn 1", NULL,
	    &said);

	ck_assert_str_eq(json, "1");
	ck_assert_str_eq(said, "exercises/x.lua:1: note: print: one 2\n"
	    "exercises/x.lua:3: note: print: nil\n");
	free(json);
	free(said);
}
END_TEST

START_TEST(errors_at_the_script_line)
{
	ck_assert_error("local x = 1\n\nfoo()\n",
	    "exercises/x.lua:3: error: attempt to call a nil value (global 'foo')\n");
	ck_assert_error("local x = 1\nerror('my own')\n",
	    "exercises/x.lua:2: error: my own\n");
	ck_assert_error("return {\n  a = 1\n  b = 2\n}\n",
	    "exercises/x.lua:3: error: '}' expected (to close '{' at line 1) near 'b'\n");
	/* Printed lines before the error are still shown. */
	ck_assert_error("print('before')\nlocal t = nil\nreturn t.x",
	    "exercises/x.lua:1: note: print: before\n"
	    "exercises/x.lua:3: error: attempt to index a nil value (local 't')\n");
}
END_TEST

/* An error of any size crosses from the child as at most 1 KiB of text,
   cut at a character and ending in "…", and is the script's own error
   (not a time-out), quickly. */
START_TEST(long_errors_are_cut)
{
	double t0 = util_now();
	char *said = error_of("error(string.rep('\\255', 20 * 1024 * 1024))",
	    NULL);
	size_t head = strlen("exercises/x.lua:1: error: ");

	ck_assert_int_eq(strncmp(said, "exercises/x.lua:1: error: \xEF\xBF\xBD",
	    head + 3), 0);
	/* 1024 bytes cut back to a character's start: 341 replacement
	   characters (3 bytes each) are kept, then "…". */
	ck_assert_uint_eq(strlen(said), head + 341 * 3 + 3 + 1);
	ck_assert_str_eq(said + head + 341 * 3, "\xE2\x80\xA6\n");
	ck_assert_msg(util_now() - t0 < 1.5, "took %.1f s", util_now() - t0);
	free(said);
	said = error_of("local s = string.rep('é', 600)\nerror(s .. 'end')", NULL);
	ck_assert_uint_eq(strlen(said), strlen("exercises/x.lua:2: error: ") +
	    1024 + 3 + 1);
	ck_assert_str_eq(said + strlen(said) - 6, "\xC3\xA9\xE2\x80\xA6\n");
	free(said);
	/* 1024 bytes are kept whole. */
	said = error_of("error(string.rep('x', 1024))", NULL);
	ck_assert_uint_eq(strlen(said), head + 1024 + 1);
	ck_assert_str_eq(said + head + 1020, "xxxx\n");
	free(said);
}
END_TEST

START_TEST(endless_loop_stopped)
{
	double t0 = util_now();

	ck_assert_error("local n = 0\nwhile true do\n  n = n + 1\nend\n",
	    "exercises/x.lua:3: error: script ran too long (more than 100 million steps)\n");
	ck_assert_msg(util_now() - t0 < SANDBOX_SECONDS + 1, "took %.1f s",
	    util_now() - t0);
	/* pcall does not catch it. */
	ck_assert_error("local ok = pcall(function()\n  while true do end\nend)\n"
	    "return ok",
	    "exercises/x.lua:2: error: script ran too long (more than 100 million steps)\n");
}
END_TEST

START_TEST(stuck_in_c_stopped_by_the_clock)
{
	double t0 = util_now(), took;

	/* Backtracking in C: no hook runs, only the wall clock stops it. */
	ck_assert_error("local s = string.rep('a', 20000)\n"
	    "return s:find('.-.-.-.-.-.-b')\n",
	    "exercises/x.lua: error: script did not finish within 2 seconds\n");
	took = util_now() - t0;
	ck_assert_msg(took >= SANDBOX_SECONDS - 0.1 && took < SANDBOX_SECONDS + 1.5,
	    "took %.1f s", took);
}
END_TEST

START_TEST(memory_bomb_stopped)
{
	ck_assert_error("local t = {}\nfor i = 1, 1e9 do\n  t[i] = {i, i}\nend\n",
	    "exercises/x.lua:3: error: script used more than 32 MiB of memory\n");
	/* One allocation past the hard bound, inside pcall: refused in C,
	   where no line is known. */
	ck_assert_error("local ok = pcall(string.rep, 'x', 100 * 1024 * 1024)\n"
	    "return ok",
	    "exercises/x.lua: error: script used more than 32 MiB of memory\n");
	/* Garbage that a collection gives back is not a bomb: 48 MiB made in
	   all, never more than a few kept. */
	ck_assert_value("for i = 1, 48 do\n  local s = string.rep('x', 1024 * 1024)\n"
	    "end\nreturn 'done'", "\"done\"");
}
END_TEST

/* A setup function: a global `field` that makes a marked table. */
static int
make_field(lua_State *L)
{
	lua_newtable(L);
	lua_pushvalue(L, 1);
	lua_setfield(L, -2, "id");
	sandbox_mark(L, -1);
	return 1;
}

static void
setup(lua_State *L)
{
	lua_pushcfunction(L, make_field);
	lua_setglobal(L, "field");
	lua_pushinteger(L, 7);
	lua_setglobal(L, "SEVEN");
}

START_TEST(setup_globals_and_marked_lines)
{
	char *said, *json = run_with("return {\n  seven = SEVEN,\n\n  f = field('a'),\n"
	    "  g = {field('b')},\n}\n", setup, &said);

	ck_assert_ptr_nonnull(json);
	ck_assert_str_eq(said, "");
	ck_assert_str_eq(json, "{\"f\":{\"$line\":4,\"id\":\"a\"},"
	    "\"g\":[{\"$line\":5,\"id\":\"b\"}],\"seven\":7}");
	free(json);
	free(said);
	/* A script's own "$line" (or any name with '$') is refused: it would
	   move the line an error is reported at. */
	said = error_of("return {\n  f = field('a'),\n  g = {{id = 'b', "
	    "['$line'] = 900}},\n}\n", setup);
	ck_assert_str_eq(said, "exercises/x.lua: error: '$line': a name that "
	    "begins with '$' is kept for mend's own use\n");
	free(said);
	said = error_of("return field({['$items'] = 1})", setup);
	ck_assert_str_eq(said, "exercises/x.lua:1: error: '$items': a name that "
	    "begins with '$' is kept for mend's own use\n");
	free(said);
	/* Without the setup, no such global. */
	said = error_of("return field('a')", NULL);
	ck_assert_str_eq(said, "exercises/x.lua:1: error: attempt to call a nil "
	    "value (global 'field')\n");
	free(said);
}
END_TEST

static Suite *
sandbox_suite(void)
{
	Suite *s = suite_create("sandbox");
	TCase *tc = tcase_create("results");

	tcase_add_test(tc, returned_value_as_json);
	tcase_add_test(tc, values_json_cannot_hold);
	tcase_add_test(tc, setup_globals_and_marked_lines);
	tcase_add_test(tc, prints_are_notes);
	suite_add_tcase(s, tc);
	tc = tcase_create("confinement");
	tcase_add_test(tc, no_way_out);
	tcase_add_test(tc, bytecode_script_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, errors_at_the_script_line);
	tcase_add_test(tc, long_errors_are_cut);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, endless_loop_stopped);
	tcase_add_test(tc, stuck_in_c_stopped_by_the_clock);
	tcase_add_test(tc, memory_bomb_stopped);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(sandbox_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
