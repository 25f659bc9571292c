#include <stdio.h>
#include <string.h>

#include "io/diag.h"
#include "io/out.h"
#include "stats/partial.h"
#include "stats/stats_report.h"

/* Non-zero (after a message) when the state read last had no end record. */
static int
state_cut_short(struct partial_merge *m)
{
	if (!m->in_state || m->sealed)
		return 0;
	cs_warnx_at(m->file, m->line, "partial state ends without "
	    "its end record: cut short, not merged");
	return 1;
}

int
partial_merge_start(struct partial_merge *m, const struct run *run)
{
	if (state_cut_short(m))
		return CS_FATAL;
	if (run->hdr != NULL && run->nhdr == 5 &&
	    strncmp(run->hdr[0], PARTIAL_MAGIC_PREFIX,
	    strlen(PARTIAL_MAGIC_PREFIX)) == 0 &&
	    strcmp(run->hdr[0], PARTIAL_MAGIC) != 0) {
		cs_warnx_at(run->file, 0, "partial state of another version "
		    "('%s', this cs-stats reads '%s'): make it again with "
		    "--partial", run->hdr[0], PARTIAL_MAGIC);
		return CS_FATAL;
	}
	if (run->hdr == NULL || run->nhdr != 5 ||
	    strcmp(run->hdr[0], PARTIAL_MAGIC) != 0) {
		cs_warnx_at(run->file, 0, "not a cs-stats partial state "
		    "(write one with --partial)");
		return CS_FATAL;
	}
	return 0;
}

/*
 * The first record of each state begins its seal (the driver calls
 * start() for the first input only).  0, or -1 after a message when the
 * state before was cut short.
 */
static int
state_begin(struct partial_merge *m, const struct run *run)
{
	if (m->in_state && m->file == run->file)
		return 0;
	if (state_cut_short(m))
		return -1;
	stats_seal_init(&m->seal);
	m->sealed = 0;
	m->in_state = 1;
	m->file = run->file;
	return 0;
}

/* Where a state is written, and its seal. */
struct state_out {
	struct out o;		/* the writer */
	struct stats_seal seal;	/* the records written */
};

static void
emit_record(void *vctx, const char *sec, const char *key, size_t klen,
    const char *name, const char *value, const char *count)
{
	struct state_out *so = vctx;
	struct out *o = &so->o;

	stats_seal_add(&so->seal, sec, key, klen, name, value, count);
	out_str(o, sec);
	out_field(o, key, klen);
	out_str(o, name);
	out_str(o, value);
	out_str(o, count);
	out_end(o);
}

void
partial_write(struct stats *st, const struct partial_opts *opts, FILE *fp)
{
	static const char *const hdr[] = { PARTIAL_MAGIC, "key", "name",
		"value", "count" };
	struct state_out so;
	char v[32], h[17];

	out_init(&so.o, fp, OUT_CSV, 0);
	stats_seal_init(&so.seal);
	stats_out_header(&so.o, hdr, 5);
	emit_record(&so, "opt", "", 0, "by", opts->by, "");
	emit_record(
	    &so, "opt", "", 0, "period", stats_period_name(opts->period), "");
	snprintf(v, sizeof v, "%lld", opts->quick);
	emit_record(&so, "opt", "", 0, "quick", v, "");
	stats_emit(st, emit_record, &so);
	/* The end record: how many records came before it, and their checksum. */
	snprintf(v, sizeof v, "%llu", so.seal.n);
	out_str(&so.o, "end");
	out_str(&so.o, "");
	out_str(&so.o, v);
	out_str(&so.o, stats_seal_hex(&so.seal, h));
	out_str(&so.o, "");
	out_end(&so.o);
	out_free(&so.o);
}

static int
merge_opt(const struct partial_opts *opts, struct run *run, const char *name,
    const char *value)
{
	char v[32];
	const char *want;

	if (strcmp(name, "by") == 0)
		want = opts->by;
	else if (strcmp(name, "period") == 0)
		want = stats_period_name(opts->period);
	else if (strcmp(name, "quick") == 0) {
		snprintf(v, sizeof v, "%lld", opts->quick);
		want = v;
	} else
		return run_reject(
		    run, "unknown option '%s' in partial state", name);
	if (strcmp(value, want) == 0)
		return ROW_OUT;
	cs_warnx_at(run->file, run->line,
	    "partial state was made with --%s '%s', "
	    "not '%s': use the same --by, --period and --sla-resolve",
	    strcmp(name, "quick") == 0 ? "sla-resolve (seconds)" : name, value,
	    want);
	run->status = CS_FATAL;
	run->stop = 1;
	return ROW_REJECT;
}

/* A state that cannot be merged: MSG at FILE:LINE, and stop with status 2. */
static int
state_error(struct run *run, const char *msg)
{
	cs_warnx_at(run->file, run->line, "%s", msg);
	run->status = CS_FATAL;
	run->stop = 1;
	return ROW_REJECT;
}

int
partial_merge_row(struct partial_merge *m, struct stats *st,
    const struct partial_opts *opts, struct run *run, const struct record *r)
{
	char h[17], n[32];
	int rc;

	if (state_begin(m, run) != 0) {
		run->status = CS_FATAL;
		run->stop = 1;
		return ROW_REJECT;
	}
	m->line = run->line;
	if (m->sealed)
		return state_error(run, "a record after the end record");
	if (strcmp(r->f[0], "end") == 0) {
		snprintf(n, sizeof n, "%llu", m->seal.n);
		if (strcmp(r->f[2], n) != 0)
			return state_error(run, "the end record counts records "
			    "that are not there: cut short or altered");
		if (strcmp(r->f[3], stats_seal_hex(&m->seal, h)) != 0)
			return state_error(run, "the checksum does not match: "
			    "the state was altered");
		m->sealed = 1;
		m->nsealed++;
		return ROW_SKIP;
	}
	stats_seal_add(&m->seal, r->f[0], r->f[1], r->len[1], r->f[2], r->f[3],
	    r->f[4]);
	if (strcmp(r->f[0], "opt") == 0)
		return merge_opt(opts, run, r->f[2], r->f[3]);
	rc = stats_absorb(st, r->f[0], r->f[1], r->len[1], r->f[2], r->f[3],
	    r->f[4]);
	if (rc < 0)
		return state_error(run, "bad partial state record (not one "
		    "cs-stats writes, or a value out of range)");
	if (rc > 0)
		run_warn(run,
		    "duplicate ticket id '%s' in another partial state "
		    "(counted twice)",
		    r->f[1]);
	return ROW_OUT;
}

void
partial_merge_init(struct partial_merge *m)
{
	memset(m, 0, sizeof *m);
}

int
partial_merge_end(struct partial_merge *m, int nstates)
{
	if (state_cut_short(m))
		return CS_FATAL;
	if (m->nsealed < nstates) {
		cs_warnx("%d of the %d partial states hold no records, not even "
		    "their end record: cut short, not merged",
		    nstates - m->nsealed, nstates);
		return CS_FATAL;
	}
	return 0;
}
