/*
 * cs-lint on the driver: every reply goes through the phrase rules; in
 * --chat mode every message also goes through the conversation checker.
 * Findings are printed as they are found (streaming): compiler-style
 * lines by default, csv/tsv/json rows when a format is asked for, or only
 * counted for --summary.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "eta/calendar.h"
#include "io/cell.h"
#include "io/diag.h"
#include "io/embed.h"
#include "io/out.h"
#include "io/timeparse.h"
#include "lint/lint.h"
#include "lint/vocab.h"

#define RULES_NAME "lint-rules.txt"

const struct colspec lint_columns[LC_NCOLS] = {
	[LC_TEXT] = { "text", "内容|消息内容|消息|聊天内容|回复|回复内容|快捷短语|话术|"
	    "文本|text|content|message|msg|reply" },
	[LC_CONV] = { "conv", "会话ID|会话编号|会话|对话ID|对话编号|conv_id|conv|"
	    "conversation|conversation_id|session|session_id|chat_id|dialog_id" },
	[LC_TIME] = { "time", "时间|发送时间|消息时间|日期时间|time|timestamp|"
	    "datetime|sent_at|created_at" },
	[LC_ROLE] = { "role", "角色|发送人|发送方|发送者|身份|role|sender|from|speaker" },
	[LC_AGENT] = { "agent", "客服|客服账号|客服昵称|客服名|接待客服|agent|"
	    "agent_name|staff" },
	[LC_ID] = { "id", "id|编号|序号|row_id|reply_id" },
};

struct agent_sum {
	char *name;		/* agent name */
	unsigned long convs;	/* conversations */
	unsigned long msgs;	/* messages in them */
	unsigned long replies;	/* agent messages */
	unsigned long flagged;	/* agent messages with phrase findings */
	unsigned long err, warn; /* findings */
	long long fr_sum;	/* first replies, summed (s) */
	unsigned long fr_n;	/* how many */
	long long resp_sum;	/* round response times, summed (s) */
	unsigned long rounds;	/* how many */
	long long resp_max;	/* the longest, -1 none */
	unsigned long long chars; /* characters typed in measured time */
	long long secs;		/* measured time */
	double score_sum;	/* conversation scores, summed */
};

static const char *const summary_header[] = {
	"kind", "key", "agent", "conversations", "messages", "replies",
	"flagged", "errors", "warnings", "first_reply_s", "response_mean_s",
	"response_max_s", "typing_cpm", "score"
};

static const char *const findings_header[] = {
	"file", "line", "id", "conv", "agent", "rule", "severity", "col",
	"span", "match", "message", "suggestion"
};

void
lint_defaults(struct lint *l)
{
	memset(l, 0, sizeof *l);
	l->fail_on = LINT_WARNING;
	l->disc_tenths = 90;
	l->disc_from = 300;
	chat_defaults(&l->chat_opts);
}

void
lint_add_rules_file(struct lint *l, const char *path)
{
	l->rules_files = xreallocarray(l->rules_files, l->nrules_files + 1,
	    sizeof *l->rules_files);
	l->rules_files[l->nrules_files++] = path;
}

void
lint_add_phrases_file(struct lint *l, const char *path)
{
	l->phrases_files = xreallocarray(l->phrases_files,
	    l->nphrases_files + 1, sizeof *l->phrases_files);
	l->phrases_files[l->nphrases_files++] = path;
}

void
lint_add_toggle(struct lint *l, const char *names, int on)
{
	l->toggles = xreallocarray(l->toggles, l->ntoggles + 1,
	    sizeof *l->toggles);
	l->toggle_on = xreallocarray(l->toggle_on, l->ntoggles + 1,
	    sizeof *l->toggle_on);
	l->toggles[l->ntoggles] = names;
	l->toggle_on[l->ntoggles++] = on;
}

int
lint_set_fail_on(struct lint *l, const char *arg)
{
	if (strcmp(arg, "error") == 0)
		l->fail_on = LINT_ERROR;
	else if (strcmp(arg, "warning") == 0)
		l->fail_on = LINT_WARNING;
	else {
		cs_warnx("--fail-on: expected error or warning, got '%s'", arg);
		return -1;
	}
	return 0;
}

