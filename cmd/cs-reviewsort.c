/*
 * cs-reviewsort: sort negative shop reviews into quality, service,
 * logistics and mood (001 §6.11), with the evidence, the playbook step and
 * a flag for likely competitor sabotage or extortion.  Keeps reviews rated
 * 3 of 5 or lower (or 中评/差评) unless --all; --summary counts them per
 * category, --by COLUMN per group as well.  The logic is in lib/reviews/reviews.c
 * (the lexicon) and lib/reviews/rvmodel.c (the model that decides the category);
 * --train fits a model to a shop's labelled reviews (lib/reviews/rvtrain.c).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cell.h"
#include "io/cli.h"
#include "io/diag.h"
#include "io/datafile.h"
#include "reviews/reviews.h"
#include "reviews/rvmodel.h"
#include "reviews/rvtrain.h"

enum {
	OPT_ALL = CLI_TOOL_OPT,
	OPT_BY,
	OPT_LEXICON,
	OPT_MODEL,
	OPT_SUMMARY,
	OPT_TEXT,
	OPT_TRAIN,
	OPT_TRAIN_MERGE
};

enum { COL_TEXT, COL_RATING, COL_FOLLOWUP, COL_PRIMARY, COL_SPLIT };

/* Rows a class needs in a training set. */
#define TRAIN_MIN_ROWS 5

static const struct colspec columns[] = {
	{ "text", "评价内容|评论内容|评价|评论|内容|评价详情|买家评价|"
	    "評價內容|評論內容|評價|評論|內容|content|review|comment|text|body" },
	{ "rating", "评分|评价等级|评价类型|星级|评级|打分|評分|評價等級|星級|"
	    "rating|score|stars|grade|level" },
	{ "followup", "追评|追评内容|追加评论|追加评价|追評|追加評論|followup|"
	    "follow_up|additional_review" },
	/* Read by --train only. */
	{ "primary", "primary|label|category|类别|分类|标签|類別|分類|標籤" },
	{ "split", "split" },
};

static const struct option long_options[] = {
	{ "all", no_argument, NULL, OPT_ALL },
	{ "by", required_argument, NULL, OPT_BY },
	{ "lexicon", required_argument, NULL, OPT_LEXICON },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "output", required_argument, NULL, 'o' },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "text", no_argument, NULL, OPT_TEXT },
	{ "train", no_argument, NULL, OPT_TRAIN },
	{ "train-merge", no_argument, NULL, OPT_TRAIN_MERGE },
	{ NULL, 0, NULL, 0 }
};

static const char help[] =
"  -a, --all                    keep every review, not only those rated 3 or\n"
"                               lower (or 中评/差评)\n"
"      --by COLUMN              with --summary: count per value of COLUMN\n"
"                               (e.g. 宝贝标题); implies --summary\n"
"      --lexicon FILE           add the terms of FILE (term,category,weight,\n"
"                               flags) to the built-in lexicon; repeatable\n"
"      --model MODEL            decide the category with MODEL (made by\n"
"                               --train) instead of the built-in model\n"
"  -o, --output MODEL           with --train: write the model to MODEL\n"
"  -s, --summary                print counts and shares per category instead\n"
"                               of the reviews\n"
"      --text                   input is plain text, one review per line\n"
"      --train                  learn a model from the labelled reviews of\n"
"                               the input (columns text and primary) and\n"
"                               write it to -o MODEL; rows whose split\n"
"                               column says validation are left out\n"
"      --train-merge            with --train: learn from the built-in\n"
"                               labelled reviews too\n"
"\n"
"Columns read: text (评价内容, 评论内容, content, review ...), rating\n"
"(评分, 评价等级, rating ...; optional), followup (追评; optional); with\n"
"--train: primary (label, category, 类别 ...: quality, service, logistics,\n"
"mood, other or 质量, 服务, 物流, 心情, 其他) and split (optional).\n"
"Columns appended: category, categories, evidence, action, suspect.\n";

/* One group of --summary --by (or the only one). */
struct group {
	char *name;		/* the group's value */
	unsigned long long n[RV_NCAT]; /* reviews per primary category */
	unsigned long long suspect[RV_NCAT]; /* of which flagged suspect */
};

