/*
 * Region resolver: free-text Chinese address -> province-level division.
 *
 * The gazetteer (data/divisions.csv, divisions-hk-mo-tw.csv,
 * divisions-former.csv) and the hand-written data/region-aliases.csv are
 * read once into a trie over normalised code points.  Every name is
 * entered in its full official form (杭州市, 恭城瑶族自治县) and, where
 * buyers drop the suffix, in a short form (杭州, 恭城); a node that ends a
 * name points to an entry holding the set of provinces (a 64-bit mask) the
 * name can stand for.  A name that is a province, a prefecture and a
 * county at once counts at its highest level only (海南 is the province,
 * not 海南藏族自治州 or 乌海's 海南区).
 *
 * Resolving walks the address from the left.  At each position the
 * longest name starting there is taken; whether it counts depends on where
 * it stands and what follows it (classify()):
 * - a name followed by 路, 街, 巷, 号, 大道, 东路 ... is a street (广州市
 *   越秀区北京路), never a place, unless a place name follows (台州市路桥区);
 * - full names count anywhere, except generic ones (东区, 城区, 城关区) that
 *   count only at the start or the end of the field;
 * - short province and city names count at the start of a token, and
 *   inside a word only as weak evidence used when nothing else is found;
 * - short county names count only at the start of a token and not before
 *   words such as 小区, 花园, 大厦; like short names before 公园, 大学
 *   they are "soft": they decide only when no stronger name follows
 *   (中原地产 北京市朝阳区 is in 北京, 海淀 alone too).
 * - foreign names (美国, Tokyo) count at the start of a token; inside a word
 *   (分公司在柬埔寨) only when nothing in China is found.
 * The first name that counts and names one province decides, so a leading
 * province or city always wins over later names.  A name shared by several
 * provinces (鼓楼区) is kept as pending and narrowed by later names (鼓楼区
 * ... 福州), giving REGION_AMBIGUOUS when nothing narrows it to one.
 *
 * Why a hand-rolled trie: we need the longest name anchored at a given
 * position, with payload per node, over code points after traditional ->
 * simplified mapping, built at run time from data files and queried with no
 * allocation.  lib/text/match.c reports every occurrence of every pattern
 * (Aho-Corasick), which is more than we need per address, and there is no
 * such library in Debian that is worth a dependency.  The trie's edges live
 * in one open-addressing hash table keyed by (node, code point), so a step
 * costs one multiply and usually one cache line.
 *
 * Normalisation is the shared one (lib/text/normalize.h, one struct
 * normalizer per process), applied one code point at a time as the
 * matcher asks for it (norm_codepoint_with()) rather than by
 * norm_text(): that one converts the whole text into a buffer with an
 * offset map, and most addresses are decided by their first 3 to 6
 * characters.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/cell.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "io/embed.h"
#include "text/normalize.h"
#include "addr/region.h"

#define MAXPROV		64	/* provinces fit in a uint64_t mask */
#define MAXCP		160	/* code points of an address looked at */
#define NAMECP		64	/* longest name, in code points */

enum level {
	LV_NONE,
	LV_COUNTY,
	LV_CITY,
	LV_PROV
};

/* Entry flags. */
#define F_FULL		0x01	/* the name carries its admin suffix */
#define F_FOREIGN	0x02	/* a place abroad */
#define F_SKIP		0x04	/* a word to step over */
#define F_GENERIC	0x08	/* counts only at the start of a token */
#define F_ASCII		0x10	/* latin name: needs word boundaries */
#define F_OVERRIDE	0x20	/* mask given by the alias file */

/* What a name found in an address counts as. */
enum evidence {
	EV_NONE,	/* nothing: move on by one character */
	EV_SKIP,	/* a noise word: step over it */
	EV_FOREIGN,	/* a place abroad */
	EV_WEAK_FOREIGN, /* one inside a word: 分公司在柬埔寨 */
	EV_STRONG,	/* a place name that counts */
	EV_SOFT,	/* one that counts unless a stronger one follows */
	EV_WEAK		/* a place name inside a word */
};

struct prov {
	char code[8];		/* "330000"; "" when the data has none */
	char name[48];		/* full official name, "浙江省" */
	char short_name[32];	/* "浙江" */
};

struct rentry {
	uint64_t mask;		/* provinces the name stands for (final) */
	uint64_t abbr;		/* provinces it abbreviates (whole field only) */
	uint32_t name;		/* offset of the normalised name in pool */
	uint8_t namelen;	/* its length in bytes; 0 if it would not fit matched[] */
	uint8_t level;		/* enum level of mask */
	uint8_t flags;		/* F_* */
	uint64_t bits[4][2];	/* loading: provinces by [level][full] */
	uint64_t over;		/* loading: override mask */
};

struct edge {
	uint64_t key;		/* (parent + 1) << 32 | code point; 0 = free */
	uint32_t child;		/* node the edge leads to */
};

/* A province whose full name ends in 省, 自治区 or 特别行政区. */
struct fullname {
	uint32_t head;		/* its first three bytes, little-endian */
	uint32_t len;		/* its length in bytes */
	int p;			/* the province */
};

