#ifndef CS_LINTRULES_H
#define CS_LINTRULES_H

/*
 * cs-lint's service-language rules (客服质检): parsing the rules file,
 * matching replies against it, context exceptions and inline waivers.
 *
 * A rules file is UTF-8 text, one "KEY VALUE" per line; '#' starts a
 * comment line and blank lines are ignored.  "rule ID" starts a rule; the
 * keys after it describe that rule:
 *
 *   rule shirking-dont-know          id: lower-case letters, digits, '-'
 *   family shirking                  group named by --disable (default: id)
 *   kind phrase                      phrase (default) or conversation
 *   severity error                   error or warning
 *   default on                       off: only with --enable
 *   reason disclaims knowledge (001 §6.9 推诿客户)
 *   suggest 我帮您查询一下，请您稍等   the manual's wording (optional)
 *   phrase <(我|小妹)(也)?不知道       one or more patterns
 *   unless after 您|亲               context exceptions
 *   need before:12 是                required context
 *   match 这个我也不知道               must be flagged by this rule
 *   nomatch 不知道亲喜欢哪个颜色        must not be flagged by this rule
 *
 * Patterns: literal text; (a|b) alternatives, nestable; (..)? optional;
 * [abc] one of the characters; ~N a gap of at most N characters (~ alone:
 * 10) that does not cross the end of a sentence (。！？!?；;); a leading <
 * anchors at the start of a clause and a trailing > at its end (clauses end
 * at punctuation, spaces, brackets and the ends of the text); \ quotes the
 * next character; a top-level | separates alternatives.  Patterns and text
 * are both normalised (normalize.h): traditional characters, full-width
 * forms and ASCII case do not matter.
 *
 * "limit discount" keeps only the matches that name a discount (8折, 8.5折,
 * 八五折, 半价) deeper than the agent's authority, or one on an order
 * below its minimum amount (a figure before 元/块 in the text):
 * lint_rules_set_discount(), by default 9折 from 300元 (001 §2.3).
 *
 * "unless SCOPE PATTERN" drops a match when PATTERN occurs: before[:N]
 * (ending at most N characters before the match, default 0 = adjacent,
 * within its sentence), after[:N] (starting at most N characters after
 * it, within its sentence), clause, sentence, or line (anywhere in them).
 * "need SCOPE PATTERN" is the opposite: the match stands only when
 * PATTERN occurs there.
 *
 * A rule defined again (same id) replaces the earlier definition, so that
 * --rules FILE can extend and override the embedded file.
 *
 * A text can carry an inline waiver "cs-lint: disable=ID[,ID...]" (ID a
 * rule id, a family or "all"): the rules it names are not reported for it.
 */

#include <stddef.h>

enum lint_severity {
	LINT_WARNING,		/* style the manual advises against */
	LINT_ERROR		/* wording the manual forbids */
};

enum lint_kind {
	LINT_PHRASE,		/* matched against each reply */
	LINT_CONVERSATION	/* checked by the chat module (chat.h) */
};

struct lint_rule {
	char *id;		/* "shirking-dont-know" */
	char *family;		/* "shirking" */
	char *reason;		/* why, with the manual's section */
	char *suggest;		/* suggested wording, or NULL */
	enum lint_severity severity; /* error or warning */
	enum lint_kind kind;	/* phrase or conversation */
	int enabled;		/* reported (default on, --disable, --enable) */
	const char *file;	/* file it was defined in */
	long line;		/* line of its "rule" key */
};

/* A match of a phrase rule in a text. */
struct lint_hit {
	size_t rule;		/* index of the rule (lint_rules_get()) */
	size_t start, end;	/* byte offsets of the match in the text */
};

struct lint_rules;
struct lint_scratch;
struct normalizer;

/* An empty rule set, or NULL when out of memory. */
struct lint_rules *lint_rules_new(void);

/*
 * Parse the rules in TEXT[0..LEN) (a whole file; FILE names it in
 * messages) into RS, replacing rules with the same id.  Every error is
 * printed as "prog: FILE:LINE: message".  Returns 0, or -1 when there was
 * an error (RS then holds the rules that parsed).  Not after
 * lint_rules_build().
 */
int lint_rules_parse(struct lint_rules *rs, const char *file,
    const char *text, size_t len);

/*
 * Read the file PATH and parse it as lint_rules_parse() does.  Returns 0,
 * or -1 after printing why (unreadable file or rule errors).
 */
int lint_rules_load(struct lint_rules *rs, const char *path);

