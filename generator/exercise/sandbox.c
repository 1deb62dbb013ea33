/*
 * sandbox — a Lua script in a child process under memory, instruction and
 * time limits, its result back as JSON.  See sandbox.h for the contract.
 *
 * The parent forks, then only reads the pipe (with poll, up to the
 * deadline), reaps the child, and turns what it sent into diagnostics.
 * The child opens a fresh state, runs the script under a message handler,
 * converts the returned value to JSON, writes it and leaves with _exit.
 * Nothing the script does can reach the parent except those bytes, which
 * the parent parses as JSON and nothing else.
 */
#include "exercise/sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

#define HOOK_EVERY 1000          /* instructions between two count hooks */
#define MAX_DEPTH 100            /* nesting of returned tables */
#define MAX_VALUES 200000        /* values in the returned tables */
#define MAX_TEXT (16u << 20)     /* bytes of text in the returned tables */
#define MAX_PRINT 65536          /* bytes of print() output kept */
#define MAX_RESULT (128u << 20)  /* bytes the parent reads from a child */
#define LINES_KEY "mend.sandbox.lines"  /* registry: table -> line */
#define MAX_ERROR 1024           /* bytes of an error message kept */

#define MEMORY_MESSAGE "script used more than 32 MiB of memory"
#define TIME_MESSAGE "script ran too long (more than 100 million steps)"

enum fatal {
	FATAL_NONE,
	FATAL_MEMORY,  /* the memory limit was hit */
	FATAL_STEPS    /* the instruction budget was spent */
};

/* The one script a child process runs. */
struct child {
	lua_State *L;        /* NULL until lua_newstate has returned */
	const char *chunk;   /* "@exercises/x.lua" */
	size_t used;         /* bytes granted by the allocator and not freed */
	bool over;           /* used passed SANDBOX_MEMORY: the hook looks */
	int hook_every;      /* the count hook's current period */
	long steps;          /* instructions run, counted in hook periods */
	enum fatal fatal;    /* a limit was hit: pcall must pass errors on */
	json_t *prints;      /* [{line, text}] collected from print() */
	size_t printed;      /* bytes of print() output kept */
};

static struct child *the_child;  /* set in the child process only */

static void child_hook(lua_State *L, lua_Debug *ar);

/* ---- the child: limits ---- */

/*
 * The allocator: counts what it grants, refuses anything past the hard
 * limit, and past the soft limit asks the hook to look at the very next
 * instruction (where the script's line is known).
 */
static void *
child_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct child *c = ud;
	/* For a new block, osize is a type tag, not a size. */
	size_t old = ptr != NULL ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		c->used -= old;
		return NULL;
	}
	if (nsize > old && nsize - old > SANDBOX_MEMORY_HARD - c->used) {
		c->fatal = FATAL_MEMORY;
		return NULL;
	}
	if ((p = realloc(ptr, nsize)) == NULL) {
		if (nsize <= old)  /* Lua counts on shrinking never failing */
			return ptr;
		c->fatal = FATAL_MEMORY;
		return NULL;
	}
	c->used = c->used - old + nsize;
	if (c->used > SANDBOX_MEMORY && !c->over && c->L != NULL) {
		c->over = true;
		c->hook_every = 1;
		lua_sethook(c->L, child_hook, LUA_MASKCOUNT, 1);
	}
	return p;
}

/* Does msg start with "exercises/x.lua:LINE:"?  Returns LINE, or 0. */
static int
positioned(const char *msg, const char *chunk, size_t *skip)
{
	size_t n = strlen(chunk + 1);
	const char *p;
	long line = 0;

	if (strncmp(msg, chunk + 1, n) != 0 || msg[n] != ':')
		return 0;
	p = msg + n + 1;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9' && line < 100000000)
		line = line * 10 + (*p++ - '0');
	if (*p != ':')
		return 0;
	p++;
	if (*p == ' ')
		p++;
	if (skip != NULL)
		*skip = (size_t)(p - msg);
	return (int)line;
}

int
sandbox_line(lua_State *L, int level)
{
	lua_Debug ar;

	if (the_child == NULL)
		return 0;
	for (; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 &&
		    strcmp(ar.source, the_child->chunk) == 0)
			return ar.currentline;
	return 0;
}

/* Raise msg as an error at the line the script is running. */
static int
stop(lua_State *L, const char *msg)
{
	int line = sandbox_line(L, 0);

	if (line > 0)
		lua_pushfstring(
		    L, "%s:%d: %s", the_child->chunk + 1, line, msg);
	else
		lua_pushstring(L, msg);
	return lua_error(L);
}

