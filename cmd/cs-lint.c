/*
 * cs-lint: service-language checks for customer-service replies and chat
 * logs (客服质检), by the shop's manuals: forbidden phrases, habitual
 * wording with a professional alternative, and in --chat mode the
 * conversation rules (first reply within 15 s, greeting, polite close,
 * waits announced and thanked, unanswered buyers, typing speed).
 *
 * Text mode (the default) reads one reply or quick-reply template per
 * line and prints compiler-style findings; -f csv|tsv|json writes them as
 * rows instead.  Exit status 0 no findings, 1 findings, 2 error.
 */

#include "io/cli.h"
#include "io/diag.h"
#include "lint/lint.h"

enum {
	OPT_CHAT = CLI_TOOL_OPT,
	OPT_CHECK_RULES,
	OPT_CSV,
	OPT_DISABLE,
	OPT_DISCOUNT_LIMIT,
	OPT_ENABLE,
	OPT_FAIL_ON,
	OPT_FIRST_REPLY,
	OPT_HOLIDAYS,
	OPT_LIST_RULES,
	OPT_NO_DEFAULT_RULES,
	OPT_PHRASES,
	OPT_REPLY_TIME,
	OPT_RULES,
	OPT_SUMMARY,
	OPT_TYPING_SPEED,
	OPT_WAIT_THANKS
};

static const struct option options[] = {
	{ "chat", no_argument, NULL, OPT_CHAT },
	{ "check-rules", no_argument, NULL, OPT_CHECK_RULES },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "discount-limit", required_argument, NULL, OPT_DISCOUNT_LIMIT },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "first-reply", required_argument, NULL, OPT_FIRST_REPLY },
	{ "holidays", required_argument, NULL, OPT_HOLIDAYS },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "phrases", required_argument, NULL, OPT_PHRASES },
	{ "reply-time", required_argument, NULL, OPT_REPLY_TIME },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "typing-speed", required_argument, NULL, OPT_TYPING_SPEED },
	{ "wait-thanks", required_argument, NULL, OPT_WAIT_THANKS },
	{ NULL, 0, NULL, 0 }
};

static const char help[] =
"      --chat              input is a chat log (CSV: conversation id, time,\n"
"                          role, agent, text): conversation rules too\n"
"      --check-rules       run every rule's own test sentences and exit\n"
"      --csv               input is a CSV of replies with a text column\n"
"      --disable ID        do not report rule or family ID (repeatable,\n"
"                          comma-separated lists too)\n"
"      --discount-limit N[@YUAN]\n"
"                          the agent may offer at most N折 (9, 8.5), on\n"
"                          orders of YUAN or more (default 9@300)\n"
"      --enable ID         report rule or family ID, also one that is off\n"
"                          by default (style)\n"
"      --fail-on LEVEL     exit 1 only for findings at LEVEL or above:\n"
"                          warning (default) or error\n"
"      --first-reply SECS  first agent reply within SECS seconds (15)\n"
"      --holidays FILE     holiday calendar for the festival greeting\n"
"                          (default: the built-in one, as cs-eta)\n"
"      --list-rules        print the rules (id, kind, severity, family,\n"
"                          default, reason) and exit\n"
"      --no-default-rules  only the rules of --rules files\n"
"      --phrases FILE      conversation phrases (greetings, closes, waits,\n"
"                          roles ...): each list FILE names replaces the\n"
"                          built-in one (repeatable)\n"
"      --reply-time SECS   answer a buyer within SECS seconds (30)\n"
"      --rules FILE        add (or redefine) rules from FILE\n"
"      --summary           print counts and figures per conversation,\n"
"                          agent and rule instead of the findings\n"
"      --typing-speed N    slowest typing accepted, characters a minute (50)\n"
"      --wait-thanks SECS  thank the buyer after a wait of SECS seconds (120)\n"
"\n"
"Findings: FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (suggest: WORDING),\n"
"COL counting characters of the reply; with -f csv|tsv|json one row per\n"
"finding (file,line,id,conv,agent,rule,severity,col,span,match,message,\n"
"suggestion).  A reply containing 'cs-lint: disable=ID[,ID]' waives\n"
"those rules for itself.  Exit status: 0 no findings, 1 findings (or bad\n"
"rows, or failing rule tests), 2 error.\n";

