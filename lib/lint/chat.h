#ifndef CS_CHAT_H
#define CS_CHAT_H

/*
 * cs-lint's conversation rules (--chat): timing, greeting, close, waits
 * and unanswered buyer messages over a chat log, one conversation at a
 * time (001 §1.2, §6.3, §6.7, §6.8).
 *
 * Messages are fed in input order, and are grouped by conversation id
 * whatever that order: exports sorted by time interleave conversations,
 * and each keeps its own state, in its own time order.  A conversation
 * ends at chat_end(), or earlier when it has been quiet for idle seconds
 * of the log's time, or when more than max_open are open (the one quiet
 * longest ends).  Findings and the conversation's figures go to the
 * caller's callbacks.  Memory holds the open conversations' states, never
 * the log.
 *
 * Rule ids reported (their severity, reason and suggestion are in the
 * rules file, kind conversation): first-reply, response-time, greeting,
 * greeting-morning, greeting-festival, close, close-wish, wait-thanks,
 * unanswered, typing-speed.
 */

#include <stddef.h>

struct normalizer;
struct vocab;

enum chat_role {
	CHAT_BUYER,		/* 买家 */
	CHAT_AGENT,		/* 客服 */
	CHAT_OTHER		/* system messages: ignored */
};

struct chat_opts {
	int first_reply;	/* seconds allowed before the first reply (15) */
	int reply_time;		/* seconds allowed to answer a buyer (30) */
	int wait_thanks;	/* a wait this long must be thanked (120) */
	int typing_cpm;		/* slowest acceptable typing, characters a minute (50) */
	int typing_min;		/* shortest message the typing check measures (10) */
	int typing_window;	/* a longer pause is not typing time (300 s) */
	long idle;		/* a conversation quiet this long has ended (86400 s) */
	int max_open;		/* conversations open at most (4096) */
	/* The holiday greeting for DAY (days since 1970-01-01), or NULL. */
	const char *(*festival)(void *ctx, long day);
	/* Non-zero when DAY is a weekend day or holiday off (or NULL). */
	int (*rest_day)(void *ctx, long day);
	void *festival_ctx;	/* the context of both */
	/*
	 * The phrase lists (vocab.h), which must outlive the checker; NULL:
	 * chat_new() reads the embedded ones.
	 */
	const struct vocab *vocab;
	/*
	 * The normalisation table (normalize.h), which must outlive the
	 * checker: the rules' own, so that a process builds one; NULL:
	 * chat_new() builds its own.
	 */
	const struct normalizer *z;
};

struct chat_msg {
	const char *conv;	/* conversation id */
	size_t convlen;		/* its length */
	const char *agent;	/* agent name, or NULL (agent messages) */
	size_t agentlen;	/* its length */
	const char *text;	/* the message, UTF-8 */
	size_t textlen;		/* its length */
	enum chat_role role;	/* who sent it */
	long long t;		/* time, seconds since the epoch */
	int has_time;		/* t is known */
	long line;		/* input line, for findings */
};

struct chat_finding {
	const char *rule;	/* conversation rule id */
	long line;		/* line of the message it is about */
	const char *conv;	/* conversation id */
	const char *agent;	/* agent name ("" when unknown) */
	char detail[192];	/* what was measured, e.g. "first reply after 42 s (limit 15 s)" */
	struct chat_stats *st;	/* the conversation's figures (user[] may be changed) */
};

struct chat_stats {
	const char *conv;	/* conversation id */
	const char *agent;	/* agent name ("" when no agent message) */
	long line;		/* line of its first message */
	unsigned long buyer;	/* buyer messages */
	unsigned long agent_msgs; /* agent messages */
	long long first_reply;	/* seconds to the first reply, -1 unknown */
	unsigned long rounds;	/* answered buyer turns with times */
	long long resp_sum;	/* their response times, summed (s) */
	long long resp_max;	/* the longest (s), -1 none */
	unsigned long long chars; /* characters typed in measured time */
	long long secs;		/* measured typing time (s) */
	int unanswered;		/* ends with buyer messages unanswered */
	/* The caller's, for its own counts per conversation (zero at start). */
	unsigned long user[4];
};

/* Callbacks; the strings they get are valid during the call only. */
typedef void (*chat_finding_fn)(void *ctx, const struct chat_finding *f);
typedef void (*chat_end_fn)(void *ctx, const struct chat_stats *st);

struct chat;

/*
 * A new chat checker with options O (copied) reporting to FF and FE with
 * CTX; NULL when the normalisation table cannot be made.
 */
struct chat *chat_new(const struct chat_opts *o, chat_finding_fn ff,
    chat_end_fn fe, void *ctx);

/*
 * Fill O with the defaults (15, 30, 120, 50, 10, 300, 86400, 4096; no
 * festival lookup; the embedded phrase lists).
 */
void chat_defaults(struct chat_opts *o);

/*
 * Feed message M.  Returns 0, or 1 when M's time is earlier than the
 * previous message of its conversation (M is then checked as if it had
 * no time; the caller reports it).  Ends the open conversation first when
 * M belongs to another one.
 */
int chat_add(struct chat *c, const struct chat_msg *m);

/* End every open conversation, in the order they began (findings, figures). */
void chat_end(struct chat *c);

/*
 * The figures of the conversation of the message chat_add() got last
 * (its user[] counters may be changed), or NULL.
 */
struct chat_stats *chat_current(struct chat *c);

/*
 * The first line of the earliest open conversation, or 0 when none is
 * open: no finding reported from now on is about an earlier line.
 */
long chat_open_from(const struct chat *c);

/* Free C (NULL is fine); call chat_end() first to get the last figures. */
void chat_free(struct chat *c);

/*
 * The role a role-column value S[0..N) names, by V's lists: buyer words
 * (买家, 顾客, buyer, customer ...), agent words (客服, 卖家, agent,
 * seller ...), system words (CHAT_OTHER), compared with the value
 * trimmed of blanks and tabs, ignoring ASCII case; else an account name
 * with a colon (店铺名:小美) is an agent, and anything else is taken as a
 * buyer's nickname.
 */
enum chat_role chat_role_parse(const struct vocab *v, const char *s, size_t n);

#endif