static void
child_hook(lua_State *L, lua_Debug *ar)
{
	struct child *c = the_child;

	(void)ar;
	c->steps += c->hook_every;
	if (c->hook_every != HOOK_EVERY) {
		c->hook_every = HOOK_EVERY;
		lua_sethook(L, child_hook, LUA_MASKCOUNT, HOOK_EVERY);
	}
	if (c->over) {
		lua_gc(L, LUA_GCCOLLECT);  /* garbage does not count */
		c->over = c->used > SANDBOX_MEMORY;
		if (c->over) {
			c->fatal = FATAL_MEMORY;
			stop(L, MEMORY_MESSAGE);
		}
	}
	if (c->steps > SANDBOX_INSTRUCTIONS) {
		c->fatal = FATAL_STEPS;
		stop(L, TIME_MESSAGE);
	}
}

/* The message for the limit that was hit, or NULL. */
static const char *
fatal_message(const struct child *c)
{
	return c->fatal == FATAL_MEMORY ? MEMORY_MESSAGE :
	    c->fatal == FATAL_STEPS ? TIME_MESSAGE : NULL;
}

/*
 * The message handler: every error leaves with the script's line in front
 * when one is known, and a hit limit says which.
 */
static int
child_msgh(lua_State *L)
{
	struct child *c = the_child;
	const char *msg;
	int line;

	if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER) {
		size_t len;

		msg = lua_tolstring(L, 1, &len);
		if (len > 2 * MAX_ERROR)  /* set_error cuts it to MAX_ERROR */
			msg = lua_pushlstring(L, msg, 2 * MAX_ERROR);
	} else
		msg = lua_pushfstring(L,
		    "the script raised an error that is not "
		    "text (a %s value)",
		    luaL_typename(L, 1));
	if (fatal_message(c) != NULL && strstr(msg, fatal_message(c)) == NULL) {
		line = positioned(msg, c->chunk, NULL);
		/* whatever else went wrong on the way */
		msg = fatal_message(c);
	} else {
		if (positioned(msg, c->chunk, NULL) > 0)
			return 1;
		line = 0;
	}
	if (line == 0)
		line = sandbox_line(L, 1);
	if (line > 0)
		lua_pushfstring(L, "%s:%d: %s", c->chunk + 1, line, msg);
	else
		lua_pushstring(L, msg);
	return 1;
}

/* ---- the child: the library the script sees ---- */

/* pcall, except that a hit limit is passed on, not caught. */
static int
sb_pcall(lua_State *L)
{
	int status;

	luaL_checkany(L, 1);
	status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
	if (status != LUA_OK && the_child->fatal != FATAL_NONE)
		return lua_error(L);
	lua_pushboolean(L, status == LUA_OK);
	lua_insert(L, 1);
	return status == LUA_OK ? lua_gettop(L) : 2;
}

/*
 * The handler xpcall installs: the script's own (upvalue 1), except after
 * a limit was hit.  The error raised by the hook leaves hooks off until it
 * is caught, so the script's handler would then run unlimited.
 */
static int
sb_msgh(lua_State *L)
{
	if (the_child->fatal != FATAL_NONE)
		return 1;  /* the error goes on regardless */
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* xpcall(f, msgh, ...), with the same exception. */
static int
sb_xpcall(lua_State *L)
{
	int status, n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, sb_msgh, 1);
	lua_replace(L, 2);
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_replace(L, 1);  /* the handler first, then f and its arguments */
	lua_replace(L, 2);
	status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
	if (status != LUA_OK && the_child->fatal != FATAL_NONE)
		return lua_error(L);
	lua_pushboolean(L, status == LUA_OK);
	lua_replace(L, 1);  /* over the handler */
	return status == LUA_OK ? lua_gettop(L) : 2;
}

/* load(chunk [, name [, mode [, env]]]), always with mode "t". */
static int
sb_load(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 1);
	if (n >= 2)
		lua_pushvalue(L, 2);
	else
		lua_pushnil(L);
	lua_pushliteral(L, "t");
	if (n >= 4)  /* an env given as nil is not an env left out */
		lua_pushvalue(L, 4);
	lua_call(L, n >= 4 ? 4 : 3, LUA_MULTRET);
	return lua_gettop(L) - n;
}

/*
 * setmetatable, refusing finalizers: Lua runs __gc with hooks off, where
 * the instruction budget could not stop it.
 */
