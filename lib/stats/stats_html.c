#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/diag.h"
#include "io/lang.h"
#include "stats/stats.h"
#include "stats/stats_html.h"
#include "stats/stats_report.h"
#include "stats/stats_text.h"
#include "io/timeparse.h"

/*
 * Layout is in whole pixels with integer arithmetic, so that a page is
 * the same bytes on every machine (the golden tests compare them).
 */
#define CHART_W 640		/* width of every chart */
#define ROW_H 24		/* one row of a bar chart */
#define BAR_H 14		/* a bar's thickness */
#define FONT_PX 12		/* chart text size */
#define LABEL_MAX 26		/* display columns of a label before "…" */
#define TREND_MAX 400		/* periods a trend fills gaps up to */

/* Chart colours, chosen to stay apart in grey too. */
#define C_BAR "#3b6fb6"		/* tickets, medians */
#define C_LIGHT "#a9c1e6"	/* p90 behind the median */
#define C_LATE "#d9822b"	/* resolved after the target */
#define C_TARGET "#c0392b"	/* the target line */
#define C_MANUAL "#3c9d4e"	/* the manual's reference figures */
#define C_AXIS "#8a94a3"	/* axes and grid */
#define C_TEXT "#1f2933"	/* text */
#define C_MUTED "#5f6b7a"	/* secondary text */

static const char font_stack[] = "-apple-system, 'PingFang SC', "
    "'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', "
    "'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

static const char css[] =
"body{margin:0;padding:16px;background:#f4f6f9;color:" C_TEXT ";"
"font-size:14px;line-height:1.45}\n"
".page{max-width:720px;margin:0 auto;background:#fff;padding:20px 24px;"
"border:1px solid #dde3ea;border-radius:6px}\n"
"h1{font-size:22px;margin:0 0 4px}\n"
"h2{font-size:17px;margin:28px 0 8px;padding-top:12px;"
"border-top:1px solid #e4e8ee}\n"
"p{margin:4px 0}\n"
".meta{color:" C_MUTED "}\n"
".note{color:" C_MUTED ";font-size:13px}\n"
"table{border-collapse:collapse;margin:8px 0;font-size:13px}\n"
"th,td{padding:3px 8px;border-bottom:1px solid #e4e8ee;"
"vertical-align:top}\n"
"th{background:#f3f5f8;font-weight:600;text-align:left}\n"
"th.n,td.n{text-align:right;white-space:nowrap;"
"font-variant-numeric:tabular-nums}\n"
"td.k{white-space:nowrap}\n"
"th.g{text-align:center;border-bottom:0}\n"
"table.kpi td{border:0;padding:6px 18px 6px 0}\n"
".big{font-size:24px;font-weight:600;display:block}\n"
"svg{display:block;max-width:100%;height:auto;margin:6px 0}\n";

/* What one page is written with. */
struct page {
	const struct stats_view *v;	/* the figures */
	const struct lang *l;		/* translations, or NULL */
	FILE *fp;			/* the page */
};

/* One value of a --by field (or one period) over all groups. */
struct margin {
	struct strmap names;	/* the values, in order of first sight */
	struct stats_group *g;	/* per value: the groups' sums */
	size_t cap;		/* size of g */
	size_t *order;		/* display order of the values */
};

/* --- writing ------------------------------------------------------------- */

static const char *
tr(const struct page *p, const char *en)
{
	return lang_text(p->l, en);
}

/* S[0..N) with the characters HTML reserves escaped. */
static void
esc_n(const struct page *p, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': fputs("&amp;", p->fp); break;
		case '<': fputs("&lt;", p->fp); break;
		case '>': fputs("&gt;", p->fp); break;
		case '"': fputs("&quot;", p->fp); break;
		case '\'': fputs("&#39;", p->fp); break;
		default: putc(s[i], p->fp);
		}
}

static void
esc(const struct page *p, const char *s)
{
	esc_n(p, s, strlen(s));
}

