/*
 * Review triage: lexicon loading and the scorer described in reviews.h.
 */

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/cell.h"
#include "io/datafile.h"
#include "text/match.h"
#include "text/normalize.h"
#include "reviews/reviews.h"
#include "reviews/rvmodel.h"

/* For the few functions whose inlining the speed depends on. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif


/* What a lexicon term does. */
enum kind {
	K_QUALITY = RV_QUALITY,	/* the first four are enum rv_cat */
	K_SERVICE = RV_SERVICE,
	K_LOGISTICS = RV_LOGISTICS,
	K_MOOD = RV_MOOD,
	K_NEGATIVE,		/* negative opinion: 差, 慢, 不好 */
	K_POSITIVE,		/* positive opinion: 不错, 满意 */
	K_NEGATOR,		/* 不, 没有, 不是 */
	K_INTENSIFIER,		/* 太, 非常 */
	K_CONTRAST,		/* 但是, 就是, 最主要: weight is the multiplier */
	K_SUSPECT,		/* threats, money demands, competitors */
	K_NONE,			/* matches and hides shorter terms: 不知道 */
	K_THREAT,		/* a word of a family of threats (flags) */
	K_NKIND
};

static const char *const kind_names[K_NKIND] = {
	"quality", "service", "logistics", "mood", "negative", "positive",
	"negator", "intensifier", "contrast", "suspect", "none", "threat"
};

/*
 * The families of threat words (the family in the flags: of a term of
 * category "threat", which does nothing else, or of any other term).
 * They count wherever they occur, hidden by no other term (a "threat"
 * term hides none), and a review is suspect when they combine into a
 * threat: an act against the shop (投诉, 曝光, 举报) with where or how
 * (12315, 工商, 媒体, 网上), a condition (不然, 否则, 再不) or an
 * intent (我要, 信不信, 等着); a money demand (赔我, 500元, 私了) with
 * a condition or an act; or ruin (倒闭, 开不下去) with an intent or a
 * condition.
 */
#define FAM_ACT 1		/* 投诉, 举报, 曝光, 起诉, 报警 */
#define FAM_WHERE 2		/* 工商, 消协, 12315, 媒体, 微博, 网上 */
#define FAM_DEMAND 4		/* 赔偿, 补偿, 0元, 私了 */
#define FAM_COND 8		/* 不然, 否则, 要不然, 再不 */
#define FAM_INTENT 16		/* 我要, 我会, 信不信, 等着, 让你 */
#define FAM_RUIN 32		/* 倒闭, 关门, 开不下去 */

#define FAM_SHIFT 8		/* families in a term's flags: FAM_* << FAM_SHIFT */

static const char *const fam_names[] = {
	"act", "where", "demand", "condition", "intent", "ruin"
};

/* Do the families FAM of a review's threat words make a threat? */
static int
is_threat(unsigned fam)
{
	return ((fam & FAM_ACT) &&
	    (fam & (FAM_WHERE | FAM_COND | FAM_INTENT | FAM_DEMAND))) ||
	    ((fam & FAM_DEMAND) && (fam & FAM_COND)) ||
	    ((fam & FAM_RUIN) && (fam & (FAM_INTENT | FAM_COND)));
}

#define F_ASPECT 1		/* scores only in a negative clause */
#define F_NONEG 2		/* a negator before it changes nothing */
#define F_BARE 4		/* intensifier: quality evidence before unknown words */

/* How near a negator or intensifier must be, in bytes (two ideographs). */
#define LEXICON_TERM_MAX 256	/* characters in a term (reviews.h) */
#define NEG_GAP 6
#define INT_GAP 3
/* Weight of an aspect in a clause with no opinion at all. */
#define ASPECT_NEUTRAL 0.2
/*
 * Quality evidence of an intensifier before words the lexicon does not
 * know (太暗, 很烫), in a clause with no other opinion or complaint:
 * buyers intensify what is wrong with the goods, and the words for moods,
 * prices, service and delivery are the ones the lexicon lists.
 */
#define BARE_INTENSIFIER 0.6
/* Weight of an intensified term. */
#define INTENSE 1.5
/* Least score for a quality/service/logistics cause to count. */
#define CAUSE_MIN 0.5
/* A secondary category must reach this share of the primary's score. */
#define SECOND_SHARE 0.3
/* Suspect score for the flag; half of it is enough with no concrete cause. */
#define SUSPECT_MIN 2.0

struct term {
	char *s;		/* normalised term */
	size_t len;		/* its length */
	enum kind kind;		/* what it does */
	double weight;		/* its weight (multiplier for K_CONTRAST) */
	int flags;		/* F_* (K_THREAT: FAM_*) */
	size_t order;		/* order of definition, for "last one wins" */
};

/* What the scoring needs of a term, packed (keep_longest() reads it per hit). */
struct tinfo {
	double weight;		/* term.weight */
	unsigned char kind;	/* term.kind */
	unsigned char flags;	/* term.flags (F_*) */
	unsigned char fam;	/* its families (FAM_*), for K_THREAT */
	uint32_t hash;		/* of term.s, for the model (rvm_term_hash()) */
};

struct lexicon {
	struct term *t;		/* terms; after build, one per distinct text */
	struct tinfo *info;	/* after build: of each term */
	size_t n, cap;		/* how many, and room */
	struct normalizer *z;	/* t2s table, shared with the classifiers */
	struct matcher *m;	/* automaton over the terms; id = index in t */
};

struct hit {
	uint32_t start, end;	/* bytes in the cleaned text */
	uint32_t from;		/* start of its evidence: the negator's, if any */
	uint32_t to;		/* end of its evidence */
	int term;		/* index in lexicon.t */
	unsigned ev;		/* evidence for these categories (EV_SUSPECT too) */
	double mult;		/* intensity and contrast multiplier */
	/* The term's, copied by keep_longest() for the scoring. */
	double weight;		/* its weight */
	unsigned char kind;	/* enum kind */
	unsigned char flags;	/* F_* */
	unsigned char negated;	/* a negator stands before it */
	unsigned char contrasted; /* it follows a contrast word in its sentence */
};

/*
 * A match as the scan finds it: KEY is its start << 32 | ~its end, so
 * that keys in order are hits leftmost first, longest first at the same
 * start (a compare, not two); TERM is the index in lexicon.t.
 */
struct raw {
	uint64_t key;
	int term;
};