/* *DST := ARG, a whole number of seconds or characters 0-1000000; 0 or -1. */
static int
set_count(int *dst, const char *opt, const char *arg)
{
	long v;

	if (cli_parse_long(arg, 0, 1000000, &v) != 0) {
		cs_warnx("--%s: expected a whole number 0-1000000, got '%s'",
		    opt, arg);
		return -1;
	}
	*dst = (int)v;
	return 0;
}

static int
option(void *ctx, struct run *run, int c, const char *arg)
{
	struct lint *l = ctx;

	switch (c) {
	case OPT_CHAT:
	case OPT_CSV:
		l->mode = c == OPT_CHAT ? LINT_CHAT : LINT_CSV;
		run->in.text = 0;
		return 0;
	case OPT_CHECK_RULES:
		l->action = LINT_CHECK_RULES;
		return 0;
	case OPT_DISCOUNT_LIMIT:
		return lint_set_discount(l, arg);
	case OPT_DISABLE:
	case OPT_ENABLE:
		lint_add_toggle(l, arg, c == OPT_ENABLE);
		return 0;
	case OPT_FAIL_ON:
		return lint_set_fail_on(l, arg);
	case OPT_FIRST_REPLY:
		return set_count(&l->chat_opts.first_reply, "first-reply", arg);
	case OPT_HOLIDAYS:
		l->holidays = arg;
		return 0;
	case OPT_LIST_RULES:
		l->action = LINT_LIST_RULES;
		return 0;
	case OPT_NO_DEFAULT_RULES:
		l->no_default_rules = 1;
		return 0;
	case OPT_PHRASES:
		lint_add_phrases_file(l, arg);
		return 0;
	case OPT_REPLY_TIME:
		return set_count(&l->chat_opts.reply_time, "reply-time", arg);
	case OPT_RULES:
		lint_add_rules_file(l, arg);
		return 0;
	case OPT_SUMMARY:
		l->summary = 1;
		return 0;
	case OPT_TYPING_SPEED:
		return set_count(&l->chat_opts.typing_cpm, "typing-speed", arg);
	case OPT_WAIT_THANKS:
		return set_count(&l->chat_opts.wait_thanks, "wait-thanks", arg);
	}
	return -1;
}

static int
init(void *ctx, struct run *run)
{
	struct lint *l = ctx;

	/* Without -f, findings are compiler-style lines; with it, rows. */
	l->rows_out = run->fmt_given;
	return lint_init(ctx, run);
}

static int
start(void *ctx, struct run *run)
{
	return lint_start(ctx, run);
}

static int
row(void *ctx, struct run *run, const struct record *r)
{
	return lint_row(ctx, run, r);
}

static int
finish(void *ctx, struct run *run)
{
	return lint_finish(ctx, run);
}

static const struct tool tool = {
	.name = "cs-lint",
	.synopsis = "[--chat | --csv] [--summary] [--rules FILE] [--disable ID] [--fail-on LEVEL] [OPTION]... [FILE]...",
	.summary = "Check customer-service replies and chat logs against the service-language rules (客服质检).",
	.help = help,
	.options = options,
	.shortopts = "",
	.cols = lint_columns,
	.ncols = LC_NCOLS,
	.text_default = 1,
	.option = option,
	.init = init,
	.start = start,
	.row = row,
	.finish = finish,
	.numbers = "line col conversations messages replies flagged errors warnings first_reply_s response_mean_s response_max_s typing_cpm score",
};

int
main(int argc, char **argv)
{
	struct lint l;
	int status;

	lint_defaults(&l);
	status = cli_main(&tool, &l, argc, argv);
	lint_free(&l);
	return status;
}