/*
 * The whole yuan after '@' in --discount-limit: digits at P, then an
 * optional 元; *END is set past them.  0, or -1 when they are not that or
 * more than 100000000.
 */
static int
discount_from(const char *p, long *from, const char **end)
{
	char digits[16];
	size_t n = 0;

	while (*p == '0' && p[1] >= '0' && p[1] <= '9')
		p++;		/* leading zeros do not count against the room */
	while (p[n] >= '0' && p[n] <= '9' && n < sizeof digits - 1)
		n++;
	if (n == 0 || (p[n] >= '0' && p[n] <= '9'))
		return -1;
	memcpy(digits, p, n);
	digits[n] = '\0';
	if (cli_parse_long(digits, 0, 100000000, from) != 0)
		return -1;
	p += n;
	if (strncmp(p, "元", strlen("元")) == 0)
		p += strlen("元");
	*end = p;
	return 0;
}

int
lint_set_discount(struct lint *l, const char *arg)
{
	const char *p = arg;
	int tenths;
	long from = 0;

	if (*p < '1' || *p > '9')
		goto bad;
	tenths = (*p++ - '0') * 10;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			goto bad;
		tenths += p[1] - '0';
		p += 2;
	}
	if (strncmp(p, "折", strlen("折")) == 0)
		p += strlen("折");
	if (*p == '@' && discount_from(p + 1, &from, &p) != 0)
		goto bad;
	if (*p != '\0')
		goto bad;
	l->disc_tenths = tenths;
	l->disc_from = from;
	return 0;
bad:
	cs_warnx("--discount-limit: expected N[@YUAN] such as 9@300 or 8.5, "
	    "got '%s'", arg);
	return -1;
}

/* Write the header row of N NAMES. */
static void
write_header(struct run *run, const char *const *names, size_t n)
{
	run_header(run, names, n);
}

/* --disable/--enable NAME[,NAME...]; 0 or -1 after a message. */
static int
apply_toggles(struct lint *l)
{
	size_t i;
	char *names, *p, *tok;

	for (i = 0; i < l->ntoggles; i++) {
		names = xstrdup(l->toggles[i]);
		for (p = names; (tok = strsep(&p, ",")) != NULL;) {
			if (*tok == '\0')
				continue;
			if (lint_rules_enable(l->rs, tok, l->toggle_on[i]) == 0) {
				cs_warnx("--%s: no rule or family '%s' (see "
				    "--list-rules)", l->toggle_on[i] ? "enable" :
				    "disable", tok);
				free(names);
				return -1;
			}
		}
		free(names);
	}
	return 0;
}

static int
load_rules(struct lint *l)
{
	const struct embed *e;
	size_t i;
	int bad = 0;

	if ((l->rs = lint_rules_new()) == NULL)
		cs_errx(CS_FATAL, "out of memory");
	l->sc = lint_scratch_new();
	if (!l->no_default_rules) {
		if ((e = embed_find(RULES_NAME)) == NULL)
			cs_errx(CS_FATAL, "no built-in '%s'", RULES_NAME);
		if (lint_rules_parse(l->rs, RULES_NAME, e->data, e->len) != 0)
			bad = 1;
	}
	for (i = 0; i < l->nrules_files; i++)
		if (lint_rules_load(l->rs, l->rules_files[i]) != 0)
			bad = 1;
	if (bad || apply_toggles(l) != 0)
		return -1;
	lint_rules_set_discount(l->rs, l->disc_tenths, l->disc_from);
	if (lint_rules_count(l->rs) == 0) {
		cs_warnx("no rules to check");
		return -1;
	}
	if (lint_rules_build(l->rs, l->action != LINT_RUN) != 0)
		cs_errx(CS_FATAL, "out of memory");
	l->per_rule = xcalloc(lint_rules_count(l->rs) + 1, sizeof *l->per_rule);
	return 0;
}

/*
 * The conversation vocabulary, in --chat mode or when --phrases names a
 * file (so that a bad file is reported in any mode): the embedded lists,
 * then each file's.  0, or -1 after the files' messages.
 */
