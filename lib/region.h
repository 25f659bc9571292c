#ifndef CS_REGION_H
#define CS_REGION_H

/*
 * Address -> province-level division, from the GB/T 2260 gazetteer in
 * data/ (compiled in).
 *
 * CONTRACT (implementation in lib/region.c):
 * - region_db_load(NULL) loads the embedded gazetteer; a path loads a
 *   replacement with the same format, reporting errors as FILE:LINE.
 * - region_resolve() takes a province field or a free-text address (UTF-8,
 *   simplified or traditional characters, any spacing, an optional trailing
 *   postcode) and finds the province-level division it is in: full names
 *   (浙江省, 广西壮族自治区), short names (浙江, 广西), one-character
 *   abbreviations when the field is just that (沪, 浙), city or county names
 *   without a province (杭州市西湖区 -> 浙江; 浦东新区 -> 上海), old names,
 *   Hong Kong, Macau, Taiwan.  A name shared by several provinces with
 *   nothing else to decide gives REGION_AMBIGUOUS with the candidates,
 *   never a guess.  A foreign address gives REGION_FOREIGN.
 * - Thread-compatible: the db is read-only after loading.
 */

#include <stddef.h>

enum region_status {
	REGION_OK,		/* province found */
	REGION_UNKNOWN,		/* nothing recognised */
	REGION_AMBIGUOUS,	/* several provinces fit equally */
	REGION_FOREIGN		/* outside China */
};

struct region_db;

struct region_result {
	int status;		/* enum region_status */
	int province;		/* province index (see region_name), -1 if none */
	char candidates[160];	/* REGION_AMBIGUOUS: "北京市/吉林省", else "" */
	char matched[64];	/* the name that decided, for --explain */
};

/* Load the gazetteer (NULL: embedded).  Returns NULL after printing an error. */
struct region_db *region_db_load(const char *path);

/* Free DB. */
void region_db_free(struct region_db *db);

/* Resolve TEXT[0..LEN) into RES.  Returns RES->status. */
int region_resolve(const struct region_db *db, const char *text, size_t len,
    struct region_result *res);

/* Number of province-level divisions (34 with HK, MO, TW). */
int region_count(const struct region_db *db);

/* Full official name of province I, e.g. "浙江省". */
const char *region_name(const struct region_db *db, int i);

/* Short name of province I, e.g. "浙江", "内蒙古", "香港". */
const char *region_short(const struct region_db *db, int i);

/* Six-digit code of province I, e.g. "330000". */
const char *region_code(const struct region_db *db, int i);

/* Index of the province called NAME (full or short name, or code), or -1. */
int region_lookup(const struct region_db *db, const char *name);

#endif
