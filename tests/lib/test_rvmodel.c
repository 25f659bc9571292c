/*
 * Unit tests of lib/rvmodel.c and lib/rvtrain.c: n-gram counts, the
 * feature values, the model file (written, read back, rejected when
 * broken), prediction against scores worked out by hand, and training
 * that gives the same file twice.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reviews/reviews.h"
#include "reviews/rvmodel.h"
#include "reviews/rvtrain.h"
#include "t.h"

static void
test_ngrams(void)
{
	struct rvm_params p = { 12, 2, RVM_TF_BINARY, 1.0f };
	struct rvm_feat f;

	memset(&f, 0, sizeof(f));
	/* a b c, ab bc */
	CHECK_INT(rvm_ngrams(&f, &p, "abc", 3), 0);
	CHECK_INT(f.n, 5);
	p.nmax = 3;			/* and abc */
	CHECK_INT(rvm_ngrams(&f, &p, "abc", 3), 0);
	CHECK_INT(f.n, 6);
	p.nmax = 1;			/* one per character, not per byte */
	CHECK_INT(rvm_ngrams(&f, &p, "质量差", strlen("质量差")), 0);
	CHECK_INT(f.n, 3);
	p.nmax = 2;			/* no n-gram across a NUL */
	CHECK_INT(rvm_ngrams(&f, &p, "ab\0cd", 5), 0);
	CHECK_INT(f.n, 6);
	/* The same n-gram, the same bucket. */
	CHECK_INT(rvm_ngrams(&f, &p, "aa", 2), 0);
	CHECK_INT(f.n, 3);
	CHECK(f.id[0] == f.id[1] && f.id[0] != f.id[2]);
	/* Binary values, unit norm: a once (aa counts too). */
	CHECK_INT(rvm_feat_unique(&f, &p), 0);
	CHECK_INT(f.nu, 2);
	CHECK(fabs(f.uval[0] - 1 / sqrt(2.0)) < 1e-12);
	p.tf = RVM_TF_LOG;		/* a: 1 + ln 2, aa: 1 */
	CHECK_INT(rvm_feat_unique(&f, &p), 0);
	CHECK(fabs(f.uval[0] * f.uval[0] + f.uval[1] * f.uval[1] - 1.0) < 1e-12);
	p.tf = RVM_TF_SQRTLEN;		/* count / sqrt(3) */
	CHECK_INT(rvm_feat_unique(&f, &p), 0);
	CHECK(fabs(f.uval[0] + f.uval[1] - 3 / sqrt(3.0)) < 1e-12);
	rvm_feat_free(&f);
}

/* A model for P: bias 0.5 for quality, every bucket 1.0 for service. */
static int
write_model(const char *path, const struct rvm_params *p)
{
	size_t ng = (size_t)RV_NCAT << p->bits, i;
	double bias[RV_NCAT] = { 0.5, 0, 0, 0, 0 };
	double lex[RVM_NLEX * RV_NCAT] = { 0 };
	double *gram = calloc(ng, sizeof(*gram));
	int r;

	for (i = 0; i < ng; i += RV_NCAT)
		gram[i + RV_SERVICE] = 1.0;
	lex[3 * RV_NCAT + RV_LOGISTICS] = 2.0;
	r = rvmodel_write(path, p, 7, bias, lex, gram);
	free(gram);
	return r;
}

