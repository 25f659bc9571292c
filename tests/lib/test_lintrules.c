/*
 * Unit tests of lib/lintrules: the pattern language (alternatives,
 * optional parts, classes, gaps, anchors, escapes), exceptions and their
 * scopes, waivers, offsets, rule replacement, parse errors, and the
 * embedded rules' own test sentences.
 */

#include <stdlib.h>
#include <string.h>

#include "io/diag.h"
#include "io/embed.h"
#include "lint/lintrules.h"
#include "t.h"
#include "tcapture.h"

/* Build a rule set from TEXT; NULL when it does not parse. */
static struct lint_rules *
rules(const char *text)
{
	struct lint_rules *rs = lint_rules_new();

	if (rs == NULL)
		return NULL;
	if (lint_rules_parse(rs, "t.txt", text, strlen(text)) != 0 ||
	    lint_rules_build(rs, 1) != 0) {
		lint_rules_free(rs);
		return NULL;
	}
	return rs;
}

/* Hits of TEXT as "id@start-end;" (byte offsets) in BUF. */
static const char *
hits(struct lint_rules *rs, const char *text, char *buf, size_t cap)
{
	struct lint_scratch *sc = lint_scratch_new();
	const struct lint_hit *h;
	size_t n, i, k = 0;

	buf[0] = '\0';
	if (sc == NULL || lint_scan(rs, sc, text, strlen(text), &h, &n) != 0) {
		lint_scratch_free(sc);
		return "(error)";
	}
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, cap - k, "%s@%zu-%zu;",
		    lint_rules_get(rs, h[i].rule)->id, h[i].start, h[i].end);
	lint_scratch_free(sc);
	return buf;
}

static int
flagged(struct lint_rules *rs, const char *text)
{
	char buf[512];

	return hits(rs, text, buf, sizeof buf)[0] != '\0';
}

static void
test_patterns(void)
{
	struct lint_rules *rs = rules(
	    "rule a\nreason r\nphrase (我|小妹)(也)?不知道\n"
	    "rule b\nreason r\nphrase 让[您你]久等\n"
	    "rule c\nreason r\nphrase 是的~4但是\n"
	    "rule d\nreason r\nphrase <喂>\n"
	    "rule e\nreason r\nphrase 什么\\?\n");
	char buf[512];

	CHECK(rs != NULL);
	if (rs == NULL)
		return;
	CHECK_STR(hits(rs, "我不知道", buf, sizeof buf), "a@0-12;");
	CHECK_STR(hits(rs, "哦小妹也不知道", buf, sizeof buf), "a@3-21;");
	CHECK(flagged(rs, "让你久等了"));
	CHECK(flagged(rs, "讓您久等了"));	/* traditional */
	CHECK(!flagged(rs, "让他久等"));
	CHECK(flagged(rs, "是的呢 但是"));
	CHECK(flagged(rs, "是的，这个，但是"));	/* 4 characters between */
	CHECK(!flagged(rs, "是的，这个呢，但是"));	/* 5 */
	CHECK(!flagged(rs, "是的。但是"));	/* the gap does not cross 。 */
	CHECK(flagged(rs, "喂，在吗"));
	CHECK(flagged(rs, "喂"));
	CHECK(!flagged(rs, "喂奶"));
	CHECK(!flagged(rs, "你喂"));
	CHECK(flagged(rs, "什么？"));	/* full-width ? normalised */
	CHECK(!flagged(rs, "什么呢"));
	CHECK(!flagged(rs, ""));
	lint_rules_free(rs);
}

static void
test_unless(void)
{
	struct lint_rules *rs = rules(
	    "rule a\nreason r\nphrase 不知道\n"
	    "unless after 您|亲\nunless before:2 可能\nunless line 抱歉\n"
	    "rule b\nreason r\nphrase 没办法\nunless after (的|了)?>\n"
	    "rule c\nreason r\nphrase 没货\nunless clause 预计\n"
	    "unless sentence 由于\n");

	CHECK(rs != NULL);
	if (rs == NULL)
		return;
	CHECK(flagged(rs, "不知道呢"));
	CHECK(!flagged(rs, "不知道亲喜欢哪个"));
	CHECK(!flagged(rs, "可能不知道"));
	CHECK(!flagged(rs, "可能他不知道"));	/* within 2 characters */
	CHECK(flagged(rs, "可能他们都不知道"));	/* farther */
	CHECK(!flagged(rs, "抱歉，我们这边不知道"));
	CHECK(!flagged(rs, "我也没办法的"));
	CHECK(!flagged(rs, "没办法了，亲"));
	CHECK(flagged(rs, "没办法修改"));
	CHECK(!flagged(rs, "没货预计明天到"));
	CHECK(flagged(rs, "没货，预计明天到"));	/* another clause */
	CHECK(!flagged(rs, "由于需求很高，没货"));	/* same sentence */
	CHECK(flagged(rs, "由于需求很高。没货"));
	lint_rules_free(rs);
}

