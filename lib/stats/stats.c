#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/cell.h"
#include "stats/stats.h"
#include "io/timeparse.h"

/* --- the aggregate ----------------------------------------------------------- */

void
stats_init(struct stats *s)
{
	memset(s, 0, sizeof *s);
}

static void
group_free(struct stats_group *g)
{
	store_free(&g->reply);
	store_free(&g->res);
	store_free(&g->open);
	store_free(&g->noreply);
}

void
stats_free(struct stats *s)
{
	size_t i;

	group_free(&s->all);
	for (i = 0; i < s->gmap.n; i++)
		group_free(&s->g[i]);
	for (i = 0; i < s->products.n; i++)
		store_free(&s->q[i]);
	free(s->g);
	idset_free(&s->idset);
	free(s->b);
	free(s->q);
	free(s->qn);
	strmap_free(&s->gmap);
	strmap_free(&s->buyers);
	free(s->bg);
	strmap_free(&s->products);
	memset(s, 0, sizeof *s);
}

void
stats_see_earliest(struct stats *s, long long t)
{
	if (!s->has_earliest || t < s->earliest) {
		s->earliest = t;
		s->has_earliest = 1;
	}
}

void
stats_see_latest(struct stats *s, int has, long long t)
{
	if (has && (!s->has_latest || t > s->latest)) {
		s->latest = t;
		s->has_latest = 1;
	}
}

/* Count T in G; its durations and times go to G's stores when STORES. */
static void
group_add(struct stats_group *g, const struct stats_ticket *t, int stores)
{
	int closed = t->has_resolved || t->outcome == STATS_OUT_RESOLVED;
	int solved = closed && t->outcome != STATS_OUT_UNRESOLVED;

	g->tickets++;
	if (t->has_opened)
		g->timed++;
	if (t->has_opened && stores) {
		if (!t->reply_col)
			;
		else if (t->has_reply)
			store_add(&g->reply, t->reply - t->opened);
		else if (t->has_resolved)
			store_add(&g->reply, t->resolved - t->opened);
		else
			store_add(&g->noreply, t->opened);
		if (!closed && t->close_col)
			store_add(&g->open, t->opened);
		if (solved && t->has_resolved)
			store_add(&g->res, t->resolved - t->opened);
	}
	if (solved)
		g->resolved++;
	else if (closed)
		g->closed_unres++;
	if (t->reopened >= 0) {
		g->reopen_known++;
		g->reopened += t->reopened > 0;
	}
	if (solved) {
		/*
		 * Resolved at first contact: one contact and not reopened.  A
		 * known failure of either decides; success needs every column
		 * the log has to be known.  A blank cell is unknown, never
		 * success.
		 */
		int fail = t->contacts > 1 || t->reopened > 0;
		int unknown = (t->contacts_col && t->contacts < 0) ||
		    (t->reopen_col && t->reopened < 0) ||
		    (!t->contacts_col && !t->reopen_col);

		if (fail || !unknown) {
			g->fcr_known++;
			g->fcr += !fail;
		}
	}
}

/* The complainant BUYER[0..N), created when new. */
static struct stats_buyer *
buyer_get(struct stats *s, const char *buyer, size_t n)
{
	int isnew;
	size_t i = strmap_put(&s->buyers, buyer, n, &isnew);

	xgrow_zero(&s->b, &s->bcap, i + 1, sizeof *s->b);
	return &s->b[i];
}

/* Non-zero when B had not complained in group GI; remembers that it has. */
static int
buyer_in_new_group(struct stats *s, struct stats_buyer *b, uint32_t gi)
{
	uint32_t k;

	if (b->g1 == 0) {
		b->g1 = gi + 1;
		return 1;
	}
	if (b->g1 == gi + 1)
		return 0;
	for (k = b->more; k != 0; k = s->bg[k - 1].next)
		if (s->bg[k - 1].g == gi)
			return 0;
	xgrow_zero(&s->bg, &s->bgcap, s->nbg + 1, sizeof *s->bg);
	s->bg[s->nbg].g = gi;
	s->bg[s->nbg].next = b->more;
	b->more = (uint32_t)++s->nbg;
	return 1;
}