static int
sb_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L,
			    "finalizers (__gc) are not available to "
			    "exercise scripts");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/*
 * text[0..len) as a JSON string: bad UTF-8 and control characters
 * replaced; past max bytes of that, the rest is left out and "…" ends it.
 */
static json_t *
clean_text(const char *text, size_t len, size_t max)
{
	struct buf out = BUF_INIT;
	size_t off = 0, used;
	json_t *s;

	while (off < len) {
		long c = util_utf8_decode((const unsigned char *)text + off,
		    len - off, &used);
		size_t before = out.len;

		if (c < 0)
			BUF_PUTSL(&out, "\xEF\xBF\xBD");
		else if (c < 0x20 || c == 0x7F)
			buf_putc(&out, ' ');
		else
			buf_put(&out, text + off, used);
		if (out.len > max) {  /* this character does not fit */
			out.len = before;
			BUF_PUTSL(&out, "\xE2\x80\xA6");
			break;
		}
		off += used;
	}
	s = json_stringn(buf_str(&out), out.len);
	buf_free(&out);
	return s;
}

/* print(...): kept, with the line, for the parent to show as notes. */
static int
sb_print(lua_State *L)
{
	struct child *c = the_child;
	int i, n = lua_gettop(L);
	json_t *entry;
	const char *s;
	size_t len;

	for (i = 1; i <= n; i++) {
		luaL_tolstring(L, i, NULL);
		if (i < n)
			lua_pushliteral(L, "\t");
	}
	lua_concat(L, n > 0 ? 2 * n - 1 : 0);
	s = lua_tolstring(L, -1, &len);
	if (c->printed >= MAX_PRINT)
		return 0;
	if (len > MAX_PRINT - c->printed)
		len = MAX_PRINT - c->printed;
	c->printed += len + 1;
	entry = json_object();
	json_object_set_new(entry, "line", json_integer(sandbox_line(L, 1)));
	json_object_set_new(entry, "text", c->printed < MAX_PRINT ?
	    clean_text(s, len, SIZE_MAX) : json_string("(more printed output left out)"));
	json_array_append_new(c->prints, entry);
	return 0;
}

void
sandbox_mark(lua_State *L, int idx)
{
	int line = sandbox_line(L, 1);

	idx = lua_absindex(L, idx);
	if (line <= 0)
		return;
	lua_getfield(L, LUA_REGISTRYINDEX, LINES_KEY);
	lua_pushvalue(L, idx);
	lua_pushinteger(L, line);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

/* Open the libraries a script may use, and close what it may not. */
static void
open_safe_libs(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base },
		{ LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },
		{ NULL, NULL }
	};
	const luaL_Reg *lib;

	for (lib = libs; lib->func != NULL; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	lua_setglobal(L, "dofile");
	lua_pushnil(L);
	lua_setglobal(L, "loadfile");
	lua_getglobal(L, "load");
	lua_pushcclosure(L, sb_load, 1);
	lua_setglobal(L, "load");
	lua_getglobal(L, "setmetatable");
	lua_pushcclosure(L, sb_setmetatable, 1);
	lua_setglobal(L, "setmetatable");
	lua_pushcfunction(L, sb_pcall);
	lua_setglobal(L, "pcall");
	lua_pushcfunction(L, sb_xpcall);
	lua_setglobal(L, "xpcall");
	lua_pushcfunction(L, sb_print);
	lua_setglobal(L, "print");
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	/* The same numbers every run, so a build is reproducible. */
	lua_getglobal(L, LUA_MATHLIBNAME);
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, 0);
	lua_call(L, 1, 0);
	lua_pop(L, 1);
	/* Marked tables, by weak key. */
	lua_newtable(L);
	lua_newtable(L);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, LINES_KEY);
}

/* ---- the child: the returned value as JSON ---- */

struct convert {
	const void *path[MAX_DEPTH];  /* tables being converted, outer first */
	int depth;                    /* how many of path are in use */
	size_t values;                /* converted so far */
	size_t text;                  /* bytes of strings converted so far */
	struct buf error;             /* the first problem, empty when none */
	int error_line;               /* its line, or 0 */
};

static json_t *to_json(lua_State *L, struct convert *cv, int idx, int line,
    const char *what);

static json_t *
fail(struct convert *cv, int line, const char *what, const char *problem)
{
	if (cv->error.len == 0) {
		if (what != NULL)
			buf_printf(&cv->error, "'%s': ", what);
		buf_puts(&cv->error, problem);
		cv->error_line = line;
	}
	return NULL;
}