static void
test_waivers(void)
{
	struct lint_rules *rs = rules(
	    "rule a\nfamily fam\nreason r\nphrase 不知道\n"
	    "rule b\nreason r\nphrase 没货\n");

	CHECK(rs != NULL);
	if (rs == NULL)
		return;
	CHECK(!flagged(rs, "不知道 cs-lint: disable=a"));
	CHECK(!flagged(rs, "不知道 cs-lint: disable=fam"));
	CHECK(!flagged(rs, "不知道没货 cs-lint: disable=all"));
	CHECK(flagged(rs, "不知道没货 cs-lint: disable=a"));
	CHECK(!flagged(rs, "不知道没货 cs-lint: disable=b,a"));
	CHECK(flagged(rs, "不知道 cs-lint: disable=ab"));
	CHECK(lint_rules_enable(rs, "fam", 0) == 1);
	CHECK(!flagged(rs, "不知道"));
	CHECK(lint_rules_enable(rs, "nope", 0) == 0);
	CHECK(lint_rules_enable(rs, "all", 1) == 2);
	CHECK(flagged(rs, "不知道"));
	lint_rules_free(rs);
}

static void
test_overlap(void)
{
	struct lint_rules *rs = rules(
	    "rule a\nreason r\nphrase 久等|让您久等|让您久等了\n");
	char buf[256];

	CHECK(rs != NULL);
	if (rs == NULL)
		return;
	/* One hit per rule for overlapping matches: the earliest, longest. */
	CHECK_STR(hits(rs, "让您久等了 让您久等", buf, sizeof buf),
	    "a@0-15;a@16-28;");
	lint_rules_free(rs);
}

static void
test_replace(void)
{
	static const char base[] = "rule a\nreason r\nphrase 不知道\n";
	static const char more[] = "rule a\nreason r2\nphrase 没货\n";
	struct lint_rules *rs = lint_rules_new();

	CHECK(lint_rules_parse(rs, "base", base, strlen(base)) == 0);
	CHECK(lint_rules_parse(rs, "more", more, strlen(more)) == 0);
	CHECK(lint_rules_build(rs, 1) == 0);
	CHECK_INT(lint_rules_count(rs), 1);
	CHECK_STR(lint_rules_get(rs, 0)->reason, "r2");
	CHECK(!flagged(rs, "不知道"));
	CHECK(flagged(rs, "没货"));
	lint_rules_free(rs);
}

/*
 * TEXT fails to parse with a diagnostic that contains WANT (the FILE:LINE
 * and the message): an error path is pinned by its message, not only by
 * failing.  WANT NULL: TEXT parses, with nothing on stderr.
 */
static void
bad_at(const char *text, const char *want, int line)
{
	struct lint_rules *rs = lint_rules_new();
	const char *err;
	int rc;

	capture_begin();
	rc = lint_rules_parse(rs, "bad.txt", text, strlen(text));
	err = capture_end();
	lint_rules_free(rs);
	if (want == NULL) {
		t_check(rc == 0 && *err == '\0', "parses cleanly", __FILE__, line);
		return;
	}
	t_check(rc != 0, "fails to parse", __FILE__, line);
	if (strstr(err, want) == NULL)
		printf("%s:%d: stderr '%s' lacks '%s'\n", __FILE__, line, err, want);
	t_check(strstr(err, want) != NULL, "message", __FILE__, line);
}
#define bad(text, want) bad_at((text), (want), __LINE__)