/*
 * Compile the patterns for scanning: of every rule when ALL, else of the
 * rules enabled now (a rule enabled later is not found; one disabled later
 * is not reported).  0, or -1 when out of memory.
 */
int lint_rules_build(struct lint_rules *rs, int all);

/*
 * The agent's discount authority for "limit discount" rules: at most
 * TENTHS tenths of the price (90 = 9折), on orders of FROM yuan or more.
 */
void lint_rules_set_discount(struct lint_rules *rs, int tenths, long from);

/* RS's normalisation table, for other matching in the same process. */
const struct normalizer *lint_rules_normalizer(const struct lint_rules *rs);

/* Number of rules in RS. */
size_t lint_rules_count(const struct lint_rules *rs);

/* Rule I (0 <= I < lint_rules_count()); writable for enabled. */
struct lint_rule *lint_rules_get(struct lint_rules *rs, size_t i);

/* Index of the rule called ID, or -1. */
long lint_rules_find(const struct lint_rules *rs, const char *id);

/*
 * Set enabled = ON for every rule whose id or family is NAME ("all": every
 * rule).  Returns how many rules NAME named (0: unknown name).
 */
size_t lint_rules_enable(struct lint_rules *rs, const char *name, int on);

/* Scratch buffers for lint_scan(), one per thread (out of memory exits). */
struct lint_scratch *lint_scratch_new(void);

/* Free SC (NULL is fine). */
void lint_scratch_free(struct lint_scratch *sc);

/*
 * Match TEXT[0..LEN) (UTF-8) against the enabled phrase rules of the built
 * RS, honouring the exceptions and an inline waiver in the text.  *HITS is
 * set to the matches, ordered by start offset then rule (valid until the
 * next call with SC), *NHITS to their number.  Overlapping matches of the
 * same rule are reported once.  Returns 0, or -1 when out of memory.
 */
int lint_scan(const struct lint_rules *rs, struct lint_scratch *sc,
    const char *text, size_t len, const struct lint_hit **hits, size_t *nhits);

/*
 * Non-zero when TEXT[0..LEN) carries an inline waiver that names rule R
 * (by id, family or "all").
 */
int lint_waived(const struct lint_rule *r, const char *text, size_t len);

/*
 * Run every rule's own match/nomatch sentences (all rules, enabled or
 * not).  Prints "prog: FILE:LINE: rule 'ID': ..." for each sentence that
 * fails.  Returns the number of failures, or -1 when out of memory.
 */
long lint_rules_check(const struct lint_rules *rs);

/*
 * The key table, for its reference test (tests/lib/test_lintkeys.c).
 * lint_rules_build() picks for every phrase variant a key of one or two
 * characters in its first segment; lint_scan() finds the keys in a reply
 * and, for each, the variants whose first segment stands there: those are
 * its candidates, which it then verifies.
 */

/* A variant of a rule whose first segment starts at START. */
struct lint_cand {
	size_t rule;		/* rule index */
	size_t var;		/* variant index in the rule's phrases */
	size_t start;		/* byte offset in the normalised text */
};

/* Number of distinct keys of the built RS (ids 0 .. that - 1). */
size_t lint_rules_nkeys(const struct lint_rules *rs);

/* The bytes of key I (not NUL-terminated); *LEN gets their length. */
const char *lint_rules_key(const struct lint_rules *rs, size_t i,
    size_t *len);

/* The id the key table gives S[0..N) (UTF-8, N <= 8), or -1 when no key. */
long lint_rules_key_find(const struct lint_rules *rs, const char *s, size_t n);

/* Number of phrase variants of rule RULE (0 for a conversation rule). */
size_t lint_rules_nvariants(const struct lint_rules *rs, size_t rule);

/* The first segment (normalised) of variant VAR of rule RULE, *LEN bytes. */
const char *lint_rules_first_segment(const struct lint_rules *rs,
    size_t rule, size_t var, size_t *len);

/*
 * The key pass of lint_scan() over TEXT[0..LEN) for every built rule,
 * enabled or not: *NORM and *NLEN get the normalised text, *C and *NC the
 * candidates in the order found (valid until the next call with SC).
 * 0, or -1 when out of memory.
 */
int lint_rules_candidates(const struct lint_rules *rs, struct lint_scratch *sc,
    const char *text, size_t len, const char **norm, size_t *nlen,
    const struct lint_cand **c, size_t *nc);

/* Free RS (NULL is fine). */
void lint_rules_free(struct lint_rules *rs);

#endif