/* Evidence bit of the suspect flag, beside the (1 << category) bits. */
#define EV_SUSPECT (1u << RV_NCAT)

/* A clause boundary in the cleaned text. */
struct bnd {
	size_t pos;		/* where the punctuation starts */
	unsigned char len;	/* its length in bytes */
	unsigned char sent;	/* it also ends a sentence */
};

struct classifier {
	const struct lexicon *lx; /* the lexicon */
	struct bnd *bnd;	/* clause boundaries of the cleaned text */
	size_t nbnd, capbnd;	/* how many, and room */
	char *clean;		/* normalised review without emoji codes */
	size_t cleanlen, cleancap; /* fill and size of clean */
	/*
	 * Where each character of the cleaned text came from, for the few
	 * bytes of evidence: ifrom[K] is the input offset of the character
	 * that starts at clean offset K, ito[K] the input offset just after
	 * the one that ends with clean byte K (other entries are not set).
	 */
	uint32_t *ifrom, *ito;
	const struct match_dfa *dfa; /* the lexicon's automaton */
	size_t inlen;		/* length of the review */
	struct raw *raw;	/* the matches, as found */
	size_t nraw, capraw;	/* how many, and room */
	struct hit *h;		/* the matches kept */
	size_t nh, caph;	/* how many, and room */
	char *ev;		/* evidence being built */
	size_t evlen, evcap;	/* fill and size */
	const char *input;	/* the review being classified */
	struct hit *th;		/* the threat words (K_THREAT) */
	size_t nth, capth;	/* how many, and room */
	unsigned fam;		/* the families of threat words seen */
	const struct rvmodel *model; /* decides the category, or NULL */
	struct rvm_feat feat;	/* the review's n-grams, for the model */
};

static const char *const cat_en[RV_NCAT] = {
	"quality", "service", "logistics", "mood", "other"
};
static const char *const cat_zh[RV_NCAT] = {
	"质量", "服务", "物流", "心情", "其他"
};

const char *
rv_cat_name(enum rv_cat cat, int zh)
{
	if ((int)cat < 0 || cat >= RV_NCAT)
		return "";
	return zh ? cat_zh[cat] : cat_en[cat];
}

int
rv_cat_parse(const char *s)
{
	int i;

	for (i = 0; i < RV_NCAT; i++)
		if (strcmp(s, cat_en[i]) == 0 || strcmp(s, cat_zh[i]) == 0)
			return i;
	return -1;
}

int
rv_rating_negative(const char *s, size_t len)
{
	static const char *const neg[] = { "中评", "差评", "neutral", "bad",
	    "negative", "中", "差" };
	static const char *const pos[] = { "好评", "good", "positive", "好" };
	size_t i, k;

	/* The shared peel: blanks (U+3000 too), ="..." and "...". */
	cell_value(&s, &len);
	for (i = 0; i < sizeof(neg) / sizeof(neg[0]); i++)
		if (len == strlen(neg[i]) && memcmp(s, neg[i], len) == 0)
			return 1;
	for (i = 0; i < sizeof(pos) / sizeof(pos[0]); i++)
		if (len == strlen(pos[i]) && memcmp(s, pos[i], len) == 0)
			return 0;
	if (len == 0 || s[0] < '1' || s[0] > '5')
		return -1;
	/* A digit, then optionally ".0", "分", "星" or "/5". */
	k = 1;
	if (k < len && s[k] == '.')
		for (k++; k < len && s[k] == '0'; k++)
			;
	if (k < len && !(len - k == 3 && (memcmp(s + k, "分", 3) == 0 ||
	    memcmp(s + k, "星", 3) == 0)) && !(len - k == 2 &&
	    memcmp(s + k, "/5", 2) == 0))
		return -1;
	return s[0] <= '3' ? 1 : 0;
}

/* --- the lexicon ------------------------------------------------------ */

struct lexicon *
lexicon_new(void)
{
	struct lexicon *lx;

	if ((lx = xcalloc(1, sizeof(*lx))) == NULL)
		return NULL;
	if ((lx->z = normalizer_new()) == NULL) {
		free(lx);
		return NULL;
	}
	return lx;
}

/* The flag WORD: F_*, or a family FAM_* shifted by FAM_SHIFT; 0 if unknown. */
static int
flag_value(const char *word)
{
	size_t i;

	if (strcmp(word, "aspect") == 0)
		return F_ASPECT;
	if (strcmp(word, "noneg") == 0)
		return F_NONEG;
	if (strcmp(word, "bare") == 0)
		return F_BARE;
	for (i = 0; i < sizeof(fam_names) / sizeof(fam_names[0]); i++)
		if (strcmp(word, fam_names[i]) == 0)
			return 1 << (FAM_SHIFT + i);
	return 0;
}

/*
 * Parse FLAGS ("aspect;noneg", any of ';' '|' ' ' between) into *FLAGS;
 * -1 with *BAD at the word when one is unknown.
 */
static int
parse_flags(const char *s, int *flags, const char **bad)
{
	char word[32];
	size_t n;
	int v;

	*flags = 0;
	while (*s != '\0') {
		n = strcspn(s, ";| ");
		if (n > 0) {
			if (n >= sizeof(word)) {
				*bad = s;
				return -1;
			}
			memcpy(word, s, n);
			word[n] = '\0';
			if ((v = flag_value(word)) == 0 &&
			    strcmp(word, "neg") != 0) {	/* the default */
				*bad = s;
				return -1;
			}
			*flags |= v;
		}
		s += n;
		if (*s != '\0')
			s++;
	}
	return 0;
}

/* Parse a weight: a decimal number from 0 to 100; -1 if it is not. */
static int
parse_weight(const char *s, double *w)
{
	char *end;

	if (*s == '\0') {
		*w = 1.0;
		return 0;
	}
	errno = 0;
	*w = strtod(s, &end);
	if (errno != 0 || *end != '\0' || end == s || !(*w >= 0.0 && *w <= 100.0))
		return -1;
	return 0;
}