static void
test_errors(void)
{
	bad("phrase x\n", 
	    "bad.txt:1: 'phrase' outside a rule (start one with 'rule ID')");				/* outside a rule */
	bad("rule A\nreason r\nphrase x\n", 
	    "bad.txt:1: bad rule id 'A' (use a-z, 0-9 and '-')");		/* bad id */
	bad("rule a\nphrase x\n", 
	    "bad.txt:1: rule 'a' has no 'reason'");			/* no reason */
	bad("rule a\nreason r\n", 
	    "bad.txt:1: rule 'a' has no 'phrase'");			/* no phrase */
	bad("rule a\nreason r\nphrase (x\n", 
	    "bad.txt:3: bad pattern '(x': '(' without ')'");
	bad("rule a\nreason r\nphrase x)\n", 
	    "bad.txt:3: bad pattern 'x)': ')' without '('");
	bad("rule a\nreason r\nphrase [x\n", 
	    "bad.txt:3: bad pattern '[x': '[' without ']'");
	bad("rule a\nreason r\nphrase ?x\n", 
	    "bad.txt:3: bad pattern '?x': '?' after nothing");
	bad("rule a\nreason r\nphrase x~0y\n", 
	    "bad.txt:3: bad pattern 'x~0y': gap '~N' needs 1 <= N <= 200");
	bad("rule a\nreason r\nphrase ~3y\n", 
	    "bad.txt:3: bad pattern '~3y': a gap '~' needs text on both sides");
	bad("rule a\nreason r\nphrase x<y\n", 
	    "bad.txt:3: bad pattern 'x<y': '<' is only allowed at the start and '>' at the end");
	bad("rule a\nreason r\nphrase >\n", 
	    "bad.txt:3: bad pattern '>': a phrase needs text");		/* anchors only */
	bad("rule a\nreason r\nphrase x\nseverity fatal\n", 
	    "bad.txt:4: severity: expected 'warning' or 'error', got 'fatal'");
	bad("rule a\nreason r\nphrase x\nunless around x\n", 
	    "bad.txt:4: unless: unknown scope 'around' (before, after, clause, sentence, line)");
	bad("rule a\nreason r\nphrase x\nunless clause:3 x\n", 
	    "bad.txt:4: unless: bad distance in 'clause:3 x'");
	bad("rule a\nreason r\nphrase x\nfrobnicate 1\n", 
	    "bad.txt:4: unknown key 'frobnicate'");
	bad("rule a\nreason r\nreason s\nphrase x\n", 
	    "bad.txt:3: 'reason' given twice for rule 'a'");
	bad("rule a\nreason r\nphrase x\nrule a\nreason r\nphrase y\n", 
	    "bad.txt:4: duplicate rule 'a' (first at line 1)");
	bad("rule a\nkind conversation\nreason r\nphrase x\n", 
	    "bad.txt:1: conversation rule 'a' cannot have phrases or test sentences");
	bad("rule a\nreason r\nphrase "
	    "(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)\n", 
	    "bad.txt:3: bad pattern '(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c…': too many alternatives (more than 4096 variants)");
	/* A file that is not a rules file: one message, nothing quoted. */
	bad("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/bin/sh\n",
	    "bad.txt:1: not a rules file: expected 'rule ID' first\n"
	    "test_lintrules: bad.txt:1: stopped; line 2 not read\n");
	bad("rule a\nreason r\nphrase \xff\n", 
	    "bad.txt:3: not UTF-8 text");
	bad("# c\n\nrule a\nkind conversation\nreason r\n", NULL);
}

static void
test_embedded(void)
{
	const struct embed *e = embed_find("lint-rules.txt");
	struct lint_rules *rs = lint_rules_new();

	CHECK(e != NULL);
	if (e == NULL)
		return;
	CHECK(lint_rules_parse(rs, "lint-rules.txt", e->data, e->len) == 0);
	CHECK(lint_rules_build(rs, 1) == 0);
	CHECK(lint_rules_count(rs) > 40);
	CHECK_INT(lint_rules_check(rs), 0);
	CHECK(lint_rules_find(rs, "first-reply") >= 0);
	CHECK(lint_rules_get(rs, (size_t)lint_rules_find(rs, "style-ni"))->enabled == 0);
	lint_rules_free(rs);
}

int
main(void)
{
	diag_set_progname("test_lintrules");
	if (mkstemp(err_path) < 0) {
		perror("mkstemp");
		return 2;
	}
	test_patterns();
	test_unless();
	test_waivers();
	test_overlap();
	test_replace();
	test_errors();
	test_embedded();
	unlink(err_path);
	return t_done();
}
