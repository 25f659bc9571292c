#ifndef CS_STATS_H
#define CS_STATS_H

/*
 * Complaint, SLA and retention statistics (cs-stats), as pure aggregation:
 * no I/O, no options parsing.  The caller turns each ticket into a struct
 * stats_ticket and a group key and hands it to stats_add(); at the end it
 * reads the figures back.
 *
 * Everything is integer: times are seconds since the epoch, durations are
 * seconds, shares are printed from integer numerators and denominators.
 * Percentiles are exact (every duration is kept) and use the nearest-rank
 * method: the p-th percentile of n sorted values is the value at 1-based
 * rank ceil(p * n / 100); the median is the 50th percentile (the lower
 * middle value when n is even).
 *
 * A whole struct stats can be written as a list of (section, key, name,
 * value, count) records and rebuilt from any number of such lists
 * (stats_merge_*), so that partial runs over pieces of a log combine into
 * exactly the state one run over the whole log gives.
 */

#include <stddef.h>
#include <stdint.h>

#include "core/strmap.h"
#include "stats/idset.h"
#include "stats/store.h"

/* What a ticket's outcome column says. */
enum stats_outcome {
	STATS_OUT_NONE,		/* no outcome column, or a word we do not know */
	STATS_OUT_RESOLVED,	/* 已解决, resolved, ... */
	STATS_OUT_UNRESOLVED	/* 未解决, rejected, ... */
};

/* How a complaint ended, for retention. */
enum stats_class {
	STATS_QUICK,		/* resolved within the quick threshold */
	STATS_RESOLVED,		/* resolved, later */
	STATS_UNRESOLVED,	/* open, or closed without a solution */
	STATS_NCLASS
};

/* Separates the fields of a group key. */
#define STATS_KEY_SEP '\x1f'

/* Which bucket a period key uses. */
enum stats_period { STATS_NOPERIOD, STATS_DAY, STATS_WEEK, STATS_MONTH };

/* One ticket as read from a row. */
struct stats_ticket {
	int has_opened;		/* opened is set */
	long long opened;	/* when the buyer complained */
	int has_reply;		/* reply is set */
	long long reply;	/* first agent reply */
	int has_resolved;	/* resolved is set */
	long long resolved;	/* when it was closed */
	enum stats_outcome outcome; /* what the outcome column says */
	int reopened;		/* 1 reopened, 0 not, -1 unknown */
	int contacts;		/* contacts needed, or -1 unknown */
	int reply_col;		/* the log has a first-reply column */
	int close_col;		/* the log has a resolved or outcome column */
	int contacts_col;	/* the log has a contacts column (接待次数) */
	int reopen_col;		/* the log has a reopened column (是否重开) */
	const char *buyer;	/* the complaining buyer, or NULL when unknown */
	size_t nbuyer;		/* its length (0: no buyer) */
};

/* The counters and stores of one group (or of all tickets). */
struct stats_group {
	unsigned long long tickets;	/* tickets counted */
	unsigned long long timed;	/* with an opened time */
	unsigned long long resolved;	/* resolved (timed or not) */
	unsigned long long closed_unres; /* closed without a solution */
	unsigned long long reopen_known; /* with a reopened value */
	unsigned long long reopened;	/* of those, reopened */
	unsigned long long fcr_known;	/* resolved, with contacts or reopened known */
	unsigned long long fcr;		/* of those, resolved at first contact */
	unsigned long long buyers;	/* distinct complaining buyers named */
	unsigned long long nobuyer;	/* tickets without a buyer */
	struct stats_store reply;	/* first-reply durations */
	struct stats_store res;		/* resolution durations */
	struct stats_store open;	/* opened times of open tickets */
	struct stats_store noreply;	/* opened times of unanswered tickets */
};

/* A complainant: the first complaint decides the class. */
struct stats_buyer {
	long long t;		/* opened time of the first complaint */
	int has_t;		/* t is known */
	int cls;		/* enum stats_class of that complaint */
	int seen;		/* t and cls are set (stats_add_buyer()) */
	uint32_t g1;		/* the first group complained in, + 1; 0 none */
	uint32_t more;		/* its further groups: a chain in bg, + 1 */
};

/* A further group a buyer complained in, chained. */
struct stats_bgroup {
	uint32_t g;		/* the group */
	uint32_t next;		/* the next link + 1, 0 at the end */
};