static int
load_vocab(struct lint *l)
{
	size_t i;
	int bad = 0;

	if (l->mode != LINT_CHAT && l->nphrases_files == 0)
		return 0;
	l->vocab = vocab_new();
	if (vocab_load(l->vocab, NULL) != 0)
		bad = 1;
	for (i = 0; i < l->nphrases_files; i++)
		if (vocab_load(l->vocab, l->phrases_files[i]) != 0)
			bad = 1;
	return bad ? -1 : 0;
}

static void
list_rules(struct lint *l, struct run *run)
{
	static const char *const hdr[] = { "id", "kind", "severity", "family",
	    "default", "reason", "suggestion" };
	size_t i;

	if (l->rows_out)
		write_header(run, hdr, 7);
	for (i = 0; i < lint_rules_count(l->rs); i++) {
		const struct lint_rule *r = lint_rules_get(l->rs, i);
		const char *v[7];
		size_t k;

		v[0] = r->id;
		v[1] = lang_value(run->lang, "kind",
		    r->kind == LINT_PHRASE ? "phrase" : "conversation");
		v[2] = lang_value(run->lang, "severity",
		    r->severity == LINT_ERROR ? "error" : "warning");
		v[3] = r->family;
		v[4] = lang_value(run->lang, "default", r->enabled ? "on" : "off");
		v[5] = r->reason;
		v[6] = r->suggest ? r->suggest : "";
		if (!l->rows_out) {
			printf("%s\t%s\t%s\t%s\t%s\t%s\n", v[0], v[1], v[2],
			    v[3], v[4], v[5]);
			continue;
		}
		for (k = 0; k < 7; k++)
			out_str(&run->out, v[k]);
		out_end(&run->out);
	}
}

/* Festival greeting lookup for the chat checker. */
static const char *
festival(void *ctx, long day)
{
	return calendar_greeting(ctx, day);
}

/* Weekend day or holiday off, for the closing wish. */
static int
rest_day(void *ctx, long day)
{
	return !calendar_is_workday(ctx, day);
}

static void on_finding(void *ctx, const struct chat_finding *f);
static void on_conv_end(void *ctx, const struct chat_stats *st);

int
lint_init(struct lint *l, struct run *run)
{
	run->summary = 1;
	l->run = run;
	if (load_rules(l) != 0 || load_vocab(l) != 0)
		return CS_FATAL;
	if (l->action == LINT_CHECK_RULES) {
		long bad = lint_rules_check(l->rs);

		if (bad < 0)
			cs_errx(CS_FATAL, "out of memory");
		if (bad == 0)
			printf("%zu rules: every test sentence passes\n",
			    lint_rules_count(l->rs));
		l->action_status = bad ? CS_ROWS : CS_OK;
		run->stop = 1;
		return 0;
	}
	if (l->action == LINT_LIST_RULES) {
		list_rules(l, run);
		run->stop = 1;
		return 0;
	}
	l->tot = xcalloc(1, sizeof *l->tot);
	l->tot->resp_max = -1;
	if (l->mode == LINT_CHAT) {
		if ((l->cal = calendar_load(l->holidays)) == NULL)
			return CS_FATAL;
		l->chat_opts.festival = festival;
		l->chat_opts.rest_day = rest_day;
		l->chat_opts.festival_ctx = l->cal;
		l->chat_opts.vocab = l->vocab;
		l->chat_opts.z = lint_rules_normalizer(l->rs);
		l->chat = chat_new(&l->chat_opts, on_finding, on_conv_end, l);
		if (l->chat == NULL)
			cs_errx(CS_FATAL, "out of memory");
	}
	if (l->summary)
		write_header(run, summary_header, 14);
	else if (l->rows_out)
		write_header(run, findings_header, 12);
	return 0;
}

