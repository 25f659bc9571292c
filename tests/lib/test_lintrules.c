/*
 * Unit tests of lib/lintrules: the pattern language (alternatives,
 * optional parts, classes, gaps, anchors, escapes), exceptions and their
 * scopes, waivers, offsets, rule replacement, parse errors, and the
 * embedded rules' own test sentences.
 */

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "embed.h"
#include "lintrules.h"
#include "t.h"

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

static int
bad(const char *text)
{
	struct lint_rules *rs = lint_rules_new();
	int rc = lint_rules_parse(rs, "bad.txt", text, strlen(text));

	lint_rules_free(rs);
	return rc != 0;
}

static void
test_errors(void)
{
	CHECK(bad("phrase x\n"));				/* outside a rule */
	CHECK(bad("rule A\nreason r\nphrase x\n"));		/* bad id */
	CHECK(bad("rule a\nphrase x\n"));			/* no reason */
	CHECK(bad("rule a\nreason r\n"));			/* no phrase */
	CHECK(bad("rule a\nreason r\nphrase (x\n"));
	CHECK(bad("rule a\nreason r\nphrase x)\n"));
	CHECK(bad("rule a\nreason r\nphrase [x\n"));
	CHECK(bad("rule a\nreason r\nphrase ?x\n"));
	CHECK(bad("rule a\nreason r\nphrase x~0y\n"));
	CHECK(bad("rule a\nreason r\nphrase ~3y\n"));
	CHECK(bad("rule a\nreason r\nphrase x<y\n"));
	CHECK(bad("rule a\nreason r\nphrase >\n"));		/* anchors only */
	CHECK(bad("rule a\nreason r\nphrase x\nseverity fatal\n"));
	CHECK(bad("rule a\nreason r\nphrase x\nunless around x\n"));
	CHECK(bad("rule a\nreason r\nphrase x\nunless clause:3 x\n"));
	CHECK(bad("rule a\nreason r\nphrase x\nfrobnicate 1\n"));
	CHECK(bad("rule a\nreason r\nreason s\nphrase x\n"));
	CHECK(bad("rule a\nreason r\nphrase x\nrule a\nreason r\nphrase y\n"));
	CHECK(bad("rule a\nkind conversation\nreason r\nphrase x\n"));
	CHECK(bad("rule a\nreason r\nphrase "
	    "(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)\n"));
	CHECK(bad("rule a\nreason r\nphrase \xff\n"));
	CHECK(!bad("# c\n\nrule a\nkind conversation\nreason r\n"));
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
	test_patterns();
	test_unless();
	test_waivers();
	test_overlap();
	test_replace();
	test_errors();
	test_embedded();
	CHECK_INT(lint_chars("a让您", 7), 3);
	return t_done();
}