struct stats {
	struct stats_group all;	/* every ticket: counters; stores see stats_fill_all() */
	int all_filled;		/* all's stores have been filled */
	struct strmap gmap;	/* group keys */
	size_t glast;		/* group of the last stats_add(), if any */
	struct stats_group *g;	/* per group, indexed like gmap */
	size_t gcap;		/* size of g */
	struct stats_idset idset; /* ticket ids seen */
	struct strmap buyers; /* complainants */
	struct stats_buyer *b;	/* per complainant */
	size_t bcap;		/* size of b */
	/*
	 * The groups after the first that each buyer complained in (buyers
	 * mostly complain once, or in one group), for each group's distinct
	 * buyers.
	 */
	struct stats_bgroup *bg;
	size_t nbg, bgcap;	/* links used, and room */
	struct strmap products; /* products with quality complaints */
	struct stats_store *q;	/* per product: complaint times */
	unsigned long long *qn;	/* per product: complaints without a time */
	size_t qcap;		/* size of q and qn */
	long long earliest;	/* earliest opened time seen */
	int has_earliest;	/* earliest is set */
	long long latest;	/* latest time stamp seen */
	int has_latest;		/* latest is set */
	int reply_col;		/* some ticket came from a log with first replies */
	int close_col;		/* some ticket came from a log with resolutions */
	unsigned long long read, rejected; /* rows read and rejected */
};

/* Prepare an empty S. */
void stats_init(struct stats *s);

/* Free what S holds. */
void stats_free(struct stats *s);

/*
 * Count ticket T in group KEY[0..N) (created on first use) and in S->all;
 * also moves S->latest forward.  Durations that would be negative must have
 * been rejected by the caller.  T's buyer counts once per group (and once
 * in S->all); a ticket without a buyer counts as one buyer of its own.
 */
void stats_add(struct stats *s, const char *key, size_t n,
    const struct stats_ticket *t);

/*
 * Remember ticket id ID[0..N) seen at FILE:LINE.  Returns NULL when it is
 * new, or where it was first seen (valid until the next call).  Exports
 * mostly list ids in increasing order: those are appended to a sorted run
 * (no hashing, no random access); the others go to a hash map, and when
 * they are many the run joins the map.
 */
const struct stats_seen *stats_see_id(struct stats *s, const char *id,
    size_t n, const char *file, long line);

/*
 * Remember a complaint of buyer NAME[0..N) with class CLS opened at T
 * (HAS_T zero: time unknown).  The earliest complaint wins; among equal
 * times the lower class; unknown times lose against known ones.
 */
void stats_add_buyer(struct stats *s, const char *name, size_t n,
    int has_t, long long t, int cls);

/* Count a quality complaint about PRODUCT[0..N), at T when HAS_T. */
void stats_add_quality(struct stats *s, const char *product, size_t n,
    int has_t, long long t);

/* The class of T for retention: quick when resolved within QUICK seconds. */
enum stats_class stats_classify(const struct stats_ticket *t, long long quick);

/*
 * Fill S->all's stores from the groups' (stats_add() keeps only its
 * counters, to keep each duration once).  Call before reading them; adding
 * tickets afterwards is not allowed.
 */
void stats_fill_all(struct stats *s);

/* Number of groups. */
size_t stats_ngroups(const struct stats *s);

/* Key of group I and its length. */
const char *stats_group_key(const struct stats *s, size_t i, size_t *len);

/*
 * The complaining buyers of G: the distinct buyers named, plus one for
 * each ticket without a buyer.  The iceberg (000 第六条: 一个投诉不满的
 * 顾客背后有25个不满的顾客) is 25 times this, in every output.
 */
unsigned long long stats_complainants(const struct stats_group *g);

/* Group I, or NULL when out of range. */
struct stats_group *stats_group_at(struct stats *s, size_t i);

/* The group with key KEY[0..N), created when new; *INDEX (unless NULL) its index. */
struct stats_group *stats_group_get(
    struct stats *s, const char *key, size_t n, size_t *index);

/*
 * Count BUYER[0..N) (N 0: none, a buyer of its own) as a complainant of
 * group I (which exists) and of all, once per group.
 */
void stats_count_buyer(
    struct stats *s, size_t i, const char *buyer, size_t n);

/* Move S->latest to T when HAS and later. */
void stats_see_latest(struct stats *s, int has, long long t);

