#ifndef CS_REVIEWS_H
#define CS_REVIEWS_H

/*
 * Triage of negative shop reviews (cs-reviewsort): which problem a review
 * names (quality, service, logistics), or none (mood, the residual of 001
 * §6.11), and whether it looks like competitor sabotage or extortion.
 *
 * The lexicon is data: CSV lines "term,category,weight,flags" (see
 * data/lexicon.csv for the categories and flags), embedded by the build
 * and extendable from files.  Terms and reviews both go through
 * norm_text() (normalize.h), so traditional characters, full-width forms
 * and case do not matter, and are matched with one Aho-Corasick automaton
 * (match.h): the cost per review is linear in its length whatever the
 * lexicon's size.
 *
 * Scoring, per clause (text between punctuation):
 * - a category term (e.g. 假货, 发错货, 没人理) scores for its category
 *   unless a negator (不, 没有, 不是 ...) stands just before it;
 * - an aspect term (flag "aspect": 质量, 物流, 客服 ...) scores only when
 *   its clause carries a negative opinion (差, 慢, 不好, or a negated
 *   positive such as 不满意), so "物流不慢" and "质量不错" score nothing;
 * - after a contrast word (但是, 不过, 就是, 可是, 只是) the rest of the
 *   sentence weighs more, as does emphasis (最主要); an intensifier (太,
 *   非常) before a term raises its weight;
 * - mood terms (不喜欢, 不值, 太贵) and negative opinions that name no
 *   aspect are evidence of mood, which is chosen only when no quality,
 *   service or logistics cause scored; a review with only praise is
 *   "other".
 *
 * With a model (rvmodel.h, set by classifier_set_model()) the model
 * decides the primary category from the review's character n-grams and
 * the lexicon's scores above; the lexicon still gives the evidence and the
 * other causes in the set.  Without one, the lexicon decides as above.
 */

#include <stddef.h>

enum rv_cat {
	RV_QUALITY,		/* 质量: the goods themselves */
	RV_SERVICE,		/* 服务: customer service, seller conduct */
	RV_LOGISTICS,		/* 物流: courier, dispatch, packing, wrong item sent */
	RV_MOOD,		/* 心情: unhappy, no concrete cause */
	RV_OTHER,		/* no complaint: praise, neutral, empty */
	RV_NCAT
};

struct lexicon;

/* A new, empty lexicon, or NULL when out of memory. */
struct lexicon *lexicon_new(void);

/*
 * Add the entries of PATH, or of the embedded data/lexicon.csv when PATH
 * is NULL.  A term given again (after normalisation) in a later file
 * replaces the earlier entry, so a user's file can re-weight or switch off
 * (weight 0) built-in terms; twice in one file it is an error (datafile.h
 * has the one rule for duplicates and the limits).  A term has at most 256
 * characters.  Errors are printed as "prog: FILE:LINE: message".  Returns 0, or -1 (nothing from PATH is kept in a usable state:
 * the caller should stop).  Only before lexicon_build().
 */
int lexicon_load(struct lexicon *lx, const char *path);

/* Compile the loaded terms into the matcher.  0, or -1 when out of memory. */
int lexicon_build(struct lexicon *lx);

/* Number of distinct terms (after lexicon_build()). */
size_t lexicon_size(const struct lexicon *lx);

/* Free LX (NULL is fine). */
void lexicon_free(struct lexicon *lx);

struct review_result {
	enum rv_cat category;	/* the primary category */
	unsigned cats;		/* bit (1 << cat) for every category that applies */
	double score[RV_NCAT];	/* evidence per category (mood: unattached negatives) */
	int suspect;		/* likely competitor sabotage or extortion */
	char *evidence;		/* matched words, ';'-separated, as in the input */
	size_t evlen;		/* its length (evidence is NUL-terminated) */
};

struct classifier;

/*
 * A classifier over the built lexicon LX (which must outlive it), or NULL
 * when out of memory.  It owns scratch buffers that it reuses from review
 * to review; one classifier per thread.
 */
struct classifier *classifier_new(const struct lexicon *lx);

/*
 * Classify the review TEXT[0..LEN) (UTF-8; other bytes are kept and match
 * nothing) into *RES.  RES->evidence points into the classifier and stays
 * valid until the next call.  Returns 0, or -1 when out of memory.
 */
int classify(struct classifier *c, const char *text, size_t len,
    struct review_result *res);

/* Free C (NULL is fine). */
void classifier_free(struct classifier *c);

struct rvmodel;
struct rvm_params;
struct rvm_feat;
struct rvm_lex;

/*
 * Let the model M (which must outlive C; NULL: none) decide the category
 * of C's reviews from now on.
 */
void classifier_set_model(struct classifier *c, const struct rvmodel *m);

/*
 * The model's features of TEXT[0..LEN): its n-grams with P's hashing into
 * F (rvm_ngrams()) and the lexicon features into *LEX, as classify()
 * computes them for the model.  0, or -1 when out of memory.
 */
int classifier_features(struct classifier *c, const struct rvm_params *p,
    const char *text, size_t len, struct rvm_feat *f, struct rvm_lex *lex);

/*
 * For the reference test of the fused cleaner (tests/lib/test_rvclean.c):
 * the number of distinct terms of a built lexicon and term I (normalised,
 * as the automaton holds it, whose id is I); and what the cleaner made of
 * S[0..N): the cleaned text in *CLEAN, *CLEANLEN (valid until C's next
 * review), and every match of a term before the longest are kept, passed
 * to FN(CTX, term, start, end) with offsets in the cleaned text, in the
 * order found.  0, or -1 when out of memory.
 */
size_t lexicon_nterms(const struct lexicon *lx);
const char *lexicon_term(const struct lexicon *lx, size_t i, size_t *len);
int classifier_clean(struct classifier *c, const char *s, size_t n,
    const char **clean, size_t *cleanlen,
    int (*fn)(void *ctx, int term, size_t start, size_t end), void *ctx);

/* The category's name: "quality" ..., or with ZH "质量" ... */
const char *rv_cat_name(enum rv_cat cat, int zh);

/* Parse a category name (English or Chinese); -1 when unknown. */
int rv_cat_parse(const char *s);

/*
 * Interpret a rating cell: "1".."5" (also "1分", "1星", "1.0"), or
 * 好评/中评/差评 (and good/neutral/bad).  Returns 1 negative or middling
 * (<= 3, 中评, 差评), 0 positive, -1 when S is not a rating.  The cell is
 * peeled first as cell_value() peels it (blanks, ="5", "5").
 */
int rv_rating_negative(const char *s, size_t len);

#endif