/* Parse a category name into a kind; -1 if unknown. */
static int
parse_kind(const char *s)
{
	int i;

	for (i = 0; i < K_NKIND; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

/*
 * Replace every run of ASCII digits in S[0..LEN) by one '0', in place, as
 * the classifier does with reviews, so that "给我100元" in a term matches
 * any amount.  Returns the new length.
 */
static size_t
collapse_digits(char *s, size_t len)
{
	size_t i, k;

	for (i = k = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
				continue;
			s[k++] = '0';
		} else
			s[k++] = s[i];
	}
	s[k] = '\0';
	return k;
}

/* datafile callback: one lexicon line. */
static int
lexicon_line(void *ctx, struct datafile *df, const struct record *r)
{
	struct lexicon *lx = ctx;
	const char *term = datafile_get(df, r, "term");
	const char *cat = datafile_get(df, r, "category");
	const char *bad = NULL;
	struct norm n = { 0 };
	struct term *t;
	int kind, flags;
	double w;

	if (*term == '\0') {
		datafile_error(df, "empty term");
		return 0;
	}
	if (utf8_count(term, strlen(term)) > LEXICON_TERM_MAX) {
		datafile_error(df, "term '%s' longer than %d characters",
		    datafile_quote(df, term), LEXICON_TERM_MAX);
		return 0;
	}
	if ((kind = parse_kind(cat)) < 0) {
		datafile_error(df, "unknown category '%s' (expected quality, "
		    "service, logistics, mood, negative, positive, negator, "
		    "intensifier, contrast, suspect or none)", datafile_quote(df, cat));
		return 0;
	}
	if (parse_weight(datafile_get(df, r, "weight"), &w) != 0) {
		datafile_error(df, "bad weight '%s' (expected a number from 0 "
		    "to 100)", datafile_quote(df, datafile_get(df, r, "weight")));
		return 0;
	}
	if (parse_flags(datafile_get(df, r, "flags"), &flags, &bad) != 0) {
		datafile_error(df, "unknown flag '%.*s' (expected aspect, bare, "
		    "neg, noneg, or for threat: act, where, demand, condition, "
		    "intent, ruin)", (int)strcspn(bad, ";| "), bad);
		return 0;
	}
	if (kind == K_THREAT && (flags >> FAM_SHIFT) == 0) {
		datafile_error(df, "a threat term needs its family (act, where, "
		    "demand, condition, intent or ruin)");
		return 0;
	}
	if ((flags & F_BARE) && kind != K_INTENSIFIER) {
		datafile_error(df, "flag 'bare' is only for intensifiers");
		return 0;
	}
	if ((flags & F_ASPECT) && kind > K_LOGISTICS) {
		datafile_error(df, "flag 'aspect' is only for quality, service "
		    "and logistics terms");
		return 0;
	}
	if (lx->n == lx->cap) {
		size_t cap = lx->cap ? lx->cap * 2 : 256;

		if ((t = xreallocarray(lx->t, 1, cap * sizeof(*t))) == NULL) {
			datafile_error(df, "out of memory");
			return 1;
		}
		lx->t = t;
		lx->cap = cap;
	}
	if (norm_text_fast(lx->z, &n, term, strlen(term)) == -1) {
		datafile_error(df, "out of memory");
		return 1;
	}
	t = &lx->t[lx->n];
	t->s = n.s;		/* take over the buffer */
	t->len = collapse_digits(n.s, n.len);
	free(n.map);
	/* A term once per file, as it is matched (a file may redefine the embedded ones). */
	if (datafile_key(df, "term", t->s, t->len, term) != 0) {
		free(t->s);
		return 0;
	}
	t->kind = (enum kind)kind;
	t->weight = w;
	t->flags = flags;
	t->order = lx->n++;
	return 0;
}

int
lexicon_load(struct lexicon *lx, const char *path)
{
	static const char *const cols[] = { "term", "category", NULL };
	static const struct datafile_kind kind = {
		"lexicon", "lexicon.csv", DATAFILE_MAX_LEXICON, cols
	};

	return datafile_load(path, &kind, lexicon_line, lx);
}

/* Sort by text, then by order of definition. */
static int
term_cmp(const void *a, const void *b)
{
	const struct term *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

int
lexicon_build(struct lexicon *lx)
{
	size_t i, k;

	/* Keep the last definition of every term. */
	if (lx->n > 1)	/* lx->t is NULL for a lexicon with no terms */
		qsort(lx->t, lx->n, sizeof(*lx->t), term_cmp);
	for (i = k = 0; i < lx->n; i++) {
		if (i + 1 < lx->n && lx->t[i].len == lx->t[i + 1].len &&
		    memcmp(lx->t[i].s, lx->t[i + 1].s, lx->t[i].len) == 0) {
			free(lx->t[i].s);
			continue;
		}
		lx->t[k++] = lx->t[i];
	}
	lx->n = k;
	if ((lx->info = xmalloc((lx->n + 1) * sizeof(*lx->info))) == NULL ||
	    (lx->m = matcher_new()) == NULL)
		return -1;
	for (i = 0; i < lx->n; i++) {
		lx->info[i].weight = lx->t[i].weight;
		lx->info[i].kind = (unsigned char)lx->t[i].kind;
		lx->info[i].flags = (unsigned char)(lx->t[i].flags & 0xff);
		lx->info[i].fam = (unsigned char)(lx->t[i].flags >> FAM_SHIFT);
		lx->info[i].hash = rvm_term_hash(lx->t[i].s, lx->t[i].len);
	}
	for (i = 0; i < lx->n; i++)
		if (lx->t[i].len > 0 &&
		    matcher_add(lx->m, lx->t[i].s, lx->t[i].len, (int)i) == -1)
			return -1;
	return matcher_build(lx->m);
}

size_t
lexicon_size(const struct lexicon *lx)
{
	return lx->n;
}

void
lexicon_free(struct lexicon *lx)
{
	size_t i;

	if (lx == NULL)
		return;
	for (i = 0; i < lx->n; i++)
		free(lx->t[i].s);
	free(lx->t);
	free(lx->info);
	matcher_free(lx->m);
	normalizer_free(lx->z);
	free(lx);
}

/* --- cleaning: emoji and 表情 codes ---------------------------------- */

struct classifier *
classifier_new(const struct lexicon *lx)
{
	struct classifier *c;

	if ((c = xcalloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->lx = lx;
	c->dfa = matcher_dfa(lx->m);
	return c;
}

void
classifier_free(struct classifier *c)
{
	if (c == NULL)
		return;
	free(c->clean);
	free(c->ifrom);
	free(c->ito);
	free(c->h);
	free(c->raw);
	free(c->ev);
	free(c->bnd);
	rvm_feat_free(&c->feat);
	free(c->th);
	free(c);
}

/* Is CP a pictograph, dingbat or an emoji joiner/selector? */
static int
is_emoji(uint32_t cp)
{
	return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) ||
	    cp == 0xfe0f || cp == 0x200d || (cp >= 0x1f1e6 && cp <= 0x1f1ff);
}

/*
 * Length of a 表情 code at S[0..N): "[哭]" (brackets around one to four
 * characters with no punctuation), or "/:" and up to eight ASCII symbols
 * or letters ("/:(", "/::)", "/:handclap"); 0 when there is none.
 */
static size_t
code_len(const char *s, size_t n)
{
	size_t i, chars;
	uint32_t cp;

	if (s[0] == '[') {
		for (i = 1, chars = 0; i < n && s[i] != ']' && chars <= 4; chars++) {
			if (strchr(",.!?;:[ \t", s[i]) != NULL)
				return 0;
			i += (size_t)utf8_decode((const unsigned char *)s + i,
			    n - i, &cp, NULL);
		}
		return i < n && s[i] == ']' && chars >= 1 && chars <= 4 ? i + 1 : 0;
	}
	if (n >= 3 && s[0] == '/' && s[1] == ':') {
		for (i = 2; i < n && i < 10 && s[i] > ' ' && s[i] < 0x7f &&
		    s[i] != ',' && s[i] != '.'; i++)
			;
		return i > 2 ? i : 0;
	}
	return 0;
}

/*
 * Does the cleaned text have a clause boundary at S (punctuation, blank)?
 * *N gets its length.  *SENT is set when it also ends a sentence.
 */
static int
boundary(const char *s, size_t left, size_t *n, int *sent)
{
	const unsigned char *u = (const unsigned char *)s;

	*sent = 0;
	*n = 1;
	switch (u[0]) {
	case '.': case '!': case '?': case ';': case '\n': case '\r':
		*sent = 1;
		return 1;
	case ',': case ' ': case '\t': case '~': case ':': case '(':
	case ')': case '"': case '\'': case '*': case '#': case '&':
	case '/': case '[': case ']':
		return 1;
	case 0xc2:		/* · */
		if (left >= 2 && u[1] == 0xb7) {
			*n = 2;
			return 1;
		}
		return 0;
	case 0xe2:		/* … “ ” */
		if (left >= 3 && u[1] == 0x80 &&
		    (u[2] == 0xa6 || u[2] == 0x9c || u[2] == 0x9d)) {
			*n = 3;
			return 1;
		}
		return 0;
	case 0xe3:		/* 、 。 《 》 「 」 【 】 */
		if (left >= 3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82 ||
		    (u[2] >= 0x8a && u[2] <= 0x8d) || u[2] == 0x90 ||
		    u[2] == 0x91)) {
			*n = 3;
			*sent = u[2] == 0x82;
			return 1;
		}
		return 0;
	}
	return 0;
}

/* Note a clause boundary of length N at clean offset POS; 0 or -1. */
static int
add_bnd(struct classifier *c, size_t pos, size_t n, int sent)
{
	if (c->nbnd == c->capbnd) {
		size_t cap = c->capbnd ? c->capbnd * 2 : 64;
		struct bnd *b = xreallocarray(c->bnd, 1, cap * sizeof(*b));

		if (b == NULL)
			return -1;
		c->bnd = b;
		c->capbnd = cap;
	}
	c->bnd[c->nbnd].pos = pos;
	c->bnd[c->nbnd].len = (unsigned char)n;
	c->bnd[c->nbnd++].sent = (unsigned char)sent;
	return 0;
}

/* Might the character at S (of length CL) be an emoji?  A cheap first test. */
static int
maybe_emoji(const unsigned char *s, size_t cl)
{
	return cl == 4 || (cl == 3 && ((s[0] == 0xe2 && s[1] >= 0x98 &&
	    s[1] <= 0x9e) || (s[0] == 0xef && s[1] == 0xb8) ||
	    (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x8d)));
}

/* Make room in C for a review of LEN bytes; 0 or -1. */
static int
clean_reserve(struct classifier *c, size_t len)
{
	/* A 3-byte ideograph may become a 4-byte one; nothing else grows. */
	size_t need = len + len / 3 + 8;
	char *p;

	if (len > UINT32_MAX - 8) {
		errno = EOVERFLOW;
		return -1;
	}
	uint32_t *f, *t;

	if (need <= c->cleancap)
		return 0;
	if ((p = xreallocarray(c->clean, 1, need)) == NULL)
		return -1;
	c->clean = p;
	if ((f = xreallocarray(c->ifrom, 1, need * sizeof(*f))) == NULL)
		return -1;
	c->ifrom = f;
	if ((t = xreallocarray(c->ito, 1, need * sizeof(*t))) == NULL)
		return -1;
	c->ito = t;
	c->cleancap = need;
	return 0;
}

/* Make room for one more match; 0 or -1. */
static int
grow_raw(struct classifier *c)
{
	size_t cap = c->capraw ? c->capraw * 2 : 64;
	struct raw *r;

	if ((r = xreallocarray(c->raw, 1, cap * sizeof(*r))) == NULL)
		return -1;
	c->raw = r;
	c->capraw = cap;
	return 0;
}

/* The key of a match at clean[START..END) (struct raw). */
static inline uint64_t
raw_key(size_t start, size_t end)
{
	return (uint64_t)start << 32 | (uint32_t)~(uint32_t)end;
}

/*
 * Note the N lexicon terms O that end at clean offset K (only where and
 * which: keep_longest() sets the rest of the hits it keeps), growing the
 * hits as needed; 0 or -1.
 */
static int
put_hits(struct classifier *c, const struct match_out *o, size_t n, size_t k)
{
	size_t j;

	for (j = 0; j < n; j++) {
		if (c->nraw == c->capraw && grow_raw(c) == -1)
			return -1;
		c->raw[c->nraw].term = o[j].id;
		c->raw[c->nraw++].key = raw_key(k - o[j].len, k);
	}
	return 0;
}

/*
 * The character UNIT has just been written to clean[K0..K) from
 * input[I0..I1): note where it came from, and take the automaton over it,
 * collecting the terms that end there.  0 or -1.
 *
 * A term ends at every second or third character of a review, and which
 * ones do is hard to predict: the usual case, none or one, is written
 * without a branch (a hit is always written and counted only if real).
 *
 * D and *STATE are clean_text()'s locals, not c's fields: the stores to
 * the cleaned text are chars, which may alias anything, so that fields
 * would be stored and loaded again at every character, with the state in
 * the chain of loads that each step waits on.  Inlined for the same
 * reason (a call would take their addresses).
 */
static ALWAYS_INLINE int
put_unit(struct classifier *c, const struct match_dfa *d, uint32_t *state,
    size_t k0, size_t k, size_t i0, size_t i1, uint32_t unit)
{
	const struct match_olist *l;
	struct raw *r;

	c->ifrom[k0] = (uint32_t)i0;
	c->ito[k - 1] = (uint32_t)i1;
	*state = match_next(d, *state, match_class(d, unit));
	l = match_olist(d, *state);
	if (c->nraw == c->capraw || l->n > 1)
		return put_hits(c, d->outs + l->first, l->n, k);
	r = &c->raw[c->nraw];
	r->term = l->out0.id;
	r->key = raw_key(k - l->out0.len, k);
	c->nraw += l->n;
	return 0;
}

/* Length of the character at clean offset K (K < cleanlen). */
static size_t
clean_unit_len(const struct classifier *c, size_t k)
{
	uint32_t cp;
	size_t l = norm_utf8_decode((const unsigned char *)c->clean + k,
	    c->cleanlen - k, &cp);

	return l != 0 ? l : 1;
}

/* What an ASCII byte is between clauses: 0 nothing, 1 a clause end, 2 a sentence end. */
static const unsigned char ascii_bnd[128] = {
	['.'] = 2, ['!'] = 2, ['?'] = 2, [';'] = 2, ['\n'] = 2, ['\r'] = 2,
	[','] = 1, [' '] = 1, ['\t'] = 1, ['~'] = 1, [':'] = 1, ['('] = 1,
	[')'] = 1, ['"'] = 1, ['\''] = 1, ['*'] = 1, ['#'] = 1, ['&'] = 1,
	['/'] = 1, ['['] = 1, [']'] = 1
};

/*
 * Normalise the review S[0..N) (norm_codepoint(): simplified characters,
 * half width, lower case) into c->clean in one pass, leaving out emoji and
 * 表情 codes, writing every run of digits as one '0', noting where each
 * character came from and the clause boundaries, and matching the lexicon
 * as it goes (the matches go to c->raw); 0 or -1.
 *
 * Most characters of a review are ASCII or ideographs of the URO block:
 * those take a short path, the rest the general one.
 */
static int
clean_text(struct classifier *c, const char *s, size_t n)
{
	const struct normalizer *z = c->lx->z;
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k, cl, bn, ol, digits_end = (size_t)-1;
	uint32_t cp, t;
	struct match_dfa d = *c->dfa;
	uint32_t state = 0;
	char *out;
	int sent;

	if (clean_reserve(c, n) == -1)
		return -1;
	out = c->clean;
	c->nbnd = 0;
	c->inlen = n;
	for (i = k = 0; i < n; i += cl) {
		cp = norm_uro_at(u + i, n - i);
		t = cp != 0 && norm_is_trad(z, cp) ? z->simp[cp - NORM_T2S_LO] : cp;
		if (t >= 0x4000 && t <= 0x9fff) {
			/* No emoji, digit or punctuation: a 3-byte ideograph. */
			cl = 3;
			if (t == cp)
				memcpy(out + k, s + i, 3);
			else
				norm_utf8_encode(t, out + k);
			if (put_unit(c, &d, &state, k, k + 3, i, i + 3, t) == -1)
				return -1;
			k += 3;
			continue;
		}
		if (u[i] < 0x80 && u[i] != '[' && u[i] != '/' &&
		    (u[i] < '0' || u[i] > '9')) {
			cl = 1;
			t = u[i] >= 'A' && u[i] <= 'Z' ? u[i] + ('a' - 'A') : u[i];
			out[k] = (char)t;
			if (ascii_bnd[u[i]] != 0 &&
			    add_bnd(c, k, 1, ascii_bnd[u[i]] == 2) == -1)
				return -1;
			if (put_unit(c, &d, &state, k, k + 1, i, i + 1, t) == -1)
				return -1;
			k++;
			continue;
		}
		if ((u[i] == '[' || u[i] == '/') && (cl = code_len(s + i, n - i)) > 0)
			continue;
		if (u[i] < 0x80) {
			cl = 1;
			cp = u[i];
		} else if ((cl = norm_utf8_decode(u + i, n - i, &cp)) == 0) {
			cl = 1;		/* not UTF-8: the byte passes through */
			out[k] = s[i];
			if (put_unit(c, &d, &state, k, k + 1, i, i + 1,
			    MATCH_UNIT_BAD + u[i]) == -1)
				return -1;
			k++;
			continue;
		} else if (maybe_emoji(u + i, cl) && is_emoji(cp))
			continue;
		cp = norm_codepoint_with(z, cp);
		if (cp >= '0' && cp <= '9') {
			/* A run of digits is one '0': any number. */
			if (digits_end != i) {
				out[k] = '0';
				if (put_unit(c, &d, &state, k, k + 1, i, i + cl, '0') == -1)
					return -1;
				k++;
			} else
				c->ito[k - 1] = (uint32_t)(i + cl);
			digits_end = i + cl;
			continue;
		}
		ol = norm_utf8_encode(cp, out + k);
		if ((cp < 0x80 || out[k] == '\xc2' || out[k] == '\xe2' ||
		    out[k] == '\xe3') && boundary(out + k, ol, &bn, &sent) &&
		    add_bnd(c, k, bn, sent) == -1)
			return -1;
		if (put_unit(c, &d, &state, k, k + ol, i, i + cl, cp) == -1)
			return -1;
		k += ol;
	}
	out[k] = '\0';
	c->cleanlen = k;
	return 0;
}

/* --- matching and scoring --------------------------------------------- */

/* Note a threat word at KEY (struct raw) of families FAM; 0 or -1. */
static int
put_threat(struct classifier *c, uint64_t key, unsigned fam)
{
	struct hit *h;

	if (c->nth == c->capth) {
		size_t cap = c->capth ? c->capth * 2 : 8;

		if ((h = xreallocarray(c->th, 1, cap * sizeof(*h))) == NULL)
			return -1;
		c->th = h;
		c->capth = cap;
	}
	h = &c->th[c->nth++];
	memset(h, 0, sizeof(*h));
	h->start = h->from = (uint32_t)(key >> 32);
	h->end = h->to = ~(uint32_t)key;
	h->kind = K_THREAT;
	c->fam |= fam;
	return 0;
}

/*
 * Keep the leftmost-longest matches that do not overlap, as the hits to
 * score, and the threat words apart; 0 or -1.  The matcher finds matches in order of their end, so
 * they are nearly in order of their start too: an insertion sort is
 * linear here in practice, and it moves 16-byte keys, not hits.
 */
static int
keep_longest(struct classifier *c)
{
	const struct tinfo *ti;
	struct raw *r = c->raw, t;
	struct hit *h;
	size_t i, j, n = c->nraw, last = 0;
	uint32_t start;

	for (i = 1; i < n; i++) {
		if (r[i].key >= r[i - 1].key)
			continue;	/* in place already: no copy */
		t = r[i];
		for (j = i; j > 0 && t.key < r[j - 1].key; j--)
			r[j] = r[j - 1];
		r[j] = t;
	}
	if (n > c->caph) {
		if ((h = xreallocarray(c->h, 1, n * sizeof(*h))) == NULL)
			return -1;
		c->h = h;
		c->caph = n;
	}
	c->nh = 0;
	for (i = 0; i < n; i++) {
		start = (uint32_t)(r[i].key >> 32);
		ti = &c->lx->info[r[i].term];
		if (ti->fam != 0 && put_threat(c, r[i].key, ti->fam) == -1)
			return -1;
		if (ti->kind == K_THREAT)
			continue;	/* hides nothing, hidden by nothing */
		if (c->nh > 0 && start < last)
			continue;
		h = &c->h[c->nh++];
		h->start = h->from = start;
		h->end = h->to = last = ~(uint32_t)r[i].key;
		h->term = r[i].term;
		h->ev = 0;
		h->negated = 0;
		h->contrasted = 0;
		h->mult = 1.0;
		h->weight = ti->weight;
		h->kind = ti->kind;
		h->flags = ti->flags;
	}
	return 0;
}

/* Append the input's bytes behind hit H to the evidence, once. */
static int
add_evidence(struct classifier *c, const struct hit *h)
{
	size_t from = c->ifrom[h->from], to = c->ito[h->to - 1], n;
	const char *w = c->input + from;
	const char *p, *end;
	char *q;

	n = to > from ? to - from : 0;

	if (n == 0)
		return 0;
	/* Already there? */
	/* (c->ev is NULL until the first piece: no pointer arithmetic on it.) */
	for (p = c->ev, end = c->ev ? c->ev + c->evlen : NULL; p != NULL && p < end; ) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		size_t l = semi ? (size_t)(semi - p) : (size_t)(end - p);

		if (l == n && memcmp(p, w, n) == 0)
			return 0;
		p += l + 1;
	}
	if (c->evlen + n + 2 > c->evcap) {
		size_t cap = c->evcap ? c->evcap : 64;

		while (cap < c->evlen + n + 2)
			cap *= 2;
		if ((q = xreallocarray(c->ev, 1, cap)) == NULL)
			return -1;
		c->ev = q;
		c->evcap = cap;
	}
	if (c->evlen > 0)
		c->ev[c->evlen++] = ';';
	memcpy(c->ev + c->evlen, w, n);
	c->evlen += n;
	c->ev[c->evlen] = '\0';
	return 0;
}

/* Running totals while a review is scored. */
struct tally {
	double score[RV_NCAT];	/* per category */
	size_t first[RV_NCAT];	/* where each category was first seen */
	double suspect;		/* suspect evidence */
	double guess;		/* quality evidence of bare intensifiers */
	double contrast;	/* multiplier for the rest of the sentence */
	/* For the model's lexicon features (set_lex()). */
	double after[RV_NCAT];	/* score credited after a contrast word */
	int contrasts;		/* contrast words that took effect */
	int intense;		/* hits raised by an intensifier */
	int negated;		/* hits turned by a negator */
	int opneg, oppos;	/* negative and positive opinions, as turned */
};

/* Credit category CAT with W for hit H, which becomes its evidence. */
static void
credit(struct tally *t, int cat, double w, struct hit *h)
{
	if (w <= 0.0)
		return;
	if (t->score[cat] == 0.0 || h->start < t->first[cat])
		t->first[cat] = h->start;
	t->score[cat] += w;
	if (h->contrasted)
		t->after[cat] += w;
	if (cat != RV_OTHER)
		h->ev |= 1u << cat;
}

/*
 * Set each hit's negation and intensity in the clause H[0..N), and the
 * contrast multiplier from contrast words (which holds to the end of the
 * sentence).
 */
static void
clause_modifiers(struct hit *h, size_t n, struct tally *t)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (h[i].kind == K_CONTRAST && h[i].weight > 0.0) {
			t->contrast = h[i].weight;
			t->contrasts++;
			continue;
		}
		h[i].mult = t->contrast;
		h[i].contrasted = t->contrast > 1.0;
		for (j = i; j-- > 0; ) {
			if (h[i].start - h[j].end > NEG_GAP)
				break;
			if (h[j].kind == K_NEGATOR && !(h[i].flags & F_NONEG)) {
				h[i].negated = !h[i].negated;
				h[i].from = h[j].start;
				t->negated++;
				break;	/* one negator; 不是不好 is rare */
			}
			if (h[j].kind == K_INTENSIFIER &&
			    h[i].start - h[j].end <= INT_GAP) {
				h[i].mult *= h[j].weight > 0.0 ? h[j].weight : INTENSE;
				t->intense++;
			} else if (h[j].kind != K_INTENSIFIER)
				break;
		}
	}
}

