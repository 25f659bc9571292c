#ifndef CS_LINT_H
#define CS_LINT_H

/*
 * cs-lint's tool logic on the driver (cli.h): reading replies (text lines,
 * a CSV of replies, or a chat log), reporting findings as compiler-style
 * lines or as csv/tsv/json rows, the per-agent and per-conversation
 * summary, and the exit status.  The rules are lintrules.h, the
 * conversation checks chat.h; cmd/cs-lint.c only parses options.
 */

#include <stddef.h>

#include "lint/chat.h"
#include "io/cli.h"
#include "io/cols.h"
#include "lint/lintrules.h"

/* Indices into lint_columns[]. */
enum { LC_TEXT, LC_CONV, LC_TIME, LC_ROLE, LC_AGENT, LC_ID, LC_NCOLS };

/* The columns cs-lint reads in --csv and --chat modes, with their aliases. */
extern const struct colspec lint_columns[LC_NCOLS];

enum lint_mode {
	LINT_TEXT,		/* one reply per line (default) */
	LINT_CSV,		/* a CSV with a text column */
	LINT_CHAT		/* a chat log */
};

enum lint_action {
	LINT_RUN,		/* lint the input */
	LINT_CHECK_RULES,	/* run the rules' own test sentences */
	LINT_LIST_RULES		/* print the rules */
};

struct agent_sum;

struct lint_pending;

struct lint {
	/* Options. */
	enum lint_mode mode;	/* input shape */
	enum lint_action action; /* what to do */
	const char **rules_files; /* --rules FILE, in order */
	size_t nrules_files;	/* how many */
	int no_default_rules;	/* --no-default-rules */
	const char **phrases_files; /* --phrases FILE, in order */
	size_t nphrases_files;	/* how many */
	const char **toggles;	/* --disable/--enable names, in order */
	int *toggle_on;		/* 1 enable, 0 disable */
	size_t ntoggles;	/* how many */
	enum lint_severity fail_on; /* lowest severity that sets status 1 */
	int summary;		/* --summary */
	int rows_out;		/* findings as csv/tsv/json rows (-f given) */
	const char *holidays;	/* --holidays FILE, or NULL for the embedded calendar */
	int disc_tenths;	/* --discount-limit: deepest discount (90 = 9折) */
	long disc_from;		/* on orders of this many yuan or more */
	struct chat_opts chat_opts; /* thresholds */
	/* State. */
	struct lint_rules *rs;	/* the rules */
	struct lint_scratch *sc; /* scan buffers */
	struct chat *chat;	/* conversation checker (--chat) */
	struct vocab *vocab;	/* its phrase lists (--chat, --phrases) */
	struct calendar *cal;	/* holidays, for the festival greeting */
	struct run *run;	/* the driver, for the chat callbacks */
	const char *cur_file;	/* input of the open conversation */
	int status;		/* 0, or 1 after a finding at fail_on or above */
	int action_status;	/* result of --check-rules/--list-rules */
	int warned_notime;	/* the no-time-column note was printed */
	/* Counts. */
	unsigned long long lines; /* replies checked */
	unsigned long long flagged; /* replies with a phrase finding */
	unsigned long long nerr, nwarn; /* findings by severity */
	unsigned long *per_rule; /* findings by rule */
	/*
	 * The conversation findings are counted for (--chat): its figures'
	 * user[] hold its errors, warnings and flagged agent messages.
	 */
	struct chat_stats *conv_st;
	/*
	 * --chat: findings wait here, in line order, until no open
	 * conversation can report one about an earlier line.
	 */
	struct lint_pending *pend; /* waiting findings */
	size_t npend, cappend;	/* fill and room */
	/* Conversation summaries of all conversations. */
	struct agent_sum *tot;	/* all conversations together */
	struct agent_sum *agents; /* per agent */
	/* Output. */
	char *line;		/* a finding in text form, being built */
	size_t linelen, linecap; /* its fill and room */
	size_t nagents, capagents; /* fill and room */
};

/* Set defaults in L. */
void lint_defaults(struct lint *l);

/* Add a --rules FILE, a --phrases FILE, a --disable or --enable NAME. */
void lint_add_rules_file(struct lint *l, const char *path);
void lint_add_phrases_file(struct lint *l, const char *path);
void lint_add_toggle(struct lint *l, const char *names, int on);

/* --fail-on LEVEL (error or warning); 0, or -1 after a message. */
int lint_set_fail_on(struct lint *l, const char *arg);

/*
 * --discount-limit N[@YUAN]: N 1-9.9 折 with at most one decimal (an
 * optional 折 after it), YUAN a whole number of yuan up to 100000000 (an
 * optional 元 after it; 0 when left out).  0, or -1 after a message.
 */
int lint_set_discount(struct lint *l, const char *arg);

/* The driver's callbacks (see struct tool in cli.h). */
int lint_init(struct lint *l, struct run *run);
int lint_start(struct lint *l, struct run *run);
int lint_row(struct lint *l, struct run *run, const struct record *r);
int lint_finish(struct lint *l, struct run *run);

/* Free what L holds. */
void lint_free(struct lint *l);

#endif