void
stats_count_buyer(struct stats *s, size_t i, const char *buyer, size_t n)
{
	struct stats_buyer *b;
	int first;

	if (n == 0) {
		s->g[i].nobuyer++;
		s->all.nobuyer++;
		return;
	}
	b = buyer_get(s, buyer, n);
	first = b->g1 == 0;
	if (buyer_in_new_group(s, b, (uint32_t)i)) {
		s->g[i].buyers++;
		s->all.buyers += first;
	}
}

unsigned long long
stats_complainants(const struct stats_group *g)
{
	return g->buyers + g->nobuyer;
}

void
stats_add(
    struct stats *s, const char *key, size_t n, const struct stats_ticket *t)
{
	int isnew;
	size_t i = s->glast;

	/* Consecutive tickets often share a group: no hashing then. */
	if (i >= s->gmap.n || s->gmap.klen[i] != n ||
	    memcmp(s->gmap.key[i], key, n) != 0) {
		i = strmap_put(&s->gmap, key, n, &isnew);
		xgrow_zero(&s->g, &s->gcap, i + 1, sizeof *s->g);
		s->glast = i;
	}
	group_add(&s->g[i], t, 1);
	group_add(&s->all, t, 0);
	stats_count_buyer(s, i, t->buyer, t->buyer != NULL ? t->nbuyer : 0);
	s->reply_col |= t->reply_col != 0;
	s->close_col |= t->close_col != 0;
	if (t->has_opened)
		stats_see_earliest(s, t->opened);
	stats_see_latest(s, t->has_opened, t->opened);
	stats_see_latest(s, t->has_reply, t->reply);
	stats_see_latest(s, t->has_resolved, t->resolved);
}

const struct stats_seen *
stats_see_id(
    struct stats *s, const char *id, size_t n, const char *file, long line)
{
	return idset_see(&s->idset, id, n, file, line);
}

/* Non-zero when complaint (HAS_T, T, CLS) comes before B's. */
static int
buyer_earlier(const struct stats_buyer *b, int has_t, long long t, int cls)
{
	if (has_t != b->has_t)
		return has_t;
	if (has_t && t != b->t)
		return t < b->t;
	return cls < b->cls;
}

void
stats_add_buyer(struct stats *s, const char *name, size_t n, int has_t,
    long long t, int cls)
{
	struct stats_buyer *b = buyer_get(s, name, n);

	if (!b->seen || buyer_earlier(b, has_t, t, cls)) {
		b->has_t = has_t;
		b->t = has_t ? t : 0;
		b->cls = cls;
		b->seen = 1;
	}
}

void
stats_add_quality(struct stats *s, const char *product, size_t n, int has_t,
    long long t)
{
	int isnew;
	size_t i = strmap_put(&s->products, product, n, &isnew);
	size_t cap = s->qcap;

	xgrow_zero(&s->q, &cap, i + 1, sizeof *s->q);
	xgrow_zero(&s->qn, &s->qcap, i + 1, sizeof *s->qn);
	if (has_t)
		store_add(&s->q[i], t);
	else
		s->qn[i]++;
}

enum stats_class
stats_classify(const struct stats_ticket *t, long long quick)
{
	if (t->outcome == STATS_OUT_UNRESOLVED)
		return STATS_UNRESOLVED;
	if (!t->has_resolved)
		return t->outcome == STATS_OUT_RESOLVED ? STATS_RESOLVED :
		    STATS_UNRESOLVED;
	if (t->has_opened && t->resolved - t->opened <= quick)
		return STATS_QUICK;
	return STATS_RESOLVED;
}

void
stats_fill_all(struct stats *s)
{
	size_t i;

	if (s->all_filled)
		return;
	for (i = 0; i < s->gmap.n; i++) {
		store_append(&s->all.reply, &s->g[i].reply);
		store_append(&s->all.res, &s->g[i].res);
		store_append(&s->all.open, &s->g[i].open);
		store_append(&s->all.noreply, &s->g[i].noreply);
	}
	s->all_filled = 1;
}

size_t
stats_ngroups(const struct stats *s)
{
	return s->gmap.n;
}