/* Is the ideograph at S a particle or function word (的, 了, 是 ...)? */
static int
is_particle(const char *s)
{
	static const char particles[] = "的了地得啊吧呢是和就都也还在有";
	size_t i;

	for (i = 0; i + 3 <= sizeof(particles) - 1; i += 3)
		if (memcmp(s, particles + i, 3) == 0)
			return 1;
	return 0;
}

/*
 * The clause H[0..N), ending at clean offset END, has no opinion or
 * complaint: an intensifier followed by words the lexicon does not know
 * is weak quality evidence (see BARE_INTENSIFIER).
 */
static void
bare_intensifier(struct classifier *c, struct hit *h, size_t n, size_t end,
    struct tally *t)
{
	size_t i, next;

	for (i = 0; i < n; i++)
		if (h[i].kind < K_NEGATOR ||
		    h[i].kind == K_SUSPECT)
			return;
	for (i = 0; i < n; i++) {
		if (!(h[i].flags & F_BARE) || h[i].end >= end ||
		    (i + 1 < n && h[i + 1].start == h[i].end))
			continue;
		next = h[i].end + clean_unit_len(c, h[i].end);
		/* 特别的, 太了: a particle after it is no adjective. */
		if (next - h[i].end == 3 && next <= end &&
		    is_particle(c->clean + h[i].end))
			continue;
		h[i].to = next < end ? next : end;
		if ((t->score[RV_QUALITY] == 0.0 && t->guess == 0.0) ||
		    h[i].start < t->first[RV_QUALITY])
			t->first[RV_QUALITY] = h[i].start;
		t->guess += BARE_INTENSIFIER * h[i].mult;
		h[i].ev |= 1u << RV_QUALITY;
		return;
	}
}