int
lint_start(struct lint *l, struct run *run)
{
	static const int need_csv[] = { LC_TEXT, -1 };
	static const int need_chat[] = { LC_CONV, LC_ROLE, LC_TEXT, -1 };
	const int *need;
	size_t i;

	if (l->mode == LINT_TEXT)
		return 0;
	need = l->mode == LINT_CHAT ? need_chat : need_csv;
	for (i = 0; need[i] >= 0; i++)
		if (run->col[need[i]] < 0) {
			cols_missing(&lint_columns[need[i]], run->file);
			return CS_FATAL;
		}
	if (l->mode == LINT_CHAT && run->col[LC_TIME] < 0 && !l->warned_notime) {
		cs_warnx_at(run->file, 0, "no 'time' column: timing rules "
		    "(first-reply, response-time, wait-thanks, typing-speed, "
		    "greeting-morning, greeting-festival, close-wish) are skipped");
		l->warned_notime = 1;
	}
	return 0;
}

/* The per-conversation counts lint keeps in struct chat_stats' user[]. */
enum { CONV_ERR, CONV_WARN, CONV_FLAGGED };

/* A finding of --chat mode waiting to be written (see struct lint). */
struct lint_pending {
	const char *file;	/* input name */
	long line;		/* input line */
	char *id, *conv, *agent; /* where (copies) */
	size_t idlen, convlen, agentlen; /* their lengths */
	int has_id;		/* id was given (else the line number) */
	size_t rule;		/* rule index */
	size_t col, endcol;	/* columns of the match */
	char *match;		/* the match (copy), or NULL */
	size_t matchlen;	/* its length */
	char *detail;		/* or the detail (copy) */
};

/* Count a finding of rule R; sets the status. */
static void
count(struct lint *l, size_t rule, const struct lint_rule *r)
{
	l->per_rule[rule]++;
	if (r->severity == LINT_ERROR) {
		l->nerr++;
		if (l->conv_st != NULL)
			l->conv_st->user[CONV_ERR]++;
	} else {
		l->nwarn++;
		if (l->conv_st != NULL)
			l->conv_st->user[CONV_WARN]++;
	}
	if (r->severity >= l->fail_on)
		l->status = CS_ROWS;
}

struct where {
	long line;		/* input line */
	const char *id;		/* row id, or NULL for the line number */
	size_t idlen;		/* its length */
	const char *conv;	/* conversation id, or "" */
	size_t convlen;		/* its length */
	const char *agent;	/* agent name, or "" */
	size_t agentlen;	/* its length */
};

static void
put_num(struct run *run, long long v)
{
	char b[32];

	if (v < 0) {
		out_str(&run->out, "");
		return;
	}
	snprintf(b, sizeof b, "%lld", v);
	out_str(&run->out, b);
}

/* Append S[0..N) to the finding line being built. */
static void
line_add(struct lint *l, const char *s, size_t n)
{
	xgrow(&l->line, &l->linecap, l->linelen + n, 1);
	memcpy(l->line + l->linelen, s, n);
	l->linelen += n;
}

static void
line_str(struct lint *l, const char *s)
{
	line_add(l, s, strlen(s));
}

static void
line_num(struct lint *l, unsigned long long v)
{
	char b[24], *p = b + sizeof b;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	line_add(l, p, (size_t)(b + sizeof b - p));
}

/*
 * A finding as a compiler-style line, built by hand and written at once:
 * printf() cost more than finding it (a large file has some 90000).
 */
static void
emit_text(struct lint *l, struct run *run, const struct where *w,
    const struct lint_rule *r, size_t col, const char *sev,
    const char *match, size_t matchlen, const char *detail)
{
	l->linelen = 0;
	line_str(l, run->file);
	line_add(l, ":", 1);
	if (w->line < 0) {
		line_add(l, "-", 1);
		line_num(l, -(unsigned long long)w->line);
	} else
		line_num(l, (unsigned long long)w->line);
	line_add(l, ":", 1);
	line_num(l, col);
	line_add(l, ": ", 2);
	line_str(l, sev);
	line_add(l, ": ", 2);
	if (match != NULL) {
		line_add(l, "'", 1);
		line_add(l, match, strnlen(match, matchlen));	/* as %.*s */
		line_add(l, "' ", 2);
		line_str(l, r->reason);
	} else {
		line_str(l, detail);
		line_add(l, " (", 2);
		line_str(l, r->reason);
		line_add(l, ")", 1);
	}
	line_add(l, " [", 2);
	line_str(l, r->id);
	line_add(l, "]", 1);
	if (r->suggest != NULL) {
		line_add(l, " (", 2);
		line_str(l, lang_text(run->lang, "suggest"));
		line_add(l, ": ", 2);
		line_str(l, r->suggest);
		line_add(l, ")", 1);
	}
	line_add(l, "\n", 1);
	fwrite(l->line, 1, l->linelen, stdout);
}

