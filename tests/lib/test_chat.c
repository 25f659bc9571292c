/*
 * Unit tests of lib/lint/chat: the conversation rules on timed fixtures
 * (times worked out by hand), roles, acknowledgements, conversations
 * ending on a change of id, times going back, the figures, and the
 * phrase lists replaced by a file (lib/lint/vocab).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/diag.h"
#include "io/timeparse.h"
#include "lint/chat.h"
#include "lint/vocab.h"
#include "t.h"
#include "tcapture.h"

/* The phrase lists run() checks with (the embedded ones unless a test changes them). */
static struct vocab *vocab;

struct got {
	char f[1024];		/* findings as "rule@line;" */
	char agent[8][64];	/* agents of ended conversations */
	struct chat_stats st[8]; /* figures of ended conversations */
	int nst;		/* how many */
};

static void
on_f(void *ctx, const struct chat_finding *f)
{
	struct got *g = ctx;
	size_t k = strlen(g->f);

	snprintf(g->f + k, sizeof g->f - k, "%s@%ld;", f->rule, f->line);
}

static void
on_end(void *ctx, const struct chat_stats *st)
{
	struct got *g = ctx;

	if (g->nst < 8) {
		snprintf(g->agent[g->nst], sizeof g->agent[0], "%s", st->agent);
		g->st[g->nst++] = *st;
	}
}

static const char *
holiday(void *ctx, long day)
{
	(void)ctx;
	return day == tp_days_from_civil(2026, 10, 1) ? "国庆节快乐" : NULL;
}

/*
 * Feed "conv|HH:MM:SS|role|text" lines (date 2026-11-23, or 2026-10-01
 * when the time starts with 'H'); line numbers count from 2.
 */
static void
feed(struct chat *c, const char *const *msgs)
{
	size_t i;

	for (i = 0; msgs[i] != NULL; i++) {
		char conv[16], hms[16], role[32], text[256];
		struct chat_msg m;
		int h, mi, s;
		int day = 23, mon = 11;

		memset(&m, 0, sizeof m);
		if (sscanf(msgs[i], "%15[^|]|%15[^|]|%31[^|]|%255[^\n]", conv, hms,
		    role, text) != 4)
			continue;
		if (hms[0] == 'H') {
			day = 1;
			mon = 10;
			memmove(hms, hms + 1, strlen(hms));
		}
		m.conv = conv;
		m.convlen = strlen(conv);
		m.role = chat_role_parse(vocab, role, strlen(role));
		m.agent = m.role == CHAT_AGENT ? role : NULL;
		m.agentlen = m.agent ? strlen(role) : 0;
		m.text = text;
		m.textlen = strlen(text);
		m.line = (long)i + 2;
		if (strcmp(hms, "-") != 0 && sscanf(hms, "%d:%d:%d", &h, &mi, &s) == 3) {
			m.t = (long long)tp_days_from_civil(2026, mon, day) * 86400 +
			    h * 3600 + mi * 60 + s - TP_SHANGHAI_OFFSET;
			m.has_time = 1;
		}
		chat_add(c, &m);
	}
	chat_end(c);
}

static const char *
run(const char *const *msgs, struct got *g)
{
	struct chat_opts o;
	struct chat *c;

	memset(g, 0, sizeof *g);
	chat_defaults(&o);
	o.festival = holiday;
	o.vocab = vocab;
	c = chat_new(&o, on_f, on_end, g);
	feed(c, msgs);
	chat_free(c);
	return g->f;
}

static void
test_clean(void)
{
	static const char *const m[] = {
		"A|09:00:00|买家|在吗",
		"A|09:00:08|客服|早上好！很高兴为您服务",
		"A|09:01:00|买家|什么时候发货",
		"A|09:01:20|客服|今天下午四点前拍下当天发出",
		"A|09:01:40|买家|好的，谢谢",
		"A|09:01:50|客服|不客气，祝您生活愉快",
		NULL
	};
	struct got g;

	CHECK_STR(run(m, &g), "");
	CHECK_INT(g.nst, 1);
	CHECK_INT(g.st[0].first_reply, 8);
	CHECK_INT(g.st[0].rounds, 3);		/* 8 + 20 + 10 */
	CHECK_INT(g.st[0].resp_sum, 38);
	CHECK_INT(g.st[0].resp_max, 20);
	CHECK_INT(g.st[0].buyer, 3);
	CHECK_INT(g.st[0].agent_msgs, 3);
	CHECK_INT(g.st[0].unanswered, 0);
}

