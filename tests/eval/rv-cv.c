/*
 * rv-cv: how cs-reviewsort's model choices were made.  Reads the
 * labelled reviews (data/train/reviews-labelled.csv), keeps the rows of
 * the train split only (never the validation rows), and prints the
 * 5-fold cross-validated accuracy and macro-F1 (quality, service,
 * logistics, mood) of every combination of features and liblinear
 * options in a small grid.  `make cv` builds and runs it.
 *
 *   rv-cv FILE                   the grid
 *   rv-cv FILE quick             the defaults only
 *   rv-cv FILE BITS N TF LEX C SOLVER BALANCED   one setting
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linear.h>

#include "io/datafile.h"
#include "io/diag.h"
#include "reviews/reviews.h"
#include "reviews/rvmodel.h"
#include "reviews/rvtrain.h"

struct rows {
	char **text;		/* the train split's texts */
	int *label;		/* and classes */
	size_t n, cap;		/* how many, and room */
};

static int
row(void *ctx, struct datafile *df, const struct record *r)
{
	struct rows *rs = ctx;
	int c;

	(void)df;
	if (strcmp(datafile_get(df, r, "split"), "train") != 0)
		return 0;
	if ((c = rv_cat_parse(datafile_get(df, r, "primary"))) < 0) {
		datafile_error(df, "bad label");
		return 0;
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 1024;
		rs->text = realloc(rs->text, rs->cap * sizeof(*rs->text));
		rs->label = realloc(rs->label, rs->cap * sizeof(*rs->label));
		if (rs->text == NULL || rs->label == NULL)
			cs_errx(2, "out of memory");
	}
	rs->text[rs->n] = strdup(datafile_get(df, r, "text"));
	rs->label[rs->n++] = c;
	return 0;
}

/* Accuracy and macro-F1 over the four complaint classes. */
static void
score(const struct rows *rs, const int *pred, double *acc, double *f1,
    double *cf1)
{
	size_t i, ok = 0, tp[RV_NCAT] = { 0 }, np[RV_NCAT] = { 0 },
	    ng[RV_NCAT] = { 0 };
	int c;

	for (i = 0; i < rs->n; i++) {
		ok += pred[i] == rs->label[i];
		np[pred[i]]++;
		ng[rs->label[i]]++;
		tp[rs->label[i]] += pred[i] == rs->label[i];
	}
	*acc = (double)ok / (double)rs->n;
	*f1 = 0.0;
	for (c = 0; c < RV_NCAT; c++) {
		cf1[c] = np[c] + ng[c] > 0 ?
		    2.0 * (double)tp[c] / (double)(np[c] + ng[c]) : 0.0;
		if (c < 4)
			*f1 += cf1[c] / 4;
	}
}

static void
run(const struct rows *rs, struct classifier *cl, const struct rvm_params *p,
    const struct rvt_opts *o)
{
	static const char *const tfn[] = { "binary", "log", "sqrtlen" };
	static const char *const sol[] = { "lr", "svc-dual", "mcsvm" };
	struct rvtrain *t = rvtrain_new(p);
	struct rvm_feat f;
	struct rvm_lex lex;
	int *pred = malloc(rs->n * sizeof(*pred));
	double acc, f1, cf1[RV_NCAT];
	size_t i;

	memset(&f, 0, sizeof(f));
	if (t == NULL || pred == NULL)
		cs_errx(2, "out of memory");
	for (i = 0; i < rs->n; i++)
		if (classifier_features(cl, p, rs->text[i], strlen(rs->text[i]),
		    &f, &lex) != 0 || rvtrain_add(t, &f, &lex,
		    (enum rv_cat)rs->label[i]) != 0)
			cs_errx(2, "out of memory");
	if (rvtrain_cv(t, o, 5, pred) != 0)
		exit(2);
	score(rs, pred, &acc, &f1, cf1);
	printf("bits %2u n %u tf %-7s lex %.2f  %-8s C %-5g bal %d  "
	    "accuracy %.4f  macro-F1 %.4f  (F1 %.3f %.3f %.3f %.3f %.3f)\n",
	    p->bits, p->nmax, tfn[p->tf],
	    (double)p->lexscale, sol[o->solver == L2R_LR ? 0 :
	    o->solver == MCSVM_CS ? 2 : 1], o->C,
	    o->balanced, acc, f1, cf1[0], cf1[1], cf1[2], cf1[3], cf1[4]);
	fflush(stdout);
	rvm_feat_free(&f);
	rvtrain_free(t);
	free(pred);
}