/* Score one clause H[0..N), which ends at clean offset END. */
static void
score_clause(struct classifier *c, struct hit *h, size_t n, size_t end,
    struct tally *t)
{
	double neg = 0.0, pos = 0.0, w, aspect_mult;
	unsigned aspects = 0;
	size_t i;

	clause_modifiers(h, n, t);
	for (i = 0; i < n; i++) {
		w = h[i].weight * h[i].mult;
		if (h[i].kind == K_NEGATIVE || h[i].kind == K_POSITIVE) {
			if ((h[i].kind == K_NEGATIVE) != h[i].negated) {
				neg += w;
				t->opneg += w > 0.0;
			} else {
				pos += w;
				t->oppos += w > 0.0;
			}
		}
		else if (h[i].kind <= K_LOGISTICS && (h[i].flags & F_ASPECT))
			aspects |= 1u << h[i].kind;
	}
	aspect_mult = neg > pos ? 1.0 : neg == 0.0 && pos == 0.0 ?
	    ASPECT_NEUTRAL : 0.0;
	for (i = 0; i < n; i++) {
		w = h[i].weight * h[i].mult;
		switch (h[i].kind) {
		case K_QUALITY:
		case K_SERVICE:
		case K_LOGISTICS:
			if (h[i].negated)
				break;
			if (!(h[i].flags & F_ASPECT))
				credit(t, (int)h[i].kind, w, &h[i]);
			else if (aspect_mult == 1.0)
				credit(t, (int)h[i].kind, w, &h[i]);
			else		/* weak: no opinion; not evidence */
				t->score[h[i].kind] += w * aspect_mult;
			break;
		case K_MOOD:
			if (!h[i].negated)
				credit(t, RV_MOOD, w, &h[i]);
			break;
		case K_NEGATIVE:
		case K_POSITIVE:
			if ((h[i].kind == K_NEGATIVE) != h[i].negated) {
				if (aspects != 0 && neg > pos)
					h[i].ev |= aspects;
				else
					credit(t, RV_MOOD, w * 0.5, &h[i]);
			} else
				credit(t, RV_OTHER, w, &h[i]);
			break;
		case K_SUSPECT:
			if (!h[i].negated) {
				t->suspect += h[i].weight;
				h[i].ev |= EV_SUSPECT;
			}
			break;
		default:
			break;
		}
	}
	bare_intensifier(c, h, n, end, t);
}

