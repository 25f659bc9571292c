#ifndef CS_CLI_H
#define CS_CLI_H

/*
 * The driver every row-wise tool runs on.
 *
 * A tool describes itself in a struct tool and calls cli_main() from
 * main().  The driver owns the options all tools share (-d -t --no-header
 * -e -c -f --excel --lang --strict --replace -h -V), reads every input file
 * through csvin, resolves the tool's columns, calls the tool per record,
 * writes the input fields followed by the tool's appended fields, prints
 * diagnostics at FILE:LINE, keeps the row accounting and returns the exit
 * status (0 all good, 1 rows rejected or warned about, 2 fatal, which a
 * --strict stop at a bad row is too).  A header it cannot use is followed by a
 * "hint:" line when the input looks like something else (csvin's
 * record.hint, TSV without -t, a title row above the header).
 *
 * The accounting: every line of the input is one of the --skip N lines
 * before the header, a header, part of a record
 * (written, filtered on purpose, or rejected with a diagnostic; a record
 * that cannot be read counts as every line it covers), or a blank line,
 * which is no record but is counted and reported in one line per input
 * ("N blank lines skipped").  A --strict stop reads the rest of the input
 * only to say which lines were not read.
 *
 * Rows are buffered (see out.h): a tool that also prints to stdout itself
 * calls out_flush(&run->out) first.
 *
 * --lang: the names of the columns a tool adds (run_add_column()) and of
 * its summary tables (run_header()), and the fixed values it sets in its
 * columns (run_set() of a word the table has for that column), are
 * translated here and nowhere else; input fields pass through unchanged.
 */

#include <getopt.h>
#include <stddef.h>

#include "io/cols.h"
#include "io/csvin.h"
#include "io/lang.h"
#include "io/out.h"

/* What a tool's row() returns. */
enum row_result {
	ROW_OUT,	/* write the row (or, in summary mode, it was counted) */
	ROW_SKIP,	/* filtered out on purpose (e.g. cs-eta --overdue) */
	ROW_REJECT	/* bad row, already reported with run_reject() */
};

/* Option codes 0x100-0x1ff are the driver's; tools use letters or >= 0x200. */
#define CLI_TOOL_OPT 0x200

struct run;

struct tool {
	const char *name;	/* "cs-shipcost": in messages and --version */
	const char *synopsis;	/* usage line after the name */
	const char *summary;	/* one line: what the tool does */
	const char *help;	/* the tool's own options, formatted for --help */
	const struct option *options; /* the tool's long options, {0}-terminated */
	const char *shortopts;	/* the tool's short options */
	const struct colspec *cols; /* the columns the tool reads */
	size_t ncols;		/* how many */
	int text_default;	/* input is text lines unless an option says CSV */
	/* Handle one of the tool's options; 0, or -1 after printing why. */
	int (*option)(void *ctx, struct run *run, int c, const char *arg);
	/* Called once options are parsed, before any input; 0 or CS_FATAL. */
	int (*init)(void *ctx, struct run *run);
	/* Called after each input's header (NULL header with --no-header). */
	int (*start)(void *ctx, struct run *run);
	/* One record: set appended values, return an enum row_result. */
	int (*row)(void *ctx, struct run *run, const struct record *r);
	/* After all input: print summaries; returns a status (0, 1 or 2). */
	int (*finish)(void *ctx, struct run *run);
	/*
	 * Further --format names the tool writes itself ("html"), or NULL:
	 * option() gets such a value with the code 'f'.
	 */
	const char *formats;
	/*
	 * The columns whose values the tool computes as numbers, by their
	 * English names, separated by spaces ("%s" matches any text, for
	 * names made with printf): json writes them as numbers (out_numbers()).
	 * Input fields the driver passes through are never numbers, whatever
	 * they are called.
	 */
	const char *numbers;
};

struct run_outcol {
	const char *name;	/* name written in the header */
	long replaces;		/* input field it replaces (--replace), or -1 */
	size_t off, len;	/* this row's value in run->vals */
	const char *plain;	/* or here, from run_set_plain() (NULL: in vals) */
	int set;		/* a value was set for this row */
	int number;		/* one of tool->numbers */
	struct lang_values fixed; /* --lang: its fixed values' translations */
};

