/*
 * Fitting cs-reviewsort's model with liblinear (see rvtrain.h).
 *
 * A row is a liblinear sparse vector: features 1..RVM_NLEX are the
 * lexicon features (times lexscale), RVM_NLEX + 1 + B the n-gram bucket
 * B, and the last one the bias term (value 1).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linear.h>

#include "core/alloc.h"
#include "io/diag.h"
#include "reviews/rvtrain.h"

/*
 * Chosen with rvm_default_params (see there): logistic regression, one
 * class against the rest; C 1 0.826 / 0.726, 2 0.833 / 0.739, 4 0.839 /
 * 0.750, 8 0.843 / 0.759, 16 0.845 / 0.762, 32 0.848 / 0.769, 64 0.849 /
 * 0.770 (flat from 32 on); classes weighed by their share 0.825 / 0.754;
 * the dual SVM 0.844 / 0.760 (C 0.5), Crammer-Singer 0.840 / 0.757.
 */
const struct rvt_opts rvt_default_opts = {
	.C = 32.0, .solver = L2R_LR, .balanced = 0
};

struct rvtrain {
	struct rvm_params p;	/* the features */
	struct feature_node *x;	/* every row's nodes, each ending with index -1 */
	size_t nx, capx;	/* how many, and room */
	size_t *start;		/* where each row starts in x */
	double *y;		/* each row's class */
	size_t n, cap;		/* rows, and room */
	size_t count[RV_NCAT];	/* rows per class */
};

struct rvtrain *
rvtrain_new(const struct rvm_params *p)
{
	struct rvtrain *t = xcalloc(1, sizeof(*t));

	if (t != NULL)
		t->p = *p;
	return t;
}

void
rvtrain_free(struct rvtrain *t)
{
	if (t == NULL)
		return;
	free(t->x);
	free(t->start);
	free(t->y);
	free(t);
}

size_t
rvtrain_rows(const struct rvtrain *t)
{
	return t->n;
}

size_t
rvtrain_count(const struct rvtrain *t, enum rv_cat cat)
{
	return (int)cat >= 0 && cat < RV_NCAT ? t->count[cat] : 0;
}

/* Number of features of a row vector, the bias included. */
static int
nfeatures(const struct rvtrain *t)
{
	return RVM_NLEX + (1 << t->p.bits) + 1;
}

int
rvtrain_add(struct rvtrain *t, struct rvm_feat *f,
    const struct rvm_lex *lex, enum rv_cat label)
{
	size_t need, i;
	struct feature_node *x;

	if (rvm_feat_unique(f, &t->p) == -1)
		return -1;
	need = t->nx + RVM_NLEX + f->nu + 2;
	if (need > t->capx) {
		size_t cap = t->capx ? t->capx : 1 << 16;

		while (cap < need)
			cap *= 2;
		if ((x = xreallocarray(t->x, 1, cap * sizeof(*x))) == NULL)
			return -1;
		t->x = x;
		t->capx = cap;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		size_t *s = xreallocarray(t->start, 1, cap * sizeof(*s));
		double *y;

		if (s == NULL)
			return -1;
		t->start = s;
		if ((y = xreallocarray(t->y, 1, cap * sizeof(*y))) == NULL)
			return -1;
		t->y = y;
		t->cap = cap;
	}
	t->start[t->n] = t->nx;
	t->y[t->n++] = (double)label;
	t->count[label]++;
	x = t->x + t->nx;
	for (i = 0; i < RVM_NLEX; i++)
		if (lex->v[i] != 0.0 && t->p.lexscale != 0.0f) {
			x->index = (int)i + 1;
			(x++)->value = lex->v[i] * t->p.lexscale;
		}
	for (i = 0; i < f->nu; i++) {
		x->index = RVM_NLEX + 1 + (int)f->uid[i];
		(x++)->value = f->uval[i];
	}
	x->index = nfeatures(t);
	(x++)->value = 1.0;
	(x++)->index = -1;
	t->nx = (size_t)(x - t->x);
	return 0;
}

/* liblinear prints its progress through this: say nothing. */
static void
quiet(const char *s)
{
	(void)s;
}

/*
 * Fit a model on the rows whose USE[i] is not 0 (all when USE is NULL).
 * NULL after printing why.
 */