int
main(int argc, char **argv)
{
	static const double Cs[] = { 1, 2, 4, 8, 16 };
	static const unsigned bits[] = { 16, 17, 18, 19 };
	static const float lexs[] = { 0.0f, 0.5f, 1.0f, 2.0f };
	struct rows rs = { 0 };
	struct lexicon *lx;
	struct classifier *cl;
	struct rvm_params p = rvm_default_params;
	struct rvt_opts o = rvt_default_opts;
	size_t i;
	unsigned tf, n;
	int quick = argc > 2 && strcmp(argv[2], "quick") == 0;

	diag_set_progname("rv-cv");
	if (argc < 2)
		cs_errx(2, "usage: rv-cv FILE [quick]");
	if (datafile_read(argv[1], NULL, row, &rs) != 0)
		return 2;
	if ((lx = lexicon_new()) == NULL || lexicon_load(lx, NULL) != 0 ||
	    lexicon_build(lx) != 0 || (cl = classifier_new(lx)) == NULL)
		cs_errx(2, "cannot load the lexicon");
	printf("%zu rows of the train split, 5-fold cross-validation\n", rs.n);
	if (argc >= 9) {
		p.bits = (unsigned)atoi(argv[2]);
		p.nmax = (unsigned)atoi(argv[3]);
		p.tf = (unsigned)atoi(argv[4]);
		p.lexscale = (float)atof(argv[5]);
		o.C = atof(argv[6]);
		o.solver = atoi(argv[7]);
		o.balanced = atoi(argv[8]);
		run(&rs, cl, &p, &o);
		return 0;
	}
	/* The default, then one choice at a time around it. */
	run(&rs, cl, &p, &o);
	if (quick)
		return 0;
	for (tf = 0; tf < RVM_NTF; tf++) {
		p = rvm_default_params;
		p.tf = tf;
		if (tf != rvm_default_params.tf)
			run(&rs, cl, &p, &o);
	}
	for (n = 1; n <= 3; n++) {
		p = rvm_default_params;
		p.nmax = n;
		if (n != rvm_default_params.nmax)
			run(&rs, cl, &p, &o);
	}
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		p = rvm_default_params;
		p.bits = bits[i];
		if (p.bits != rvm_default_params.bits)
			run(&rs, cl, &p, &o);
	}
	for (i = 0; i < sizeof(lexs) / sizeof(lexs[0]); i++) {
		p = rvm_default_params;
		p.lexscale = lexs[i];
		if (p.lexscale != rvm_default_params.lexscale)
			run(&rs, cl, &p, &o);
	}
	p = rvm_default_params;
	for (i = 0; i < sizeof(Cs) / sizeof(Cs[0]); i++) {
		o = rvt_default_opts;
		o.C = Cs[i];
		if (o.C != rvt_default_opts.C)
			run(&rs, cl, &p, &o);
	}
	o = rvt_default_opts;
	o.balanced = !o.balanced;
	run(&rs, cl, &p, &o);
	o = rvt_default_opts;
	o.solver = L2R_L2LOSS_SVC_DUAL;
	o.C = 0.5;
	run(&rs, cl, &p, &o);
	for (i = 0; i < rs.n; i++)
		free(rs.text[i]);
	free(rs.text);
	free(rs.label);
	classifier_free(cl);
	lexicon_free(lx);
	return 0;
}
