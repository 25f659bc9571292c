#ifndef CS_RVTRAIN_H
#define CS_RVTRAIN_H

/*
 * Training cs-reviewsort's linear model (rvmodel.h) with liblinear: rows
 * are added one by one as features, then one multi-class model (one
 * against the rest) is fitted and written as a model file, or k-fold
 * cross-validation predicts every row with a model that did not see it.
 *
 * Training is deterministic: the same rows in the same order give the
 * same model file, byte for byte.
 */

#include <stddef.h>

#include "reviews/reviews.h"
#include "reviews/rvmodel.h"

/* How liblinear fits the model. */
struct rvt_opts {
	double C;		/* cost of errors (inverse regularisation) */
	int solver;		/* liblinear solver_type (L2R_LR ...) */
	int balanced;		/* weigh classes by 1 / their share of the rows */
};

/* The options the build trains with (see rvmodel.c's rvm_default_params). */
extern const struct rvt_opts rvt_default_opts;

struct rvtrain;

/* A training set for features P, or NULL when out of memory. */
struct rvtrain *rvtrain_new(const struct rvm_params *p);

/*
 * Add a row of class LABEL: its n-grams in F (rvm_ngrams() with the same
 * params; F's unique buffers are used as scratch) and its lexicon
 * features LEX.  0, or -1 when out of memory.
 */
int rvtrain_add(struct rvtrain *t, struct rvm_feat *f,
    const struct rvm_lex *lex, enum rv_cat label);

/* Rows added, and rows of class CAT. */
size_t rvtrain_rows(const struct rvtrain *t);
size_t rvtrain_count(const struct rvtrain *t, enum rv_cat cat);

/*
 * Fit a model on every row (every class must have a row) and write it to
 * PATH (rvmodel_write()).  0, or -1 after printing why.
 */
int rvtrain_write(struct rvtrain *t, const struct rvt_opts *o,
    const char *path);

/*
 * K-fold cross-validation: row I is in fold I % K; PRED[I] gets the class
 * that a model fitted on the other folds gives it.  0, or -1 after
 * printing why.
 */
int rvtrain_cv(struct rvtrain *t, const struct rvt_opts *o, int k, int *pred);

/* Free T (NULL is fine). */
void rvtrain_free(struct rvtrain *t);

#endif