static struct model *
fit(struct rvtrain *t, const struct rvt_opts *o, const unsigned char *use)
{
	struct problem prob;
	struct parameter par;
	struct model *m;
	int label[RV_NCAT];
	double weight[RV_NCAT];
	size_t i, l = 0, cnt[RV_NCAT] = { 0 };
	const char *err;
	int c;

	memset(&prob, 0, sizeof(prob));
	memset(&par, 0, sizeof(par));
	if ((prob.x = xmalloc((t->n + 1) * sizeof(*prob.x))) == NULL ||
	    (prob.y = xmalloc((t->n + 1) * sizeof(*prob.y))) == NULL) {
		free(prob.x);
		cs_warnx("out of memory");
		return NULL;
	}
	for (i = 0; i < t->n; i++)
		if (use == NULL || use[i]) {
			prob.x[l] = t->x + t->start[i];
			prob.y[l++] = t->y[i];
			cnt[(int)t->y[i]]++;
		}
	prob.l = (int)l;
	prob.n = nfeatures(t);
	prob.bias = 1.0;
	par.solver_type = o->solver;
	par.C = o->C;
	par.eps = o->solver == L2R_LR || o->solver == L2R_L2LOSS_SVC ? 0.01 : 0.1;
	par.p = 0.1;
	if (o->balanced) {
		for (c = 0; c < RV_NCAT; c++) {
			label[c] = c;
			weight[c] = cnt[c] > 0 ?
			    (double)l / (RV_NCAT * (double)cnt[c]) : 1.0;
		}
		par.nr_weight = RV_NCAT;
		par.weight_label = label;
		par.weight = weight;
	}
	m = NULL;
	if ((err = check_parameter(&prob, &par)) != NULL)
		cs_warnx("liblinear: %s", err);
	else {
		set_print_string_function(quiet);
		srand(1);	/* the dual solvers shuffle with rand() */
		if ((m = train(&prob, &par)) == NULL)
			cs_warnx("liblinear: training failed");
	}
	free(prob.x);
	free(prob.y);
	return m;
}

/*
 * The weights of class CAT (or -1 when M does not know it) in M: its
 * class index, for get_decfun_coef().
 */
static int
class_index(const struct model *m, int cat)
{
	int i;

	for (i = 0; i < m->nr_class; i++)
		if (m->label[i] == cat)
			return i;
	return -1;
}

int
rvtrain_write(struct rvtrain *t, const struct rvt_opts *o, const char *path)
{
	size_t ng = (size_t)1 << t->p.bits, b;
	double bias[RV_NCAT], lex[RVM_NLEX * RV_NCAT], *gram;
	struct model *m;
	int c, k, i, ret;

	if ((m = fit(t, o, NULL)) == NULL)
		return -1;
	if ((gram = xcalloc(ng * RV_NCAT, sizeof(*gram))) == NULL) {
		free_and_destroy_model(&m);
		cs_warnx("out of memory");
		return -1;
	}
	for (c = 0; c < RV_NCAT; c++) {
		k = class_index(m, c);
		/* A class with no rows never wins. */
		bias[c] = k < 0 ? -1e30 : get_decfun_bias(m, k);
		for (i = 0; i < RVM_NLEX; i++)
			lex[i * RV_NCAT + c] = k < 0 ? 0.0 :
			    get_decfun_coef(m, i + 1, k);
		for (b = 0; b < ng && k >= 0; b++)
			gram[b * RV_NCAT + c] = get_decfun_coef(m,
			    RVM_NLEX + 1 + (int)b, k);
	}
	ret = rvmodel_write(path, &t->p, (unsigned)t->n, bias, lex, gram);
	free(gram);
	free_and_destroy_model(&m);
	return ret;
}

int
rvtrain_cv(struct rvtrain *t, const struct rvt_opts *o, int k, int *pred)
{
	unsigned char *use;
	struct model *m;
	size_t i;
	int fold;

	if ((use = xmalloc(t->n + 1)) == NULL) {
		cs_warnx("out of memory");
		return -1;
	}
	for (fold = 0; fold < k; fold++) {
		for (i = 0; i < t->n; i++)
			use[i] = (int)(i % (size_t)k) != fold;
		if ((m = fit(t, o, use)) == NULL) {
			free(use);
			return -1;
		}
		for (i = 0; i < t->n; i++)
			if (!use[i])
				pred[i] = (int)predict(m, t->x + t->start[i]);
		free_and_destroy_model(&m);
	}
	free(use);
	return 0;
}