struct region_db {
	int nprov;		/* provinces loaded */
	struct prov prov[MAXPROV]; /* in the order of the gazetteer */
	uint32_t namelen[MAXPROV]; /* strlen(prov[i].name) */
	struct fullname full[MAXPROV]; /* for full_name_prefix(), in order */
	int nfull;		/* how many */
	const struct normalizer *z; /* the process's normaliser */
	struct normalizer *ownz; /* z, when region_db_load() built it */
	struct edge *edges;	/* trie edges, open addressing */
	size_t ecap;		/* slots, a power of two */
	size_t nedges;		/* slots used */
	int ebits;		/* log2(ecap) */
	int32_t *node;		/* node[n]: entry index of node n, or -1 */
	size_t nnodes;		/* nodes used (0 is the root) */
	size_t ncap;		/* nodes allocated */
	struct rentry *ent;	/* entries */
	size_t nent;		/* entries used */
	size_t entcap;		/* entries allocated */
	char *pool;		/* normalised names, NUL-separated */
	size_t plen;		/* bytes used in pool */
	size_t pcap;		/* bytes allocated */
};

/* Lazily decoded, normalised address. */
struct scan {
	const struct region_db *db; /* for the normaliser */
	const unsigned char *p;	/* next byte to decode */
	const unsigned char *end; /* end of the text */
	int n;			/* code points decoded */
	uint32_t cp[MAXCP + 1];	/* the code points */
};

/* State while loading one data file. */
struct load {
	struct region_db *db;	/* being built */
	int last;		/* province of the previous row, or -1 */
	int file;		/* which file (enum below) */
	int strict;		/* unknown provinces are errors */
};

enum { FILE_MAIN, FILE_EXTRA, FILE_ALIAS };

/*
 * Ethnic groups named in autonomous prefectures and counties, longest
 * first where one is a suffix of another; stripped to get short names
 * (恭城瑶族自治县 -> 恭城).
 */
static const char *const ethnic[] = {
	"柯尔克孜", "乌孜别克", "蒙古", "布依", "朝鲜", "土家", "哈尼",
	"哈萨克", "傈僳", "拉祜", "东乡", "纳西", "景颇", "达斡尔", "仫佬",
	"布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克",
	"俄罗斯", "鄂温克", "德昂", "保安", "裕固", "塔塔尔", "独龙",
	"鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "维吾尔", "藏", "回",
	"苗", "彝", "壮", "满", "侗", "瑶", "白", "傣", "黎", "佤", "畲",
	"水", "土", "羌", "怒", "京", NULL
};

/* Official names that are placeholders, not places. */
static const char *const placeholder[] = {
	"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", NULL
};

/* ---- UTF-8 and normalisation ------------------------------------------ */

/*
 * Decode one code point at *PP (< END) by the project's decoder
 * (core/utf8.h); a byte that starts no valid character gives U+FFFD, a
 * separator.
 */
static inline uint32_t
utf8_next(const unsigned char **pp, const unsigned char *end)
{
	uint32_t c;
	int valid;

	if (**pp < 0x80)
		return *(*pp)++;
	*pp += utf8_decode(*pp, (size_t)(end - *pp), &c, &valid);
	return valid ? c : 0xFFFD;
}

/*
 * The form of C used for matching: the shared normalisation
 * (normalize.h: traditional -> simplified, full-width ASCII -> ASCII,
 * latin letters in lower case, U+3000 -> ' '), and besides white space,
 * NUL and U+00A0 -> ' ', which separate names in an address.
 */
static inline uint32_t
norm_cp(const struct region_db *db, uint32_t c)
{
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0 ||
	    c == 0xA0)
		return ' ';
	return norm_codepoint_with(db->z, c);
}

static int
is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z');
}

static int
is_alnum(uint32_t c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Separators: ASCII other than letters, and CJK punctuation. */
static int
is_sep(uint32_t c)
{
	if (c < 0x80)
		return !is_alpha(c);
	return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF65) ||
	    c == 0xFFFD || c == 0xB7 || c == 0xD7;
}

static void
scan_init(struct scan *s, const struct region_db *db, const unsigned char *p,
    const unsigned char *end)
{
	s->db = db;
	s->p = p;
	s->end = end;
	s->n = 0;
}

/* Code point I of the address, decoding as needed; 0 past the end. */
static inline uint32_t
at(struct scan *s, int i)
{
	uint32_t c;

	while (s->n <= i) {
		if (s->p >= s->end || s->n >= MAXCP)
			return 0;
		c = norm_cp(s->db, utf8_next(&s->p, s->end));
		if (c == ' ' && s->n > 0 && s->cp[s->n - 1] == ' ')
			continue;
		s->cp[s->n++] = c;
	}
	return s->cp[i];
}

/* ---- the trie ---------------------------------------------------------- */

static size_t
edge_slot(const struct region_db *db, uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - db->ebits));
}

/* Child of NODE by code point C, or 0 (the root is never a child). */
static inline uint32_t
child(const struct region_db *db, uint32_t node, uint32_t c)
{
	uint64_t key = (uint64_t)(node + 1) << 32 | c;
	size_t mask = db->ecap - 1, i;

	for (i = edge_slot(db, key);; i = (i + 1) & mask) {
		if (db->edges[i].key == key)
			return db->edges[i].child;
		if (db->edges[i].key == 0)
			return 0;
	}
}

static void
edge_put(struct region_db *db, uint64_t key, uint32_t to)
{
	size_t mask = db->ecap - 1, i;

	for (i = edge_slot(db, key); db->edges[i].key != 0; i = (i + 1) & mask)
		;
	db->edges[i].key = key;
	db->edges[i].child = to;
	db->nedges++;
}