struct rs {
	/* Options. */
	int all;		/* keep positive reviews too */
	const char *by;		/* --by column header */
	const char **lexfiles;	/* --lexicon files */
	size_t nlexfiles;	/* how many */
	int summary;		/* --summary */
	const char *modelfile;	/* --model */
	const char *output;	/* -o: where --train writes the model */
	int train;		/* --train */
	int merge;		/* --train-merge */
	/* State. */
	struct lexicon *lx;	/* the lexicon */
	struct classifier *cl;	/* its classifier */
	struct rvmodel model;	/* the model that decides the category */
	int have_model;		/* model is loaded */
	struct rvtrain *tr;	/* --train: the rows so far */
	struct rvm_feat feat;	/* --train: scratch for a row's n-grams */
	const char *trainfile;	/* --train: the input, for messages */
	int slot[5];		/* appended columns */
	long bycol;		/* field index of --by, or -1 */
	struct group *g;	/* summary groups, in order of first sight */
	size_t ng, capg;	/* how many, and room */
	size_t *hash;		/* open addressing: group index + 1, or 0 */
	size_t hcap;		/* size of hash (a power of two) */
	char *buf;		/* text plus follow-up review */
	size_t bufcap;		/* its size */
	char cats[1u << RV_NCAT][64]; /* categories cell of each set */
	size_t catslen[1u << RV_NCAT]; /* and its length */
	/* Which constant cells need no quoting (out_plain()). */
	unsigned char catsplain[1u << RV_NCAT], nameplain[RV_NCAT];
	unsigned char actplain[RV_NCAT];
	const char *name[RV_NCAT]; /* category names as written (--lang) */
	size_t namelen[RV_NCAT]; /* their lengths */
	size_t actlen[RV_NCAT];	/* and of the actions (no strlen() per row) */
};

static int
rs_option(void *ctx, struct run *run, int c, const char *arg)
{
	struct rs *rs = ctx;
	const char **p;

	switch (c) {
	case 'a':
	case OPT_ALL:
		rs->all = 1;
		return 0;
	case OPT_BY:
		rs->by = arg;
		rs->summary = 1;
		return 0;
	case OPT_LEXICON:
		p = realloc(rs->lexfiles, (rs->nlexfiles + 1) * sizeof(*p));
		if (p == NULL)
			cs_errx(CS_FATAL, "out of memory");
		rs->lexfiles = p;
		rs->lexfiles[rs->nlexfiles++] = arg;
		return 0;
	case OPT_MODEL:
		rs->modelfile = arg;
		return 0;
	case 'o':
		rs->output = arg;
		return 0;
	case OPT_TRAIN:
		rs->train = 1;
		return 0;
	case OPT_TRAIN_MERGE:
		rs->merge = 1;
		return 0;
	case 's':
	case OPT_SUMMARY:
		rs->summary = 1;
		return 0;
	case OPT_TEXT:
		run->in.text = 1;
		return 0;
	}
	return -1;
}

/*
 * The categories cell of the set CATS: "quality;logistics" into
 * rs->cats[CATS] and its length into rs->catslen[CATS].  Made once for
 * every set: by hand per row it was a loop of unpredictable branches, and
 * snprintf() cost as much as the rest of the row's output.
 */
static void
cats_cell(struct rs *rs, unsigned cats)
{
	char *p = rs->cats[cats];
	size_t n = 0, l;
	int i;

	for (i = 0; i < RV_NCAT; i++) {
		if (!(cats & (1u << i)))
			continue;
		l = rs->namelen[i];
		if (n + l + 2 > sizeof(rs->cats[0]))	/* cannot happen: 5 names fit */
			break;
		if (n > 0)
			p[n++] = ';';
		memcpy(p + n, rs->name[i], l);
		n += l;
	}
	p[n] = '\0';
	rs->catslen[cats] = n;
	rs->catsplain[cats] = (unsigned char)out_plain(p, n);
}

/* Set SLOT to the constant S[0..N), PLAIN when out_plain() said so. */
static void
set_const(struct run *run, int slot, const char *s, size_t n, int plain)
{
	if (plain)
		run_set_plain(run, slot, s, n);
	else
		run_set(run, slot, s, n);
}

/*
 * Add one labelled review to the training set: TEXT[0..LEN) of class
 * LABEL.  Exits when out of memory.
 */