/* Print or write one finding now: MATCH for a phrase rule, else DETAIL. */
static void
emit_now(struct lint *l, struct run *run, const struct where *w,
    const struct lint_rule *r, size_t col, size_t endcol, const char *match,
    size_t matchlen, const char *detail)
{
	const char *sev = lang_value(run->lang, "severity",
	    r->severity == LINT_ERROR ? "error" : "warning");
	char span[48], idbuf[24];

	if (!l->rows_out) {
		emit_text(l, run, w, r, col, sev, match, matchlen, detail);
		return;
	}
	out_str(&run->out, run->file);
	put_num(run, w->line);
	if (w->id == NULL) {
		snprintf(idbuf, sizeof idbuf, "%ld", w->line);
		out_str(&run->out, idbuf);
	} else
		out_field(&run->out, w->id, w->idlen);
	out_field(&run->out, w->conv, w->convlen);
	out_field(&run->out, w->agent, w->agentlen);
	out_str(&run->out, r->id);
	out_str(&run->out, sev);
	put_num(run, (long long)col);
	if (match != NULL) {
		snprintf(span, sizeof span, "%zu-%zu", col, endcol);
		out_str(&run->out, span);
		out_field(&run->out, match, matchlen);
		out_str(&run->out, r->reason);
	} else {
		out_str(&run->out, "");
		out_str(&run->out, "");
		{
			char *m = NULL;

			if (asprintf(&m, "%s (%s)", detail, r->reason) < 0)
				cs_errx(CS_FATAL, "out of memory");
			out_str(&run->out, m);
			free(m);
		}
	}
	out_str(&run->out, r->suggest ? r->suggest : "");
	out_end(&run->out);
}

/*
 * Print or write one finding (see emit_now()); in --chat mode it waits,
 * in line order, for lint_flush().
 */
static void
emit(struct lint *l, struct run *run, const struct where *w, size_t rule,
    size_t col, size_t endcol, const char *match, size_t matchlen,
    const char *detail)
{
	struct lint_pending *p;
	size_t at;

	if (l->summary)
		return;
	if (l->mode != LINT_CHAT) {
		emit_now(l, run, w, lint_rules_get(l->rs, rule), col, endcol,
		    match, matchlen, detail);
		return;
	}
	xgrow(&l->pend, &l->cappend, l->npend + 1, sizeof *l->pend);
	/* After every finding of the same or an earlier line. */
	for (at = l->npend; at > 0 && l->pend[at - 1].line > w->line; at--)
		;
	memmove(&l->pend[at + 1], &l->pend[at], (l->npend - at) * sizeof *p);
	l->npend++;
	p = &l->pend[at];
	memset(p, 0, sizeof *p);
	p->file = run->file;
	p->line = w->line;
	p->has_id = w->id != NULL;
	p->id = xstrndup(w->id ? w->id : "", w->id ? w->idlen : 0);
	p->idlen = w->id ? w->idlen : 0;
	p->conv = xstrndup(w->conv, w->convlen);
	p->convlen = w->convlen;
	p->agent = xstrndup(w->agent, w->agentlen);
	p->agentlen = w->agentlen;
	p->rule = rule;
	p->col = col;
	p->endcol = endcol;
	if (match != NULL) {
		p->match = xstrndup(match, matchlen);
		p->matchlen = matchlen;
	} else
		p->detail = xstrndup(detail, strlen(detail));
}

/*
 * Write the waiting findings about lines before UPTO (all when UPTO is
 * 0), in line order.
 */
