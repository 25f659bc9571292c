#ifndef CS_STATS_PARTIAL_H
#define CS_STATS_PARTIAL_H

/*
 * The file format of a cs-stats --partial state, around the records of
 * lib/stats/records.c: a CSV header whose first field is the format and
 * version (PARTIAL_MAGIC), three "opt" records (--by, --period and the
 * quick threshold the state was made with), the aggregate's records, and
 * an end record "end,,N,CHECKSUM," sealing the N records before it.
 *
 * --merge refuses (status 2, FILE:LINE) a state of another version, a
 * state made with other options, one cut short (no end record, or states
 * that hold nothing), one whose count or checksum does not match, a
 * record after the end, and a record out of range (stats_absorb()).
 */

#include <stdio.h>

#include "io/cli.h"
#include "stats/stats.h"

/*
 * The first field of a state's header: its format and version.  Version 2
 * ends with a record "end,,N,CHECKSUM," sealing the N records before it;
 * version 3 adds each group's buyers ("gb") and tickets without one.
 */
#define PARTIAL_MAGIC "cs-stats-partial-3"
#define PARTIAL_MAGIC_PREFIX "cs-stats-partial-"

/* The options a state is made with; merged states must agree. */
struct partial_opts {
	const char *by;		/* --by as given, "" for none */
	enum stats_period period; /* --period */
	long long quick;	/* --sla-resolve, seconds */
};

/* The states being merged, one after the other. */
struct partial_merge {
	struct stats_seal seal;	/* the current state's records so far */
	int sealed;		/* its end record was read */
	int in_state;		/* a state is being read */
	int nsealed;		/* states read to their end record */
	const char *file;	/* its display name (the driver's) */
	long line;		/* its last line read */
};

/* Write ST as a state made with OPTS to FP. */
void partial_write(struct stats *st, const struct partial_opts *opts,
    FILE *fp);

/* Prepare M for the first state. */
void partial_merge_init(struct partial_merge *m);

/*
 * Check the header of the input RUN is reading (the driver hands over the
 * first input's only): CS_FATAL after a message when it is not a state of
 * this version or the state before was cut short, else 0.
 */
int partial_merge_start(struct partial_merge *m, const struct run *run);

/*
 * Merge record R of the state RUN is reading into ST: ROW_OUT, ROW_SKIP
 * for the end record, or ROW_REJECT (a state error stops the run with
 * status 2; see above).
 */
int partial_merge_row(struct partial_merge *m, struct stats *st,
    const struct partial_opts *opts, struct run *run,
    const struct record *r);

/*
 * After the last input: CS_FATAL after a message when the last state was
 * cut short or fewer than NSTATES states were read to their end, else 0.
 */
int partial_merge_end(struct partial_merge *m, int nstates);

#endif