static json_t *
string_json(lua_State *L, struct convert *cv, int idx, int line,
    const char *what)
{
	size_t len;
	const char *s = lua_tolstring(L, idx, &len);

	if ((cv->text += len) > MAX_TEXT)
		return fail(cv, line, NULL, "the returned tables hold too much "
		    "text");
	if (memchr(s, '\0', len) != NULL)
		return fail(cv, line, what, "text contains a NUL character");
	if (!util_utf8_valid(s, len, NULL))
		return fail(cv, line, what, "text is not valid UTF-8");
	return json_stringn(s, len);
}

/* The table at idx (absolute) as an array or object. */
static json_t *
table_json(lua_State *L, struct convert *cv, int idx, int line,
    const char *what)
{
	const void *self = lua_topointer(L, idx);
	lua_Integer count = 0, max = 0, i;
	size_t nnames = 0;
	json_t *list = NULL, *obj = NULL, *v;
	int d, own_line = 0;

	for (d = 0; d < cv->depth; d++)
		if (cv->path[d] == self)
			return fail(cv, line, what, "a table contains itself");
	if (cv->depth == MAX_DEPTH)
		return fail(cv, line, what, "tables are nested too deeply");
	luaL_checkstack(L, 8, NULL);
	lua_getfield(L, LUA_REGISTRYINDEX, LINES_KEY);
	lua_pushvalue(L, idx);
	if (lua_rawget(L, -2) == LUA_TNUMBER)
		line = own_line = (int)lua_tointeger(L, -1);
	lua_pop(L, 2);
	/* Look at the keys first: names, list positions, or something else. */
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			nnames++;
		else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) > 0) {
			count++;
			if (lua_tointeger(L, -1) > max)
				max = lua_tointeger(L, -1);
		} else {
			lua_pop(L, 1);
			return fail(cv, line, what,
			    "a table's keys must be names or "
			    "list positions 1, 2, 3...");
		}
	}
	if (max != count)
		return fail(cv, line, what,
		    "a list has a gap: a position without "
		    "a value");
	cv->path[cv->depth++] = self;
	if (count > 0 || nnames == 0) {
		list = json_array();
		for (i = 1; i <= count && cv->error.len == 0; i++) {
			char where[48];

			snprintf(where, sizeof(where), "%.16s[%lld]",
			    what ? what : "list", (long long)i);
			lua_rawgeti(L, idx, i);
			v = to_json(L, cv, lua_gettop(L), line, where);
			lua_pop(L, 1);
			if (v != NULL)
				json_array_append_new(list, v);
		}
	}
	if (nnames > 0) {
		obj = json_object();
		lua_pushnil(L);
		while (cv->error.len == 0 && lua_next(L, idx) != 0) {
			if (lua_type(L, -2) == LUA_TSTRING) {
				const char *key = lua_tostring(L, -2);
				json_t *k = string_json(L, cv, -2, line, NULL);

				if (k != NULL && key[0] == '$') {
					json_decref(k);  /* "$line" is mend's */
					k = fail(cv, line, key, "a name that "
					    "begins with '$' is kept for mend's "
					    "own use");
				}

				json_decref(k);  /* only checked */
				v = k ? to_json(L, cv, lua_gettop(L), line, key)
				      : NULL;
				if (v != NULL)
					json_object_set_new(obj, key, v);
			}
			lua_pop(L, 1);
		}
		if (cv->error.len != 0)
			lua_pop(L, 1);  /* the key lua_next left */
		if (list != NULL)
			json_object_set_new(obj, "$items", list);
		list = NULL;
		if (own_line > 0)
			json_object_set_new(
			    obj, "$line", json_integer(own_line));
	}
	cv->depth--;
	if (cv->error.len != 0) {
		json_decref(list);
		json_decref(obj);
		return NULL;
	}
	return obj != NULL ? obj : list;
}

static json_t *
to_json(lua_State *L, struct convert *cv, int idx, int line, const char *what)
{
	json_t *marker;

	if (++cv->values > MAX_VALUES)
		return fail(cv, line, NULL, "the returned tables hold too many "
		    "values");
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		return json_null();
	case LUA_TBOOLEAN:
		return json_boolean(lua_toboolean(L, idx));
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			return json_integer((json_int_t)lua_tointeger(L, idx));
		if (!isfinite(lua_tonumber(L, idx)))
			return fail(cv, line, what, "not a finite number");
		return json_real(lua_tonumber(L, idx));
	case LUA_TSTRING:
		return string_json(L, cv, idx, line, what);
	case LUA_TTABLE:
		return table_json(L, cv, idx, line, what);
	default:
		marker = json_object();
		json_object_set_new(marker, "$lua",
		    json_string(luaL_typename(L, idx)));
		return marker;
	}
}