static void
lint_flush(struct lint *l, long upto)
{
	struct run *run = l->run;
	const char *file = run->file;
	struct where w;
	size_t i;

	for (i = 0; i < l->npend && (upto == 0 || l->pend[i].line < upto); i++) {
		struct lint_pending *p = &l->pend[i];

		memset(&w, 0, sizeof w);
		w.line = p->line;
		w.id = p->has_id ? p->id : NULL;
		w.idlen = p->idlen;
		w.conv = p->conv;
		w.convlen = p->convlen;
		w.agent = p->agent;
		w.agentlen = p->agentlen;
		run->file = p->file;
		emit_now(l, run, &w, lint_rules_get(l->rs, p->rule), p->col,
		    p->endcol, p->match, p->matchlen, p->detail);
		free(p->id);
		free(p->conv);
		free(p->agent);
		free(p->match);
		free(p->detail);
	}
	run->file = file;
	if (i == 0)
		return;
	memmove(l->pend, l->pend + i, (l->npend - i) * sizeof *l->pend);
	l->npend -= i;
}

/* End every open conversation and write what waits. */
static void
lint_chat_end(struct lint *l)
{
	chat_end(l->chat);
	lint_flush(l, 0);
}

/*
 * The row id, conversation and agent of the current record.  The line
 * number as the id is written only for a finding (emit()): most rows
 * have none.
 */
static void
row_where(struct lint *l, struct run *run, const struct record *r,
    struct where *w)
{
	size_t n;
	const char *s;

	memset(w, 0, sizeof *w);
	w->line = run->line;
	w->id = NULL;
	w->conv = w->agent = "";
	if (l->mode != LINT_TEXT && (s = run_field(run, r, LC_ID, &n)) != NULL) {
		w->id = s;
		w->idlen = n;
	}
	if (l->mode != LINT_CHAT)
		return;
	if ((s = run_field(run, r, LC_CONV, &n)) != NULL) {
		w->conv = s;
		w->convlen = n;
	}
	if ((s = run_field(run, r, LC_AGENT, &n)) != NULL && n > 0) {
		w->agent = s;
		w->agentlen = n;
	} else if ((s = run_field(run, r, LC_ROLE, &n)) != NULL) {
		w->agent = s;
		w->agentlen = n;
	}
}

/* Run the phrase rules over one reply. */
static void
lint_text(struct lint *l, struct run *run, const struct where *w,
    const char *text, size_t len)
{
	const struct lint_hit *h;
	size_t nh, i;

	l->lines++;
	if (lint_scan(l->rs, l->sc, text, len, &h, &nh) != 0)
		cs_errx(CS_FATAL, "out of memory");
	if (nh > 0) {
		l->flagged++;
		if (l->conv_st != NULL)
			l->conv_st->user[CONV_FLAGGED]++;
	}
	for (i = 0; i < nh; i++) {
		const struct lint_rule *r = lint_rules_get(l->rs, h[i].rule);
		size_t col = utf8_count(text, h[i].start) + 1;
		size_t mc = utf8_count(text + h[i].start, h[i].end - h[i].start);

		count(l, h[i].rule, r);
		emit(l, run, w, h[i].rule, col, col + mc - 1, text + h[i].start,
		    h[i].end - h[i].start, NULL);
	}
}

/* chat callback: a conversation rule fired. */
static void
on_finding(void *ctx, const struct chat_finding *f)
{
	struct lint *l = ctx;
	long k = lint_rules_find(l->rs, f->rule);
	const struct lint_rule *r;
	struct where w;

	if (k < 0)
		return;
	r = lint_rules_get(l->rs, (size_t)k);
	if (!r->enabled)
		return;
	memset(&w, 0, sizeof w);
	w.line = f->line;
	w.id = "";
	w.conv = f->conv;
	w.convlen = strlen(f->conv);
	w.agent = f->agent;
	w.agentlen = strlen(f->agent);
	l->conv_st = f->st;
	count(l, (size_t)k, r);
	l->conv_st = NULL;
	emit(l, l->run, &w, (size_t)k, 1, 1, NULL, 0, f->detail);
}

static struct agent_sum *
agent_get(struct lint *l, const char *name)
{
	struct agent_sum *a;
	size_t i;

	for (i = 0; i < l->nagents; i++)
		if (strcmp(l->agents[i].name, name) == 0)
			return &l->agents[i];
	xgrow(&l->agents, &l->capagents, l->nagents + 1, sizeof *l->agents);
	a = &l->agents[l->nagents++];
	memset(a, 0, sizeof *a);
	a->resp_max = -1;
	a->name = xstrdup(name);
	return a;
}

