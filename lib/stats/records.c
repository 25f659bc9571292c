/*
 * The records of a partial state (lib/stats/stats.h: stats_emit(),
 * stats_absorb()) and their seal; the file format around them (version
 * line, end record) is in lib/stats/partial.c.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/stats.h"

/* The counters of a group, by name, in the order they are written. */
static unsigned long long *
group_counter(struct stats_group *g, const char *name)
{
	if (strcmp(name, "tickets") == 0)
		return &g->tickets;
	if (strcmp(name, "timed") == 0)
		return &g->timed;
	if (strcmp(name, "resolved") == 0)
		return &g->resolved;
	if (strcmp(name, "closed_unres") == 0)
		return &g->closed_unres;
	if (strcmp(name, "reopen_known") == 0)
		return &g->reopen_known;
	if (strcmp(name, "reopened") == 0)
		return &g->reopened;
	if (strcmp(name, "fcr_known") == 0)
		return &g->fcr_known;
	if (strcmp(name, "fcr") == 0)
		return &g->fcr;
	if (strcmp(name, "nobuyer") == 0)
		return &g->nobuyer;
	return NULL;
}

static const char *const counter_names[] = { "tickets", "timed", "resolved",
    "closed_unres", "reopen_known", "reopened", "fcr_known", "fcr", "nobuyer",
    NULL };

static struct stats_store *
group_store(struct stats_group *g, const char *name)
{
	if (strcmp(name, "reply") == 0)
		return &g->reply;
	if (strcmp(name, "res") == 0)
		return &g->res;
	if (strcmp(name, "open") == 0)
		return &g->open;
	if (strcmp(name, "noreply") == 0)
		return &g->noreply;
	return NULL;
}

static const char *const store_names[] = { "reply", "res", "open", "noreply",
	NULL };

/* Emit ST as runs of equal values: (value, count). */
static void
emit_store(struct stats_store *st, const char *sec, const char *key,
    size_t klen, const char *name, stats_emit_fn fn, void *ctx)
{
	char v[32], c[32];
	size_t i = 0, j;

	store_sort(st);
	while (i < st->n) {
		for (j = i; j < st->n && store_at(st, j) == store_at(st, i); j++)
			;
		snprintf(v, sizeof v, "%lld", store_at(st, i));
		snprintf(c, sizeof c, "%zu", j - i);
		fn(ctx, sec, key, klen, name, v, c);
		i = j;
	}
}

static void
emit_meta(struct stats *s, stats_emit_fn fn, void *ctx)
{
	char v[32];

	snprintf(v, sizeof v, "%llu", s->read);
	fn(ctx, "meta", "", 0, "read", v, "");
	snprintf(v, sizeof v, "%llu", s->rejected);
	fn(ctx, "meta", "", 0, "rejected", v, "");
	if (s->has_latest) {
		snprintf(v, sizeof v, "%lld", s->latest);
		fn(ctx, "meta", "", 0, "latest", v, "");
	}
	if (s->has_earliest) {
		snprintf(v, sizeof v, "%lld", s->earliest);
		fn(ctx, "meta", "", 0, "earliest", v, "");
	}
	snprintf(v, sizeof v, "%d", s->reply_col | s->close_col << 1);
	fn(ctx, "meta", "", 0, "columns", v, "");
}

static void
emit_groups(struct stats *s, stats_emit_fn fn, void *ctx)
{
	char v[32];
	size_t i, k;

	for (i = 0; i < s->gmap.n; i++) {
		const char *key = s->gmap.key[i];
		size_t klen = s->gmap.klen[i];

		for (k = 0; counter_names[k] != NULL; k++) {
			unsigned long long c =
			    *group_counter(&s->g[i], counter_names[k]);

			if (c == 0 && k > 0)
				continue;
			snprintf(v, sizeof v, "%llu", c);
			fn(ctx, "g", key, klen, counter_names[k], v, "");
		}
		for (k = 0; store_names[k] != NULL; k++)
			emit_store(group_store(&s->g[i], store_names[k]), "v",
			    key, klen, store_names[k], fn, ctx);
	}
}

/* The emitter, for idset_each(). */
struct emit {
	stats_emit_fn fn;	/* where records go */
	void *ctx;		/* its context */
};

static void
emit_id(void *ctx, const char *id, size_t n)
{
	struct emit *e = ctx;

	e->fn(e->ctx, "id", id, n, "", "", "");
}

void
stats_emit(struct stats *s, stats_emit_fn fn, void *ctx)
{
	struct emit e;
	char v[32], c[32];
	size_t i;

	emit_meta(s, fn, ctx);
	emit_groups(s, fn, ctx);
	e.fn = fn;
	e.ctx = ctx;
	idset_each(&s->idset, emit_id, &e);
	for (i = 0; i < s->buyers.n; i++) {
		if (!s->b[i].seen)
			continue;
		snprintf(v, sizeof v, "%lld", s->b[i].t);
		snprintf(c, sizeof c, "%d", s->b[i].cls);
		fn(ctx, "b", s->buyers.key[i], s->buyers.klen[i], c,
		    s->b[i].has_t ? v : "", "");
	}
	/* Each group's buyers, buyer by buyer; all's follow from them. */
	for (i = 0; i < s->buyers.n; i++) {
		uint32_t k;

		if (s->b[i].g1 == 0)
			continue;
		fn(ctx, "gb", s->buyers.key[i], s->buyers.klen[i],
		    s->gmap.key[s->b[i].g1 - 1], "", "");
		for (k = s->b[i].more; k != 0; k = s->bg[k - 1].next)
			fn(ctx, "gb", s->buyers.key[i], s->buyers.klen[i],
			    s->gmap.key[s->bg[k - 1].g], "", "");
	}
	for (i = 0; i < s->products.n; i++) {
		emit_store(&s->q[i], "q", s->products.key[i],
		    s->products.klen[i], "", fn, ctx);
		if (s->qn[i] > 0) {
			snprintf(c, sizeof c, "%llu", s->qn[i]);
			fn(ctx, "q", s->products.key[i], s->products.klen[i],
			    "", "", c);
		}
	}
}