static void
edges_grow(struct region_db *db)
{
	struct edge *old = db->edges;
	size_t oldcap = db->ecap, i;

	db->ebits = db->ebits == 0 ? 15 : db->ebits + 1;	/* ~11k edges */
	db->ecap = (size_t)1 << db->ebits;
	db->edges = xcalloc(db->ecap, sizeof *db->edges);
	db->nedges = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].key != 0)
			edge_put(db, old[i].key, old[i].child);
	free(old);
}

static uint32_t
node_new(struct region_db *db)
{
	if (db->nnodes == db->ncap) {
		db->ncap = db->ncap == 0 ? 16384 : db->ncap * 2;
		db->node = xreallocarray(db->node, db->ncap, sizeof *db->node);
	}
	db->node[db->nnodes] = -1;
	return (uint32_t)db->nnodes++;
}

/* Normalise the UTF-8 string S into CP (at most NAMECP); returns the count. */
static int
norm_name(const struct region_db *db, const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strlen(s);
	int n = 0;

	while (p < end && n < NAMECP)
		cp[n++] = norm_cp(db, utf8_next(&p, end));
	return n;
}

/* The entry of the normalised name CP[0..N), created when missing. */
static struct rentry *
entry_for(struct region_db *db, const uint32_t *cp, int n)
{
	uint32_t node = 0, next;
	struct rentry *e;
	char buf[4 * NAMECP + 1];
	int i, len = 0;

	for (i = 0; i < n; i++) {
		if ((next = child(db, node, cp[i])) == 0) {
			if (2 * (db->nedges + 1) > db->ecap)
				edges_grow(db);
			next = node_new(db);
			edge_put(db, (uint64_t)(node + 1) << 32 | cp[i], next);
		}
		node = next;
	}
	if (db->node[node] >= 0)
		return &db->ent[db->node[node]];
	if (db->nent == db->entcap) {
		db->entcap = db->entcap == 0 ? 8192 : db->entcap * 2;
		db->ent = xreallocarray(db->ent, db->entcap, sizeof *db->ent);
	}
	for (i = 0; i < n; i++)
		len += utf8_encode(cp[i], buf + len);
	buf[len++] = '\0';
	if (db->plen + len > db->pcap) {
		db->pcap = db->pcap == 0 ? 131072 : db->pcap * 2;
		db->pool = xreallocarray(db->pool, db->pcap, 1);
	}
	memcpy(db->pool + db->plen, buf, len);
	e = &db->ent[db->nent];
	memset(e, 0, sizeof *e);
	e->name = (uint32_t)db->plen;
	e->namelen = (uint8_t)(len - 1 < 63 ? len - 1 : 0);
	db->plen += len;
	db->node[node] = (int32_t)db->nent++;
	return e;
}

/* Entry for the UTF-8 name S, or NULL when S is empty. */
static struct rentry *
entry_str(struct region_db *db, const char *s)
{
	uint32_t cp[NAMECP];
	int n = norm_name(db, s, cp);

	return n == 0 ? NULL : entry_for(db, cp, n);
}

/* ---- names ------------------------------------------------------------- */

/* If S ends with SUF, cut it off (keeping at least 2 characters): 1 or 0. */
static int
cut_suffix(char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	if (n <= k || strcmp(s + n - k, suf) != 0)
		return 0;
	s[n - k] = '\0';
	if (utf8_count(s, strlen(s)) < 2) {
		s[n - k] = suf[0];
		return 0;
	}
	return 1;
}

/* Strip trailing ethnic group names (and 族) from S: 恭城瑶族 -> 恭城. */
static void
cut_ethnic(char *s)
{
	int i, again = 1;

	while (again) {
		again = cut_suffix(s, "族");
		for (i = 0; ethnic[i] != NULL; i++)
			if (cut_suffix(s, ethnic[i])) {
				again = 1;
				break;
			}
	}
}