static void
test_model(void)
{
	struct rvm_params p = { 10, 2, RVM_TF_BINARY, 1.0f };
	struct rvm_feat f;
	struct rvm_lex lex;
	struct rvmodel m;
	double sc[RV_NCAT];
	char path[] = "/tmp/cs-rvmodel-XXXXXX";
	FILE *fp;
	size_t nu;
	int fd = mkstemp(path);

	memset(&f, 0, sizeof(f));
	memset(&lex, 0, sizeof(lex));
	CHECK(fd >= 0);
	CHECK_INT(write_model(path, &p), 0);
	CHECK_INT(rvmodel_load(path, &m), 0);
	CHECK_INT(m.p.bits, 10);
	CHECK_INT(m.p.nmax, 2);
	CHECK_INT(m.ntrain, 7);
	/* "abcd": 4 + 3 n-grams, nu distinct buckets of weight 1. */
	CHECK_INT(rvm_ngrams(&f, &p, "abcd", 4), 0);
	CHECK_INT(rvm_feat_unique(&f, &p), 0);
	nu = f.nu;
	CHECK(nu >= 6 && nu <= 7);
	f.n = 0;
	CHECK_INT(rvmodel_predict(&m, &f, "abcd", 4, &lex, sc), RV_SERVICE);
	CHECK(fabs(sc[RV_SERVICE] - sqrt((double)nu)) < 1e-4);
	CHECK(fabs(sc[RV_QUALITY] - 0.5) < 1e-6);
	/* A term adds one more bucket: sqrt(nu + 1) unless it collides. */
	f.n = 0;
	CHECK_INT(rvm_term(&f, &p, 12345, RVM_T_NEGATED), 0);
	CHECK_INT(rvmodel_predict(&m, &f, "abcd", 4, &lex, sc), RV_SERVICE);
	CHECK(fabs(sc[RV_SERVICE] - sqrt((double)nu + 1)) < 1e-4 ||
	    fabs(sc[RV_SERVICE] - sqrt((double)nu)) < 1e-4);
	rvmodel_release(&m);
	/* The same with counts over sqrt(n): 7 n-grams, each weight 1. */
	p.tf = RVM_TF_SQRTLEN;
	CHECK_INT(write_model(path, &p), 0);
	CHECK_INT(rvmodel_load(path, &m), 0);
	f.n = 0;
	CHECK_INT(rvmodel_predict(&m, &f, "abcd", 4, &lex, sc), RV_SERVICE);
	CHECK(fabs(sc[RV_SERVICE] - 7 / sqrt(7.0)) < 1e-4);
	/* Lexicon feature 3 counts for logistics: 2.0 * 1.5. */
	lex.v[3] = 1.5;
	f.n = 0;
	CHECK_INT(rvmodel_predict(&m, &f, "", 0, &lex, sc), RV_LOGISTICS);
	CHECK(fabs(sc[RV_LOGISTICS] - 3.0) < 1e-6);
	rvmodel_release(&m);
	/* Broken files are refused. */
	CHECK(truncate(path, 1000) == 0);
	CHECK_INT(rvmodel_load(path, &m), -1);
	fp = fopen(path, "w");
	fputs("term,category\n", fp);
	fclose(fp);
	CHECK_INT(rvmodel_load(path, &m), -1);
	CHECK_INT(rvmodel_load("/nonexistent/model", &m), -1);
	remove(path);
	rvm_feat_free(&f);
}

/* Train on a few rows per class into PATH; 0 or -1. */
static int
train(const char *path)
{
	static const char *const rows[RV_NCAT][3] = {
		{ "质量差", "坏了", "做工差" },
		{ "客服不理", "态度差", "不退款" },
		{ "快递慢", "物流慢", "没送到" },
		{ "不喜欢", "一般", "失望" },
		{ "很好", "满意", "不错" },
	};
	struct rvm_params p = { 12, 2, RVM_TF_BINARY, 1.0f };
	struct rvtrain *t = rvtrain_new(&p);
	struct rvm_feat f;
	struct rvm_lex lex;
	int c, i, r;

	memset(&f, 0, sizeof(f));
	memset(&lex, 0, sizeof(lex));
	for (c = 0; c < RV_NCAT; c++)
		for (i = 0; i < 3; i++) {
			rvm_ngrams(&f, &p, rows[c][i], strlen(rows[c][i]));
			rvtrain_add(t, &f, &lex, (enum rv_cat)c);
		}
	CHECK_INT(rvtrain_rows(t), 15);
	CHECK_INT(rvtrain_count(t, RV_MOOD), 3);
	r = rvtrain_write(t, &rvt_default_opts, path);
	rvtrain_free(t);
	rvm_feat_free(&f);
	return r;
}

static void
test_train(void)
{
	char a[] = "/tmp/cs-rvtrain-a-XXXXXX", b[] = "/tmp/cs-rvtrain-b-XXXXXX";
	struct rvmodel m;
	struct rvm_feat f;
	struct rvm_lex lex;
	double sc[RV_NCAT];
	FILE *fa, *fb;
	int ca, cb, same = 1, fd1 = mkstemp(a), fd2 = mkstemp(b);

	CHECK(fd1 >= 0 && fd2 >= 0);
	CHECK_INT(train(a), 0);
	CHECK_INT(train(b), 0);
	fa = fopen(a, "rb");
	fb = fopen(b, "rb");
	do {
		ca = getc(fa);
		cb = getc(fb);
		same &= ca == cb;
	} while (ca != EOF && cb != EOF);
	fclose(fa);
	fclose(fb);
	CHECK(same);			/* byte for byte */
	memset(&f, 0, sizeof(f));
	memset(&lex, 0, sizeof(lex));
	CHECK_INT(rvmodel_load(a, &m), 0);
	/* It learnt its rows. */
	CHECK_STR(rv_cat_name((enum rv_cat)rvmodel_predict(&m, &f, "快递慢",
	    strlen("快递慢"), &lex, sc), 0), "logistics");
	CHECK_INT(rvmodel_predict(&m, &f, "客服不理", strlen("客服不理"), &lex,
	    sc), RV_SERVICE);
	rvmodel_release(&m);
	rvm_feat_free(&f);
	remove(a);
	remove(b);
}

int
main(void)
{
	test_ngrams();
	test_model();
	test_train();
	return t_done();
}
