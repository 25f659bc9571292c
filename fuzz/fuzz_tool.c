/*
 * One tool's whole per-record path, in process: the input is written to a
 * temporary file and the tool's main() (cmd/cs-TOOL.c compiled with
 * -Dmain=cs_tool_main, see fuzz/Makefile) runs on it with stdout on
 * /dev/null.  The first input byte picks one of a few option sets, so that
 * text mode, TSV, JSON, Excel, --strict, summaries and each tool's own
 * modes are all reached.  A status other than 0, 1 or 2 is a finding.
 */

#include <getopt.h>

#include "fuzz.h"

int cs_tool_main(int argc, char **argv);

#define V(...) { __VA_ARGS__, NULL }
#define NV 12
#define NA 8

#if TOOL_ID == 1
#define TOOL "cs-shipcost"
static const char *const variants[NV][NA] = {
	V(""), V("--weight", "1"), V("--explain"), V("-t"), V("--no-header"),
	V("-f", "json", "--weight", "2.5"), V("--excel"), V("--carrier", "顺丰"),
	V("-e", "gbk"), V("--strict"), V("-c", "address=2", "--weight", "1"),
	V("--replace", "--explain", "-f", "tsv")
};
#elif TOOL_ID == 2
#define TOOL "cs-eta"
static const char *const variants[NV][NA] = {
	V("--today", "2026-11-23"), V("--today", "2026-11-23", "--overdue"),
	V("--today", "2026-02-10", "--delay", "all=2"),
	V("--today", "2026-11-23", "-t"), V("--today", "2026-11-23", "--no-header"),
	V("--today", "2026-11-23", "-f", "json"),
	V("--today", "2026-11-23", "--excel"),
	V("--today", "2026-11-23", "--dispatch-every-day", "--cutoff", "09:30"),
	V("--today", "2026-11-23", "-e", "gbk"),
	V("--today", "2026-11-23", "--strict"),
	V("--today", "2026-11-23", "--carrier", "顺丰", "--dispatch", "2d"),
	V("--today", "2027-01-01", "--replace", "-f", "tsv")
};
#elif TOOL_ID == 3
#define TOOL "cs-reviewsort"
static const char *const variants[NV][NA] = {
	V(""), V("--all"), V("--text"), V("--summary"), V("--by", "宝贝标题"),
	V("-a", "-f", "json"), V("--excel", "-a"), V("--text", "--lang", "zh"),
	V("-e", "gbk"), V("--strict"), V("-t", "-a"), V("--no-header", "-a")
};
#elif TOOL_ID == 4
#define TOOL "cs-lint"
static const char *const variants[NV][NA] = {
	V(""), V("--chat"), V("--csv"), V("--chat", "--summary"), V("-f", "json"),
	V("--summary"), V("--chat", "-f", "csv"), V("--enable", "style"),
	V("-e", "gbk"), V("--chat", "--strict"), V("--chat", "-t"),
	V("--csv", "--excel", "-f", "tsv")
};
#elif TOOL_ID == 5
#define TOOL "cs-stats"
static const char *const variants[NV][NA] = {
	V(""), V("--report"), V("--partial"), V("--merge"), V("--by", "agent"),
	V("--period", "week", "--compare-previous"), V("--table", "alerts"),
	V("-f", "json", "--by", "category,product"), V("-e", "gbk"),
	V("--strict"), V("-t", "--period", "day"), V("--no-header", "--by", "2")
};
#else
#error "define TOOL_ID 1..5"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *const *v;
	char *argv[NA + 3];
	const char *path;
	int argc = 0, i, st;

	if (size < 1)
		return 0;
	v = variants[data[0] % NV];
	path = fz_tmpfile("in", data + 1, size - 1);
	/* Option arguments are writable in a real argv, and tools use that. */
	argv[argc++] = fz_strdup(TOOL);
	for (i = 0; v[i] != NULL; i++)
		if (v[i][0] != '\0')
			argv[argc++] = fz_strdup(v[i]);
	argv[argc++] = fz_strdup(path);
	argv[argc] = NULL;
	/* cli_main() closes stdout at the end: give each run a fresh one. */
	if ((stdout = fopen("/dev/null", "w")) == NULL)
		abort();
	optind = 0;
	st = cs_tool_main(argc, argv);
	FZ_ASSERT(st == 0 || st == 1 || st == 2);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	return 0;
}
