#ifndef CS_REGION_H
#define CS_REGION_H

/*
 * Address -> province-level division, from the GB/T 2260 gazetteer in
 * data/ (compiled in).
 *
 * CONTRACT (implementation in lib/addr/region.c):
 * - region_db_load(NULL) loads the embedded gazetteer (data/divisions.csv,
 *   divisions-hk-mo-tw.csv, divisions-former.csv) and the embedded
 *   data/region-aliases.csv; a path loads a replacement for
 *   divisions.csv with the same format (CSV, header
 *   code,name,level,province_code,province,city, '#' comments), reporting
 *   errors as FILE:LINE.  The embedded Hong Kong/Macau/Taiwan, former-name
 *   and alias rows are then applied to the provinces the replacement has.
 * - region_resolve() takes a province field or a free-text address (UTF-8,
 *   simplified or traditional characters, any spacing, an optional trailing
 *   postcode) and finds the province-level division it is in: full names
 *   (浙江省, 广西壮族自治区), short names (浙江, 广西), one-character
 *   abbreviations when the field is just that (沪, 浙), city or county names
 *   without a province (杭州市西湖区 -> 浙江; 浦东新区 -> 上海), old names,
 *   Hong Kong, Macau, Taiwan.  A name shared by several provinces with
 *   nothing else to decide gives REGION_AMBIGUOUS with the candidates,
 *   never a guess.  A foreign address gives REGION_FOREIGN.
 *   The leftmost name decides: a leading province or city wins over later
 *   names, and a name followed by 路, 街, 巷, 号, 大道 ... is a street
 *   (广州市越秀区北京路 is in 广东).  Only the first 160 characters are
 *   looked at.  Names and addresses are normalised as by
 *   norm_codepoint_with() (lib/text/normalize.h), with white space, NUL
 *   and U+00A0 as blanks.  No allocation; about 100 ns per typical
 *   address.
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
	char matched[64];	/* the name that decided, for --explain, or "" */
};

/*
 * Load the gazetteer (PATH NULL: the embedded one; else a replacement for
 * divisions.csv).  Returns NULL after printing "FILE:LINE: message" for
 * every error found.  Exits with CS_FATAL when out of memory.
 */
struct region_db *region_db_load(const char *path);

struct normalizer;

/*
 * region_db_load() matching with Z, the process's one normaliser
 * (lib/text/normalize.h), which must outlive the db.  Z NULL: the db
 * builds its own (what region_db_load() does).
 */
struct region_db *region_db_load_with(const char *path,
    const struct normalizer *z);

/* Free DB (NULL is fine). */
void region_db_free(struct region_db *db);

/*
 * Resolve TEXT[0..LEN) into RES.  Returns RES->status: REGION_OK with
 * RES->province set; REGION_AMBIGUOUS with RES->candidates (full names
 * separated by '/'); REGION_FOREIGN or REGION_UNKNOWN with province -1.
 * RES->matched names what decided (or the shared name when ambiguous).
 */
int region_resolve(const struct region_db *db, const char *text, size_t len,
    struct region_result *res);

/* Number of province-level divisions (34 with HK, MO, TW). */
int region_count(const struct region_db *db);

/* Full official name of province I, e.g. "浙江省"; NULL when I is out of range. */
const char *region_name(const struct region_db *db, int i);

/* Short name of province I, e.g. "浙江", "内蒙古", "香港"; NULL when out of range. */
const char *region_short(const struct region_db *db, int i);

/* Six-digit code of province I, e.g. "330000"; NULL when out of range. */
const char *region_code(const struct region_db *db, int i);

/*
 * Index of the province called NAME (full or short name, code, or an
 * abbreviation or other province name from the alias data: 沪, 臺灣,
 * zhejiang), or -1.
 */
int region_lookup(const struct region_db *db, const char *name);

#endif