/* Protected: convert the value at 1 into the struct convert at 2. */
static int
convert_value(lua_State *L)
{
	struct convert *cv = lua_touserdata(L, 2);
	json_t *v = to_json(L, cv, 1, 0, NULL);

	lua_pushlightuserdata(L, v);
	return 1;
}

/* ---- the child: running it all ---- */

/*
 * Split a positioned message into line and text for the parent; text past
 * MAX_ERROR bytes is cut and ends in "…", so a script cannot send the
 * parent (or the terminal) an error of any size.
 */
static void
set_error(json_t *out, const char *chunk, const char *msg, int line)
{
	size_t skip = 0;
	int at = positioned(msg, chunk, &skip);

	if (at > 0) {
		line = at;
		msg += skip;
	}
	json_object_set_new(out, "error", clean_text(msg, strlen(msg), MAX_ERROR));
	json_object_set_new(out, "line", json_integer(line));
}

/* What a failed load or call left on the stack, as the child's answer. */
static void
script_failed(lua_State *L, struct child *c, int status, json_t *out)
{
	const char *msg = lua_tostring(L, -1);

	if (fatal_message(c) != NULL && (status == LUA_ERRMEM ||
	    status == LUA_ERRERR || msg == NULL ||
	    strstr(msg, fatal_message(c)) == NULL))
		msg = fatal_message(c);
	else if (msg == NULL)
		msg = "the script failed without a message";
	else if (strncmp(msg, "attempt to load a binary chunk", 30) == 0)
		msg = "the script is compiled Lua; mend runs Lua source text "
		      "only";
	set_error(out, c->chunk, msg, 0);
}

static void
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		data += n;
		len -= (size_t)n;
	}
}

static MEND_NORETURN void
child_main(int fd, const char *path, const char *text, size_t len,
    sandbox_setup_fn setup)
{
	static struct child c;
	struct rlimit cpu = { SANDBOX_SECONDS + 1, SANDBOX_SECONDS + 2 };
	struct rlimit core = { 0, 0 };
	struct convert cv;
	json_t *out = json_object(), *value;
	struct buf chunk = BUF_INIT;
	lua_State *L;
	char *dump = NULL;
	int status;

	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_CORE, &core);
	buf_printf(&chunk, "@%s", path);
	c.chunk = buf_str(&chunk);
	c.hook_every = HOOK_EVERY;
	c.prints = json_array();
	the_child = &c;
	json_object_set_new(out, "prints", c.prints);
	if ((L = lua_newstate(child_alloc, &c)) == NULL) {
		set_error(out, c.chunk, MEMORY_MESSAGE, 0);
		goto send;
	}
	c.L = L;
	open_safe_libs(L);
	if (setup != NULL)
		setup(L);
	lua_pushcfunction(L, child_msgh);
	status = luaL_loadbufferx(L, text, len, c.chunk, "t");
	if (status != LUA_OK) {
		script_failed(L, &c, status, out);
		goto send;
	}
	lua_sethook(L, child_hook, LUA_MASKCOUNT, HOOK_EVERY);
	status = lua_pcall(L, 0, 1, 1);
	if (status != LUA_OK) {
		script_failed(L, &c, status, out);
		goto send;
	}
	memset(&cv, 0, sizeof(cv));
	lua_pushcfunction(L, convert_value);
	lua_insert(L, -2);
	lua_pushlightuserdata(L, &cv);
	status = lua_pcall(L, 2, 1, 0);
	value = status == LUA_OK ? lua_touserdata(L, -1) : NULL;
	if (status != LUA_OK)
		script_failed(L, &c, status, out);
	else if (value == NULL)
		set_error(out, c.chunk, cv.error.len ? buf_str(&cv.error) :
		    "internal error: the returned value could not be converted",
		    cv.error_line);
	else
		json_object_set_new(out, "value", value);
send:
	if ((dump = json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL)
		write_all(fd, dump, strlen(dump));
	close(fd);
	/*
	 * Tidy up for memory checkers that follow the fork (valgrind).  No
	 * script code runs in lua_close: finalizers are refused, and nothing
	 * to be closed is left on the stack.
	 */
	if (L != NULL)
		lua_close(L);
	free(dump);
	json_decref(out);
	buf_free(&chunk);
	_exit(0);  /* no atexit handlers: the parent's, not ours */
}

