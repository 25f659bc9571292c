/*
 * Unit tests of lib/reviews.c: the embedded lexicon loads, the scorer's
 * rules (negation, contrast, aspects, mood as the residual, suspect), the
 * evidence offsets, ratings and category names.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reviews/reviews.h"
#include "t.h"

static struct lexicon *lx;
static struct classifier *cl;

/* The primary category of TEXT. */
static const char *
cat(const char *text)
{
	struct review_result r;

	if (classify(cl, text, strlen(text), &r) != 0)
		return "(error)";
	return rv_cat_name(r.category, 0);
}

static void
test_rules(void)
{
	CHECK_STR(cat("质量太差了"), "quality");
	CHECK_STR(cat("物流太慢了"), "logistics");
	CHECK_STR(cat("客服态度恶劣"), "service");
	CHECK_STR(cat("不喜欢"), "mood");
	CHECK_STR(cat("垃圾"), "mood");		/* an insult names no cause */
	CHECK_STR(cat("很满意，不错"), "other");
	CHECK_STR(cat(""), "other");
	/* Negation. */
	CHECK_STR(cat("物流不慢"), "other");
	CHECK_STR(cat("不是质量问题"), "mood");
	CHECK_STR(cat("质量不错"), "other");
	CHECK_STR(cat("不满意"), "mood");
	/* Contrast: the clause after 就是/但是 decides. */
	CHECK_STR(cat("质量不错,就是物流太慢"), "logistics");
	CHECK_STR(cat("物流很快，但是质量太差"), "quality");
	/* Traditional, full width, emoji codes. */
	CHECK_STR(cat("質量太差"), "quality");
	CHECK_STR(cat("ＷＩＦＩ信号很差"), "quality");
	CHECK_STR(cat("物流[怒]太慢"), "logistics");
	CHECK_STR(cat("物流/:(太慢"), "logistics");
	/* An intensifier before words the lexicon does not know. */
	CHECK_STR(cat("屏幕太暗了"), "quality");
	CHECK_STR(cat("非常好"), "other");
	CHECK_STR(cat("没什么特别的"), "mood");
	/* Bytes that are not UTF-8 do not stop it. */
	CHECK_STR(cat("\xff\xfe质量差\xe4"), "quality");
}

static void
test_result(void)
{
	struct review_result r;
	const char *t = "質量很差😡，而且快遞也慢，给我100元不然差评";

	CHECK_INT(classify(cl, t, strlen(t), &r), 0);
	CHECK_INT(r.category, RV_QUALITY);
	CHECK_INT(r.cats, 1u << RV_QUALITY | 1u << RV_LOGISTICS);
	CHECK_STR(r.evidence, "質量;差;快遞;慢;给我100元;不然");
	CHECK_INT(r.evlen, strlen(r.evidence));
	CHECK_INT(r.suspect, 1);
	t = "质量差，要求赔偿";
	CHECK_INT(classify(cl, t, strlen(t), &r), 0);
	CHECK_INT(r.suspect, 0);
}

static void
test_names(void)
{
	CHECK_STR(rv_cat_name(RV_LOGISTICS, 1), "物流");
	CHECK_STR(rv_cat_name(RV_MOOD, 0), "mood");
	CHECK_INT(rv_cat_parse("服务"), RV_SERVICE);
	CHECK_INT(rv_cat_parse("other"), RV_OTHER);
	CHECK_INT(rv_cat_parse("nope"), -1);
}

static void
test_ratings(void)
{
	CHECK_INT(rv_rating_negative("1", 1), 1);
	CHECK_INT(rv_rating_negative("3", 1), 1);
	CHECK_INT(rv_rating_negative("4", 1), 0);
	CHECK_INT(rv_rating_negative(" 5 ", 3), 0);
	CHECK_INT(rv_rating_negative("2.0", 3), 1);
	CHECK_INT(rv_rating_negative("3分", strlen("3分")), 1);
	CHECK_INT(rv_rating_negative("5星", strlen("5星")), 0);
	CHECK_INT(rv_rating_negative("4/5", 3), 0);
	/* Spreadsheet cells, peeled as every tool peels them (lib/cell). */
	CHECK_INT(rv_rating_negative("=\"5\"", 4), 0);
	CHECK_INT(rv_rating_negative("=\"2\"", 4), 1);
	CHECK_INT(rv_rating_negative("\xE3\x80\x80" "5" "\xE3\x80\x80", 7), 0);
	CHECK_INT(rv_rating_negative("=\"\"", 3), -1);
	CHECK_INT(rv_rating_negative("差评", strlen("差评")), 1);
	CHECK_INT(rv_rating_negative("中评", strlen("中评")), 1);
	CHECK_INT(rv_rating_negative("好评", strlen("好评")), 0);
	CHECK_INT(rv_rating_negative("10", 2), -1);
	CHECK_INT(rv_rating_negative("6", 1), -1);
	CHECK_INT(rv_rating_negative("0", 1), -1);
	CHECK_INT(rv_rating_negative("", 0), -1);
	CHECK_INT(rv_rating_negative("abc", 3), -1);
}

static void
test_lexicon_file(void)
{
	char path[] = "/tmp/cs-test-lexicon.XXXXXX";
	struct lexicon *x;
	struct classifier *c;
	struct review_result r;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		return;
	fputs("term,category,weight,flags\n起皮,quality,2,\n不喜欢,mood,0,\n", fp);
	fclose(fp);
	x = lexicon_new();
	CHECK_INT(lexicon_load(x, NULL), 0);
	CHECK_INT(lexicon_load(x, path), 0);
	CHECK_INT(lexicon_build(x), 0);
	CHECK(lexicon_size(x) > 500);
	c = classifier_new(x);
	CHECK_INT(classify(c, "起皮了", strlen("起皮了"), &r), 0);
	CHECK_INT(r.category, RV_QUALITY);
	/* Weight 0 switches a term off: no evidence, mood only as residual. */
	CHECK_INT(classify(c, "不喜欢", strlen("不喜欢"), &r), 0);
	CHECK_STR(r.evidence, "");
	classifier_free(c);
	lexicon_free(x);
	remove(path);
	lexicon_free(NULL);
	classifier_free(NULL);
}

int
main(void)
{
	lx = lexicon_new();
	CHECK(lx != NULL);
	CHECK_INT(lexicon_load(lx, NULL), 0);
	CHECK_INT(lexicon_build(lx), 0);
	cl = classifier_new(lx);
	test_rules();
	test_result();
	test_names();
	test_ratings();
	test_lexicon_file();
	classifier_free(cl);
	lexicon_free(lx);
	return t_done();
}