static void
train_add(struct rs *rs, const char *text, size_t len, enum rv_cat label)
{
	struct rvm_lex lex;

	if (classifier_features(rs->cl, &rvm_default_params, text, len,
	    &rs->feat, &lex) != 0 || rvtrain_add(rs->tr, &rs->feat, &lex,
	    label) != 0)
		cs_errx(CS_FATAL, "out of memory");
}

/* datafile callback: a row of the built-in labelled reviews. */
static int
merge_row(void *ctx, struct datafile *df, const struct record *r)
{
	struct rs *rs = ctx;
	const char *text = datafile_get(df, r, "text");
	int c = rv_cat_parse(datafile_get(df, r, "primary"));

	if (strcmp(datafile_get(df, r, "split"), "validation") == 0)
		return 0;
	if (c < 0 || *text == '\0') {
		datafile_error(df, "bad training row");
		return 0;
	}
	train_add(rs, text, strlen(text), (enum rv_cat)c);
	return 0;
}

/* Check the options of --train and get ready for its rows. */
static int
train_init(struct rs *rs, struct run *run)
{
	if (!rs->train) {
		if (rs->output != NULL || rs->merge) {
			cs_warnx("%s needs --train", rs->output != NULL ?
			    "-o/--output" : "--train-merge");
			return CS_FATAL;
		}
		return 0;
	}
	if (rs->output == NULL) {
		cs_warnx("--train needs -o MODEL");
		return CS_FATAL;
	}
	if (run->in.text || rs->summary || rs->modelfile != NULL) {
		cs_warnx("--train does not go with %s", run->in.text ?
		    "--text (it needs a primary column)" : rs->summary ?
		    "--summary or --by" : "--model");
		return CS_FATAL;
	}
	if ((rs->tr = rvtrain_new(&rvm_default_params)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	if (rs->merge && datafile_read(NULL, "reviews-labelled.csv",
	    merge_row, rs) != 0)
		return CS_FATAL;
	run->summary = 1;
	return 0;
}

static int
rs_init(void *ctx, struct run *run)
{
	struct rs *rs = ctx;
	size_t i;
	int rc;

	if (rs->by != NULL && run->in.text) {
		cs_warnx("--by needs CSV input, not --text");
		return CS_FATAL;
	}
	if ((rs->lx = lexicon_new()) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	if (lexicon_load(rs->lx, NULL) != 0)
		return CS_FATAL;
	for (i = 0; i < rs->nlexfiles; i++)
		if (lexicon_load(rs->lx, rs->lexfiles[i]) != 0)
			return CS_FATAL;
	if (lexicon_build(rs->lx) != 0 ||
	    (rs->cl = classifier_new(rs->lx)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	if ((rc = train_init(rs, run)) != 0 || rs->train)
		return rc;
	/* No built-in model (the build's first stage): the lexicon decides. */
	if ((rc = rvmodel_load(rs->modelfile, &rs->model)) < 0)
		return CS_FATAL;
	if (rc == 0) {
		rs->have_model = 1;
		classifier_set_model(rs->cl, &rs->model);
	}
	for (i = 0; i < RV_NCAT; i++) {
		rs->name[i] = lang_value(run->lang, "category",
		    rv_cat_name((enum rv_cat)i, 0));
		rs->namelen[i] = strlen(rs->name[i]);
		rs->actlen[i] = strlen(rv_action((enum rv_cat)i));
		rs->nameplain[i] = (unsigned char)out_plain(rs->name[i],
		    rs->namelen[i]);
		rs->actplain[i] = (unsigned char)out_plain(rv_action(
		    (enum rv_cat)i), rs->actlen[i]);
	}
	for (i = 0; i < 1u << RV_NCAT; i++)
		cats_cell(rs, (unsigned)i);
	run->summary = rs->summary;
	return 0;
}

static int
rs_start(void *ctx, struct run *run)
{
	struct rs *rs = ctx;
	static const char *const names[5] = {
		"category", "categories", "evidence", "action", "suspect"
	};
	static const char *const alts[5] = {
		"review_category", "review_categories", "review_evidence",
		"review_action", "review_suspect"
	};
	int i;

	if (!run->in.text && run->col[COL_TEXT] < 0) {
		cols_missing(&columns[COL_TEXT], run->file);
		return CS_FATAL;
	}
	if (rs->train) {
		if (run->col[COL_PRIMARY] < 0) {
			cols_missing(&columns[COL_PRIMARY], run->file);
			return CS_FATAL;
		}
		rs->trainfile = run->file;
		return 0;
	}
	rs->bycol = -1;
	if (rs->by != NULL && (rs->bycol = cols_find(rs->by, run->hdr,
	    run->hlen, run->nhdr)) < 0) {
		cs_warnx_at(run->file, 0, "--by: no column '%s'", rs->by);
		return CS_FATAL;
	}
	if (run->summary)
		return 0;
	for (i = 0; i < 5; i++)
		if ((rs->slot[i] = run_add_column(run, names[i], alts[i])) < 0)
			return CS_FATAL;
	return 0;
}

/* FNV-1a of S[0..N). */
static size_t
hash_str(const char *s, size_t n)
{
	size_t h = (size_t)14695981039346656037ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

/* Double the hash table (or make the first one). */
static void
rehash(struct rs *rs)
{
	size_t cap = rs->hcap ? rs->hcap * 2 : 64, i, k;
	size_t *h = calloc(cap, sizeof(*h));

	if (h == NULL)
		cs_errx(CS_FATAL, "out of memory");
	for (i = 0; i < rs->ng; i++) {
		k = hash_str(rs->g[i].name, strlen(rs->g[i].name)) & (cap - 1);
		while (h[k] != 0)
			k = (k + 1) & (cap - 1);
		h[k] = i + 1;
	}
	free(rs->hash);
	rs->hash = h;
	rs->hcap = cap;
}

/* The group called S[0..N), made when new. */
static struct group *
group_get(struct rs *rs, const char *s, size_t n)
{
	size_t k;
	struct group *g;

	if (rs->hcap == 0 || (rs->ng + 1) * 2 > rs->hcap)
		rehash(rs);
	k = hash_str(s, n) & (rs->hcap - 1);
	for (; rs->hash[k] != 0; k = (k + 1) & (rs->hcap - 1)) {
		g = &rs->g[rs->hash[k] - 1];
		if (strlen(g->name) == n && memcmp(g->name, s, n) == 0)
			return g;
	}
	if (rs->ng == rs->capg) {
		rs->capg = rs->capg ? rs->capg * 2 : 16;
		if ((g = realloc(rs->g, rs->capg * sizeof(*g))) == NULL)
			cs_errx(CS_FATAL, "out of memory");
		rs->g = g;
	}
	g = &rs->g[rs->ng];
	memset(g, 0, sizeof(*g));
	if ((g->name = strndup(s, n)) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	rs->hash[k] = ++rs->ng;
	return g;
}

/* The review's text, with the follow-up review appended when there is one. */
static const char *
review_text(struct rs *rs, struct run *run, const struct record *r, size_t *len)
{
	const char *t, *f;
	size_t tl, fl;

	if (run->in.text) {
		*len = r->n > 0 ? r->len[0] : 0;
		return r->n > 0 ? r->f[0] : "";
	}
	if ((t = run_field(run, r, COL_TEXT, &tl)) == NULL)
		t = "", tl = 0;
	f = run_field(run, r, COL_FOLLOWUP, &fl);
	if (f == NULL || fl == 0) {
		*len = tl;
		return t;
	}
	if (tl + fl + 2 > rs->bufcap) {
		rs->bufcap = tl + fl + 2;
		if ((rs->buf = realloc(rs->buf, rs->bufcap)) == NULL)
			cs_errx(CS_FATAL, "out of memory");
	}
	memcpy(rs->buf, t, tl);
	rs->buf[tl] = '\n';
	memcpy(rs->buf + tl + 1, f, fl);
	*len = tl + fl + 1;
	return rs->buf;
}

/* Is the row's rating negative or middling?  1 yes, 0 no (skip). */
static int
wanted(struct rs *rs, struct run *run, const struct record *r)
{
	const char *s;
	size_t n;
	int neg;

	if (rs->all || run->in.text ||
	    (s = run_field(run, r, COL_RATING, &n)) == NULL ||
	    cell_empty(s, n))
		return 1;
	if ((neg = rv_rating_negative(s, n)) < 0) {
		run_warn(run, "unrecognized rating '%.*s' (expected 1-5, 好评, "
		    "中评 or 差评): review kept", (int)(n > 40 ? 40 : n), s);
		return 1;
	}
	return neg;
}

/* --train: one labelled review. */
static int
train_row(struct rs *rs, struct run *run, const struct record *r)
{
	const char *text, *lab, *sp;
	size_t len, ll, sl;
	char name[32];
	int c;

	sp = run_field(run, r, COL_SPLIT, &sl);
	if (sp != NULL && ((sl == 10 && memcmp(sp, "validation", 10) == 0) ||
	    (sl == 4 && memcmp(sp, "test", 4) == 0)))
		return ROW_SKIP;	/* held out */
	text = review_text(rs, run, r, &len);
	if ((lab = run_field(run, r, COL_PRIMARY, &ll)) == NULL)
		lab = "", ll = 0;
	while (ll > 0 && (*lab == ' ' || *lab == '\t'))
		lab++, ll--;
	while (ll > 0 && (lab[ll - 1] == ' ' || lab[ll - 1] == '\t'))
		ll--;
	if (ll == 0)
		return run_reject(run, "empty label");
	c = -1;
	if (ll < sizeof(name)) {
		memcpy(name, lab, ll);
		name[ll] = '\0';
		c = rv_cat_parse(name);
	}
	if (c < 0)
		return run_reject(run, "unknown label '%.*s' (expected quality, "
		    "service, logistics, mood or other)", (int)(ll > 40 ? 40 : ll),
		    lab);
	while (len > 0 && (*text == ' ' || *text == '\t'))
		text++, len--;
	if (len == 0)
		return run_reject(run, "empty text");
	train_add(rs, text, len, (enum rv_cat)c);
	return ROW_OUT;
}

static int
rs_row(void *ctx, struct run *run, const struct record *r)
{
	struct rs *rs = ctx;
	struct review_result res;
	struct group *g;
	const char *text, *gs;
	size_t len, gl;

	if (rs->train)
		return train_row(rs, run, r);
	if (!wanted(rs, run, r))
		return ROW_SKIP;
	text = review_text(rs, run, r, &len);
	if (run->in.text && len == 0)
		return ROW_SKIP;	/* blank line */
	if (classify(rs->cl, text, len, &res) != 0)
		cs_errx(CS_FATAL, "out of memory");
	if (run->summary) {
		if (rs->bycol >= 0 && (size_t)rs->bycol < r->n) {
			gs = r->f[rs->bycol];
			gl = r->len[rs->bycol];
		} else
			gs = "", gl = 0;
		g = group_get(rs, gs, gl);
		g->n[res.category]++;
		if (res.suspect)
			g->suspect[res.category]++;
		return ROW_OUT;
	}
	set_const(run, rs->slot[0], rs->name[res.category],
	    rs->namelen[res.category], rs->nameplain[res.category]);
	res.cats &= (1u << RV_NCAT) - 1;
	set_const(run, rs->slot[1], rs->cats[res.cats], rs->catslen[res.cats],
	    rs->catsplain[res.cats]);
	run_set(run, rs->slot[2], res.evidence, res.evlen);
	set_const(run, rs->slot[3], rv_action(res.category),
	    rs->actlen[res.category], rs->actplain[res.category]);
	if (res.suspect)
		run_set_plain(run, rs->slot[4], "yes", 3);
	else
		run_set_plain(run, rs->slot[4], "no", 2);
	return ROW_OUT;
}

/* Write one summary row; GROUP is NULL without --by. */
static void
summary_row(struct run *run, const char *group, const char *cat,
    unsigned long long n, unsigned long long total, unsigned long long susp)
{
	char num[32], share[32], sus[32];

	snprintf(num, sizeof(num), "%llu", n);
	if (total > 0)
		snprintf(share, sizeof(share), "%llu.%llu%%",
		    (n * 1000 + total / 2) / total / 10,
		    (n * 1000 + total / 2) / total % 10);
	else
		snprintf(share, sizeof(share), "0.0%%");
	snprintf(sus, sizeof(sus), "%llu", susp);
	if (group != NULL)
		out_str(&run->out, group);
	out_str(&run->out, cat);
	out_str(&run->out, num);
	out_str(&run->out, share);
	out_str(&run->out, sus);
	out_end(&run->out);
}

/* --train, after the input: fit the model and write it. */
static int
train_finish(struct rs *rs, struct run *run)
{
	const char *file = rs->trainfile != NULL ? rs->trainfile : "<stdin>";
	int c, bad = 0;

	if (run->nrej > 0) {
		cs_warnx("no model written: %llu row%s rejected", run->nrej,
		    run->nrej == 1 ? "" : "s");
		return CS_ROWS;
	}
	for (c = 0; c < RV_NCAT; c++)
		if (rvtrain_count(rs->tr, (enum rv_cat)c) < TRAIN_MIN_ROWS) {
			cs_warnx("%s: too few rows labelled '%s': %zu (at least "
			    "%d needed%s)", file, rv_cat_name((enum rv_cat)c, 0),
			    rvtrain_count(rs->tr, (enum rv_cat)c),
			    TRAIN_MIN_ROWS, rs->merge ? "" :
			    "; --train-merge adds the built-in reviews");
			bad = 1;
		}
	if (bad) {
		cs_warnx("no model written");
		return CS_FATAL;
	}
	return rvtrain_write(rs->tr, &rvt_default_opts, rs->output) == 0 ?
	    0 : CS_FATAL;
}

static int
rs_finish(void *ctx, struct run *run)
{
	struct rs *rs = ctx;
	static const char *const cols[] = { "category", "count", "share",
	    "suspect" };
	const char *names[5];
	size_t i, k = 0;
	unsigned long long tot, sus, all = 0, allsus = 0;
	int c, grouped = rs->by != NULL;

	if (rs->train)
		return train_finish(rs, run);
	if (!run->summary)
		return 0;
	if (grouped)
		names[k++] = rs->by;
	for (i = 0; i < 4; i++)
		names[k++] = cols[i];
	run_header(run, names, k);
	for (i = 0; i < rs->ng || (!grouped && i == 0); i++) {
		struct group empty = { NULL, { 0 }, { 0 } };
		struct group *g = i < rs->ng ? &rs->g[i] : &empty;

		for (tot = sus = 0, c = 0; c < RV_NCAT; c++) {
			tot += g->n[c];
			sus += g->suspect[c];
		}
		all += tot;
		allsus += sus;
		for (c = 0; c < RV_NCAT; c++)
			if (!grouped || g->n[c] > 0)
				summary_row(run, grouped ? g->name : NULL,
				    rs->name[c], g->n[c],
				    tot, g->suspect[c]);
	}
	if (!grouped)
		summary_row(run, NULL, lang_value(run->lang, "category",
		    "total"), all, all,
		    allsus);
	return 0;
}

static const struct tool tool = {
	.name = "cs-reviewsort",
	.synopsis = "[-as] [--text] [--by COLUMN] [--lang en|zh] "
	    "[--lexicon FILE] [--model MODEL] [FILE ...]\n"
	    "       cs-reviewsort --train [--train-merge] [--lexicon FILE] "
	    "-o MODEL [FILE ...]",
	.summary = "Sort negative reviews into quality, service, logistics and "
	    "mood, with the evidence and the playbook step.",
	.help = help,
	.options = long_options,
	.shortopts = "ao:s",
	.cols = columns,
	.ncols = sizeof(columns) / sizeof(columns[0]),
	.text_default = 0,
	.option = rs_option,
	.init = rs_init,
	.start = rs_start,
	.row = rs_row,
	.finish = rs_finish,
	.numbers = "count share suspect",
};

int
main(int argc, char **argv)
{
	struct rs rs;
	size_t i;
	int status;

	memset(&rs, 0, sizeof(rs));
	status = cli_main(&tool, &rs, argc, argv);
	for (i = 0; i < rs.ng; i++)
		free(rs.g[i].name);
	free(rs.g);
	free(rs.hash);
	free(rs.buf);
	free(rs.lexfiles);
	classifier_free(rs.cl);
	lexicon_free(rs.lx);
	rvtrain_free(rs.tr);
	rvm_feat_free(&rs.feat);
	rvmodel_release(&rs.model);
	return status;
}
