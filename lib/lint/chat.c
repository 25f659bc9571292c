/*
 * Conversation rules for cs-lint --chat.
 *
 * One conversation is open at a time.  A "round" starts at the first buyer
 * message after the agent's last message and ends at the agent's next
 * message; its length is the response time.  The first round is measured
 * by first-reply, the others by response-time, except while the agent has
 * announced a wait (稍等), which wait-thanks covers instead.  The phrase
 * lists are data (vocab.h, data/chat-phrases.csv: the manual's 001 §6.3
 * greetings, §6.7 waits, §6.8 closes); they are matched on normalised
 * text.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/strmap.h"
#include "core/utf8.h"
#include "io/diag.h"
#include "io/timeparse.h"
#include "lint/chat.h"
#include "lint/vocab.h"
#include "text/normalize.h"

struct conv {
	char *id;		/* conversation id */
	size_t idlen;		/* its length */
	char *agent;		/* first agent name seen, or NULL */
	int open;		/* a conversation is open */
	int has_last;		/* last_t is known */
	long long last_t;	/* time of the previous timed message */
	int last_agent;		/* the previous message was the agent's */
	int has_buyer_t;	/* first buyer message time known */
	long long buyer_t;	/* its time */
	int replied;		/* an agent message has been seen */
	unsigned long pending;	/* buyer messages since the agent's last */
	int pending_has_t;	/* pending_t is known */
	long long pending_t;	/* time of the first of them */
	long pending_real;	/* line of the first that needs an answer, or 0 */
	int waiting;		/* the agent announced a wait */
	int wait_has_t;		/* wait_t is known */
	long long wait_t;	/* when */
	long agent_line;	/* line of the agent's last message */
	int agent_closed;	/* it closes politely */
	int agent_wish;		/* it wishes a good weekend or holiday */
	int agent_timed;	/* agent_t is known */
	long long agent_t;	/* its time */
	struct chat_stats st;	/* figures */
	unsigned long long seq;	/* when it began, in messages */
	struct conv *hnext;	/* next in its hash chain */
	struct conv *prev, *next; /* by time of the last message (oldest first) */
	struct conv *bprev, *bnext; /* by beginning (earliest first) */
};

#define CHAT_BUCKETS 4096	/* hash chains of open conversations */

struct chat {
	struct chat_opts o;	/* options */
	chat_finding_fn ff;	/* finding callback */
	chat_end_fn fe;		/* end-of-conversation callback */
	void *ctx;		/* their context */
	const struct normalizer *z; /* normalisation table */
	struct normalizer *ownz; /* the one built here, when o.z was NULL */
	const struct vocab *v;	/* the phrase lists */
	struct vocab *own;	/* the embedded ones, when o.vocab was NULL */
	struct norm n;		/* the current message, normalised */
	struct conv *cur;	/* the conversation of the current message */
	struct conv *hash[CHAT_BUCKETS]; /* open conversations by id */
	struct conv *old, *young; /* open ones, least recently active first */
	struct conv *first, *last; /* open ones, by beginning */
	int nopen;		/* how many are open */
	int has_clock;		/* clock is known */
	long long clock;	/* the latest message time seen */
};

void
chat_defaults(struct chat_opts *o)
{
	memset(o, 0, sizeof *o);
	o->first_reply = 15;
	o->reply_time = 30;
	o->wait_thanks = 120;
	o->typing_cpm = 50;
	o->typing_min = 10;
	o->typing_window = 300;
	o->idle = 86400;
	o->max_open = 4096;
}

struct chat *
chat_new(const struct chat_opts *o, chat_finding_fn ff, chat_end_fn fe,
    void *ctx)
{
	struct chat *c = xcalloc(1, sizeof *c);

	if ((c->z = o->z) == NULL &&
	    (c->z = c->ownz = normalizer_new()) == NULL) {
		free(c);
		return NULL;
	}
	c->o = *o;
	if ((c->v = o->vocab) == NULL) {
		c->v = c->own = vocab_new();
		if (vocab_load(c->own, NULL) != 0)
			cs_errx(CS_FATAL, "the built-in phrase list does not load");
	}
	c->ff = ff;
	c->fe = fe;
	c->ctx = ctx;
	return c;
}

/* Does the normalised message contain a phrase of list L? */
static int
has_any(const struct chat *c, enum vocab_list l)
{
	return vocab_contains(c->v, l, c->n.s, c->n.len);
}