/* Walk the cleaned text clause by clause. */
static void
score_text(struct classifier *c, struct tally *t)
{
	size_t b, end, hi = 0, first;

	t->contrast = 1.0;
	for (b = 0; b <= c->nbnd && hi < c->nh; b++) {
		/* The clause runs to boundary B (or the end). */
		end = b < c->nbnd ? c->bnd[b].pos : c->cleanlen;
		first = hi;
		while (hi < c->nh && c->h[hi].start < end)
			hi++;
		if (hi > first)
			score_clause(c, c->h + first, hi - first, end, t);
		if (b < c->nbnd && c->bnd[b].sent)
			t->contrast = 1.0;
	}
}

/* Pick the primary category and the set from the tally. */
static void
decide(const struct tally *t, struct review_result *res)
{
	double sc[RV_NCAT];
	int i, best = -1;

	/* Bare intensifiers count only where no mood word was said. */
	memcpy(sc, t->score, sizeof(sc));
	if (sc[RV_MOOD] == 0.0)
		sc[RV_QUALITY] += t->guess;
	for (i = RV_QUALITY; i <= RV_LOGISTICS; i++)
		if (sc[i] >= CAUSE_MIN && (best < 0 || sc[i] > sc[best] ||
		    (sc[i] == sc[best] && t->first[i] < t->first[best])))
			best = i;
	res->cats = 0;
	if (best >= 0) {
		for (i = RV_QUALITY; i <= RV_LOGISTICS; i++)
			if (sc[i] >= CAUSE_MIN && sc[i] >= SECOND_SHARE * sc[best])
				res->cats |= 1u << i;
		res->category = (enum rv_cat)best;
	} else if (t->score[RV_MOOD] > 0.0 || t->score[RV_OTHER] == 0.0)
		res->category = RV_MOOD;
	else
		res->category = RV_OTHER;
	if (best < 0)
		res->cats = 1u << res->category;
	for (i = 0; i < RV_NCAT; i++)
		res->score[i] = sc[i];
	res->suspect = t->suspect >= SUSPECT_MIN ||
	    (best < 0 && t->suspect >= SUSPECT_MIN / 2);
}

