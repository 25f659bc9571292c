#ifndef CS_VOCAB_H
#define CS_VOCAB_H

/*
 * The conversation vocabulary of cs-lint --chat: the phrases that make a
 * greeting, a close, an announced wait, a thank-you, a buyer message that
 * needs no answer, and the role-column words of buyer, agent and system.
 * A shop edits them, so they are data: data/chat-phrases.csv, compiled
 * in, and any --phrases FILE, read by the same code (datafile.h: CSV with
 * the columns list and phrase, '#' comments, FILE:LINE errors).
 *
 * The lists greeting .. ack are matched against normalised messages, so
 * their phrases are normalised when read (normalize.h); the role lists
 * are compared with the raw, trimmed role value, ignoring ASCII case.
 */

#include <stddef.h>

enum vocab_list {
	VOCAB_GREETING,		/* a first reply greets (您好) */
	VOCAB_MORNING,		/* before 12:00 (早上好) */
	VOCAB_FESTIVAL,		/* a holiday greeting besides the calendar's (节日快乐) */
	VOCAB_CLOSE,		/* a polite close (再见, 祝您) */
	VOCAB_WISH,		/* a weekend or holiday wish (周末愉快) */
	VOCAB_WAIT,		/* an announced wait (稍等) */
	VOCAB_THANKS,		/* thanks for a wait (久等) */
	VOCAB_ACK,		/* buyer tokens that need no answer (好的) */
	VOCAB_BUYER,		/* role values of the buyer (买家) */
	VOCAB_AGENT,		/* role values of the agent (客服) */
	VOCAB_SYSTEM,		/* role values of ignored messages (系统) */
	VOCAB_NLISTS
};

struct vocab_word {
	char *s;		/* the phrase, NUL-terminated */
	size_t len;		/* its length */
};

struct vocab_words {
	struct vocab_word *w;	/* in file order */
	size_t n, cap;		/* fill and room */
};

struct vocab {
	struct vocab_words list[VOCAB_NLISTS]; /* by enum vocab_list */
};

/* An empty vocabulary (out of memory exits, as everywhere: alloc.h). */
struct vocab *vocab_new(void);

/*
 * Read PATH, or the embedded data/chat-phrases.csv when PATH is NULL,
 * into V: each list the file names replaces the one V holds, the others
 * stay.  Returns 0, or -1 after printing every problem as
 * "prog: FILE:LINE: message" (unknown list, empty phrase, a phrase twice
 * in one list, a header without list and phrase).
 */
int vocab_load(struct vocab *v, const char *path);

/* The name of list L in a phrases file ("greeting"). */
const char *vocab_name(enum vocab_list l);

/* Non-zero when S[0..N) contains a phrase of list L. */
int vocab_contains(const struct vocab *v, enum vocab_list l, const char *s,
    size_t n);

/*
 * The length of the first phrase of list L (in file order) that S[0..N)
 * starts with, or 0 when none does.
 */
size_t vocab_prefix(const struct vocab *v, enum vocab_list l, const char *s,
    size_t n);

/* Non-zero when S[0..N) is a phrase of list L, ignoring ASCII case. */
int vocab_is(const struct vocab *v, enum vocab_list l, const char *s,
    size_t n);

/* Free V (NULL is fine). */
void vocab_free(struct vocab *v);

#endif