void
stats_seal_init(struct stats_seal *seal)
{
	seal->n = 0;
	seal->h = 14695981039346656037ULL;
}

/* Hash N bytes of S, then the separator SEP, into *H. */
static void
seal_bytes(uint64_t *h, const char *s, size_t n, unsigned char sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*h ^= (unsigned char)s[i];
		*h *= 1099511628211ULL;
	}
	*h ^= sep;
	*h *= 1099511628211ULL;
}

void
stats_seal_add(struct stats_seal *seal, const char *section, const char *key,
    size_t klen, const char *name, const char *value, const char *count)
{
	seal_bytes(&seal->h, section, strlen(section), 0x1f);
	seal_bytes(&seal->h, key, klen, 0x1f);
	seal_bytes(&seal->h, name, strlen(name), 0x1f);
	seal_bytes(&seal->h, value, strlen(value), 0x1f);
	seal_bytes(&seal->h, count, strlen(count), 0x1e);
	seal->n++;
}

char *
stats_seal_hex(const struct stats_seal *seal, char *buf)
{
	snprintf(buf, 17, "%016llx", (unsigned long long)seal->h);
	return buf;
}

/* Non-zero when T is a time a state may hold. */
static int
time_ok(long long t)
{
	return t >= STATS_TIME_MIN && t <= STATS_TIME_MAX;
}

/* Parse a whole decimal integer; 0, or -1 when S is not one. */
static int
parse_ll(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	return *s == '\0' || *end != '\0' || errno != 0 ? -1 : 0;
}

static int
absorb_meta(struct stats *s, const char *name, long long v)
{
	if (v < 0 && strcmp(name, "latest") != 0 &&
	    strcmp(name, "earliest") != 0)
		return -1;
	if ((strcmp(name, "latest") == 0 || strcmp(name, "earliest") == 0) &&
	    !time_ok(v))
		return -1;
	if (strcmp(name, "read") == 0) {
		if (s->read + (unsigned long long)v < s->read)
			return -1;
		s->read += (unsigned long long)v;
	}
	else if (strcmp(name, "rejected") == 0)
		s->rejected += (unsigned long long)v;
	else if (strcmp(name, "latest") == 0)
		stats_see_latest(s, 1, v);
	else if (strcmp(name, "earliest") == 0)
		stats_see_earliest(s, v);
	else if (strcmp(name, "columns") == 0 && v <= 3) {
		s->reply_col |= (int)(v & 1);
		s->close_col |= (int)(v >> 1);
	}
	else
		return -1;
	return 0;
}

static int
absorb_group(struct stats *s, const char *sec, const char *key, size_t klen,
    const char *name, long long v, long long c)
{
	struct stats_group *g = stats_group_get(s, key, klen, NULL);

	if (sec[0] == 'g') {
		unsigned long long *p = group_counter(g, name);

		if (p == NULL || v < 0 || (unsigned long long)v > s->read)
			return -1;
		*p += (unsigned long long)v;
		*group_counter(&s->all, name) += (unsigned long long)v;
		return 0;
	}
	if (group_store(g, name) == NULL || c < 1 ||
	    (unsigned long long)c > s->read)
		return -1;
	/* reply and res hold durations, open and noreply times. */
	if (name[0] == 'r' ? v < 0 || v > STATS_DURATION_MAX : !time_ok(v))
		return -1;
	store_addn(group_store(g, name), v, (unsigned long long)c);
	return 0;
}

int
stats_absorb(struct stats *s, const char *sec, const char *key, size_t klen,
    const char *name, const char *value, const char *count)
{
	long long v = 0, c = 0;
	int hasv = value[0] != '\0';

	if ((hasv && parse_ll(value, &v) != 0) ||
	    (count[0] != '\0' && parse_ll(count, &c) != 0))
		return -1;
	if (c < 0 || (unsigned long long)c > s->read)
		return -1;
	if (strcmp(sec, "meta") == 0)
		return hasv ? absorb_meta(s, name, v) : -1;
	if ((strcmp(sec, "g") == 0 || strcmp(sec, "v") == 0) && hasv)
		return absorb_group(s, sec, key, klen, name, v, c);
	if (strcmp(sec, "id") == 0)
		return stats_see_id(s, key, klen, NULL, 0) != NULL;
	if (strcmp(sec, "gb") == 0) {
		size_t gi;

		if (hasv || count[0] != '\0' || klen == 0)
			return -1;
		(void)stats_group_get(s, name, strlen(name), &gi);
		stats_count_buyer(s, gi, key, klen);
		return 0;
	}
	if (strcmp(sec, "b") == 0) {
		long long cls;

		if (parse_ll(name, &cls) != 0 || cls < 0 || cls >= STATS_NCLASS ||
		    (hasv && !time_ok(v)))
			return -1;
		stats_add_buyer(s, key, klen, hasv, v, (int)cls);
		return 0;
	}
	if (strcmp(sec, "q") == 0 && (hasv ? c >= 1 : c >= 1)) {
		int isnew2;
		size_t i;

		if (hasv) {
			if (!time_ok(v))
				return -1;
			while (c-- > 0)
				stats_add_quality(s, key, klen, 1, v);
			return 0;
		}
		stats_add_quality(s, key, klen, 0, 0);
		i = strmap_put(&s->products, key, klen, &isnew2);
		s->qn[i] += (unsigned long long)c - 1;
		return 0;
	}
	return -1;
}
