/*
 * cs-reviewsort's run over the driver (lib/io/cli.h): which reviews are
 * kept, their cells, the --summary table and the rows of --train.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/cell.h"
#include "io/diag.h"
#include "io/datafile.h"
#include "reviews/rsrun.h"

const struct colspec rsrun_columns[RS_NCOLS] = {
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

/*
 * The categories cell of the set CATS: "quality;logistics" into
 * rs->cats[CATS] and its length into rs->catslen[CATS].  Made once for
 * every set: by hand per row it was a loop of unpredictable branches, and
 * snprintf() cost as much as the rest of the row's output.
 */
static void
cats_cell(struct rsrun *rs, unsigned cats)
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
train_add(struct rsrun *rs, const char *text, size_t len, enum rv_cat label)
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
	struct rsrun *rs = ctx;
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
train_init(struct rsrun *rs, struct run *run)
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

void
rsrun_defaults(struct rsrun *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->bycol = -1;
	rs_groups_init(&rs->groups);
	playbook_init(&rs->pb);
}

void
rsrun_add_lexicon(struct rsrun *rs, const char *file)
{
	rs->lexfiles = xreallocarray(rs->lexfiles, rs->nlexfiles + 1,
	    sizeof(*rs->lexfiles));
	rs->lexfiles[rs->nlexfiles++] = file;
}

int
rsrun_init(struct rsrun *rs, struct run *run)
{
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
	if (rc == 0)
		classifier_set_model(rs->cl, &rs->model);
	if (playbook_load(&rs->pb, NULL) != 0 || (rs->playbook_file != NULL &&
	    playbook_load(&rs->pb, rs->playbook_file) != 0))
		return CS_FATAL;
	for (i = 0; i < RV_NCAT; i++) {
		rs->name[i] = lang_value(run->lang, "category",
		    rv_cat_name((enum rv_cat)i, 0));
		rs->namelen[i] = strlen(rs->name[i]);
		rs->actlen[i] = rs->pb.len[i];
		rs->nameplain[i] = (unsigned char)out_plain(rs->name[i],
		    rs->namelen[i]);
		rs->actplain[i] = (unsigned char)out_plain(rs->pb.action[i],
		    rs->actlen[i]);
	}
	for (i = 0; i < 1u << RV_NCAT; i++)
		cats_cell(rs, (unsigned)i);
	run->summary = rs->summary;
	return 0;
}

/*
 * --text: the header a CSV input would have had, "text" and the appended
 * columns, so that the output reads like the CSV mode's (cs-stats reads
 * it).  The driver writes none for text input; JSON names its keys itself.
 */
static void
text_header(struct run *run)
{
	char *names[6];
	size_t lens[6], i, k = 0;

	names[k] = (char *)"text";
	lens[k++] = 4;
	for (i = 0; i < run->noc && k < 6; i++) {
		if (run->oc[i].replaces >= 0)
			continue;
		names[k] = (char *)run->oc[i].name;
		lens[k++] = strlen(run->oc[i].name);
	}
	out_header(&run->out, names, lens, k);
}

