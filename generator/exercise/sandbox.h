/*
 * sandbox — run one Lua 5.4 script where it can do no harm, and get back
 * the value it returned, as JSON.
 *
 * Each script runs in a child process of its own (fork, no exec), in a
 * fresh lua_State with only the base library (no dofile, no loadfile; load
 * takes text chunks only; print is collected, not printed; setmetatable
 * refuses __gc, as Lua runs finalizers with hooks off), string (no
 * string.dump), table, math (seeded with 0, so math.random repeats) and
 * utf8: no io, os, package, require, debug or coroutine.  The chunk itself
 * is loaded as text only, so bytecode is refused.  Three limits hold:
 *
 *   memory        a custom allocator refuses more than SANDBOX_MEMORY_HARD
 *                 bytes, and past SANDBOX_MEMORY the script is stopped at
 *                 its next instruction (with its line) unless a full
 *                 garbage collection brings it back under;
 *   instructions  a count hook stops the script after SANDBOX_INSTRUCTIONS
 *                 Lua instructions ("script ran too long", with its line);
 *   time          the parent waits SANDBOX_SECONDS of wall time for the
 *                 result, then kills the child: this holds even inside a C
 *                 function (string.rep, a pathological pattern) where no
 *                 hook can run.  RLIMIT_CPU is a further backstop.
 *
 * The script cannot escape the first two with pcall: once a limit is hit,
 * pcall and xpcall pass the error on.  The child sends its result over a
 * pipe as JSON and leaves with _exit (no atexit handlers, no sanitizer
 * leak report for the throw-away child).
 *
 * The returned value becomes JSON thus: nil is null; booleans, strings
 * (which must be UTF-8 without NUL) and numbers as themselves (integers as
 * integers; NaN and infinities are errors); a table whose keys are exactly
 * 1..n is an array, an empty table is [], a table with string keys is an
 * object (a list part beside them goes under "$items"; any other key is an
 * error, and so is a name that begins with '$', so that a script cannot
 * forge what follows); a table marked with sandbox_mark also gets "$line":
 * the line of the script that marked it.  Functions, userdata and threads become
 * {"$lua": "function"} (and so on) for the caller to refuse by name.
 * Tables may be shared but not contain themselves.
 *
 * This module knows nothing about exercises: the caller's setup function
 * adds whatever globals the scripts may call.
 */
#ifndef MEND_SANDBOX_H
#define MEND_SANDBOX_H

#include <jansson.h>
#include <lua.h>
#include <stddef.h>

#define SANDBOX_MEMORY (32u << 20)       /* bytes a script may keep */
#define SANDBOX_MEMORY_HARD (64u << 20)  /* bytes the allocator ever grants */
#define SANDBOX_INSTRUCTIONS 100000000L  /* Lua VM instructions per script */
#define SANDBOX_SECONDS 2                /* wall time per script */

/*
 * Add globals to a fresh state before the script runs (in the child).  It
 * runs unprotected and must not raise errors.
 */
typedef void (*sandbox_setup_fn)(lua_State *L);

/*
 * Run text[0..len), the script at path ("exercises/NAME.lua", used as its
 * chunk name "@exercises/NAME.lua" and in diagnostics), and set *result to
 * the first value it returned, as JSON (owned by the caller).  What the
 * script printed is reported as notes at its lines.  An error message is
 * cut to 1 KiB (ending in "…") in the child.  Returns 0, or -1
 * after one diagnostic naming path (and the line, when one is known):
 *
 *     exercises/x.lua:3: error: attempt to call a nil value (global 'foo')
 *     exercises/x.lua: error: script did not finish within 2 seconds
 */
int sandbox_run(const char *path, const char *text, size_t len,
    sandbox_setup_fn setup, json_t **result);

/*
 * For setup's functions: remember the current line of the script's code
 * that called the running C function, for the table at index idx; the
 * table then carries "$line" in the JSON.  Tables are remembered weakly.
 */
void sandbox_mark(lua_State *L, int idx);

/*
 * The line of the script's innermost running code, from stack level
 * `level` outwards (1 is the caller of the running C function), or 0.
 */
int sandbox_line(lua_State *L, int level);

#endif
