#ifndef CS_STATS_JOB_H
#define CS_STATS_JOB_H

/*
 * One cs-stats run over the shared driver (lib/io/cli.h): its options,
 * the aggregate, and the hooks that read a ticket log or review file row
 * by row into it (times, flags, duplicate ids, group keys), merge
 * --partial states (lib/stats/partial.h) and print the chosen table or
 * report at the end.  cmd/cs-stats.c parses the options into a struct
 * stats_job and hands its hooks to the driver.
 *
 * Each hook returns what the driver's hook of the same name returns
 * (0 or a status for init/start/finish, ROW_* for a row); a problem is
 * reported (FILE:LINE) before the return.
 */

#include "io/cli.h"
#include "io/cols.h"
#include "stats/partial.h"
#include "stats/stats.h"
#include "stats/stats_orders.h"

/* The columns cs-stats reads, in stats_job_cols order. */
enum {
	C_ID, C_BUYER, C_AGENT, C_PRODUCT, C_CATEGORY, C_OPENED, C_REPLY,
	C_RESOLVED, C_OUTCOME, C_REOPENED, C_CONTACTS, C_NCOLS
};

extern const struct colspec stats_job_cols[C_NCOLS];

/* Which table --table writes. */
enum stats_table { T_GROUPS, T_RETENTION, T_COHORTS, T_ALERTS };

/* The period label of a day, remembered. */
struct day_label {
	long day;		/* the day (days since the epoch) */
	char label[16];		/* its label; "" when the slot is empty */
};

/*
 * Remembered answers about cells: exports repeat the same few words
 * (已解决 and 处理中 take turns), so a few entries answer nearly every row.
 */
#define MEMO_N 4

struct memo {
	struct {
		char s[64];	/* the cell */
		size_t n;	/* its length; 0 when nothing is remembered */
		int v;		/* the answer */
	} e[MEMO_N];
	unsigned next;		/* the entry to replace next */
};

struct stats_job {
	struct stats st;	/* the aggregate */
	struct stats_orders ord; /* --orders history */
	/* Options. */
	char *byarg;		/* --by as given */
	char **by;		/* --by field names */
	size_t nby;		/* how many */
	enum stats_period period; /* --period */
	int compare;		/* --compare-previous */
	int report;		/* --report */
	int html;		/* -f html: the report as one HTML page */
	int partial;		/* --partial */
	int merge;		/* --merge */
	enum stats_table table;	/* --table */
	int has_today;		/* --today given */
	long long today;	/* its instant (end of the day for a date) */
	int today_date;		/* --today was a date without a time */
	long long sla_res;	/* --sla-resolve, seconds */
	long long sla_reply;	/* --sla-reply, seconds */
	const char *orders;	/* --orders FILE */
	long window;		/* --window, days */
	long alert_n;		/* --alert */
	long alert_days;	/* --alert-window, days */
	/* Per input. */
	long *bycol;		/* field index of each --by name */
	int started;		/* a header was seen */
	int reviews;		/* the input is a review file: by category */
	/* The states being merged. */
	struct partial_merge pm; /* their seals */
	int nstates;		/* how many operands name states (1: stdin) */
	int argc;		/* main()'s, for nstates */
	char *key;		/* key being built */
	size_t keycap;		/* its size */
	/* The last outcome and category words and what they said. */
	struct memo outcome_memo; /* stats_parse_outcome() */
	struct memo flag_memo;	/* stats_parse_flag() */
	struct memo quality_memo; /* stats_is_quality() */
	struct day_label labels[64]; /* period labels of recent days */
	int ostatus;		/* status of reading the orders file */
};

/* Prepare J with the defaults (8 h and 24 h targets, 90-day window ...). */
void stats_job_init(struct stats_job *j);

/* Free what J holds. */
void stats_job_free(struct stats_job *j);

/*
 * Option values: --by FIELD[,FIELD] (ARG is cut up and must outlive J),
 * --period, --table, --today.  0, or -1 after a message naming the
 * option.
 */
int stats_job_by(struct stats_job *j, char *arg);
int stats_job_period(struct stats_job *j, const char *arg);
int stats_job_table(struct stats_job *j, const char *arg);
int stats_job_today(struct stats_job *j, const char *arg);

/* The driver's hooks; J is the tool's context. */
int stats_job_check(struct stats_job *j, struct run *run);
int stats_job_start(struct stats_job *j, struct run *run);
int stats_job_row(struct stats_job *j, struct run *run, const struct record *r);
int stats_job_finish(struct stats_job *j, struct run *run);

#endif