int
rsrun_start(struct rsrun *rs, struct run *run)
{
	static const char *const names[5] = {
		"category", "categories", "evidence", "action", "suspect"
	};
	static const char *const alts[5] = {
		"review_category", "review_categories", "review_evidence",
		"review_action", "review_suspect"
	};
	int i;

	if (!run->in.text && run->col[RS_TEXT] < 0) {
		cols_missing(&rsrun_columns[RS_TEXT], run->file);
		return CS_FATAL;
	}
	if (rs->train) {
		if (run->col[RS_PRIMARY] < 0) {
			cols_missing(&rsrun_columns[RS_PRIMARY], run->file);
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
	if (run->in.text && run->fmt != OUT_JSON)
		text_header(run);
	return 0;
}

void
rs_groups_init(struct rs_groups *gs)
{
	strmap_init(&gs->names);
	gs->g = NULL;
	gs->cap = 0;
}

struct rs_group *
rs_groups_get(struct rs_groups *gs, const char *s, size_t n)
{
	int isnew = 0;
	size_t i = strmap_put(&gs->names, s, n, &isnew);

	if (isnew) {
		xgrow(&gs->g, &gs->cap, i + 1, sizeof(*gs->g));
		memset(&gs->g[i], 0, sizeof(gs->g[i]));
	}
	return &gs->g[i];
}

void
rs_groups_free(struct rs_groups *gs)
{
	strmap_free(&gs->names);
	free(gs->g);
	rs_groups_init(gs);
}

/* The review's text, with the follow-up review appended when there is one. */
static const char *
review_text(struct rsrun *rs, struct run *run, const struct record *r, size_t *len)
{
	const char *t, *f;
	size_t tl, fl;

	if (run->in.text) {
		*len = r->n > 0 ? r->len[0] : 0;
		return r->n > 0 ? r->f[0] : "";
	}
	if ((t = run_field(run, r, RS_TEXT, &tl)) == NULL)
		t = "", tl = 0;
	f = run_field(run, r, RS_FOLLOWUP, &fl);
	if (f == NULL || fl == 0) {
		*len = tl;
		return t;
	}
	if (tl + fl + 2 > rs->bufcap) {
		rs->bufcap = tl + fl + 2;
		rs->buf = xreallocarray(rs->buf, rs->bufcap, 1);
	}
	memcpy(rs->buf, t, tl);
	rs->buf[tl] = '\n';
	memcpy(rs->buf + tl + 1, f, fl);
	*len = tl + fl + 1;
	return rs->buf;
}

/* Is the row's rating negative or middling?  1 yes, 0 no (skip). */
static int
wanted(struct rsrun *rs, struct run *run, const struct record *r)
{
	const char *s;
	size_t n;
	int neg;

	if (rs->all || run->in.text ||
	    (s = run_field(run, r, RS_RATING, &n)) == NULL ||
	    cell_empty(s, n))
		return 1;
	if ((neg = rv_rating_negative(s, n)) < 0) {
		run_warn(run, "unrecognized rating '%.*s' (expected 1-5, 好评, "
		    "中评 or 差评): review kept", (int)(n > 40 ? 40 : n), s);
		return 1;
	}
	return neg;
}

int
rs_label(const char *lab, size_t len)
{
	char name[32];

	while (len > 0 && (*lab == ' ' || *lab == '\t'))
		lab++, len--;
	while (len > 0 && (lab[len - 1] == ' ' || lab[len - 1] == '\t'))
		len--;
	if (len == 0)
		return -2;
	if (len >= sizeof(name))
		return -1;
	memcpy(name, lab, len);
	name[len] = '\0';
	return rv_cat_parse(name);
}

/* --train: one labelled review. */
static int
train_row(struct rsrun *rs, struct run *run, const struct record *r)
{
	const char *text, *lab, *sp;
	size_t len, ll, sl;
	int c;

	sp = run_field(run, r, RS_SPLIT, &sl);
	if (sp != NULL && ((sl == 10 && memcmp(sp, "validation", 10) == 0) ||
	    (sl == 4 && memcmp(sp, "test", 4) == 0)))
		return ROW_SKIP;	/* held out */
	text = review_text(rs, run, r, &len);
	if ((lab = run_field(run, r, RS_PRIMARY, &ll)) == NULL)
		lab = "", ll = 0;
	if ((c = rs_label(lab, ll)) == -2)
		return run_reject(run, "empty label");
	while (ll > 0 && (*lab == ' ' || *lab == '\t'))
		lab++, ll--;
	while (ll > 0 && (lab[ll - 1] == ' ' || lab[ll - 1] == '\t'))
		ll--;
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

int
rsrun_row(struct rsrun *rs, struct run *run, const struct record *r)
{
	struct review_result res;
	struct rs_group *g;
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
		g = rs_groups_get(&rs->groups, gs, gl);
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
	set_const(run, rs->slot[3], rs->pb.action[res.category],
	    rs->actlen[res.category], rs->actplain[res.category]);
	if (res.suspect)
		run_set_plain(run, rs->slot[4], "yes", 3);
	else
		run_set_plain(run, rs->slot[4], "no", 2);
	return ROW_OUT;
}

void
rs_share(char *buf, size_t size, unsigned long long n,
    unsigned long long total)
{
	unsigned long long permille;

	if (total == 0) {
		snprintf(buf, size, "0.0%%");
		return;
	}
	permille = (n * 1000 + total / 2) / total;
	snprintf(buf, size, "%llu.%llu%%", permille / 10, permille % 10);
}

/* Write one summary row; GROUP is NULL without --by. */
static void
summary_row(struct run *run, const char *group, const char *cat,
    unsigned long long n, unsigned long long total, unsigned long long susp)
{
	char num[32], share[32], sus[32];

	snprintf(num, sizeof(num), "%llu", n);
	rs_share(share, sizeof(share), n, total);
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
train_finish(struct rsrun *rs, struct run *run)
{
	const char *file = rs->trainfile != NULL ? rs->trainfile : "<stdin>";
	int c, bad = 0;

	if (run->nrej > 0) {
		cs_warnx("no model written: %llu row%s rejected", run->nrej,
		    run->nrej == 1 ? "" : "s");
		return CS_ROWS;
	}
	for (c = 0; c < RV_NCAT; c++)
		if (rvtrain_count(rs->tr, (enum rv_cat)c) < RS_TRAIN_MIN_ROWS) {
			cs_warnx("%s: too few rows labelled '%s': %zu (at least "
			    "%d needed%s)", file, rv_cat_name((enum rv_cat)c, 0),
			    rvtrain_count(rs->tr, (enum rv_cat)c),
			    RS_TRAIN_MIN_ROWS, rs->merge ? "" :
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

int
rsrun_finish(struct rsrun *rs, struct run *run)
{
	static const char *const cols[] = { "category", "count", "share",
	    "suspect" };
	const char *names[5];
	size_t i, k = 0;
	unsigned long long tot, sus, all = 0, allsus = 0;
	size_t ng = rs->groups.names.n;
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
	for (i = 0; i < ng || (!grouped && i == 0); i++) {
		struct rs_group empty = { { 0 }, { 0 } };
		struct rs_group *g = i < ng ? &rs->groups.g[i] : &empty;

		for (tot = sus = 0, c = 0; c < RV_NCAT; c++) {
			tot += g->n[c];
			sus += g->suspect[c];
		}
		all += tot;
		allsus += sus;
		for (c = 0; c < RV_NCAT; c++)
			if (!grouped || g->n[c] > 0)
				summary_row(run, grouped ?
				    strmap_key(&rs->groups.names, i, NULL) : NULL,
				    rs->name[c], g->n[c],
				    tot, g->suspect[c]);
	}
	if (!grouped)
		summary_row(run, NULL, lang_value(run->lang, "category",
		    "total"), all, all,
		    allsus);
	return 0;
}


void
rsrun_free(struct rsrun *rs)
{
	rs_groups_free(&rs->groups);
	free(rs->buf);
	free(rs->lexfiles);
	classifier_free(rs->cl);
	lexicon_free(rs->lx);
	rvtrain_free(rs->tr);
	rvm_feat_free(&rs->feat);
	rvmodel_release(&rs->model);
	playbook_free(&rs->pb);
}
