/*
 * hash — string sets and maps for the checks.  See hash.h.
 *
 * Each slot keeps the key's full hash, so a probe compares bytes only when
 * the hashes agree, and growing never hashes a key again.  Keys live in
 * chunks of an arena owned by the table, each twice the size of the last
 * up to ARENA_MAX: a few allocations per table rather than one per key,
 * and a small table (a page's ids) stays small.
 */
#include "lib/hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

#define ARENA_MIN 256   /* bytes in the first arena chunk */
#define ARENA_MAX 65536 /* bytes in a chunk, unless a key is larger */

struct slot {
	const char *key; /* the table's copy, or NULL for an empty slot */
	size_t len;      /* bytes in key */
	uint64_t hash;   /* FNV-1a of the key */
	size_t value;    /* what the caller stored */
};

struct chunk {
	struct chunk *next; /* the chunk filled before this one */
	size_t used;        /* bytes of data taken */
	size_t cap;         /* bytes of data allocated */
	char data[];        /* the keys, each NUL-terminated */
};

struct hash {
	struct slot *slots;  /* nslots entries */
	size_t nslots;       /* a power of two */
	size_t count;        /* slots in use, at most nslots / 2 */
	struct chunk *arena; /* the chunk being filled, or NULL */
};

uint64_t
hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
fnv1a(const char *key, size_t len)
{
	uint64_t h = hash_bytes(HASH_SEED, key, len);

	return h ^ (h >> 32); /* mix the high bits into the ones masked */
}

struct hash *
hash_new(size_t expected)
{
	struct hash *h = xcalloc(1, sizeof(*h));
	size_t n = 16;

	while (n < expected * 2) /* at most half full before it grows */
		n *= 2;
	h->slots = xcalloc(n, sizeof(*h->slots));
	h->nslots = n;
	return h;
}

void
hash_free(struct hash *h)
{
	struct chunk *c, *next;

	if (h == NULL)
		return;
	for (c = h->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(h->slots);
	free(h);
}

/* Copy key[0..len) into the arena, NUL-terminated. */
static const char *
arena_copy(struct hash *h, const char *key, size_t len)
{
	struct chunk *c = h->arena;
	char *copy;

	if (c == NULL || c->cap - c->used < len + 1) {
		/* Chunks double, so small tables stay small. */
		size_t cap = c != NULL ? c->cap * 2 : ARENA_MIN;

		if (cap > ARENA_MAX)
			cap = ARENA_MAX;
		if (cap < len + 1)
			cap = len + 1;
		c = xmalloc(sizeof(*c) + cap);
		c->next = h->arena;
		c->used = 0;
		c->cap = cap;
		h->arena = c;
	}
	copy = c->data + c->used;
	memcpy(copy, key, len);
	copy[len] = '\0';
	c->used += len + 1;
	return copy;
}

/* The slot holding key, or the empty slot where it would go. */
static struct slot *
find_slot(struct slot *slots, size_t nslots, const char *key, size_t len,
    uint64_t hash)
{
	size_t mask = nslots - 1, i = (size_t)hash & mask;

	for (;;) {
		struct slot *s = &slots[i];

		if (s->key == NULL || (s->hash == hash && s->len == len &&
		                          memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & mask; /* never full, so this ends */
	}
}

static void
grow(struct hash *h)
{
	size_t n = h->nslots * 2, i;
	struct slot *slots = xcalloc(n, sizeof(*slots));

	for (i = 0; i < h->nslots; i++) {
		struct slot *old = &h->slots[i];

		if (old->key != NULL)
			*find_slot(slots, n, old->key, old->len, old->hash) =
			    *old;
	}
	free(h->slots);
	h->slots = slots;
	h->nslots = n;
}

bool
hash_add(struct hash *h, const char *key, size_t len, size_t value, size_t *old)
{
	uint64_t hash = fnv1a(key, len);
	struct slot *s;

	if ((h->count + 1) * 2 > h->nslots) /* would it pass half full? */
		grow(h);
	s = find_slot(h->slots, h->nslots, key, len, hash);
	if (s->key != NULL) {
		if (old != NULL)
			*old = s->value;
		return false;
	}
	s->key = arena_copy(h, key, len);
	s->len = len;
	s->hash = hash;
	s->value = value;
	h->count++;
	return true;
}

bool
hash_get(const struct hash *h, const char *key, size_t len, size_t *value)
{
	struct slot *s;

	if (h == NULL || h->count == 0)
		return false;
	s = find_slot(h->slots, h->nslots, key, len, fnv1a(key, len));
	if (s->key == NULL)
		return false;
	if (value != NULL)
		*value = s->value;
	return true;
}

size_t
hash_count(const struct hash *h)
{
	return h != NULL ? h->count : 0;
}

const char *
hash_next(const struct hash *h, size_t *pos, size_t *len)
{
	if (h == NULL)
		return NULL;
	for (; *pos < h->nslots; (*pos)++)
		if (h->slots[*pos].key != NULL) {
			if (len != NULL)
				*len = h->slots[*pos].len;
			return h->slots[(*pos)++].key;
		}
	return NULL;
}