static void
test_timing(void)
{
	static const char *const m[] = {
		"B|14:00:00|买家|你好，我的快递怎么还没到",	/* 2 */
		"B|14:00:40|客服|亲，订单号发一下",		/* 3: 40 s, no greeting */
		"B|14:01:00|买家|123456789",			/* 4 */
		"B|14:01:10|客服|请您稍等，我帮您查询一下",	/* 5: 10 s, wait */
		"B|14:04:10|客服|您的快递在杭州中转，明天送到",	/* 6: 180 s unthanked */
		"B|14:05:00|买家|能不能快点",			/* 7 */
		"B|14:06:30|客服|这个要看快递公司的安排呢",	/* 8: 90 s */
		"B|14:07:00|买家|那我要投诉",			/* 9: unanswered */
		NULL
	};
	struct got g;

	CHECK_STR(run(m, &g), "greeting@3;first-reply@3;wait-thanks@6;"
	    "response-time@8;unanswered@9;");
	CHECK_INT(g.st[0].first_reply, 40);
	CHECK_INT(g.st[0].resp_max, 90);
	CHECK_INT(g.st[0].unanswered, 1);
}

static void
test_greetings(void)
{
	static const char *const morning[] = {
		"C|08:00:00|buyer|hi",
		"C|08:00:05|agent|您好，请问有什么可以帮您",	/* 3: before 12:00 */
		"C|08:00:30|buyer|谢谢",
		NULL
	};
	static const char *const fest[] = {
		"D|H10:00:00|买家|能装开水吗",
		"D|H10:00:05|客服|您好，可以的哦",		/* 3: 国庆 */
		"E|H10:10:00|买家|在吗",
		"E|H10:10:05|客服|国庆节快乐！请问有什么可以帮您",
		"E|H10:10:30|买家|没事了",
		NULL
	};
	struct got g;

	/* 谢谢 needs no answer; the agent's message is no close. */
	CHECK_STR(run(morning, &g), "greeting-morning@3;close@3;");
	/* E: the agent greets and never closes; 没事了 needs no answer. */
	CHECK_STR(run(fest, &g), "greeting-festival@3;close@3;close@5;");
	CHECK_INT(g.nst, 2);
}

static void
test_typing_and_thanks(void)
{
	static const char *const m[] = {
		"F|15:00:00|买家|保温多久",
		"F|15:00:05|客服|您好，稍等，我查一下",	/* 3: wait */
		"F|15:02:05|客服|感谢您的耐心等待，12小时左右",	/* 4: 120 s, thanked */
		"F|15:02:35|客服|另外杯盖可以拆下来清洗，很方便的",	/* 5: 16 in 30 s */
		"F|15:02:50|客服|还有什么可以帮您的吗",	/* 6: 10 in 15 s = 40/min */
		NULL
	};
	struct got g;

	CHECK_STR(run(m, &g), "typing-speed@5;typing-speed@6;");
	/* Measured, as the typing-speed rule measures: the two messages
	 * typed in a row; not the answer to the buyer (its gap is reading
	 * time), nor the one after the announced wait. */
	CHECK_INT(g.st[0].chars, 16 + 10);
	CHECK_INT(g.st[0].secs, 30 + 15);
}