const char *
stats_group_key(const struct stats *s, size_t i, size_t *len)
{
	*len = s->gmap.klen[i];
	return s->gmap.key[i];
}

struct stats_group *
stats_group_at(struct stats *s, size_t i)
{
	return i < s->gmap.n ? &s->g[i] : NULL;
}

struct stats_group *
stats_group_get(struct stats *s, const char *key, size_t n, size_t *index)
{
	int isnew;
	size_t i = strmap_put(&s->gmap, key, n, &isnew);

	xgrow_zero(&s->g, &s->gcap, i + 1, sizeof *s->g);
	if (index != NULL)
		*index = i;
	return &s->g[i];
}

struct stats_group *
stats_group_find(struct stats *s, const char *key, size_t n)
{
	long i = strmap_get(&s->gmap, key, n);

	return i < 0 ? NULL : &s->g[i];
}

/* --- words and figures --------------------------------------------------- */

/* Non-zero when S[0..N) contains one of the NULL-terminated WORDS. */
static int
has_word(const char *s, size_t n, const char *const *words)
{
	for (; *words != NULL; words++) {
		size_t k = strlen(*words), i;

		for (i = 0; i + k <= n; i++)
			if (memcmp(s + i, *words, k) == 0)
				return 1;
	}
	return 0;
}

/* ASCII-lowercase copy of S[0..N) into BUF (size CAP); returns its length. */
static size_t
lower(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i;

	if (n >= cap)
		n = cap - 1;
	for (i = 0; i < n; i++)
		buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	buf[n] = '\0';
	return n;
}

enum stats_outcome
stats_parse_outcome(const char *s, size_t n)
{
	static const char *const unres[] = { "未解决", "未处理", "处理中",
	    "待处理", "拒绝", "驳回", "失败", "未完结", "unresolved", "reject",
	    "fail", "pending", "open", NULL };
	static const char *const res[] = { "已解决", "解决", "完成", "完结",
	    "成功", "已处理", "resolved", "solved", "done", "closed", NULL };
	char buf[256];

	cell_value(&s, &n);
	n = lower(s, n, buf, sizeof buf);
	if (n == 0)
		return STATS_OUT_NONE;
	if (has_word(buf, n, unres))
		return STATS_OUT_UNRESOLVED;
	if (has_word(buf, n, res))
		return STATS_OUT_RESOLVED;
	return STATS_OUT_NONE;
}

