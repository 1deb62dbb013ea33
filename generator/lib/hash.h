/*
 * hash — a set of strings with a number for each: open addressing with
 * linear probing over a power-of-two table that never gets more than half
 * full, keyed by FNV-1a.
 *
 * Keys are byte strings given with their length (they need not be
 * NUL-terminated, so a part of a longer string can be looked up without a
 * copy).  The table copies each key it adds into its own arena, so callers
 * may free theirs.  Nothing is ever removed: the checks build a table,
 * look things up, and free the whole table.  A table is not locked; any
 * number of threads may look up in a table no thread is adding to.
 */
#ifndef MEND_HASH_H
#define MEND_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hash;

/*
 * A new, empty table sized for about expected keys (it grows past that).
 * The caller owns it and frees it with hash_free.
 */
struct hash *hash_new(size_t expected);
/* Free the table and its copies of the keys; h may be NULL. */
void hash_free(struct hash *h);

/*
 * Add key[0..len) with value.  Returns true when it was added; false when
 * the key was already there, in which case the table is unchanged and,
 * when old is not NULL, *old is the value the key already has.
 */
bool hash_add(
    struct hash *h, const char *key, size_t len, size_t value, size_t *old);

/*
 * Look key[0..len) up.  Returns true and sets *value (when value is not
 * NULL) if it is there; false otherwise.  h may be NULL (an empty table).
 */
bool hash_get(const struct hash *h, const char *key, size_t len, size_t *value);

/* The number of keys in the table. */
size_t hash_count(const struct hash *h);

/*
 * FNV-1a: h carried over data[0..len).  Start from HASH_SEED; a hash of
 * several pieces passes each result on to the next.  Not for secrets: it
 * tells files apart (offline.c's version of a site), nothing more.
 */
#define HASH_SEED 14695981039346656037ULL
uint64_t hash_bytes(uint64_t h, const void *data, size_t len);

/*
 * Walk the keys, in no particular order: start with *pos = 0; each call
 * returns the next key (NUL-terminated, the table's, with its length in
 * *len when len is not NULL) and moves *pos on, or NULL at the end.
 * h may be NULL.
 */
const char *hash_next(const struct hash *h, size_t *pos, size_t *len);

#endif
