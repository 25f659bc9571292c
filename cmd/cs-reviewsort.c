/*
 * cs-reviewsort: sort negative shop reviews into quality, service,
 * logistics and mood (001 §6.11), with the evidence, the playbook step and
 * a flag for likely competitor sabotage or extortion.  Keeps reviews rated
 * 3 of 5 or lower (or 中评/差评) unless --all; --summary counts them per
 * category, --by COLUMN per group as well.  The run is in
 * lib/reviews/rsrun.c, the lexicon in lib/reviews/reviews.c, the model that
 * decides the category in lib/reviews/rvmodel.c; --train fits a model to a
 * shop's labelled reviews (lib/reviews/rvtrain.c).
 */

#include "io/cli.h"
#include "reviews/rsrun.h"

enum {
	OPT_ALL = CLI_TOOL_OPT,
	OPT_BY,
	OPT_LEXICON,
	OPT_MODEL,
	OPT_PLAYBOOK,
	OPT_SUMMARY,
	OPT_TEXT,
	OPT_TRAIN,
	OPT_TRAIN_MERGE
};

static const struct option long_options[] = {
	{ "all", no_argument, NULL, OPT_ALL },
	{ "by", required_argument, NULL, OPT_BY },
	{ "lexicon", required_argument, NULL, OPT_LEXICON },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "output", required_argument, NULL, 'o' },
	{ "playbook", required_argument, NULL, OPT_PLAYBOOK },
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
"      --playbook FILE          take the action of the categories FILE names\n"
"                               (category,action) from FILE\n"
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

static int
rs_option(void *ctx, struct run *run, int c, const char *arg)
{
	struct rsrun *rs = ctx;

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
		rsrun_add_lexicon(rs, arg);
		return 0;
	case OPT_MODEL:
		rs->modelfile = arg;
		return 0;
	case 'o':
		rs->output = arg;
		return 0;
	case OPT_PLAYBOOK:
		rs->playbook_file = arg;
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

static int
rs_init(void *ctx, struct run *run)
{
	return rsrun_init(ctx, run);
}

static int
rs_start(void *ctx, struct run *run)
{
	return rsrun_start(ctx, run);
}

static int
rs_row(void *ctx, struct run *run, const struct record *r)
{
	return rsrun_row(ctx, run, r);
}

static int
rs_finish(void *ctx, struct run *run)
{
	return rsrun_finish(ctx, run);
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
	.cols = rsrun_columns,
	.ncols = RS_NCOLS,
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
	struct rsrun rs;
	int status;

	rsrun_defaults(&rs);
	status = cli_main(&tool, &rs, argc, argv);
	rsrun_free(&rs);
	return status;
}
