#ifndef CS_RSRUN_H
#define CS_RSRUN_H

/*
 * cs-reviewsort's run: the columns it reads, one review row in (kept or
 * skipped by its rating, classified, its cells set), the --summary table
 * per category (and per --by group), and the rows of --train.
 * cmd/cs-reviewsort.c only parses options and hands this to the driver.
 */

#include "core/strmap.h"
#include "io/cli.h"
#include "reviews/playbook.h"
#include "reviews/reviews.h"
#include "reviews/rvmodel.h"
#include "reviews/rvtrain.h"

/* Indices into rsrun_columns[]. */
enum { RS_TEXT, RS_RATING, RS_FOLLOWUP, RS_PRIMARY, RS_SPLIT, RS_NCOLS };

extern const struct colspec rsrun_columns[RS_NCOLS];

/* Rows a class needs in a training set. */
#define RS_TRAIN_MIN_ROWS 5

/* Reviews of one --summary group (or of the only one), per category. */
struct rs_group {
	unsigned long long n[RV_NCAT];	/* reviews per primary category */
	unsigned long long suspect[RV_NCAT]; /* of which flagged suspect */
};

/* The groups of --summary, in order of first sight. */
struct rs_groups {
	struct strmap names;	/* group value -> index into g */
	struct rs_group *g;	/* counts of each group */
	size_t cap;		/* room in g */
};

struct rsrun {
	/* Options (set by cmd/cs-reviewsort.c before rsrun_init()). */
	int all;		/* keep positive reviews too */
	const char *by;		/* --by column header */
	const char **lexfiles;	/* --lexicon files */
	size_t nlexfiles;	/* how many */
	int summary;		/* --summary */
	const char *modelfile;	/* --model */
	const char *playbook_file; /* --playbook */
	const char *output;	/* -o: where --train writes the model */
	int train;		/* --train */
	int merge;		/* --train-merge */
	/* State. */
	struct lexicon *lx;	/* the lexicon */
	struct classifier *cl;	/* its classifier */
	struct rvmodel model;	/* the model that decides the category */
	struct playbook pb;	/* the action of each category */
	struct rvtrain *tr;	/* --train: the rows so far */
	struct rvm_feat feat;	/* --train: scratch for a row's n-grams */
	const char *trainfile;	/* --train: the input, for messages */
	int slot[5];		/* appended columns */
	long bycol;		/* field index of --by, or -1 */
	struct rs_groups groups; /* --summary counts */
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

/* Zero RS: no options, nothing loaded. */
void rsrun_defaults(struct rsrun *rs);

/* --lexicon FILE: one more file to load (repeatable). */
void rsrun_add_lexicon(struct rsrun *rs, const char *file);

/*
 * After the options: check they go together, load the lexicon, the model,
 * the playbook
 * (or, with --train, the built-in labelled reviews with --train-merge) and
 * make the constant cells.  0, or CS_FATAL after a message.
 */
int rsrun_init(struct rsrun *rs, struct run *run);

/* After the header: check the columns, add the output ones; 0 or CS_FATAL. */
int rsrun_start(struct rsrun *rs, struct run *run);

/* One review (or training row); returns an enum row_result. */
int rsrun_row(struct rsrun *rs, struct run *run, const struct record *r);

/* After the input: the summary table, or fit and write the model. */
int rsrun_finish(struct rsrun *rs, struct run *run);

/* Free what RS holds (safe after a failed rsrun_init()). */
void rsrun_free(struct rsrun *rs);

/* An empty set of groups. */
void rs_groups_init(struct rs_groups *gs);

/* The group called S[0..N), made (all zero) when new. */
struct rs_group *rs_groups_get(struct rs_groups *gs, const char *s, size_t n);

/* Free GS. */
void rs_groups_free(struct rs_groups *gs);

/*
 * N of TOTAL as a share with one decimal, rounded half up: "33.3%";
 * "0.0%" when TOTAL is 0.  BUF holds at least 32 bytes.
 */
void rs_share(char *buf, size_t size, unsigned long long n,
    unsigned long long total);

/*
 * The category of a training label LAB[0..LEN) (blanks and tabs around it
 * ignored): an enum rv_cat, -1 when unknown, -2 when empty.
 */
int rs_label(const char *lab, size_t len);

#endif