/* Build the evidence from the hits that support RES's categories. */
static int
evidence(struct classifier *c, const struct review_result *res)
{
	size_t i, k;
	unsigned want = res->cats | (res->suspect ? EV_SUSPECT : 0);

	for (i = 0; i < c->nh; i++)
		if ((c->h[i].ev & want) != 0 && add_evidence(c, &c->h[i]) == -1)
			return -1;
	for (i = 0; i < c->nth && is_threat(c->fam); i++) {
		for (k = 0; k < c->nh; k++)
			if ((c->h[k].ev & want) != 0 &&
			    c->h[k].from <= c->th[i].start &&
			    c->h[k].to >= c->th[i].end)
				break;	/* 200元 in 给我200元 */
		if (k == c->nh && add_evidence(c, &c->th[i]) == -1)
			return -1;
	}
	return 0;
}

/* The set of the three causes among the category bits. */
#define CAUSES (1u << RV_QUALITY | 1u << RV_SERVICE | 1u << RV_LOGISTICS)

/*
 * The model's lexicon features (rvmodel.h) from the tally T and the
 * lexicon's own decision RES: the square roots of the scores and counts,
 * the decision and the first cause named as indicators.
 */
/*
 * The value of a score or count X as a feature: its square root, which
 * grows slower than X, as log(1 + X) would, at the cost of one
 * instruction (cross-validated alike).
 */