static int
has(const struct chat *c, const char *s)
{
	return s != NULL && memmem(c->n.s, c->n.len, s, strlen(s)) != NULL;
}

/* Is S[0..N) a character that only separates (punctuation, blank, emoji)? */
static size_t
skip_mark(const char *s, size_t n)
{
	unsigned char u = (unsigned char)s[0];
	size_t k;

	if (u < 0x80)
		return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ? 0 : 1;
	k = (size_t)utf8_seqlen(u);
	if (k == 0 || k > n)
		return 0;
	if (k == 4)		/* emoji and other astral symbols */
		return 4;
	if (u == 0xe3 && (unsigned char)s[1] == 0x80)	/* 。、「」 */
		return 3;
	if (u == 0xe2 || u == 0xef)	/* “”…—, full-width forms */
		return 3;
	return 0;
}

/* Is the normalised message made of acknowledgements only? */
static int
ack_only(const struct chat *c)
{
	const char *s = c->n.s;
	size_t n = c->n.len, i = 0, k;

	while (i < n) {
		if (s[i] == '[' && memchr(s + i, ']', n - i) != NULL) {
			i = (size_t)((const char *)memchr(s + i, ']', n - i) - s) + 1;
			continue;
		}
		if (s[i] == '#' && i + 1 < n && s[i + 1] == 'e') {
			while (i < n && s[i] != '[' && s[i] != ' ')
				i++;
			continue;
		}
		if ((k = skip_mark(s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		if ((k = vocab_prefix(c->v, VOCAB_ACK, s + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

static void
report(struct chat *c, const char *rule, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
report(struct chat *c, const char *rule, long line, const char *fmt, ...)
{
	struct chat_finding f;
	va_list ap;

	f.rule = rule;
	f.line = line;
	f.conv = c->cur->id;
	f.agent = c->cur->agent ? c->cur->agent : "";
	f.st = &c->cur->st;
	va_start(ap, fmt);
	vsnprintf(f.detail, sizeof f.detail, fmt, ap);
	va_end(ap);
	c->ff(c->ctx, &f);
}

/* The hash chain of conversation ID[0..N). */
static size_t
conv_bucket(const char *id, size_t n)
{
	return strmap_hash(id, n) % CHAT_BUCKETS;
}

/* Take V out of the activity list. */
static void
unlink_active(struct chat *c, struct conv *v)
{
	if (v->prev != NULL)
		v->prev->next = v->next;
	else
		c->old = v->next;
	if (v->next != NULL)
		v->next->prev = v->prev;
	else
		c->young = v->prev;
	v->prev = v->next = NULL;
}

/* Put V at the young end of the activity list. */
static void
link_young(struct chat *c, struct conv *v)
{
	v->prev = c->young;
	v->next = NULL;
	if (c->young != NULL)
		c->young->next = v;
	else
		c->old = v;
	c->young = v;
}

/* Close conversation V: unanswered, close, figures; V is freed. */
static void
end_conv(struct chat *c, struct conv *v)
{
	struct conv **pp;

	c->cur = v;
	if (v->pending_real > 0 && !v->replied)
		report(c, "unanswered", v->pending_real,
		    "no agent reply in the conversation");
	else if (v->pending_real > 0)
		report(c, "unanswered", v->pending_real,
		    "buyer message not answered before the conversation ends");
	else if (v->replied && !v->agent_closed)
		report(c, "close", v->agent_line,
		    "last reply does not close the conversation politely");
	else if (v->replied && !v->agent_wish && v->agent_timed &&
	    c->o.rest_day != NULL &&
	    c->o.rest_day(c->o.festival_ctx, tp_local_day(v->agent_t)))
		report(c, "close-wish", v->agent_line,
		    "close on a weekend or holiday without '周末愉快' or '节日快乐'");
	v->st.conv = v->id;
	v->st.agent = v->agent ? v->agent : "";
	v->st.unanswered = v->pending_real > 0;
	c->fe(c->ctx, &v->st);
	for (pp = &c->hash[conv_bucket(v->id, v->idlen)]; *pp != v;
	    pp = &(*pp)->hnext)
		;
	*pp = v->hnext;
	unlink_active(c, v);
	if (v->bprev != NULL)
		v->bprev->bnext = v->bnext;
	else
		c->first = v->bnext;
	if (v->bnext != NULL)
		v->bnext->bprev = v->bprev;
	else
		c->last = v->bprev;
	c->nopen--;
	c->cur = NULL;
	free(v->id);
	free(v->agent);
	free(v);
}

void
chat_end(struct chat *c)
{
	while (c->first != NULL)
		end_conv(c, c->first);
}

struct chat_stats *
chat_current(struct chat *c)
{
	return c->cur != NULL ? &c->cur->st : NULL;
}

long
chat_open_from(const struct chat *c)
{
	return c->first != NULL ? c->first->st.line : 0;
}

/* End the conversations quiet for longer than idle as of message M. */
static void
end_quiet(struct chat *c, const struct chat_msg *m)
{
	if (m->has_time && (!c->has_clock || m->t > c->clock)) {
		c->clock = m->t;
		c->has_clock = 1;
	}
	while (c->old != NULL && c->has_clock && c->old->has_last &&
	    c->clock - c->old->last_t > c->o.idle)
		end_conv(c, c->old);
}

/* Make the conversation of M the current one, beginning it when new. */
static void
start_conv(struct chat *c, const struct chat_msg *m)
{
	size_t h = conv_bucket(m->conv, m->convlen);
	struct conv *v;

	end_quiet(c, m);
	if (c->cur != NULL && c->cur->idlen == m->convlen &&
	    memcmp(c->cur->id, m->conv, m->convlen) == 0)
		v = c->cur;
	else
		for (v = c->hash[h]; v != NULL; v = v->hnext)
			if (v->idlen == m->convlen &&
			    memcmp(v->id, m->conv, m->convlen) == 0)
				break;
	if (v != NULL) {
		if (c->young != v) {
			unlink_active(c, v);
			link_young(c, v);
		}
		c->cur = v;
		return;
	}
	while (c->old != NULL && c->nopen >= c->o.max_open)
		end_conv(c, c->old);
	v = xcalloc(1, sizeof *v);
	v->id = xstrndup(m->conv, m->convlen);
	v->idlen = m->convlen;
	v->open = 1;
	v->st.line = m->line;
	v->st.first_reply = -1;
	v->st.resp_max = -1;
	v->hnext = c->hash[h];
	c->hash[h] = v;
	link_young(c, v);
	v->bprev = c->last;
	if (c->last != NULL)
		c->last->bnext = v;
	else
		c->first = v;
	c->last = v;
	c->nopen++;
	c->cur = v;
}

/* Greeting rules on the agent's first message. */
static void
check_greeting(struct chat *c, const struct chat_msg *m, int timed)
{
	const char *fest = NULL;

	if (timed && c->o.festival != NULL)
		fest = c->o.festival(c->o.festival_ctx, tp_local_day(m->t));
	if (fest != NULL) {
		if (!has(c, fest) && !has_any(c, VOCAB_FESTIVAL))
			report(c, "greeting-festival", m->line,
			    "holiday greeting '%s' missing", fest);
		return;
	}
	if (!has_any(c, VOCAB_GREETING)) {
		report(c, "greeting", m->line, "first reply has no greeting");
		return;
	}
	if (timed && tp_local_seconds(m->t) < 12 * 3600 && !has_any(c, VOCAB_MORNING))
		report(c, "greeting-morning", m->line,
		    "first reply before 12:00 without '早上好'");
}

/* Round, first-reply and wait figures for an agent message at T. */
static void
check_timing(struct chat *c, const struct chat_msg *m)
{
	struct conv *v = c->cur;
	long long d;

	if (v->pending > 0 && v->pending_has_t) {
		d = m->t - v->pending_t;
		if (!v->replied && v->has_buyer_t) {
			v->st.first_reply = d;
			if (d > c->o.first_reply)
				report(c, "first-reply", m->line, "first reply "
				    "after %lld s (limit %d s)", d, c->o.first_reply);
		} else if (!v->waiting && d > c->o.reply_time) {
			report(c, "response-time", m->line, "buyer waited %lld s "
			    "for a reply (limit %d s)", d, c->o.reply_time);
		}
		v->st.rounds++;
		v->st.resp_sum += d;
		if (d > v->st.resp_max)
			v->st.resp_max = d;
	}
	if (v->waiting && v->wait_has_t) {
		d = m->t - v->wait_t;
		if (d >= c->o.wait_thanks && !has_any(c, VOCAB_THANKS))
			report(c, "wait-thanks", m->line, "answer after a wait of "
			    "%lld s without thanks for the wait", d);
	}
}

/* Typing speed of an agent message written after the previous message. */
static void
check_typing(struct chat *c, const struct chat_msg *m)
{
	struct conv *v = c->cur;
	long long g = m->t - v->last_t;
	size_t chars = utf8_count(m->text, m->textlen);

	/*
	 * Measured: a message of at least typing_min characters written
	 * right after the agent's own previous one, with no announced wait
	 * between; the summary's typing_cpm sums exactly these.
	 */
	if (g <= 0 || g > c->o.typing_window || (v->waiting && v->last_agent))
		return;
	if (!v->last_agent || chars < (size_t)c->o.typing_min)
		return;
	v->st.chars += chars;
	v->st.secs += g;
	if ((long long)chars * 60 < (long long)c->o.typing_cpm * g)
		report(c, "typing-speed", m->line, "%zu characters in %lld s "
		    "(%lld a minute, at least %d)", chars, g,
		    (long long)chars * 60 / g, c->o.typing_cpm);
}

static void
agent_msg(struct chat *c, const struct chat_msg *m, int timed)
{
	struct conv *v = c->cur;

	if (v->agent == NULL && m->agent != NULL && m->agentlen > 0)
		v->agent = xstrndup(m->agent, m->agentlen);
	if (!v->replied)
		check_greeting(c, m, timed);
	if (timed) {
		check_timing(c, m);
		if (v->has_last)
			check_typing(c, m);
	}
	v->st.agent_msgs++;
	v->replied = 1;
	v->pending = 0;
	v->pending_real = 0;
	v->pending_has_t = 0;
	v->agent_line = m->line;
	v->agent_closed = has_any(c, VOCAB_CLOSE);
	v->agent_wish = has_any(c, VOCAB_WISH);
	v->agent_timed = timed;
	v->agent_t = m->t;
	if (has_any(c, VOCAB_WAIT)) {
		v->waiting = 1;
		v->wait_has_t = timed;
		v->wait_t = m->t;
	} else {
		v->waiting = 0;
	}
}

static void
buyer_msg(struct chat *c, const struct chat_msg *m, int timed)
{
	struct conv *v = c->cur;

	v->st.buyer++;
	if (timed && !v->has_buyer_t && !v->replied) {
		v->has_buyer_t = 1;
		v->buyer_t = m->t;
	}
	if (v->pending++ == 0) {
		v->pending_has_t = timed;
		v->pending_t = m->t;
	}
	if (v->pending_real == 0 && !ack_only(c))
		v->pending_real = m->line;
}

int
chat_add(struct chat *c, const struct chat_msg *m)
{
	struct conv *v;
	int timed = m->has_time, back = 0;

	start_conv(c, m);
	v = c->cur;
	if (m->role == CHAT_OTHER)
		return 0;
	if (timed && v->has_last && m->t < v->last_t) {
		timed = 0;
		back = 1;
	}
	if (norm_text_fast(c->z, &c->n, m->text, m->textlen) != 0)
		return -1;
	if (m->role == CHAT_AGENT)
		agent_msg(c, m, timed);
	else
		buyer_msg(c, m, timed);
	if (timed) {
		v->has_last = 1;
		v->last_t = m->t;
	}
	v->last_agent = m->role == CHAT_AGENT;
	return back;
}

void
chat_free(struct chat *c)
{
	if (c == NULL)
		return;
	while (c->first != NULL) {
		struct conv *v = c->first;

		c->first = v->bnext;
		free(v->id);
		free(v->agent);
		free(v);
	}
	norm_free(&c->n);
	normalizer_free(c->ownz);
	vocab_free(c->own);
	free(c);
}

enum chat_role
chat_role_parse(const struct vocab *v, const char *s, size_t n)
{
	while (n > 0 && (s[0] == ' ' || s[0] == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (vocab_is(v, VOCAB_BUYER, s, n))
		return CHAT_BUYER;
	if (vocab_is(v, VOCAB_AGENT, s, n))
		return CHAT_AGENT;
	if (vocab_is(v, VOCAB_SYSTEM, s, n))
		return CHAT_OTHER;
	if (memchr(s, ':', n) != NULL || memmem(s, n, "\xef\xbc\x9a", 3) != NULL)
		return CHAT_AGENT;
	return CHAT_BUYER;
}