/* Add one conversation's figures to A. */
static void
agent_add(struct agent_sum *a, const struct chat_stats *st,
    unsigned long flagged, unsigned long err, unsigned long warn, double score)
{
	a->convs++;
	a->msgs += st->buyer + st->agent_msgs;
	a->replies += st->agent_msgs;
	a->flagged += flagged;
	a->err += err;
	a->warn += warn;
	if (st->first_reply >= 0) {
		a->fr_sum += st->first_reply;
		a->fr_n++;
	}
	a->resp_sum += st->resp_sum;
	a->rounds += st->rounds;
	if (st->resp_max > a->resp_max)
		a->resp_max = st->resp_max;
	a->chars += st->chars;
	a->secs += st->secs;
	a->score_sum += score;
}

static void
put_dec(struct run *run, double v, int ok)
{
	char b[32];

	if (!ok) {
		out_str(&run->out, "");
		return;
	}
	snprintf(b, sizeof b, "%.1f", v);
	out_str(&run->out, b);
}

/* One summary row of figures A. */
enum { SUM_CONVS = 1, SUM_MSGS = 2 };

static void
sum_row(struct run *run, const char *kind, const char *key,
    const char *agent, const struct agent_sum *a, unsigned show)
{
	out_str(&run->out, lang_value(run->lang, "kind", kind));
	out_str(&run->out, key);
	out_str(&run->out, agent);
	put_num(run, show & SUM_CONVS ? (long long)a->convs : -1);
	put_num(run, show & SUM_MSGS ? (long long)a->msgs : -1);
	put_num(run, show & SUM_MSGS ? (long long)a->replies : -1);
	put_num(run, show & SUM_MSGS ? (long long)a->flagged : -1);
	put_num(run, (long long)a->err);
	put_num(run, (long long)a->warn);
	put_dec(run, a->fr_n ? (double)a->fr_sum / a->fr_n : 0, a->fr_n > 0);
	put_dec(run, a->rounds ? (double)a->resp_sum / a->rounds : 0,
	    a->rounds > 0);
	put_num(run, a->resp_max);
	put_num(run, a->secs > 0 ? (long long)(a->chars * 60 / a->secs) : -1);
	put_num(run, a->convs ? (long long)(a->score_sum / a->convs + 0.5) : -1);
	out_end(&run->out);
}

/* chat callback: a conversation ended. */
static void
on_conv_end(void *ctx, const struct chat_stats *st)
{
	struct lint *l = ctx;
	struct agent_sum one;
	unsigned long err = st->user[CONV_ERR], warn = st->user[CONV_WARN];
	unsigned long flagged = st->user[CONV_FLAGGED];
	long s = 100 - 10 * (long)err - 5 * (long)warn;
	double score = s < 0 ? 0 : (double)s;
	const char *name = st->agent[0] ? st->agent : "-";

	memset(&one, 0, sizeof one);
	one.resp_max = -1;
	agent_add(&one, st, flagged, err, warn, score);
	agent_add(agent_get(l, name), st, flagged, err, warn, score);
	agent_add(l->tot, st, flagged, err, warn, score);
	if (l->summary)
		sum_row(l->run, "conversation", st->conv, name, &one,
		    SUM_CONVS | SUM_MSGS);
}

/* A chat-log message: conversation rules, then phrase rules for agents. */
static void
chat_row(struct lint *l, struct run *run, const struct record *r,
    const struct where *w, const char *text, size_t len)
{
	struct chat_msg m;
	struct tp_time tp;
	const char *s;
	size_t n;

	memset(&m, 0, sizeof m);
	m.conv = w->conv;
	m.convlen = w->convlen;
	m.text = text;
	m.textlen = len;
	m.line = run->line;
	s = run_field(run, r, LC_ROLE, &n);
	m.role = chat_role_parse(l->vocab, s, n);
	if (m.role == CHAT_AGENT) {
		m.agent = w->agent;
		m.agentlen = w->agentlen;
	}
	if ((s = run_field(run, r, LC_TIME, &n)) != NULL) {
		cell_value(&s, &n);
		if (n > 0 && tp_parse(s, n, &tp) == 0) {
			m.t = tp.t;
			m.has_time = 1;
		} else if (n > 0) {
			run_warn(run, "bad time '%.*s': timing rules skip this "
			    "message", (int)n, s);
		}
	}
	switch (chat_add(l->chat, &m)) {
	case -1:
		cs_errx(CS_FATAL, "out of memory");
	case 1:
		run_warn(run, "time goes back in conversation '%.*s': timing "
		    "rules skip this message", (int)w->convlen, w->conv);
		break;
	}
	l->conv_st = chat_current(l->chat);
	if (m.role == CHAT_AGENT && len > 0)
		lint_text(l, run, w, text, len);
	l->conv_st = NULL;
	lint_flush(l, chat_open_from(l->chat));
}