/* ---- the parent ---- */

enum collected {
	COLLECTED,  /* the pipe was read to its end and the child reaped */
	TIMED_OUT,  /* the deadline passed: the child was killed */
	TOO_MUCH    /* the child sent more than MAX_RESULT: killed */
};

/*
 * Read the child's answer until it closes the pipe, and reap it, all
 * before the deadline; past it, kill the child.  *wstatus is its wait
 * status either way.
 */
static enum collected
collect(int fd, pid_t pid, struct buf *answer, int *wstatus)
{
	double deadline = util_now() + SANDBOX_SECONDS;
	enum collected why = TIMED_OUT;
	struct pollfd p;
	bool open = true;
	char chunk[65536];
	ssize_t n;
	int left;

	for (;;) {
		left = (int)((deadline - util_now()) * 1000.0 + 0.5);
		if (left <= 0)
			break;
		if (!open) {  /* the pipe is closed: wait for the exit itself */
			pid_t r = waitpid(pid, wstatus, WNOHANG);

			if (r == pid || (r < 0 && errno != EINTR))
				return COLLECTED;
			poll(NULL, 0, left < 5 ? left : 5);
			continue;
		}
		p.fd = fd;
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, left) < 0 && errno != EINTR)
			break;
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			open = false;
		else if (answer->len + (size_t)n > MAX_RESULT) {
			why = TOO_MUCH;
			break;
		} else
			buf_put(answer, chunk, (size_t)n);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
		;
	return why;
}

/* Report the prints the child collected, as notes at their lines. */
static void
report_prints(const char *path, const json_t *prints)
{
	size_t i;

	for (i = 0; i < json_array_size(prints); i++) {
		const json_t *p = json_array_get(prints, i);

		diag_report(DIAG_NOTE, NULL, path,
		    (int)json_integer_value(json_object_get(p, "line")), 0,
		    NULL, "print: %s",
		    json_string_value(json_object_get(p, "text")));
	}
}

int
sandbox_run(const char *path, const char *text, size_t len,
    sandbox_setup_fn setup, json_t **result)
{
	struct buf answer = BUF_INIT;
	json_t *doc = NULL;
	const json_t *error;
	enum collected how;
	int fds[2], wstatus = 0, status = -1;
	pid_t pid;

	*result = NULL;
	if (pipe(fds) != 0) {
		diag_error(
		    path, 0, 0, "cannot run the script: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);  /* the child must not inherit unwritten output */
	if ((pid = fork()) < 0) {
		diag_error(
		    path, 0, 0, "cannot run the script: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_main(fds[1], path, text, len, setup);
	}
	close(fds[1]);
	how = collect(fds[0], pid, &answer, &wstatus);
	close(fds[0]);
	if (how == TIMED_OUT) {
		diag_error(path, 0, 0,
		    "script did not finish within %d seconds", SANDBOX_SECONDS);
		goto done;
	}
	if (how == TOO_MUCH) {
		diag_error(path, 0, 0,
		    "internal error: the script's process sent "
		    "more than %u MiB",
		    MAX_RESULT >> 20);
		goto done;
	}
	doc = json_loadb(buf_str(&answer), answer.len, 0, NULL);
	if (!json_is_object(doc)) {
		if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)
			diag_error(path, 0, 0,
			    "script did not finish within %d "
			    "seconds of processor time",
			    SANDBOX_SECONDS + 1);
		else if (WIFSIGNALED(wstatus))
			diag_error(path, 0, 0,
			    "script stopped unexpectedly (signal %d)",
			    WTERMSIG(wstatus));
		else
			diag_error(path, 0, 0,
			    "internal error: the script's process "
			    "sent no result (exit status %d)",
			    WEXITSTATUS(wstatus));
		goto done;
	}
	report_prints(path, json_object_get(doc, "prints"));
	if ((error = json_object_get(doc, "error")) != NULL) {
		diag_error(path,
		    (int)json_integer_value(json_object_get(doc, "line")), 0,
		    "%s", json_string_value(error));
		goto done;
	}
	*result = json_incref(json_object_get(doc, "value"));
	if (*result == NULL)
		*result = json_null();
	status = 0;
done:
	json_decref(doc);
	buf_free(&answer);
	return status;
}
