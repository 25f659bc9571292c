/*
 * The region resolver: region_resolve() on any text, and region_lookup()
 * on the same text as a name.  Checks the region.h contract: a province
 * index in range exactly when the status is REGION_OK, candidates only
 * when ambiguous, and NUL-terminated result strings.
 */

#include "fuzz.h"

#include "addr/region.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct region_db *db;
	struct region_result res;
	char *s;
	int st, p;

	if (db == NULL && (db = region_db_load(NULL)) == NULL)
		abort();
	/* An exact-size copy, so that ASan sees any read past the end. */
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&res, 0x5a, sizeof res);
	st = region_resolve(db, s, size, &res);
	FZ_ASSERT(st == res.status);
	FZ_ASSERT(st >= REGION_OK && st <= REGION_FOREIGN);
	if (st == REGION_OK)
		FZ_ASSERT(res.province >= 0 && res.province < region_count(db));
	else
		FZ_ASSERT(res.province == -1);
	FZ_ASSERT(memchr(res.candidates, '\0', sizeof res.candidates) != NULL);
	FZ_ASSERT(memchr(res.matched, '\0', sizeof res.matched) != NULL);
	if (st == REGION_AMBIGUOUS)
		FZ_ASSERT(res.candidates[0] != '\0');
	p = region_lookup(db, s);
	FZ_ASSERT(p >= -1 && p < region_count(db));
	if (p >= 0) {
		FZ_ASSERT(region_name(db, p) != NULL);
		FZ_ASSERT(region_short(db, p) != NULL);
		FZ_ASSERT(region_code(db, p) != NULL);
	}
	free(s);
	return 0;
}