/* printf FMT into a buffer, then write it escaped. */
static void
escf(const struct page *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
escf(const struct page *p, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	esc(p, buf);
}

/* <h2> with TEXT. */
static void
heading(const struct page *p, const char *text)
{
	fputs("<h2>", p->fp);
	esc(p, text);
	fputs("</h2>\n", p->fp);
}

/* A table's header row: N names, the first left-aligned, the others numbers. */
static void
table_head(const struct page *p, const char *const *names, size_t n,
    size_t nleft)
{
	size_t i;

	fputs("<table cellpadding=\"4\" cellspacing=\"0\"><tr>", p->fp);
	for (i = 0; i < n; i++) {
		fputs(i < nleft ? "<th align=\"left\">" :
		    "<th class=\"n\" align=\"right\">", p->fp);
		esc(p, names[i]);
		fputs("</th>", p->fp);
	}
	fputs("</tr>\n", p->fp);
}

/* A text cell, and a number cell (right-aligned). */
static void
td(const struct page *p, const char *s)
{
	fputs("<td>", p->fp);
	esc(p, s);
	fputs("</td>", p->fp);
}

/* A key cell that does not wrap ("店铺名:小美" stays on one line). */
static void
td_k(const struct page *p, const char *s)
{
	fputs("<td class=\"k\">", p->fp);
	esc(p, s);
	fputs("</td>", p->fp);
}

static void
td_n(const struct page *p, const char *s)
{
	fputs("<td class=\"n\" align=\"right\">", p->fp);
	esc(p, s);
	fputs("</td>", p->fp);
}

static void
td_u(const struct page *p, unsigned long long v)
{
	char b[32];

	snprintf(b, sizeof b, "%llu", v);
	td_n(p, b);
}

/* --- SVG ----------------------------------------------------------------- */

/* Estimated width in pixels of S in chart text (CJK counts double). */
static int
text_px(const char *s)
{
	return (int)text_width(s) * 13 / 2;
}

/*
 * S cut to LABEL_MAX display columns with "…" into BUF (CAP bytes), on a
 * character boundary.
 */
static const char *
short_label(const char *s, char *buf, size_t cap)
{
	size_t w = 0, i = 0, k, n = strlen(s);
	uint32_t c;

	if (text_width(s) <= LABEL_MAX)
		return s;
	while (i < n) {
		k = (size_t)utf8_decode((const unsigned char *)s + i, n - i, &c,
		    NULL);
		w += (size_t)text_cp_width(c);
		if (w > LABEL_MAX - 1 || i + k + 4 > cap)
			break;
		i += k;
	}
	memcpy(buf, s, i);
	memcpy(buf + i, "\xE2\x80\xA6", 4);	/* … */
	return buf;
}

static void
svg_open(const struct page *p, int w, int h, const char *title)
{
	fprintf(p->fp, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" font-family=\"%s\" font-size=\"%d\" fill=\"%s\">"
	    "<title>", w, h, w, h, font_stack, FONT_PX, C_TEXT);
	esc(p, title);
	fputs("</title>\n", p->fp);
}

static void
svg_close(const struct page *p)
{
	fputs("</svg>\n", p->fp);
}

/* Text S at X, Y; ANCHOR start, middle or end; FILL NULL for the default. */
static void
svg_text(const struct page *p, int x, int y, const char *anchor,
    const char *fill, const char *s)
{
	fprintf(p->fp, "<text x=\"%d\" y=\"%d\"", x, y);
	if (strcmp(anchor, "start") != 0)
		fprintf(p->fp, " text-anchor=\"%s\"", anchor);
	if (fill != NULL)
		fprintf(p->fp, " fill=\"%s\"", fill);
	fputs(">", p->fp);
	esc(p, s);
	fputs("</text>\n", p->fp);
}

/* An axis label S at X, Y: a scale, not a figure of the data. */
static void
svg_axis(const struct page *p, int x, int y, const char *anchor,
    const char *s)
{
	fprintf(p->fp, "<text class=\"axis\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"%s\" fill=\"%s\">", x, y, anchor, C_MUTED);
	esc(p, s);
	fputs("</text>\n", p->fp);
}

static void
svg_rect(const struct page *p, int x, int y, int w, int h, const char *fill)
{
	fprintf(p->fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"%s\"/>\n", x, y, w, h, fill);
}

static void
svg_line(const struct page *p, int x1, int y1, int x2, int y2,
    const char *stroke, int dashed)
{
	fprintf(p->fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"%s\" stroke-width=\"%d\"%s/>\n", x1, y1, x2, y2, stroke,
	    dashed ? 2 : 1, dashed ? " stroke-dasharray=\"5 4\"" : "");
}

/* A small legend square of FILL and LABEL at X, Y; returns the next X. */
static int
svg_key(const struct page *p, int x, int y, const char *fill,
    const char *label)
{
	svg_rect(p, x, y - 10, 12, 12, fill);
	svg_text(p, x + 17, y, "start", C_MUTED, label);
	return x + 17 + text_px(label) + 18;
}

/* V scaled from [0, MAX] to [0, PX] pixels, at least 1 when V > 0. */
static int
scale(unsigned long long v, unsigned long long max, int px)
{
	unsigned long long w;

	if (max == 0 || v == 0)
		return 0;
	w = (v * (unsigned long long)px * 2 + max) / (max * 2);
	return w == 0 ? 1 : (int)w;
}

/* Width of the label column for labels NAMES[0..N). */
static int
label_col(char **names, size_t n)
{
	char buf[128];
	int w = 40;
	size_t i;

	for (i = 0; i < n; i++) {
		int x = text_px(short_label(names[i], buf, sizeof buf));

		if (x > w)
			w = x;
	}
	return w + 12 > 220 ? 220 : w + 12;
}

/* --- marginals --------------------------------------------------------- */

/* Field F of group key KEY[0..LEN) into *N. */
static const char *
key_field(const char *key, size_t len, size_t f, size_t *n)
{
	while (f-- > 0) {
		const char *e = memchr(key, STATS_KEY_SEP, len);

		if (e == NULL) {
			*n = 0;
			return key + len;
		}
		len -= (size_t)(e - key) + 1;
		key = e + 1;
	}
	{
		const char *e = memchr(key, STATS_KEY_SEP, len);

		*n = e ? (size_t)(e - key) : len;
	}
	return key;
}

static void
store_absorb(struct stats_store *d, const struct stats_store *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		store_add(d, store_at(s, i));
}

/* Add group S's counters and values to D. */
static void
group_absorb(struct stats_group *d, const struct stats_group *s)
{
	d->tickets += s->tickets;
	d->timed += s->timed;
	d->resolved += s->resolved;
	d->closed_unres += s->closed_unres;
	d->reopen_known += s->reopen_known;
	d->reopened += s->reopened;
	d->fcr_known += s->fcr_known;
	d->fcr += s->fcr;
	store_absorb(&d->reply, &s->reply);
	store_absorb(&d->res, &s->res);
	store_absorb(&d->open, &s->open);
	store_absorb(&d->noreply, &s->noreply);
}

/* Display order of a margin: most tickets first, then by name. */
static int
cmp_margin(const void *a, const void *b, void *vctx)
{
	const struct margin *m = vctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	unsigned long long it = m->g[i].tickets, jt = m->g[j].tickets;
	size_t il = m->names.klen[i], jl = m->names.klen[j];
	int r;

	if (it != jt)
		return it > jt ? -1 : 1;
	r = memcmp(m->names.key[i], m->names.key[j], il < jl ? il : jl);
	return r != 0 ? r : (il > jl) - (il < jl);
}

/* Periods in time order: their labels sort so. */
static int
cmp_label(const void *a, const void *b, void *vctx)
{
	const struct margin *m = vctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return strcmp(m->names.key[i], m->names.key[j]);
}

/* The sums of V's groups per value of key field F; BYTIME orders by label. */
static void
margin_make(const struct stats_view *v, size_t f, int bytime,
    struct margin *m)
{
	size_t n = stats_ngroups(v->st), i;

	memset(m, 0, sizeof *m);
	strmap_init(&m->names);
	for (i = 0; i < n; i++) {
		size_t klen, flen, k;
		const char *key = stats_group_key(v->st, i, &klen);
		const char *fv = key_field(key, klen, f, &flen);
		int isnew = 0;

		k = strmap_put(&m->names, fv, flen, &isnew);
		xgrow_zero(&m->g, &m->cap, k + 1, sizeof *m->g);
		group_absorb(&m->g[k], stats_group_at(v->st, i));
	}
	m->order = xmalloc((m->names.n + 1) * sizeof *m->order);
	for (i = 0; i < m->names.n; i++)
		m->order[i] = i;
	qsort_r(m->order, m->names.n, sizeof *m->order,
	    bytime ? cmp_label : cmp_margin, m);
}

static void
margin_free(struct margin *m)
{
	size_t i;

	for (i = 0; i < m->names.n; i++) {
		store_free(&m->g[i].reply);
		store_free(&m->g[i].res);
		store_free(&m->g[i].open);
		store_free(&m->g[i].noreply);
	}
	free(m->g);
	free(m->order);
	strmap_free(&m->names);
}

/* The display name of value I of M into BUF ("(empty)" for ""). */
static const char *
margin_name(const struct page *p, const struct margin *m, size_t i,
    char *buf, size_t cap)
{
	size_t n = m->names.klen[i];

	if (n == 0)
		return tr(p, "(empty)");
	snprintf(buf, cap, "%.*s", (int)n, m->names.key[i]);
	return buf;
}

/* --- sections ------------------------------------------------------------ */

static void
page_head(const struct page *p)
{
	const struct stats_view *v = p->v;
	char a[32], b[32];

	fprintf(p->fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    lang_tag(p->l));
	esc(p, tr(p, "cs-stats report"));
	if (v->st->has_earliest) {
		fputs(" ", p->fp);
		escf(p, tr(p, "Log covers: %s .. %s"),
		    tp_format_date(tp_local_day(v->st->earliest), a),
		    tp_format_date(tp_local_day(v->st->latest), b));
	}
	fprintf(p->fp, "</title>\n<style>\n%s</style>\n</head>\n"
	    "<body style=\"font-family: %s\">\n<div class=\"page\">\n",
	    css, font_stack);
}

static void
page_intro(const struct page *p)
{
	const struct stats_view *v = p->v;
	struct stats_group *g = &v->st->all;
	char a[32], b[32];

	fputs("<h1>", p->fp);
	esc(p, tr(p, "cs-stats report"));
	fputs("</h1>\n<p class=\"meta\">", p->fp);
	escf(p, tr(p, "Tickets: %llu (rows read %llu, rejected %llu)"),
	    g->tickets, v->st->read, v->st->rejected);
	if (v->st->has_earliest) {
		fputs("<br>\n", p->fp);
		escf(p, tr(p, "Log covers: %s .. %s"),
		    tp_format_date(tp_local_day(v->st->earliest), a),
		    tp_format_date(tp_local_day(v->st->latest), b));
	}
	if (g->timed > 0) {
		char at[256];

		fputs("<br>\n", p->fp);
		esc(p, stats_figures_at(v, at, sizeof at));
	}
	fputs("</p>\n", p->fp);
}

/* One key figure: a big VALUE over its LABEL. */
static void
kpi(const struct page *p, const char *value, const char *label)
{
	fputs("<td><span class=\"big\">", p->fp);
	esc(p, value);
	fputs("</span>", p->fp);
	esc(p, label);
	fputs("</td>\n", p->fp);
}

static void
key_figures(const struct page *p)
{
	const struct stats_view *v = p->v;
	struct stats_group *g = &v->st->all;
	struct stats_sla s;
	struct stats_store ages;
	char b[32], h[32], label[128];

	stats_sla_of(v, g, &s);
	fputs("<table class=\"kpi\" cellpadding=\"6\" cellspacing=\"0\"><tr>\n",
	    p->fp);
	snprintf(b, sizeof b, "%llu", g->tickets);
	kpi(p, b, tr(p, "tickets"));
	if (g->timed > 0 && v->st->close_col) {
		snprintf(label, sizeof label,
		    tr(p, "resolved within %s h"),
		    stats_hours_label(v->sla_res, h));
		kpi(p, stats_pct_text(s.res_ok, s.res_den, b), label);
	}
	if (g->timed > 0 && v->st->reply_col) {
		snprintf(label, sizeof label,
		    tr(p, "answered within %s h"),
		    stats_hours_label(v->sla_reply, h));
		kpi(p, stats_pct_text(s.rep_ok, s.rep_den, b), label);
	}
	if (g->timed > 0 && v->st->close_col) {
		kpi(p, g->res.n ? stats_fmt_hours(store_pct(&g->res, 50), b) :
		    "-", tr(p, "median resolution, hours"));
		stats_open_ages(v, g, &ages);
		snprintf(b, sizeof b, "%zu", ages.n);
		store_free(&ages);
		kpi(p, b, tr(p, "open backlog"));
	}
	fputs("</tr></table>\n", p->fp);
}

/* --- tickets per period --------------------------------------------------- */

/* The periods from M's first to its last, gaps filled; returns how many. */
static size_t
trend_labels(const struct page *p, const struct margin *m, char (**out)[16])
{
	size_t n = m->names.n, k = 0, i;
	char (*lab)[16] = xcalloc(TREND_MAX + 1, sizeof *lab);
	char prev[16];

	*out = lab;
	if (n == 0)
		return 0;
	snprintf(lab[0], 16, "%s", m->names.key[m->order[n - 1]]);
	k = 1;
	/* Walk back from the last period to the first. */
	while (k < TREND_MAX && strcmp(lab[k - 1],
	    m->names.key[m->order[0]]) > 0 &&
	    stats_period_prev(p->v->period, lab[k - 1], prev) != NULL) {
		memcpy(lab[k], prev, 16);
		k++;
	}
	if (strcmp(lab[k - 1], m->names.key[m->order[0]]) != 0) {
		/* Too many to fill: the periods that have tickets. */
		for (i = 0; i < n; i++)
			snprintf(lab[i], 16, "%s", m->names.key[m->order[n - 1 - i]]);
		k = n < TREND_MAX ? n : TREND_MAX;
	}
	for (i = 0; i < k / 2; i++) {
		char t[16];

		memcpy(t, lab[i], 16);
		memcpy(lab[i], lab[k - 1 - i], 16);
		memcpy(lab[k - 1 - i], t, 16);
	}
	return k;
}

static unsigned long long
tickets_of(const struct margin *m, const char *label)
{
	long k = strmap_get(&m->names, label, strlen(label));

	return k < 0 ? 0 : m->g[k].tickets;
}

static void
trend_chart(const struct page *p, char (*lab)[16], size_t n,
    const unsigned long long *cnt, const char *title)
{
	const int left = 44, right = 12, top = 24, plot_h = 150;
	const int h = top + plot_h + 26;
	int plot_w = CHART_W - left - right, step, every, bw;
	unsigned long long max = 0;
	size_t i;
	char b[32];

	for (i = 0; i < n; i++)
		if (cnt[i] > max)
			max = cnt[i];
	step = n > 0 ? plot_w / (int)n : plot_w;
	if (step < 1)
		step = 1;
	bw = step * 7 / 10 > 0 ? step * 7 / 10 : 1;
	if (bw > 48)
		bw = 48;	/* a few periods: bars, not blocks */
	/* Label every EVERY-th period so that labels do not overlap. */
	every = (text_px(lab[0]) + 10 + step - 1) / step;
	if (every < 1)
		every = 1;
	svg_open(p, CHART_W, h, title);
	svg_line(p, left, top + plot_h, CHART_W - right, top + plot_h, C_AXIS, 0);
	snprintf(b, sizeof b, "%llu", max);
	svg_axis(p, left - 6, top + 4, "end", b);
	svg_line(p, left, top, CHART_W - right, top, "#e4e8ee", 0);
	svg_axis(p, left - 6, top + plot_h + 4, "end", "0");
	for (i = 0; i < n; i++) {
		int x = left + (int)i * step + (step - bw) / 2;
		int bh = scale(cnt[i], max, plot_h);

		fprintf(p->fp, "<g><title>%s: %llu</title>", lab[i], cnt[i]);
		svg_rect(p, x, top + plot_h - bh, bw, bh, C_BAR);
		fputs("</g>\n", p->fp);
		if (step >= 22 && cnt[i] > 0) {
			snprintf(b, sizeof b, "%llu", cnt[i]);
			svg_text(p, x + bw / 2, top + plot_h - bh - 4, "middle",
			    NULL, b);
		}
		if (i % (size_t)every == 0)
			svg_text(p, x + bw / 2, top + plot_h + 16, "middle",
			    C_MUTED, lab[i]);
	}
	svg_text(p, left, 12, "start", C_MUTED, tr(p, "tickets"));
	svg_close(p);
}

static void
section_trend(const struct page *p)
{
	const struct stats_view *v = p->v;
	static const char *const titles[] = { "", "Tickets per day",
	    "Tickets per week", "Tickets per month" };
	struct margin m;
	char (*lab)[16];
	unsigned long long *cnt;
	size_t n, i;
	const char *head[4];

	margin_make(v, 0, 1, &m);
	n = trend_labels(p, &m, &lab);
	cnt = xcalloc(n + 1, sizeof *cnt);
	for (i = 0; i < n; i++)
		cnt[i] = tickets_of(&m, lab[i]);
	heading(p, tr(p, titles[v->period]));
	if (n > 0)
		trend_chart(p, lab, n, cnt, tr(p, titles[v->period]));
	head[0] = tr(p, v->period == STATS_DAY ? "day" :
	    v->period == STATS_WEEK ? "week" : "month");
	head[1] = tr(p, "tickets");
	head[2] = tr(p, "previous");
	head[3] = tr(p, "change");
	table_head(p, head, v->compare ? 4 : 2, 1);
	for (i = 0; i < n; i++) {
		char c[48];

		fputs("<tr>", p->fp);
		td(p, lab[i]);
		td_u(p, cnt[i]);
		if (v->compare) {
			unsigned long long prev = 0;
			char pl[16];

			if (stats_period_prev(v->period, lab[i], pl) != NULL)
				prev = tickets_of(&m, pl);
			td_u(p, prev);
			td_n(p, stats_change_text(cnt[i], prev, c));
		}
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n", p->fp);
	free(cnt);
	free(lab);
	margin_free(&m);
}

/* --- per --by field -------------------------------------------------------- */

/* Horizontal bars of tickets per value of M. */
static void
tickets_chart(const struct page *p, const struct margin *m, const char *title)
{
	size_t n = m->names.n, i;
	unsigned long long max = 0, all = p->v->st->all.tickets;
	char **names = xcalloc(n + 1, sizeof *names);
	char (*buf)[256] = xcalloc(n + 1, sizeof *buf);
	char sb[128], v[64], pc[32];
	int lw, plot_w, h = 10 + (int)n * ROW_H + 6;

	for (i = 0; i < n; i++) {
		names[i] = (char *)(uintptr_t)margin_name(p, m, m->order[i],
		    buf[i], sizeof buf[i]);
		if (m->g[m->order[i]].tickets > max)
			max = m->g[m->order[i]].tickets;
	}
	lw = label_col(names, n);
	plot_w = CHART_W - lw - 110;
	svg_open(p, CHART_W, h, title);
	for (i = 0; i < n; i++) {
		const struct stats_group *g = &m->g[m->order[i]];
		int y = 10 + (int)i * ROW_H, bw = scale(g->tickets, max, plot_w);

		svg_text(p, lw - 8, y + 11, "end", NULL,
		    short_label(names[i], sb, sizeof sb));
		svg_rect(p, lw, y, bw, BAR_H, C_BAR);
		snprintf(v, sizeof v, "%llu (%s)", g->tickets,
		    stats_pct_text(g->tickets, all, pc));
		svg_text(p, lw + bw + 6, y + 11, "start", NULL, v);
	}
	svg_close(p);
	free(names);
	free(buf);
}

/* Median and p90 of ST in seconds; 0 when empty. */
static void
mid_p90(struct stats_store *st, long long *mid, long long *p90)
{
	*mid = st->n ? store_pct(st, 50) : 0;
	*p90 = st->n ? store_pct(st, 90) : 0;
}

/* One panel of the times chart: median over p90 bars of store WHICH. */
static void
times_panel(const struct page *p, const struct margin *m, int which,
    int x0, int w, const char *dark, const char *light)
{
	size_t n = m->names.n, i;
	long long max = 0, mid, p90;
	char a[32], b[32], t[80];

	for (i = 0; i < n; i++) {
		struct stats_group *g = &m->g[m->order[i]];

		mid_p90(which ? &g->res : &g->reply, &mid, &p90);
		if (p90 > max)
			max = p90;
	}
	svg_text(p, x0, 26, "start", C_MUTED,
	    tr(p, which ? "resolution" : "first reply"));
	for (i = 0; i < n; i++) {
		struct stats_group *g = &m->g[m->order[i]];
		struct stats_store *st = which ? &g->res : &g->reply;
		int y = 36 + (int)i * ROW_H, wm, wp;

		if (st->n == 0) {
			svg_text(p, x0, y + 11, "start", C_MUTED, "-");
			continue;
		}
		mid_p90(st, &mid, &p90);
		wp = scale((unsigned long long)p90, (unsigned long long)max, w - 90);
		wm = scale((unsigned long long)mid, (unsigned long long)max, w - 90);
		svg_rect(p, x0, y, wp, BAR_H, light);
		svg_rect(p, x0, y, wm, BAR_H, dark);
		snprintf(t, sizeof t, "%s / %s", stats_fmt_hours(mid, a),
		    stats_fmt_hours(p90, b));
		svg_text(p, x0 + wp + 5, y + 11, "start", NULL, t);
	}
}

/* First reply and resolution median and p90 per value of M. */
static void
times_chart(const struct page *p, const struct margin *m, const char *title)
{
	size_t n = m->names.n, i;
	char **names = xcalloc(n + 1, sizeof *names);
	char (*buf)[256] = xcalloc(n + 1, sizeof *buf);
	char sb[128];
	int lw, pw, h = 36 + (int)n * ROW_H + 6, x;
	int both = p->v->st->reply_col && p->v->st->close_col;

	for (i = 0; i < n; i++)
		names[i] = (char *)(uintptr_t)margin_name(p, m, m->order[i],
		    buf[i], sizeof buf[i]);
	lw = label_col(names, n);
	pw = both ? (CHART_W - lw) / 2 : CHART_W - lw;
	svg_open(p, CHART_W, h, title);
	x = svg_key(p, lw, 10, C_BAR, tr(p, "median"));
	x = svg_key(p, x, 10, C_LIGHT, tr(p, "p90"));
	svg_text(p, x, 10, "start", C_MUTED, tr(p, "hours: median / p90"));
	for (i = 0; i < n; i++)
		svg_text(p, lw - 8, 36 + (int)i * ROW_H + 11, "end", NULL,
		    short_label(names[i], sb, sizeof sb));
	x = lw;
	if (p->v->st->reply_col) {
		times_panel(p, m, 0, x, pw, C_BAR, C_LIGHT);
		x += pw;
	}
	if (p->v->st->close_col)
		times_panel(p, m, 1, x, pw, C_BAR, C_LIGHT);
	svg_close(p);
	free(names);
	free(buf);
}

/* Median or p90 of ST as a cell ("-" when empty). */
static void
td_pct_h(const struct page *p, struct stats_store *st, int pct, int show)
{
	char b[32];

	if (!show)
		return;
	td_n(p, st->n ? stats_fmt_hours(store_pct(st, pct), b) : "-");
}

static void
field_table(const struct page *p, const struct margin *m, const char *field)
{
	const struct stats_view *v = p->v;
	int rep = v->st->reply_col && v->st->all.timed > 0;
	int res = v->st->close_col && v->st->all.timed > 0;
	char hb[32], sla[96], b[256], pc[32];
	size_t i, k;

	/* Two header rows: median and p90 under their measure. */
	fputs("<table cellpadding=\"4\" cellspacing=\"0\"><tr>"
	    "<th rowspan=\"2\" align=\"left\">", p->fp);
	esc(p, field);
	fputs("</th><th rowspan=\"2\" class=\"n\" align=\"right\">", p->fp);
	esc(p, tr(p, "tickets"));
	fputs("</th><th rowspan=\"2\" class=\"n\" align=\"right\">", p->fp);
	esc(p, tr(p, "share"));
	fputs("</th>", p->fp);
	for (k = 0; k < 2; k++) {
		if (!(k == 0 ? rep : res))
			continue;
		fputs("<th colspan=\"2\" class=\"g\" align=\"center\">", p->fp);
		esc(p, tr(p, k == 0 ? "first reply, hours" :
		    "resolution, hours"));
		fputs("</th>", p->fp);
	}
	if (res) {
		snprintf(sla, sizeof sla, tr(p, "in %sh"),
		    stats_hours_label(v->sla_res, hb));
		fputs("<th rowspan=\"2\" class=\"n\" align=\"right\">", p->fp);
		esc(p, sla);
		fputs("</th>", p->fp);
	}
	fputs("</tr>\n<tr>", p->fp);
	for (k = 0; k < (size_t)(rep + res); k++) {
		fputs("<th class=\"n\" align=\"right\">", p->fp);
		esc(p, tr(p, "median"));
		fputs("</th><th class=\"n\" align=\"right\">", p->fp);
		esc(p, tr(p, "p90"));
		fputs("</th>", p->fp);
	}
	fputs("</tr>\n", p->fp);
	for (i = 0; i < m->names.n; i++) {
		struct stats_group *g = &m->g[m->order[i]];
		struct stats_sla s;

		stats_sla_of(v, g, &s);
		fputs("<tr>", p->fp);
		td_k(p, margin_name(p, m, m->order[i], b, sizeof b));
		td_u(p, g->tickets);
		td_n(p, stats_pct_text(g->tickets, v->st->all.tickets, pc));
		td_pct_h(p, &g->reply, 50, rep);
		td_pct_h(p, &g->reply, 90, rep);
		td_pct_h(p, &g->res, 50, res);
		td_pct_h(p, &g->res, 90, res);
		if (res)
			td_n(p, stats_pct_text(s.res_ok, s.res_den, pc));
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n", p->fp);
}

static void
section_field(const struct page *p, size_t f)
{
	const struct stats_view *v = p->v;
	const char *field = lang_header(p->l, v->by[f]);
	struct margin m;
	char title[256];

	margin_make(v, f + (v->period != STATS_NOPERIOD), 0, &m);
	snprintf(title, sizeof title, tr(p, "Tickets by %s"), field);
	heading(p, title);
	tickets_chart(p, &m, title);
	if (v->st->all.timed > 0 && (v->st->reply_col || v->st->close_col)) {
		snprintf(title, sizeof title,
		    tr(p, "First reply and resolution by %s: median and p90"),
		    field);
		fputs("<p><b>", p->fp);
		esc(p, title);
		fputs("</b></p>\n", p->fp);
		times_chart(p, &m, title);
	}
	field_table(p, &m, field);
	margin_free(&m);
}

/* --- times ------------------------------------------------------------------ */

static void
section_times(const struct page *p)
{
	const struct stats_view *v = p->v;
	static const char *const head[] = { "hours", "n", "mean", "median",
	    "p90", "max" };
	const char *h[6];
	struct stats_group *g = &v->st->all;
	struct stats_store *st[2] = { &g->reply, &g->res };
	const char *names[2] = { "first reply", "resolution" };
	char b[32];
	int k;

	heading(p, tr(p, "Reply and resolution time"));
	for (k = 0; k < 6; k++)
		h[k] = tr(p, head[k]);
	table_head(p, h, 6, 1);
	for (k = 0; k < 2; k++) {
		if (!(k == 0 ? v->st->reply_col : v->st->close_col))
			continue;
		fputs("<tr>", p->fp);
		td(p, tr(p, names[k]));
		td_u(p, st[k]->n);
		td_n(p, st[k]->n ? stats_fmt_mean_hours(store_sum(st[k]),
		    (long long)st[k]->n, b) : "-");
		td_pct_h(p, st[k], 50, 1);
		td_pct_h(p, st[k], 90, 1);
		td_pct_h(p, st[k], 100, 1);
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n<p class=\"note\">", p->fp);
	esc(p, tr(p, "(median and p90 by the nearest-rank method)"));
	fputs("</p>\n", p->fp);
}

/*
 * Where the target SEC falls on the histogram's axis of bins I * STEP
 * wide from X0: at a bin edge, or in proportion within its bin.
 */
static int
target_x(long long sec, int x0, int step)
{
	long long lo = 0, hi;
	int i;

	for (i = 0; i < STATS_NBINS - 1; i++) {
		hi = stats_bin_edge(i);
		if (sec <= hi)
			return x0 + i * step +
			    (int)((sec - lo) * step / (hi - lo));
		lo = hi;
	}
	return x0 + (STATS_NBINS - 1) * step + step / 2;
}

static void
histogram_chart(const struct page *p, const unsigned long long *cnt,
    unsigned long long total, const char *title)
{
	const struct stats_view *v = p->v;
	const int left = 44, right = 12, top = 34, plot_h = 150;
	const int h = top + plot_h + 46;
	int step = (CHART_W - left - right) / STATS_NBINS, bw = step * 7 / 10;
	unsigned long long max = 0;
	char b[64], pc[32], hb[32];
	int i, tx;

	for (i = 0; i < STATS_NBINS; i++)
		if (cnt[i] > max)
			max = cnt[i];
	svg_open(p, CHART_W, h, title);
	svg_line(p, left, top + plot_h, CHART_W - right, top + plot_h, C_AXIS, 0);
	for (i = 0; i < STATS_NBINS; i++) {
		int x = left + i * step + (step - bw) / 2;
		int bh = scale(cnt[i], max, plot_h);
		long long lo = i > 0 ? stats_bin_edge(i - 1) : 0;

		svg_rect(p, x, top + plot_h - bh, bw, bh,
		    lo >= v->sla_res ? C_LATE : C_BAR);
		snprintf(b, sizeof b, "%llu (%s)", cnt[i],
		    stats_pct_text(cnt[i], total, pc));
		svg_text(p, x + bw / 2, top + plot_h - bh - 5, "middle", NULL, b);
		svg_text(p, x + bw / 2, top + plot_h + 17, "middle", C_MUTED,
		    stats_bin_label(v, i));
	}
	tx = target_x(v->sla_res, left, step);
	svg_line(p, tx, top - 14, tx, top + plot_h, C_TARGET, 1);
	snprintf(b, sizeof b, tr(p, "%s h target"),
	    stats_hours_label(v->sla_res, hb));
	svg_text(p, tx + 5, top - 4, "start", C_TARGET, b);
	svg_text(p, left, 12, "start", C_MUTED, tr(p, "tickets"));
	svg_text(p, CHART_W - right, h - 8, "end", C_MUTED,
	    tr(p, "time to resolve"));
	svg_close(p);
}

static void
section_histogram(const struct page *p)
{
	const struct stats_view *v = p->v;
	struct stats_store *res = &v->st->all.res;
	unsigned long long cnt[STATS_NBINS];
	const char *head[3];
	char pc[32];
	int i;

	if (res->n == 0)
		return;
	stats_histogram(res, cnt);
	heading(p, tr(p, "Resolution time distribution"));
	histogram_chart(p, cnt, res->n, tr(p, "Resolution time distribution"));
	head[0] = tr(p, "time to resolve");
	head[1] = tr(p, "tickets");
	head[2] = tr(p, "share");
	table_head(p, head, 3, 1);
	for (i = 0; i < STATS_NBINS; i++) {
		fputs("<tr>", p->fp);
		td(p, stats_bin_label(v, i));
		td_u(p, cnt[i]);
		td_n(p, stats_pct_text(cnt[i], res->n, pc));
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n", p->fp);
}

/* --- service levels -------------------------------------------------------- */

static void
level_row(const struct page *p, const char *label, const char *value,
    const char *note)
{
	fputs("<tr>", p->fp);
	td(p, label);
	td_n(p, value);
	td(p, note != NULL ? note : "");
	fputs("</tr>\n", p->fp);
}

static void
section_levels(const struct page *p)
{
	const struct stats_view *v = p->v;
	struct stats_group *g = &v->st->all;
	struct stats_store ages;
	struct stats_sla s;
	char b[32], h[32], a1[64], a2[64], label[128], note[192];
	const char *head[3];

	stats_sla_of(v, g, &s);
	heading(p, tr(p, "Service levels"));
	head[0] = "";
	head[1] = "";
	head[2] = "";
	fputs("<table cellpadding=\"4\" cellspacing=\"0\">\n", p->fp);
	(void)head;
	if (v->st->close_col) {
		snprintf(label, sizeof label, tr(p, "resolved within %s h"),
		    stats_hours_label(v->sla_res, h));
		level_row(p, label, stats_pct_text(s.res_ok, s.res_den, b),
		    tr(p, "(000 第三条: solve every complaint within 8 h)"));
	}
	if (v->st->reply_col) {
		snprintf(label, sizeof label, tr(p, "answered within %s h"),
		    stats_hours_label(v->sla_reply, h));
		level_row(p, label, stats_pct_text(s.rep_ok, s.rep_den, b),
		    tr(p, "(001 §6.6: answer complaints within 24 h)"));
	}
	if (v->st->close_col) {
		stats_open_ages(v, g, &ages);
		snprintf(b, sizeof b, "%zu", ages.n);
		note[0] = '\0';
		if (ages.n > 0)
			snprintf(note, sizeof note,
			    tr(p, "median age %s, oldest %s"),
			    stats_age_text(v, store_pct(&ages, 50), a1),
			    stats_age_text(v, store_pct(&ages, 100), a2));
		level_row(p, tr(p, "open backlog"), b, note);
		store_free(&ages);
	}
	level_row(p, tr(p, "reopened"),
	    stats_pct_text(g->reopened, g->reopen_known, b), NULL);
	level_row(p, tr(p, "first-contact resolved"),
	    stats_pct_text(g->fcr, g->fcr_known, b),
	    stats_fcr_note(v, g, note, sizeof note));
	fputs("</table>\n", p->fp);
}

/* --- retention ---------------------------------------------------------------- */

static void
retention_chart(const struct page *p, const struct stats_keep *const *k,
    const char *const *names, const char *title)
{
	const int lw = label_col((char **)(uintptr_t)names, 5), top = 30;
	const int plot_w = CHART_W - lw - 210, h = top + 5 * ROW_H + 30;
	char b[128], m[64], pc[32];
	int i, x60 = lw + plot_w * 60 / 100, x90 = lw + plot_w * 90 / 100;
	int x95 = lw + plot_w * 95 / 100;

	svg_open(p, CHART_W, h, title);
	svg_key(p, lw, 12, C_MANUAL, tr(p, "manual (000 第六条)"));
	for (i = 0; i <= 100; i += 50) {
		int x = lw + plot_w * i / 100;

		svg_line(p, x, top - 4, x, top + 5 * ROW_H, "#e4e8ee", 0);
		snprintf(b, sizeof b, "%d%%", i);
		svg_axis(p, x, h - 8, "middle", b);
	}
	for (i = 0; i < 5; i++) {
		int y = top + i * ROW_H;
		int bw = k[i]->buyers ? scale(k[i]->kept, k[i]->buyers, plot_w)
		    : 0;

		svg_text(p, lw - 8, y + 11, "end", NULL, names[i]);
		svg_rect(p, lw, y, bw, BAR_H, i < 3 ? C_BAR : C_LIGHT);
		if (i == 0) {
			/* Resolved quickly: the manual's 90-95 % band. */
			fprintf(p->fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\" fill-opacity=\"0.35\" "
			    "stroke=\"%s\"/>\n", x90, y - 3, x95 - x90,
			    BAR_H + 6, C_MANUAL, C_MANUAL);
		} else if (i == 1) {
			svg_rect(p, x60 - 1, y - 3, 3, BAR_H + 6, C_MANUAL);
		}
		if (k[i]->buyers == 0)
			snprintf(b, sizeof b, "-");
		else
			snprintf(b, sizeof b, "%s (%llu/%llu)",
			    stats_pct_text(k[i]->kept, k[i]->buyers, pc),
			    k[i]->kept, k[i]->buyers);
		svg_text(p, lw + plot_w + 8, y + 11, "start", NULL, b);
		if (i < 2) {
			snprintf(m, sizeof m, tr(p, "manual %s"),
			    i == 0 ? "90-95%" : "60%");
			svg_text(p, lw + plot_w + 8 + text_px(b) + 10, y + 11,
			    "start", C_MANUAL, m);
		}
	}
	svg_close(p);
}

static void
section_retention(const struct page *p, const struct stats_retention *r)
{
	const struct stats_view *v = p->v;
	struct stats_ret_table rt;
	const char *tn[5], *th[5];
	char title[256], b[32];
	int i;

	stats_retention_table(r, &rt);
	snprintf(title, sizeof title,
	    tr(p, "Retention: ordered again within %ld days of the complaint"),
	    v->window);
	heading(p, title);
	for (i = 0; i < 5; i++) {
		tn[i] = tr(p, rt.names[i]);
		th[i] = rt.head[i][0] ? tr(p, rt.head[i]) : "";
	}
	retention_chart(p, rt.k, tn, title);
	table_head(p, th, 5, 1);
	for (i = 0; i < 5; i++) {
		fputs("<tr>", p->fp);
		td(p, tn[i]);
		td_u(p, rt.k[i]->buyers);
		td_u(p, rt.k[i]->kept);
		td_n(p, stats_pct_text(rt.k[i]->kept, rt.k[i]->buyers, b));
		td_n(p, rt.manual[i]);
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n<p class=\"note\">", p->fp);
	if (r->all.pending > 0) {
		escf(p, tr(p, "(%llu complainants too recent to judge)"),
		    r->all.pending);
		fputs("<br>\n", p->fp);
	}
	escf(p, tr(p, "manual (000 第六条): %d%% stay when the complaint is "
	    "resolved, %d-%d%% when resolved quickly"), 60, 90, 95);
	fputs("<br>\n", p->fp);
	escf(p, tr(p, "repeat buyers (回头客): %llu of %llu buyers (%s)"),
	    r->repeat, r->buyers, stats_pct_text(r->repeat, r->buyers, b));
	fputs("</p>\n", p->fp);
}

/* --- iceberg, alerts, groups ------------------------------------------------ */

static void
section_iceberg(const struct page *p)
{
	char line[512], note[256];

	stats_iceberg_text(p->v, line, sizeof line, note, sizeof note);
	fputs("<p>", p->fp);
	esc(p, line);
	if (note[0] != '\0') {
		fputs("<br>\n", p->fp);
		esc(p, note);
	}
	fputs("</p>\n", p->fp);
}

static void
section_alerts(const struct page *p)
{
	const struct stats_view *v = p->v;
	static const char *const head[] = { "product", "complaints", "from",
	    "to", "quality complaints in all" };
	struct stats_alert *a;
	size_t n = stats_find_alerts(v, &a), i;
	const char *h[5];
	char title[256], b[32];

	snprintf(title, sizeof title, tr(p, "Product alerts: %ld or more "
	    "quality complaints within %ld days (004: stop selling and check)"),
	    v->alert_n, v->alert_days);
	heading(p, title);
	if (n == 0) {
		fputs("<p>", p->fp);
		esc(p, tr(p, "none"));
		fputs("</p>\n", p->fp);
		free(a);
		return;
	}
	for (i = 0; i < 5; i++)
		h[i] = tr(p, head[i]);
	table_head(p, h, 5, 1);
	for (i = 0; i < n; i++) {
		fputs("<tr>", p->fp);
		fputs("<td>", p->fp);
		esc_n(p, v->st->products.key[a[i].product],
		    v->st->products.klen[a[i].product]);
		fputs("</td>", p->fp);
		td_u(p, a[i].n);
		td_n(p, a[i].timed ?
		    tp_format_date(tp_local_day(a[i].first), b) : "-");
		td_n(p, a[i].timed ?
		    tp_format_date(tp_local_day(a[i].last), b) : "-");
		td_u(p, a[i].total);
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n", p->fp);
	free(a);
}

/* The text report's groups table, for groups that cross fields. */
static void
section_groups(const struct page *p)
{
	const struct stats_view *v = p->v;
	struct stats_row *rows;
	size_t n = stats_rows(v, &rows), i, f, nkey;
	const char *head[16];
	char by[256], title[320], hb[32], sla[96], b[48];
	int res = v->st->close_col, same;
	const char *prev = "";
	size_t plen = 0;

	snprintf(title, sizeof title, tr(p, "By %s"),
	    stats_by_text(v, by, sizeof by));
	heading(p, title);
	snprintf(sla, sizeof sla, tr(p, "in %sh"),
	    stats_hours_label(v->sla_res, hb));
	f = 0;
	if (v->period != STATS_NOPERIOD)
		head[f++] = tr(p, stats_period_name(v->period));
	for (i = 0; i < v->nby && f < 10; i++)
		head[f++] = lang_header(p->l, v->by[i]);
	nkey = f;
	head[f++] = tr(p, "tickets");
	head[f++] = tr(p, "share");
	if (res) {
		head[f++] = tr(p, "median h");
		head[f++] = sla;
	}
	if (v->compare) {
		head[f++] = tr(p, "previous");
		head[f++] = tr(p, "change");
	}
	table_head(p, head, f, nkey);
	for (i = 0; i < n; i++) {
		struct stats_group empty;
		struct stats_group *g = stats_row_group(v, &rows[i], &empty);
		size_t klen = rows[i].klen, fl;
		const char *key = rows[i].key;
		struct stats_sla s;

		stats_sla_of(v, g, &s);
		fputs("<tr>", p->fp);
		/* A leading field the row above has too is left blank. */
		same = i > 0;
		for (f = 0; f < nkey; f++) {
			const char *fv = key_field(key, klen, f, &fl);
			size_t pl;
			const char *pv = key_field(prev, plen, f, &pl);

			same = same && f + 1 < nkey && pl == fl &&
			    memcmp(pv, fv, fl) == 0;
			fputs("<td class=\"k\">", p->fp);
			if (same)
				;
			else if (fl == 0)
				esc(p, tr(p, "(empty)"));
			else
				esc_n(p, fv, fl);
			fputs("</td>", p->fp);
		}
		prev = key;
		plen = klen;
		td_u(p, g->tickets);
		td_n(p, stats_pct_text(g->tickets, v->st->all.tickets, b));
		if (res) {
			td_n(p, g->res.n ?
			    stats_fmt_hours(store_pct(&g->res, 50), b) : "-");
			td_n(p, stats_pct_text(s.res_ok, s.res_den, b));
		}
		if (v->compare) {
			td_u(p, rows[i].prev);
			td_n(p, stats_change_text(g->tickets, rows[i].prev, b));
		}
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n", p->fp);
	stats_rows_free(rows, n);
}

/* What the page would show with more options. */
static void
section_more(const struct page *p, const struct stats_retention *r)
{
	const struct stats_view *v = p->v;
	char hint[512] = "";
	size_t i;
	int cat = 0, agent = 0;

	for (i = 0; i < v->nby; i++) {
		cat |= strcmp(v->by[i], "category") == 0;
		agent |= strcmp(v->by[i], "agent") == 0;
	}
	if (v->period == STATS_NOPERIOD)
		strcat(hint, " --period week");
	if (!cat && !agent)
		strcat(hint, " --by category,agent");
	else if (!cat)
		strcat(hint, " --by category");
	else if (!agent)
		strcat(hint, " --by agent");
	if (r == NULL)
		strcat(hint, " --orders FILE");
	if (hint[0] == '\0')
		return;
	fputs("<p class=\"note\">", p->fp);
	escf(p, tr(p, "More on this page with:%s"), hint);
	fputs("</p>\n", p->fp);
}

void
stats_write_html(const struct stats_view *v, const struct stats_retention *r)
{
	struct page p;
	struct stats_group *g = &v->st->all;
	int timed = g->timed > 0 && (v->st->reply_col || v->st->close_col);
	size_t f;

	p.v = v;
	p.l = v->lang;
	p.fp = v->fp;
	stats_fill_all(v->st);
	page_head(&p);
	page_intro(&p);
	key_figures(&p);
	section_iceberg(&p);
	if (v->period != STATS_NOPERIOD)
		section_trend(&p);
	for (f = 0; f < v->nby; f++)
		section_field(&p, f);
	if (timed) {
		section_times(&p);
		section_histogram(&p);
		section_levels(&p);
	}
	if (r != NULL)
		section_retention(&p, r);
	section_alerts(&p);
	if (v->nby + (v->period != STATS_NOPERIOD) > 1)
		section_groups(&p);
	section_more(&p, r);
	fputs("</div>\n</body>\n</html>\n", p.fp);
}