static void
test_untimed_and_back(void)
{
	static const char *const m[] = {
		"G|10:00:00|买家|在吗",
		"G|09:59:00|客服|您好，在的",		/* 3: time goes back */
		"H|-|买家|你好",
		"H|-|店铺名:小美|在的亲",		/* 5: no greeting, no close */
		"I|-|买家|在吗",			/* 6: nobody answers */
		"I|-|系统|会话已转接",
		NULL
	};
	struct got g;

	/*
	 * The morning greeting is not checked for an untimed message.  The
	 * conversations stay open to the end (they may interleave), so
	 * their closing findings come last, in the order they began.
	 */
	CHECK_STR(run(m, &g), "greeting@5;close@3;close@5;unanswered@6;");
	CHECK_INT(g.nst, 3);
	CHECK_INT(g.st[0].first_reply, -1);
	CHECK_STR(g.agent[1], "店铺名:小美");
	CHECK(g.st[2].agent_msgs == 0);
}

static void
test_roles(void)
{
	CHECK_INT(chat_role_parse(vocab, "买家", strlen("买家")), CHAT_BUYER);
	CHECK_INT(chat_role_parse(vocab, " Buyer ", 7), CHAT_BUYER);
	CHECK_INT(chat_role_parse(vocab, "客服", strlen("客服")), CHAT_AGENT);
	CHECK_INT(chat_role_parse(vocab, "AGENT", 5), CHAT_AGENT);
	CHECK_INT(chat_role_parse(vocab, "店铺名:小美", strlen("店铺名:小美")), CHAT_AGENT);
	CHECK_INT(chat_role_parse(vocab, "店铺名：小美", strlen("店铺名：小美")), CHAT_AGENT);
	CHECK_INT(chat_role_parse(vocab, "系统", strlen("系统")), CHAT_OTHER);
	CHECK_INT(chat_role_parse(vocab, "tb12345", 7), CHAT_BUYER);
}

/*
 * A phrases file replaces the lists it names and keeps the others: a shop
 * that greets with 哈喽 and calls the buyer 亲 in its role column.
 */
static void
test_phrases_file(void)
{
	static const char *const m[] = {
		"G|14:00:00|亲|在吗",
		"G|14:00:05|客服|哈喽，在的",
		"G|14:00:30|亲|好嘞",
		"G|14:00:40|客服|好的，祝您购物愉快",
		NULL
	};
	static const char *const plain[] = {
		"H|14:00:00|买家|在吗",
		"H|14:00:05|客服|您好，在的",
		"H|14:00:30|买家|知道了",
		NULL
	};
	char path[] = "/tmp/cs-test-phrases.XXXXXX";
	struct vocab *builtin = vocab;
	struct got g;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	close(fd);
	t_write_file(path, "list,phrase\n# the shop's own\ngreeting,哈喽\n"
	    "greeting,嗨\nbuyer,亲\nack,知道\n");
	vocab = vocab_new();
	CHECK_INT(vocab_load(vocab, NULL), 0);
	CHECK_INT(vocab_load(vocab, path), 0);
	CHECK_INT(vocab->list[VOCAB_GREETING].n, 2);
	CHECK_INT(vocab->list[VOCAB_BUYER].n, 1);
	CHECK_INT(chat_role_parse(vocab, "亲", strlen("亲")), CHAT_BUYER);
	/* The agent words were not named: still the built-in ones. */
	CHECK_INT(chat_role_parse(vocab, "客服", strlen("客服")), CHAT_AGENT);
	/* 哈喽 greets; the closes are still the built-in ones (祝您). */
	CHECK_STR(run(m, &g), "");
	/* 您好 greets no more; 了 is no ack now, so 知道了 wants an answer. */
	CHECK_STR(run(plain, &g), "greeting@3;unanswered@4;");
	vocab_free(vocab);
	vocab = builtin;
	CHECK_STR(run(plain, &g), "close@3;");
	unlink(path);
}

int
main(void)
{
	int fd;

	diag_set_progname("test_chat");
	if ((fd = mkstemp(err_path)) < 0)
		return 2;
	close(fd);
	vocab = vocab_new();
	CHECK_INT(vocab_load(vocab, NULL), 0);
	test_clean();
	test_timing();
	test_greetings();
	test_typing_and_thanks();
	test_untimed_and_back();
	test_roles();
	test_phrases_file();
	vocab_free(vocab);
	unlink(err_path);
	return t_done();
}