int
stats_parse_flag(const char *s, size_t n)
{
	static const char *const yes[] = { "是", "y", "yes", "true", "重开",
		NULL };
	static const char *const no[] = { "否", "n", "no", "false", NULL };
	char buf[64];
	size_t i;
	int k;

	cell_value(&s, &n);
	n = lower(s, n, buf, sizeof buf);
	if (n == 0)
		return -1;
	for (i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		;
	if (i == n)
		return strspn(buf, "0") == n ? 0 : 1;
	for (k = 0; yes[k] != NULL; k++)
		if (strcmp(buf, yes[k]) == 0)
			return 1;
	for (k = 0; no[k] != NULL; k++)
		if (strcmp(buf, no[k]) == 0)
			return 0;
	return -1;
}

int
stats_is_quality(const char *s, size_t n)
{
	static const char *const words[] = { "quality", "质量", "瑕疵", "次品",
	    "做工", "退货", "换货", "退换", NULL };
	char buf[256];

	cell_value(&s, &n);
	n = lower(s, n, buf, sizeof buf);
	return has_word(buf, n, words);
}

/* The Monday of the ISO week holding DAYS, and that week's ISO year and number. */
static long
iso_week(long days, int *year, int *week)
{
	long monday = days - tp_weekday(days);
	long thursday = monday + 3;
	int y, m, d;

	tp_civil_from_days(thursday, &y, &m, &d);
	*year = y;
	*week = (int)((thursday - tp_days_from_civil(y, 1, 1)) / 7 + 1);
	return monday;
}

char *
stats_period_label(enum stats_period p, long long t, char *buf)
{
	long days = tp_local_day(t);
	int y, m, d, w;

	switch (p) {
	case STATS_DAY:
		tp_format_date(days, buf);
		break;
	case STATS_WEEK:
		iso_week(days, &y, &w);
		snprintf(buf, 16, "%04d-W%02d", y, w);
		break;
	case STATS_MONTH:
		tp_civil_from_days(days, &y, &m, &d);
		snprintf(buf, 16, "%04d-%02d", y, m);
		break;
	default:
		buf[0] = '\0';
		break;
	}
	return buf;
}

const char *
stats_period_name(enum stats_period p)
{
	static const char *const names[] = { "", "day", "week", "month" };

	return names[p];
}

/* The label DELTA (-1 or 1) periods from LABEL into BUF; NULL if not one. */
static char *
period_step(enum stats_period p, const char *label, int delta, char *buf)
{
	int y, m, d, w;
	long days;

	switch (p) {
	case STATS_DAY:
		if (sscanf(label, "%4d-%2d-%2d", &y, &m, &d) != 3)
			return NULL;
		tp_format_date(tp_days_from_civil(y, m, d) + delta, buf);
		return buf;
	case STATS_WEEK:
		if (sscanf(label, "%4d-W%2d", &y, &w) != 2 || y < 1 || y > 9999)
			return NULL;
		/* The Monday of week 1 is the Monday of the week holding 4 January. */
		days = tp_days_from_civil(y, 1, 4);
		days = days - tp_weekday(days) + (long)(w - 1) * 7 + 7L * delta;
		iso_week(days, &y, &w);
		snprintf(buf, 16, "%04d-W%02d", y, w);
		return buf;
	case STATS_MONTH:
		if (sscanf(label, "%4d-%2d", &y, &m) != 2 || y < 1 ||
		    y > 9999 || m < 1 || m > 12)
			return NULL;
		m += delta;
		if (m == 0) {
			m = 12;
			y--;
		} else if (m == 13) {
			m = 1;
			y++;
		}
		snprintf(buf, 16, "%04d-%02d", y, m);
		return buf;
	default:
		return NULL;
	}
}

char *
stats_period_prev(enum stats_period p, const char *label, char *buf)
{
	return period_step(p, label, -1, buf);
}

char *
stats_period_next(enum stats_period p, const char *label, char *buf)
{
	return period_step(p, label, 1, buf);
}

/* V / 100 with two decimals into BUF. */
static char *
fmt_centi(long long v, char *buf)
{
	const char *sign = v < 0 ? "-" : "";

	if (v < 0)
		v = -v;
	snprintf(buf, 32, "%s%lld.%02lld", sign, v / 100, v % 100);
	return buf;
}

/* Round NUM / DEN half away from zero (DEN > 0). */
static long long
div_round(long long num, long long den)
{
	if (num >= 0)
		return (num * 2 + den) / (den * 2);
	return -((-num * 2 + den) / (den * 2));
}

char *
stats_fmt_hours(long long sec, char *buf)
{
	return fmt_centi(div_round(sec * 100, 3600), buf);
}

char *
stats_fmt_days(long long sec, char *buf)
{
	return fmt_centi(div_round(sec * 100, 86400), buf);
}

char *
stats_fmt_mean_hours(stats_sum sum, long long n, char *buf)
{
	stats_sum num, den, c;
	unsigned long long v;
	const char *sign = sum < 0 ? "-" : "";

	if (n <= 0) {
		buf[0] = '\0';
		return buf;
	}
	/*
	 * Durations are under 2^39 s (years 1000 to 9999) and counts under
	 * 2^64: the sum stays under 2^103, and |sum| * 200 fits.
	 */
	num = (sum < 0 ? -sum : sum) * 200;
	den = (stats_sum)3600 * 2 * n;
	c = (num + den / 2) / den;	/* centi-hours, half away from zero */
	/* The mean is at most the largest value: c fits 64 bits. */
	v = (unsigned long long)c;
	snprintf(buf, 32, "%s%llu.%02llu", sign, v / 100, v % 100);
	return buf;
}

char *
stats_fmt_pct(unsigned long long num, unsigned long long den, char *buf)
{
	unsigned long long v;

	if (den == 0) {
		buf[0] = '\0';
		return buf;
	}
	v = (num * 2000 + den) / (den * 2);
	snprintf(buf, 32, "%llu.%llu", v / 10, v % 10);
	return buf;
}