static inline double
lg(double x)
{
	return x > 0.0 ? sqrt(x) : 0.0;
}

static void
set_lex(const struct tally *t, const struct review_result *res,
    struct rvm_lex *lex)
{
	double *v = lex->v;
	int i, first = -1;

	memset(lex, 0, sizeof(*lex));
	for (i = 0; i < RV_NCAT; i++)
		v[i] = lg(t->score[i]);
	v[5] = lg(t->guess);
	v[6] = lg(t->suspect);
	v[7 + res->category] = 1.0;
	for (i = 0; i < 4; i++)
		v[12 + i] = lg(t->after[i]);
	v[16] = t->contrasts > 0;
	v[17] = lg(t->intense);
	for (i = RV_QUALITY; i <= RV_LOGISTICS; i++)
		if (t->score[i] > 0.0 && (first < 0 || t->first[i] < t->first[first]))
			first = i;
	if (first >= 0)
		v[18 + first] = 1.0;
	v[21] = lg(t->negated);
	v[22] = lg(t->opneg);
	v[23] = lg(t->oppos);
}

/*
 * Clean, match and score TEXT[0..LEN) into *T, with the lexicon's
 * decision in *RES.  0, 1 when the text is blank (RES says other), or -1
 * when out of memory.
 */
static int
analyse(struct classifier *c, const char *text, size_t len, struct tally *t,
    struct review_result *res)
{
	const char *s = text;
	size_t n = len;

	memset(t, 0, sizeof(*t));
	memset(res, 0, sizeof(*res));
	c->nh = c->nraw = c->nth = 0;
	c->fam = 0;
	c->cleanlen = 0;
	c->evlen = 0;
	if (c->ev != NULL)
		c->ev[0] = '\0';
	c->input = text;
	res->evidence = (char *)"";
	cell_value(&s, &n);
	if (n == 0) {
		res->category = RV_OTHER;
		res->cats = 1u << RV_OTHER;
		return 1;
	}
	if (clean_text(c, text, len) == -1 || keep_longest(c) == -1)
		return -1;
	score_text(c, t);
	decide(t, res);
	if (is_threat(c->fam))
		res->suspect = 1;
	return 0;
}

/*
 * Add to F the lexicon terms the review just analysed matched, with how
 * they were turned and weighed, hashed with P.  0 or -1 (memory).
 */
static int
term_features(struct classifier *c, const struct rvm_params *p,
    struct rvm_feat *f)
{
	const struct hit *h;
	size_t i;

	for (i = 0; i < c->nh; i++) {
		h = &c->h[i];
		if (h->weight <= 0.0)
			continue;	/* switched off */
		if (rvm_term(f, p, c->lx->info[h->term].hash,
		    (h->negated ? RVM_T_NEGATED : 0) |
		    (h->contrasted ? RVM_T_CONTRAST : 0)) == -1)
			return -1;
	}
	return 0;
}

/*
 * The model's features of the review just analysed, with P's hashing,
 * into F: its n-grams, and the lexicon terms it matched.  0 or -1.
 */
static int
model_features(struct classifier *c, const struct rvm_params *p,
    struct rvm_feat *f)
{
	if (rvm_ngrams(f, p, c->clean, c->cleanlen) == -1)
		return -1;
	return term_features(c, p, f);
}

/*
 * The model decides RES's category from the n-grams of the cleaned text
 * and the lexicon features of T; the causes the lexicon found stay in the
 * set beside it (mood and other stand alone).  0 or -1 (memory).
 */
static int
model_decide(struct classifier *c, const struct tally *t,
    struct review_result *res)
{
	struct rvm_lex lex;
	double sc[RV_NCAT];
	int best;

	set_lex(t, res, &lex);
	c->feat.n = 0;
	if (term_features(c, &c->model->p, &c->feat) == -1 ||
	    (best = rvmodel_predict(c->model, &c->feat, c->clean,
	    c->cleanlen, &lex, sc)) < 0)
		return -1;


	res->category = (enum rv_cat)best;
	if (best <= RV_LOGISTICS)
		res->cats = (res->cats & CAUSES) | 1u << best;
	else
		res->cats = 1u << best;
	return 0;
}

void
classifier_set_model(struct classifier *c, const struct rvmodel *m)
{
	c->model = m;
}

int
classifier_features(struct classifier *c, const struct rvm_params *p,
    const char *text, size_t len, struct rvm_feat *f, struct rvm_lex *lex)
{
	struct tally t;
	struct review_result res;
	int r;

	if ((r = analyse(c, text, len, &t, &res)) == -1)
		return -1;
	if (r == 1) {
		memset(lex, 0, sizeof(*lex));
		f->n = 0;
		return 0;
	}
	set_lex(&t, &res, lex);
	return model_features(c, p, f);
}

int
classify(struct classifier *c, const char *text, size_t len,
    struct review_result *res)
{
	struct tally t;
	int r;

	if ((r = analyse(c, text, len, &t, res)) != 0)
		return r < 0 ? -1 : 0;
	if (c->model != NULL && model_decide(c, &t, res) == -1)
		return -1;
	if (evidence(c, res) == -1)
		return -1;
	res->evidence = c->ev != NULL ? c->ev : (char *)"";
	res->evlen = c->evlen;
	return 0;
}

size_t
lexicon_nterms(const struct lexicon *lx)
{
	return lx->n;
}

const char *
lexicon_term(const struct lexicon *lx, size_t i, size_t *len)
{
	*len = lx->t[i].len;
	return lx->t[i].s;
}

int
classifier_clean(struct classifier *c, const char *s, size_t n,
    const char **clean, size_t *cleanlen,
    int (*fn)(void *ctx, int term, size_t start, size_t end), void *ctx)
{
	size_t i, start, end;

	c->nraw = 0;
	if (clean_text(c, s, n) == -1)
		return -1;
	*clean = c->clean;
	*cleanlen = c->cleanlen;
	for (i = 0; i < c->nraw; i++) {
		start = (size_t)(c->raw[i].key >> 32);
		end = (uint32_t)~(uint32_t)c->raw[i].key;
		fn(ctx, c->raw[i].term, start, end);
	}
	return 0;
}