struct run {
	const struct tool *tool; /* the tool being run */
	void *ctx;		/* the tool's context */
	/* Options every tool shares. */
	struct csvin_opts in;	/* delimiter, text mode, encoding */
	int no_header;		/* first line is data */
	long skip;		/* --skip: lines before the header */
	int strict;		/* stop at the first bad row */
	int replace;		/* overwrite input columns named like ours */
	enum out_format fmt;	/* output format */
	int fmt_given;		/* -f/--format was on the command line */
	int excel;		/* spreadsheet-safe output */
	struct lang *lang;	/* --lang table; NULL for English */
	struct col_override *ov; /* --column overrides */
	size_t nov;		/* how many */
	/* Set by tools. */
	int summary;		/* no per-row output: finish() prints */
	int any_header;		/* the input need hold none of tool->cols
				   (otherwise a header without any is fatal) */
	/* The input being read. */
	const char *file;	/* display name: "-" is "<stdin>" */
	long line;		/* line of the record being handled */
	long *col;		/* field index of tool->cols[i], or -1 */
	char **hdr;		/* header fields (NULL with --no-header) */
	size_t *hlen;		/* their lengths */
	size_t nhdr;		/* how many */
	int have_header;	/* the first header has been seen */
	int file_started;	/* this input's first record has been seen */
	/* Output. */
	struct out out;		/* the writer */
	struct run_outcol *oc;	/* appended columns */
	size_t noc;		/* how many */
	char *vals;		/* arena for this row's appended values */
	size_t valslen, valscap; /* its fill and size */
	/* Accounting. */
	unsigned long long nin;	/* records read (not headers) */
	unsigned long long nout; /* written or counted */
	unsigned long long nskip; /* filtered on purpose */
	unsigned long long nrej; /* rejected with a diagnostic */
	unsigned long long nwarn; /* written, with a diagnostic */
	unsigned long long nblank; /* blank lines skipped: no records */
	long lastend;		/* last line of this input's last record */
	long fblank;		/* this input's blank lines */
	long firstblank;	/* the first of them */
	int status;		/* worst status so far */
	int stop;		/* stop reading (strict, write error) */
	long stopped_at;	/* --strict stopped at this line (0: did not) */
	long stop_end;		/* the last line of the record it stopped at */
	char **first_hdr;	/* the first input's header, for comparison */
	size_t nfirst;		/* its width */
	size_t width;		/* fields per record expected */
	int raw_ok;		/* records may be written back as read */
	long title_line;	/* the header read was a title at this line:
				   looking for the real one (0: not) */
	char *numwords;		/* tool->numbers, split in place */
	const char **numpats;	/* those names and their translations */
};

/*
 * The one parser of a whole-number option value: ARG is a decimal
 * integer in [LO, HI] (nothing before or after it).  Returns 0 and sets
 * *V, or -1 (the caller says what it expected, naming the option).
 */
int cli_parse_long(const char *arg, long lo, long hi, long *v);

/* Parse options, run the tool over every input; returns the exit status. */
int cli_main(const struct tool *t, void *ctx, int argc, char **argv);

/*
 * In start() or init(): append a column named NAME (with --lang, NAME and
 * ALT as the table translates them).  When the input has a column of that
 * name already: with --replace its values are overwritten; otherwise ALT
 * (if not NULL and free) is used; otherwise it is a fatal error.  Returns
 * the column's slot for run_set(), or -1 (message printed).  Columns are
 * added once, for the first input.
 */
int run_add_column(struct run *run, const char *name, const char *alt);

/*
 * Write the header of a table the tool writes itself (a summary): NAMES
 * translated as run_add_column() does.
 */
void run_header(struct run *run, const char *const *names, size_t n);

/*
 * Set this row's value of SLOT to S[0..N); with --lang, a fixed value the
 * table translates for the column is written translated.
 */
void run_set(struct run *run, int slot, const char *s, size_t n);

/*
 * Set this row's value of SLOT to S[0..N), a value that stays valid until
 * the row is written (a constant of the tool's) and that out_plain() says
 * needs no quoting: it is neither copied nor checked again.
 */
void run_set_plain(struct run *run, int slot, const char *s, size_t n);

/* Set this row's value of SLOT from a string. */
void run_sets(struct run *run, int slot, const char *s);

/* Set this row's value of SLOT with printf formatting. */
void run_setf(struct run *run, int slot, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The value of the tool's column I (index into tool->cols) in R, with
 * *LEN set; NULL when the column is absent from the input.
 */
const char *run_field(const struct run *run, const struct record *r,
    size_t i, size_t *len);

/* Report a problem with the current row at FILE:LINE; the row is still written. */
void run_warn(struct run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Report the current row as rejected at FILE:LINE; returns ROW_REJECT. */
int run_reject(struct run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
