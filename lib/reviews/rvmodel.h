#ifndef CS_RVMODEL_H
#define CS_RVMODEL_H

/*
 * The learned part of cs-reviewsort: the features a review is described
 * by, and a linear model over them that picks the primary category.
 *
 * Features (the same for training and prediction):
 * - character n-grams (1 to params.nmax characters) of the review as the
 *   classifier cleaned it (normalize.h: simplified characters, half
 *   width, lower case; emoji and 表情 codes left out; a run of digits is
 *   one '0'), hashed into 2^params.bits buckets; each bucket's value is
 *   its count through params.tf (enum rvm_tf);
 * - the lexicon terms the review matched, each with whether a negator
 *   turned it and whether it follows a contrast word, hashed into the
 *   same buckets (by the term's text, so that a lexicon that grows does
 *   not move the others);
 * - RVM_NLEX features from the lexicon's scoring after negation and
 *   contrast (struct rvm_lex: per-category scores, the lexicon's own
 *   decision, the scores after a contrast word, intensity), times
 *   params.lexscale.
 *
 * The model holds one weight per feature and class, and a bias per class;
 * the category is the class with the highest score.  Its file format
 * (little-endian, what rvmodel_write() writes and the build embeds as
 * "reviews-model.bin"):
 *
 *   char magic[8]         "CSRVM01\n"
 *   u32  bits, nmax, tf, nlex, ncls (= RV_NCAT), ntrain (rows trained on)
 *   f32  lexscale, scale  scale: of the quantised n-gram weights
 *   f32  bias[ncls]
 *   f32  lex[nlex][ncls]
 *   i16  gram[2^bits][ncls]   weight = gram * scale
 *
 * Prediction reads the weights where they lie (the embedded copy, or a
 * file read once) and allocates nothing per review.
 */

#include <stddef.h>
#include <stdint.h>

#include "reviews/reviews.h"

/*
 * How the counts of the n-grams of a review become the values of their
 * buckets.
 */
enum rvm_tf {
	RVM_TF_BINARY,		/* 1 when present, then L2-normalised */
	RVM_TF_LOG,		/* 1 + ln(count), then L2-normalised */
	RVM_TF_SQRTLEN,		/* count / sqrt(number of n-grams) */
	RVM_NTF
};

/* What the features are: chosen by cross-validation, kept in the model. */
struct rvm_params {
	unsigned bits;		/* log2 of the number of n-gram buckets (10-20) */
	unsigned nmax;		/* longest n-gram, in characters (1-3) */
	unsigned tf;		/* enum rvm_tf */
	float lexscale;		/* weight of the lexicon features (0 leaves them out) */
};

/* The defaults the build trains with (see data/train/README.md). */
extern const struct rvm_params rvm_default_params;

/* The lexicon features: what reviews.c's scoring found, before a decision. */
#define RVM_NLEX 24
struct rvm_lex {
	double v[RVM_NLEX];	/* the values, unscaled */
};

/*
 * Scratch space for the features of one review, reused from review to
 * review (it grows to the longest review seen, no further).
 */
struct rvm_feat {
	uint32_t *id;		/* bucket of each n-gram, in text order */
	size_t n, cap;		/* how many, and room */
	uint32_t *uid;		/* distinct buckets, ascending (rvm_feat_unique()) */
	double *uval;		/* and their values */
	size_t nu, capu;	/* how many, and room */
	uint32_t *stamp;	/* per bucket: the review that last saw it */
	uint32_t gen;		/* the review being predicted, for stamp */
	unsigned stampbits;	/* stamp has 2^stampbits entries */
};

/*
 * The n-grams of the cleaned text S[0..LEN) into F->id (F->n of them)
 * with P's hashing; a NUL byte is a blank that no n-gram spans.  0, or -1
 * when out of memory.
 */
int rvm_ngrams(struct rvm_feat *f, const struct rvm_params *p, const char *s,
    size_t len);

/*
 * Add to F->id the feature of a lexicon term whose text hashes to HASH
 * (rvm_term_hash()), with FLAGS (RVM_T_*).  0, or -1 when out of memory.
 */
#define RVM_T_NEGATED 1		/* a negator turned it */
#define RVM_T_CONTRAST 2	/* it follows a contrast word */
int rvm_term(struct rvm_feat *f, const struct rvm_params *p, uint32_t hash,
    unsigned flags);

/* The hash of a (normalised) lexicon term S[0..LEN), for rvm_term(). */
uint32_t rvm_term_hash(const char *s, size_t len);

/*
 * The distinct buckets of F->id, ascending, with their values through
 * P->tf and L2-normalised, into F->uid / F->uval.  0 or -1 (memory).
 */
int rvm_feat_unique(struct rvm_feat *f, const struct rvm_params *p);

/* Free F's buffers (F itself is the caller's). */
void rvm_feat_free(struct rvm_feat *f);

struct rvmodel {
	struct rvm_params p;	/* the features it was trained on */
	unsigned ntrain;	/* rows it was trained on */
	float scale;		/* of gram */
	const float *bias;	/* [RV_NCAT] */
	const float *lex;	/* [RVM_NLEX][RV_NCAT] */
	const int16_t *gram;	/* [1 << p.bits][RV_NCAT] */
	void *own;		/* the buffer it lies in when read from a file */
};

/*
 * Load the model of PATH, or the embedded "reviews-model.bin" when PATH
 * is NULL, into *M.  Returns 0; 1 when PATH is NULL and no model is
 * embedded (a build's first stage); -1 after printing why PATH is not a
 * model.
 */
int rvmodel_load(const char *path, struct rvmodel *m);

/* Free what rvmodel_load() allocated (M itself is the caller's). */
void rvmodel_release(struct rvmodel *m);

/*
 * The scores of each class, into SCORE, for the review whose cleaned
 * text is S[0..LEN), whose lexicon terms are in F->id (rvm_term() with
 * M's params, F->n of them) and whose lexicon features are LEX: the
 * features rvm_ngrams() and rvm_term() give for training.  F's buffers
 * are scratch (allocated at the first call, grown for long reviews).
 * Returns the best class, or -1 when out of memory.
 */
int rvmodel_predict(const struct rvmodel *m, struct rvm_feat *f,
    const char *s, size_t len, const struct rvm_lex *lex,
    double score[RV_NCAT]);

/*
 * The model file for P, NTRAIN, BIAS[RV_NCAT], LEX[RVM_NLEX][RV_NCAT]
 * and GRAM[2^bits][RV_NCAT] (weights as trained), written to PATH ("-"
 * stdout).  The n-gram weights are quantised as the file stores them.
 * 0, or -1 after printing why.
 */
int rvmodel_write(const char *path, const struct rvm_params *p,
    unsigned ntrain, const double *bias, const double *lex,
    const double *gram);

#endif