/* Whether the name S ends with an administrative suffix. */
static int
has_suffix(const char *s)
{
	static const char *const suf[] = {
		"省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "群岛",
		"委员会", "管委会", "海域", "新城", NULL
	};
	size_t n = strlen(s), k;
	int i;

	for (i = 0; suf[i] != NULL; i++) {
		k = strlen(suf[i]);
		if (n > k && strcmp(s + n - k, suf[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * The short form of NAME at LEVEL into BUF (size SZ): 浙江省 -> 浙江,
 * 广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边, 恭城瑶族自治县 -> 恭城.
 * Returns 1, or 0 when NAME has no shorter form of 2 or more characters.
 * *AUTONOMOUS is set for 自治州 names, which buyers also write as 延边州.
 */
static int
short_form(const char *name, int level, char *buf, size_t sz, int *autonomous)
{
	static const char *const prov_suf[] = {
		"特别行政区", "自治区", "省", "市", NULL
	};
	static const char *const city_suf[] = {
		"自治州", "地区", "林区", "盟", "市", NULL
	};
	static const char *const county_suf[] = {
		"自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市",
		"旗", NULL
	};
	const char *const *suf = level == LV_PROV ? prov_suf :
	    level == LV_CITY ? city_suf : county_suf;
	int i;

	*autonomous = 0;
	if (strlen(name) >= sz)
		return 0;
	for (i = 0; suf[i] != NULL; i++) {
		strcpy(buf, name);
		if (cut_suffix(buf, suf[i])) {
			if (strncmp(suf[i], "自治", 6) == 0) {
				cut_ethnic(buf);
				*autonomous = level == LV_CITY;
			} else if (level == LV_PROV) {
				cut_ethnic(buf);
			}
			return utf8_count(buf, strlen(buf)) >= 2;
		}
	}
	return 0;
}

/* Record that NAME stands for province P at LEVEL, full or short form. */
static void
add_name(struct region_db *db, const char *name, int level, int full, int p)
{
	struct rentry *e = entry_str(db, name);

	if (e != NULL)
		e->bits[level][full != 0] |= (uint64_t)1 << p;
}

/*
 * Enter an official name with its short forms.  SHORTS is 0 for names
 * whose short forms would be noise (Taiwan's townships, functional zones).
 */
static void
add_official(struct region_db *db, const char *name, int level, int p, int shorts)
{
	char buf[256], alt[256];
	const char *open, *close;
	int autonomous;

	/* 嘉模堂区（氹仔）: the name and, in brackets, what people call it. */
	if ((open = strstr(name, "（")) != NULL || (open = strstr(name, "(")) != NULL) {
		size_t n = (size_t)(open - name);
		size_t ob = open[0] == '(' ? 1 : 3;

		if (n < sizeof buf && strlen(open + ob) < sizeof alt) {
			memcpy(buf, name, n);
			buf[n] = '\0';
			strcpy(alt, open + ob);
			if ((close = strstr(alt, "）")) != NULL ||
			    (close = strchr(alt, ')')) != NULL)
				alt[close - alt] = '\0';
			add_official(db, buf, level, p, shorts);
			add_name(db, alt, level, has_suffix(alt), p);
			return;
		}
	}
	add_name(db, name, level, has_suffix(name), p);
	if (!shorts || !short_form(name, level, buf, sizeof buf, &autonomous))
		return;
	add_name(db, buf, level, 0, p);
	if (autonomous && strlen(buf) + 4 < sizeof buf) {
		strcat(buf, "州");
		add_name(db, buf, level, 1, p);
	}
}

/* Index of the province whose full name, short name or code is NAME, or -1. */
static int
prov_find(const struct region_db *db, const char *name)
{
	int i;

	for (i = 0; i < db->nprov; i++)
		if (strcmp(db->prov[i].name, name) == 0 ||
		    strcmp(db->prov[i].short_name, name) == 0 ||
		    (db->prov[i].code[0] != '\0' &&
		    strcmp(db->prov[i].code, name) == 0))
			return i;
	return -1;
}

/* ---- loading ------------------------------------------------------------ */

static int
is_code(const char *s)
{
	int i;

	for (i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[6] == '\0';
}

static const char *const gazetteer_columns[] = {
	"code", "name", "level", "province", NULL
};

static const struct datafile_kind gazetteer_kind = {
	"gazetteer", "divisions.csv", DATAFILE_MAX_GAZETTEER, gazetteer_columns
};

static const char *const alias_columns[] = { "name", "target", "kind", NULL };

static const struct datafile_kind alias_kind = {
	"alias table", "region-aliases.csv", DATAFILE_MAX_GAZETTEER, alias_columns
};

static int
on_division(void *ctx, struct datafile *df, const struct record *r)
{
	struct load *ld = ctx;
	struct region_db *db = ld->db;
	const char *code = datafile_get(df, r, "code");
	const char *name = datafile_get(df, r, "name");
	const char *level = datafile_get(df, r, "level");
	const char *province = datafile_get(df, r, "province");
	struct prov *pv;
	int i, p, lv, autonomous;

	if (*name == '\0') {
		datafile_error(df, "empty name");
		return 0;
	}
	if (*code != '\0' && !is_code(code)) {
		datafile_error(df, "bad division code '%s'", datafile_quote(df, code));
		return 0;
	}
	if (*code != '\0' && datafile_key(df, "code", code, strlen(code), NULL) != 0)
		return 0;
	for (i = 0; placeholder[i] != NULL; i++)
		if (strcmp(name, placeholder[i]) == 0)
			return 0;
	if (strcmp(level, "province") == 0) {
		if (ld->file != FILE_MAIN) {
			datafile_error(df, "province '%s' outside the main gazetteer",
			    datafile_quote(df, name));
			return 0;
		}
		if (prov_find(db, name) >= 0) {
			datafile_error(df, "duplicate province '%s'", datafile_quote(df, name));
			return 0;
		}
		if (db->nprov == MAXPROV) {
			datafile_error(df, "more than %d provinces", MAXPROV);
			return 1;
		}
		pv = &db->prov[db->nprov];
		if (strlen(name) >= sizeof pv->name) {
			datafile_error(df, "province name '%s' too long", datafile_quote(df, name));
			return 0;
		}
		snprintf(pv->code, sizeof pv->code, "%s", code);
		strcpy(pv->name, name);
		if (!short_form(name, LV_PROV, pv->short_name,
		    sizeof pv->short_name, &autonomous))
			snprintf(pv->short_name, sizeof pv->short_name, "%s", name);
		add_official(db, name, LV_PROV, db->nprov, 1);
		db->nprov++;
		return 0;
	}
	if (strcmp(level, "city") == 0)
		lv = LV_CITY;
	else if (strcmp(level, "county") == 0)
		lv = LV_COUNTY;
	else {
		datafile_error(df, "unknown level '%s' (want province, city or "
		    "county)", datafile_quote(df, level));
		return 0;
	}
	if (ld->last >= 0 && strcmp(db->prov[ld->last].name, province) == 0)
		p = ld->last;
	else if ((p = prov_find(db, province)) >= 0)
		ld->last = p;
	if (p < 0) {
		if (ld->strict || ld->file == FILE_MAIN)
			datafile_error(df, "unknown province '%s'",
			    datafile_quote(df, province));
		return 0;
	}
	/*
	 * No short forms for functional zones (5th code digit 7) and for
	 * Taiwan's districts and townships: 中山区, 信义乡 and the like would
	 * only collide with mainland names.
	 */
	add_official(db, name, lv, p, !(strlen(code) == 6 && code[4] == '7') &&
	    !(lv == LV_COUNTY && strcmp(db->prov[p].short_name, "台湾") == 0));
	return 0;
}

static int
on_alias(void *ctx, struct datafile *df, const struct record *r)
{
	struct load *ld = ctx;
	struct region_db *db = ld->db;
	const char *name = datafile_get(df, r, "name");
	const char *target = datafile_get(df, r, "target");
	const char *kind = datafile_get(df, r, "kind");
	char buf[256], *t, *save;
	uint64_t mask = 0;
	struct rentry *e;
	int p, lv, autonomous;

	if (*name == '\0') {
		datafile_error(df, "empty name");
		return 0;
	}
	snprintf(buf, sizeof buf, "%s,%s", name, kind);
	if (datafile_key(df, "name and kind", buf, strlen(buf), NULL) != 0)
		return 0;
	if (strlen(target) >= sizeof buf) {
		datafile_error(df, "target too long");
		return 0;
	}
	strcpy(buf, target);
	for (t = strtok_r(buf, "/", &save); t != NULL; t = strtok_r(NULL, "/", &save)) {
		if ((p = prov_find(db, t)) < 0) {
			if (ld->strict)
				datafile_error(df, "unknown province '%s'",
				    datafile_quote(df, t));
			return 0;
		}
		mask |= (uint64_t)1 << p;
	}
	if (strcmp(kind, "foreign") == 0 || strcmp(kind, "skip") == 0 ||
	    strcmp(kind, "generic") == 0) {
		if (mask != 0) {
			datafile_error(df, "kind '%s' takes no target",
			    datafile_quote(df, kind));
			return 0;
		}
		e = entry_str(db, name);
		e->flags |= kind[0] == 'f' ? F_FOREIGN : kind[0] == 's' ?
		    F_SKIP : F_GENERIC;
		return 0;
	}
	if (mask == 0) {
		datafile_error(df, "kind '%s' needs a target province",
		    datafile_quote(df, kind));
		return 0;
	}
	if (strcmp(kind, "override") == 0) {
		entry_str(db, name)->over |= mask;
		return 0;
	}
	if (strchr(target, '/') != NULL) {
		datafile_error(df, "only kind 'override' takes several provinces");
		return 0;
	}
	if (strcmp(kind, "abbr") == 0) {
		entry_str(db, name)->abbr |= mask;
		return 0;
	}
	if (strcmp(kind, "province") == 0)
		lv = LV_PROV;
	else if (strcmp(kind, "city") == 0)
		lv = LV_CITY;
	else if (strcmp(kind, "county") == 0)
		lv = LV_COUNTY;
	else {
		datafile_error(df, "unknown kind '%s'", datafile_quote(df, kind));
		return 0;
	}
	p = prov_find(db, target);
	add_name(db, name, lv, has_suffix(name), p);
	if (short_form(name, lv, buf, sizeof buf, &autonomous))
		add_name(db, buf, lv, 0, p);
	return 0;
}

/* The first three bytes at S as one number. */
static uint32_t
head3(const unsigned char *s)
{
	return (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16;
}

/* The provinces whose full names end in 省, 自治区 or 特别行政区. */
static void
find_full_names(struct region_db *db)
{
	static const char *const tails[] = { "省", "自治区", "特别行政区" };
	size_t len, t, k;
	int p;

	db->nfull = 0;
	for (p = 0; p < db->nprov; p++) {
		const char *name = db->prov[p].name;

		len = strlen(name);
		db->namelen[p] = (uint32_t)len;
		for (t = 0; t < sizeof tails / sizeof tails[0]; t++) {
			k = strlen(tails[t]);
			if (len > k && memcmp(name + len - k, tails[t], k) == 0)
				break;
		}
		if (t == sizeof tails / sizeof tails[0] || len < 3)
			continue;
		db->full[db->nfull].head = head3((const unsigned char *)name);
		db->full[db->nfull].len = (uint32_t)len;
		db->full[db->nfull++].p = p;
	}
}

/* Settle every entry on the provinces it stands for. */
static void
finish(struct region_db *db)
{
	struct rentry *e;
	const char *s;
	size_t i;
	int lv;

	find_full_names(db);

	for (i = 0; i < db->nent; i++) {
		e = &db->ent[i];
		for (lv = LV_PROV; lv > LV_NONE; lv--)
			if ((e->bits[lv][0] | e->bits[lv][1]) != 0)
				break;
		e->level = (uint8_t)lv;
		if (lv != LV_NONE) {
			e->mask = e->bits[lv][0] | e->bits[lv][1];
			if (e->bits[lv][1] != 0)
				e->flags |= F_FULL;
		}
		if (e->over != 0) {
			e->mask = e->over;
			e->flags |= F_OVERRIDE;
			if (e->level == LV_NONE)
				e->level = LV_COUNTY;
		}
		for (s = db->pool + e->name; *s != '\0'; s++)
			if ((unsigned char)*s >= 0x80)
				break;
		if (*s == '\0')
			e->flags |= F_ASCII;
	}
}

struct region_db *
region_db_load(const char *path)
{
	return region_db_load_with(path, NULL);
}

struct region_db *
region_db_load_with(const char *path, const struct normalizer *z)
{
	static const char *const extra[] = {
		"divisions-hk-mo-tw.csv", "divisions-former.csv", NULL
	};
	struct region_db *db;
	struct load ld;
	int i, rc;

	db = xcalloc(1, sizeof *db);
	if ((db->z = z) == NULL &&
	    (db->z = db->ownz = normalizer_new()) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	node_new(db);
	edges_grow(db);
	ld.db = db;
	ld.last = -1;
	ld.strict = path == NULL;
	ld.file = FILE_MAIN;
	rc = datafile_load(path, &gazetteer_kind, on_division, &ld);
	if (rc == 0 && db->nprov == 0) {
		cs_warnx_at(path != NULL ? path : "divisions.csv", 0,
		    "no province rows");
		rc = -1;
	}
	ld.file = FILE_EXTRA;
	for (i = 0; rc == 0 && extra[i] != NULL; i++) {
		struct datafile_kind k = gazetteer_kind;

		k.embedded = extra[i];
		rc = datafile_load(NULL, &k, on_division, &ld);
	}
	ld.file = FILE_ALIAS;
	if (rc == 0)
		rc = datafile_load(NULL, &alias_kind, on_alias, &ld);
	if (rc != 0) {
		region_db_free(db);
		return NULL;
	}
	finish(db);
	return db;
}

void
region_db_free(struct region_db *db)
{
	if (db == NULL)
		return;
	normalizer_free(db->ownz);
	free(db->edges);
	free(db->node);
	free(db->ent);
	free(db->pool);
	free(db);
}

/* ---- resolving -------------------------------------------------------- */

/*
 * The longest name starting at code point I: its entry index (or -1) and
 * its length in *LEN.
 */
static int
longest(const struct region_db *db, struct scan *s, int i, int *len)
{
	uint32_t node = 0, c;
	int k, best = -1;

	for (k = i; (c = at(s, k)) != 0; k++) {
		if ((node = child(db, node, c)) == 0)
			break;
		if (db->node[node] >= 0) {
			best = db->node[node];
			*len = k - i + 1;
		}
	}
	return best;
}

/* Whether text that goes on with C1 C2 makes the name before it a street. */
static int
is_street(uint32_t c1, uint32_t c2)
{
	switch (c1) {
	case 0x8DEF:	/* 路 */
	case 0x5DF7:	/* 巷 */
	case 0x5F04:	/* 弄 */
	case 0x53F7:	/* 号 */
	case 0x80E1:	/* 胡(同) */
		return 1;
	case 0x8857:	/* 街, but not 街道 */
		return c2 != 0x9053;
	case 0x9053:	/* 道 */
		return 1;
	case 0x4E1C:	/* 东 */
	case 0x897F:	/* 西 */
	case 0x5357:	/* 南 */
	case 0x5317:	/* 北 */
	case 0x4E2D:	/* 中 */
		return c2 == 0x8DEF || c2 == 0x8857 || c2 == 0x9053 ||
		    c2 == 0x5DF7;
	case 0x5927:	/* 大(道, 街, 路) */
		return c2 == 0x9053 || c2 == 0x8857 || c2 == 0x8DEF;
	default:
		return 0;
	}
}

/* Whether C1 C2 after a short name show it is part of another name. */
static int
is_nonplace(uint32_t c1, uint32_t c2)
{
	static const char *const pairs[] = {
		"小区", "花园", "大厦", "广场", "公园", "大学", "学院", "中学",
		"小学", "医院", "酒店", "宾馆", "饭店", "银行", "商场", "公司",
		"超市", "新村", "大桥", "山庄", "家园", NULL
	};
	char buf[12];		/* two code points of up to 4 bytes, and a NUL */
	int i, n;

	if (c1 == 0x6751)	/* 村 */
		return 1;
	n = utf8_encode(c1, buf);
	n += utf8_encode(c2, buf + n);
	buf[n] = '\0';
	for (i = 0; pairs[i] != NULL; i++)
		if (strcmp(buf, pairs[i]) == 0)
			return 1;
	return 0;
}


/* Whether C is an administrative suffix: 省市区县州盟旗. */
static int
is_suffix_char(uint32_t c)
{
	return c == 0x7701 || c == 0x5E02 || c == 0x533A || c == 0x53BF ||
	    c == 0x5DDE || c == 0x76DF || c == 0x65D7;
}

/*
 * Whether a place name starts at code point I: 台州市路桥区 and 哈尔滨道里
 * are not streets.
 */
static int
name_at(struct scan *s, int i)
{
	const struct rentry *e;
	uint32_t c;
	int n, k;

	if ((k = longest(s->db, s, i, &n)) < 0 || (e = &s->db->ent[k])->mask == 0)
		return 0;
	if ((e->flags & F_FULL) || e->level >= LV_CITY)
		return 1;
	/* A short county name only when it ends there: not 南京路北段. */
	c = at(s, i + n);
	return c == 0 || is_sep(c) || is_suffix_char(c);
}

/* What the name of entry E at [I, I+N) counts as (see the top comment). */
static int
classify(const struct rentry *e, struct scan *s, int i, int n, int last)
{
	uint32_t prev = i > 0 ? s->cp[i - 1] : ' ';
	uint32_t c1 = at(s, i + n), c2 = c1 != 0 ? at(s, i + n + 1) : 0;
	int tok = i == 0 || i == last || is_sep(prev) ||
	    is_alpha(prev) != is_alpha(s->cp[i]);

	if (e->flags & F_ASCII) {
		if (is_alnum(prev) || is_alnum(c1))
			return EV_NONE;
		tok = 1;
	}
	if (e->flags & F_SKIP)
		return EV_SKIP;
	if (is_street(c1, c2) && !name_at(s, i + n))
		return EV_NONE;
	if (e->flags & F_FOREIGN)
		return tok ? EV_FOREIGN : EV_WEAK_FOREIGN;
	if (e->mask == 0)
		return EV_NONE;
	/*
	 * 城关区, 东区, 矿区 name places only when they open the field or are
	 * all there is left: in 阳光花园 中区 3栋 they are parts of an estate.
	 */
	if (e->flags & F_GENERIC)
		return tok && (i == 0 || c1 == 0) ? EV_SOFT : EV_NONE;
	if (e->flags & F_FULL)
		return EV_STRONG;
	/*
	 * A short county name (海淀, 义乌) is often right but also a company
	 * or estate name (中原地产, 东方明珠), and 中山公园 or 北京大学 are
	 * found in other provinces too: these decide only when nothing
	 * stronger follows.
	 */
	if (e->level == LV_COUNTY)
		return tok && !is_nonplace(c1, c2) ? EV_SOFT : EV_NONE;
	if (!tok)
		return EV_WEAK;
	return is_nonplace(c1, c2) ? EV_SOFT : EV_STRONG;
}

static int
popcount(uint64_t m)
{
	int n = 0;

	for (; m != 0; m &= m - 1)
		n++;
	return n;
}

static int
lowbit(uint64_t m)
{
	int i = 0;

	/* A byte at a time first: provinces late in the list are common. */
	while (!(m & 0xFF)) {
		m >>= 8;
		i += 8;
	}
	while (!(m & 1)) {
		m >>= 1;
		i++;
	}
	return i;
}

/*
 * Trim what surrounds the address: blanks as cell_value() knows them
 * (io/cell.h), Excel ="…" wrappers and stray quotes, a byte-order mark,
 * and a trailing postcode or telephone number with its brackets.
 */
static void
trim(const unsigned char **bp, const unsigned char **ep)
{
	const unsigned char *b = *bp, *e = *ep;
	size_t k;

	for (;;) {
		if (b < e && (*b == '=' || *b == '"' || *b == '\''))
			b++;
		else if ((k = cell_blank_at((const char *)b,
		    (size_t)(e - b))) > 0)
			b += k;
		else if (e - b >= 3 && b[0] == 0xEF && b[1] == 0xBB &&
		    b[2] == 0xBF)
			b += 3;		/* BOM */
		else
			break;
	}
	for (;;) {
		if (e > b && ((e[-1] >= '0' && e[-1] <= '9') || e[-1] == '(' ||
		    e[-1] == ')' || e[-1] == '"' || e[-1] == '-'))
			e--;
		else if ((k = cell_blank_before((const char *)b,
		    (size_t)(e - b))) > 0)
			e -= k;
		else if (e - b >= 3 && e[-3] == 0xEF && e[-2] == 0xBC &&
		    (e[-1] == 0x88 || e[-1] == 0x89 || (e[-1] >= 0x90 && e[-1] <= 0x99)))
			e -= 3;		/* full-width ( ) 0-9 */
		else
			break;
	}
	*bp = b;
	*ep = e;
}

/* Fill RES for province mask M decided by entry E; returns RES->status. */
static int
found(const struct region_db *db, struct region_result *res, uint64_t m,
    int e, int status)
{
	size_t n, len;
	int p;

	res->status = status;
	res->province = status == REGION_OK ? lowbit(m) : -1;
	res->candidates[0] = '\0';
	res->matched[0] = '\0';
	if (e >= 0) {
		len = db->ent[e].namelen;
		memcpy(res->matched, db->pool + db->ent[e].name, len);
		res->matched[len] = '\0';
	}
	if (status != REGION_AMBIGUOUS)
		return status;
	for (n = 0, p = 0; p < db->nprov; p++) {
		if (!(m & (uint64_t)1 << p))
			continue;
		len = strlen(db->prov[p].name);
		if (n + len + 2 > sizeof res->candidates)
			break;
		if (n > 0)
			res->candidates[n++] = '/';
		memcpy(res->candidates + n, db->prov[p].name, len + 1);
		n += len;
	}
	return status;
}

/*
 * The fast path for the commonest form, an address that opens with a
 * province's full official name ending in 省, 自治区 or 特别行政区 (the
 * municipalities' 市 is left to the scan: 北京市场路 is a street).  Such a
 * prefix always decides, so the scan is not needed.  Returns the province
 * or -1.
 */
static int
full_name_prefix(const struct region_db *db, const unsigned char *b,
    const unsigned char *e)
{
	size_t n = (size_t)(e - b);
	uint32_t h;
	int i;

	/* The names were picked and measured once, in find_full_names(). */
	if (n < 6)
		return -1;
	h = head3(b);
	for (i = 0; i < db->nfull; i++) {
		const struct fullname *f = &db->full[i];

		if (f->head == h && f->len <= n &&
		    memcmp(db->prov[f->p].name, b, f->len) == 0)
			return f->p;
	}
	return -1;
}

int
region_resolve(const struct region_db *db, const char *text, size_t len,
    struct region_result *res)
{
	const unsigned char *b = (const unsigned char *)text, *e = b + len;
	struct scan s;
	uint64_t pend = 0, weak[4], x;
	int nweak = 0, pend_ent = -1, weak_ent[4], foreign = -1;
	int i, k, n, ev, soft, last = 0;

	trim(&b, &e);
	if (b < e && (k = full_name_prefix(db, b, e)) >= 0) {
		found(db, res, (uint64_t)1 << k, -1, REGION_OK);
		memcpy(res->matched, db->prov[k].name, db->namelen[k] + 1);
		return REGION_OK;
	}
	scan_init(&s, db, b, e);
	if (b == e)
		return found(db, res, 0, -1, REGION_UNKNOWN);

	/* The whole field is an abbreviation: 沪, 浙, 臺. */
	if (e - b <= 8 && (k = longest(db, &s, 0, &n)) >= 0 &&
	    db->ent[k].abbr != 0 && at(&s, n) == 0)
		return found(db, res, db->ent[k].abbr, k, REGION_OK);

	for (i = 0; at(&s, i) != 0;) {
		if ((k = longest(db, &s, i, &n)) < 0 ||
		    (ev = classify(&db->ent[k], &s, i, n, last)) == EV_NONE) {
			i++;
			continue;
		}
		x = db->ent[k].mask;
		switch (ev) {
		case EV_FOREIGN:
			if (pend == 0 && nweak == 0)
				return found(db, res, 0, k, REGION_FOREIGN);
			foreign = k;
			break;
		case EV_WEAK_FOREIGN:
			if (foreign < 0)
				foreign = k;
			break;
		case EV_STRONG:
		case EV_SOFT:
			soft = ev == EV_SOFT;
			if (pend == 0) {
				if (popcount(x) == 1 && !soft)
					return found(db, res, x, k, REGION_OK);
				pend = x;
				pend_ent = k;
				break;
			}
			if (popcount(pend & x) == 1)
				return found(db, res, pend & x,
				    popcount(pend) == 1 ? pend_ent : k, REGION_OK);
			if ((pend & x) != 0)
				pend &= x;
			else if (popcount(x) == 1 && !soft)
				return found(db, res, x, k, REGION_OK);
			break;
		case EV_WEAK:
			if (pend != 0 && popcount(pend & x) == 1)
				return found(db, res, pend & x,
				    popcount(pend) == 1 ? pend_ent : k, REGION_OK);
			if (nweak < 4) {
				weak_ent[nweak] = k;
				weak[nweak++] = x;
			}
			break;
		}
		i += n;
		if (!(db->ent[k].flags & F_FULL) && is_suffix_char(at(&s, i)))
			i++;
		last = i;
	}
	if (popcount(pend) == 1)
		return found(db, res, pend, pend_ent, REGION_OK);
	for (k = 0; k < nweak; k++)
		if (pend != 0 && popcount(pend & weak[k]) == 1)
			return found(db, res, pend & weak[k], weak_ent[k], REGION_OK);
	if (pend != 0)
		return found(db, res, pend, pend_ent, REGION_AMBIGUOUS);
	for (k = 0; k < nweak; k++)
		if (popcount(weak[k]) == 1)
			return found(db, res, weak[k], weak_ent[k], REGION_OK);
	if (foreign >= 0)
		return found(db, res, 0, foreign, REGION_FOREIGN);
	return found(db, res, 0, -1, REGION_UNKNOWN);
}

int
region_count(const struct region_db *db)
{
	return db->nprov;
}

const char *
region_name(const struct region_db *db, int i)
{
	return i >= 0 && i < db->nprov ? db->prov[i].name : NULL;
}

const char *
region_short(const struct region_db *db, int i)
{
	return i >= 0 && i < db->nprov ? db->prov[i].short_name : NULL;
}

const char *
region_code(const struct region_db *db, int i)
{
	return i >= 0 && i < db->nprov ? db->prov[i].code : NULL;
}

int
region_lookup(const struct region_db *db, const char *name)
{
	struct scan s;
	const struct rentry *e;
	int p, k, n;

	if ((p = prov_find(db, name)) >= 0)
		return p;
	scan_init(&s, db, (const unsigned char *)name,
	    (const unsigned char *)name + strlen(name));
	if ((k = longest(db, &s, 0, &n)) < 0 || at(&s, n) != 0)
		return -1;
	e = &db->ent[k];
	if (e->abbr != 0 && popcount(e->abbr) == 1)
		return lowbit(e->abbr);
	if (e->level == LV_PROV && popcount(e->mask) == 1)
		return lowbit(e->mask);
	return -1;
}