int
lint_row(struct lint *l, struct run *run, const struct record *r)
{
	struct where w;
	const char *text;
	size_t len;

	l->run = run;
	if (l->chat != NULL && l->cur_file != run->file) {
		lint_chat_end(l);
		l->cur_file = run->file;
	}
	row_where(l, run, r, &w);
	if (l->mode == LINT_TEXT) {
		text = r->n > 0 ? r->f[0] : "";
		len = r->n > 0 ? r->len[0] : 0;
	} else if ((text = run_field(run, r, LC_TEXT, &len)) == NULL) {
		text = "";
		len = 0;
	}
	while (len > 0 && (text[len - 1] == '\r' || text[len - 1] == ' ' ||
	    text[len - 1] == '\t'))
		len--;
	if (l->mode == LINT_CHAT) {
		chat_row(l, run, r, &w, text, len);
		return ROW_OUT;
	}
	if (len == 0)
		return ROW_SKIP;
	lint_text(l, run, &w, text, len);
	return ROW_OUT;
}

/* --summary in text and CSV mode: per rule, then the total. */
static void
text_summary(struct lint *l, struct run *run)
{
	struct agent_sum a;

	memset(&a, 0, sizeof a);
	a.resp_max = -1;
	a.msgs = a.replies = l->lines;
	a.flagged = l->flagged;
	a.err = l->nerr;
	a.warn = l->nwarn;
	sum_row(run, "total", "", "", &a, SUM_MSGS);
}

static void
rule_rows(struct lint *l, struct run *run)
{
	size_t i;

	for (i = 0; i < lint_rules_count(l->rs); i++) {
		const struct lint_rule *r = lint_rules_get(l->rs, i);
		struct agent_sum a;

		if (l->per_rule[i] == 0)
			continue;
		memset(&a, 0, sizeof a);
		a.resp_max = -1;
		if (r->severity == LINT_ERROR)
			a.err = l->per_rule[i];
		else
			a.warn = l->per_rule[i];
		sum_row(run, "rule", r->id, "", &a, 0);
	}
}

int
lint_finish(struct lint *l, struct run *run)
{
	size_t i;

	l->run = run;
	if (l->action != LINT_RUN)
		return l->action_status;
	if (l->chat != NULL)
		lint_chat_end(l);
	if (!l->summary)
		return l->status;
	if (l->mode == LINT_CHAT) {
		for (i = 0; i < l->nagents; i++)
			sum_row(run, "agent", l->agents[i].name,
			    l->agents[i].name, &l->agents[i], SUM_CONVS | SUM_MSGS);
		rule_rows(l, run);
		sum_row(run, "total", "", "", l->tot, SUM_CONVS | SUM_MSGS);
	} else {
		rule_rows(l, run);
		text_summary(l, run);
	}
	return l->status;
}

void
lint_free(struct lint *l)
{
	size_t i;

	lint_rules_free(l->rs);
	lint_scratch_free(l->sc);
	chat_free(l->chat);
	calendar_free(l->cal);
	vocab_free(l->vocab);
	free(l->rules_files);
	free(l->phrases_files);
	free(l->toggles);
	free(l->toggle_on);
	free(l->per_rule);
	free(l->tot);
	for (i = 0; i < l->nagents; i++)
		free(l->agents[i].name);
	free(l->agents);
	free(l->line);
	free(l->pend);
}
