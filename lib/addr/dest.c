#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#include "io/cell.h"
#include "addr/dest.h"

/* The longest an address is quoted in a message, in bytes. */
#define QUOTE_MAX 120

int
dest_resolve(const struct region_db *db, struct run *run,
    const struct record *r, int iprov, int iaddr, struct region_result *res,
    int warn)
{
	const char *s;
	size_t n;
	int st;

	s = run_field(run, r, iprov, &n);
	if (s == NULL || (!cell_bare(s, n) && cell_empty(s, n)))
		s = run_field(run, r, iaddr, &n);
	if (s == NULL || (!cell_bare(s, n) && cell_empty(s, n)))
		return DEST_NONE;
	st = region_resolve(db, s, n, res);
	if (!warn)
		return st;
	if (st == REGION_AMBIGUOUS)
		run_warn(run, "address '%.*s' fits several provinces (%s)",
		    (int)(n > QUOTE_MAX ? QUOTE_MAX : n), s, res->candidates);
	else if (st == REGION_UNKNOWN)
		run_warn(run, "no province found in address '%.*s'",
		    (int)(n > QUOTE_MAX ? QUOTE_MAX : n), s);
	return st;
}

int
dest_carrier_add(struct dest_carriers *cs, const char *name)
{
	int i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->name[i], name) == 0)
			return i;
	if (cs->n == DEST_MAX_CARRIERS)
		return -1;
	cs->name[cs->n] = xstrdup(name);
	cs->len[cs->n] = strlen(name);
	return cs->n++;
}

int
dest_carrier(const struct dest_carriers *cs, const char *name, size_t len)
{
	size_t best = 0;
	int i, c = -1;

	for (i = 0; i < cs->n; i++) {
		size_t k = cs->len[i];

		if (len >= k && k > best && memcmp(name, cs->name[i], k) == 0) {
			best = k;
			c = i;
		}
	}
	return c;
}

void
dest_carriers_free(struct dest_carriers *cs)
{
	int i;

	for (i = 0; i < cs->n; i++)
		free(cs->name[i]);
	cs->n = 0;
}