/* Move S->earliest to T when earlier. */
void stats_see_earliest(struct stats *s, long long t);

/* The group with key KEY[0..N), or NULL. */
struct stats_group *stats_group_find(
    struct stats *s, const char *key, size_t n);

/* --- partial state ------------------------------------------------------ */

/*
 * Receives one record of a state: SECTION (meta, g, v, id, b, q), KEY
 * (KLEN bytes; may hold any byte but NUL), NAME, VALUE and COUNT as
 * decimal strings (possibly empty).
 */
typedef void (*stats_emit_fn)(void *ctx, const char *section, const char *key,
    size_t klen, const char *name, const char *value, const char *count);

/* Call FN for every record of S's state. */
void stats_emit(struct stats *s, stats_emit_fn fn, void *ctx);

/*
 * The seal of a state: how many records it has and a checksum over their
 * fields (FNV-1a, 64 bits, over each field's bytes and a separator), so
 * that a state cut short or altered is refused by --merge.
 */
struct stats_seal {
	unsigned long long n;	/* records sealed */
	uint64_t h;		/* checksum so far */
};

/* An empty seal. */
void stats_seal_init(struct stats_seal *seal);

/* Add one record (the five fields as stats_emit_fn receives them) to SEAL. */
void stats_seal_add(struct stats_seal *seal, const char *section,
    const char *key, size_t klen, const char *name, const char *value,
    const char *count);

/* SEAL's checksum as 16 hex digits into BUF (17 bytes); returns BUF. */
char *stats_seal_hex(const struct stats_seal *seal, char *buf);

/*
 * Times a state may hold (years 1000 to 9999, as tp_parse() reads them,
 * with a day to spare for the time zone), and the longest duration.
 */
#define STATS_TIME_MIN (-30610310400LL)
#define STATS_TIME_MAX (253402387200LL)
#define STATS_DURATION_MAX (STATS_TIME_MAX - STATS_TIME_MIN)

/*
 * Add one record of a state written by stats_emit() to S.  Returns 0, 1
 * when it is a ticket id S has seen already (counted twice), or -1 when
 * the record is not one stats_emit() writes: an unknown section or name,
 * a number that is not one, a time or duration outside the range above,
 * or a count above the rows the states so far say they read.
 */
int stats_absorb(struct stats *s, const char *section, const char *key,
    size_t klen, const char *name, const char *value, const char *count);

/* --- words and figures --------------------------------------------------- */

/* What an outcome cell S[0..N) says. */
enum stats_outcome stats_parse_outcome(const char *s, size_t n);

/* A reopened cell: 1 yes (是, y, yes, true, a count > 0), 0 no, -1 unknown. */
int stats_parse_flag(const char *s, size_t n);

/*
 * Non-zero when category S[0..N) is a quality complaint for the product
 * alert: quality, 质量, 瑕疵, 次品, or a return or exchange (退货, 换货),
 * which 004 reads as a quality signal when it repeats.
 */
int stats_is_quality(const char *s, size_t n);

/*
 * The period label of instant T ("2026-11-23", "2026-W48" (ISO 8601 week),
 * "2026-11") into BUF (at least 16 bytes); returns BUF.
 */
char *stats_period_label(enum stats_period p, long long t, char *buf);

/* "day", "week", "month", or "" for STATS_NOPERIOD. */
const char *stats_period_name(enum stats_period p);

/* The label of the period before LABEL into BUF (16 bytes); NULL if LABEL is not one. */
char *stats_period_prev(enum stats_period p, const char *label, char *buf);

/* The label of the period after LABEL into BUF (16 bytes); NULL if LABEL is not one. */
char *stats_period_next(enum stats_period p, const char *label, char *buf);

/* Seconds as hours with two decimals, rounded half up ("1.50"); returns BUF (32). */
char *stats_fmt_hours(long long sec, char *buf);

/* Seconds as days with two decimals, rounded half up ("128.26"); returns BUF (32). */
char *stats_fmt_days(long long sec, char *buf);

/*
 * SUM / N seconds as hours with two decimals, rounded half away from zero,
 * computed exactly; returns BUF (32).
 */
char *stats_fmt_mean_hours(stats_sum sum, long long n, char *buf);

/* NUM / DEN as a percentage with one decimal, rounded half up ("66.7"); "" when DEN is 0. */
char *stats_fmt_pct(unsigned long long num, unsigned long long den, char *buf);

#endif
