/*
 * The conversation vocabulary (vocab.h): reading the phrases file and the
 * three ways the chat checker asks it.  The lists are short (a few dozen
 * phrases), so a message is searched phrase by phrase; the phrases are
 * kept with their lengths so that no lookup measures them again.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "io/datafile.h"
#include "io/diag.h"
#include "lint/vocab.h"
#include "text/normalize.h"

static const char *const names[VOCAB_NLISTS] = {
	[VOCAB_GREETING] = "greeting",
	[VOCAB_MORNING] = "morning",
	[VOCAB_FESTIVAL] = "festival",
	[VOCAB_CLOSE] = "close",
	[VOCAB_WISH] = "wish",
	[VOCAB_WAIT] = "wait",
	[VOCAB_THANKS] = "thanks",
	[VOCAB_ACK] = "ack",
	[VOCAB_BUYER] = "buyer",
	[VOCAB_AGENT] = "agent",
	[VOCAB_SYSTEM] = "system",
};

/* State of one vocab_load(). */
struct vload {
	struct vocab *v;	/* what is read into */
	unsigned replaced;	/* bit L: list L was emptied for this file */
	struct norm n;		/* a phrase, normalised */
	char *key;		/* list name, NUL, phrase: datafile_key()'s key */
	size_t keycap;		/* its room */
};

struct vocab *
vocab_new(void)
{
	return xcalloc(1, sizeof(struct vocab));
}

const char *
vocab_name(enum vocab_list l)
{
	return names[l];
}

/* Empty list W. */
static void
words_clear(struct vocab_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->w[i].s);
	w->n = 0;
}

/* Append a copy of S[0..N) to W. */
static void
words_add(struct vocab_words *w, const char *s, size_t n)
{
	xgrow(&w->w, &w->cap, w->n + 1, sizeof *w->w);
	w->w[w->n].s = xstrndup(s, n);
	w->w[w->n].len = n;
	w->n++;
}

/* The list called NAME, or -1. */
static int
list_of(const char *name)
{
	int l;

	for (l = 0; l < VOCAB_NLISTS; l++)
		if (strcmp(name, names[l]) == 0)
			return l;
	return -1;
}

/* datafile callback: one "list,phrase" line. */
static int
vocab_line(void *ctx, struct datafile *df, const struct record *r)
{
	struct vload *ld = ctx;
	const char *name = datafile_get(df, r, "list");
	const char *phrase = datafile_get(df, r, "phrase");
	const char *s = phrase;
	size_t n = strlen(phrase);
	size_t kl;
	int l = list_of(name);

	if (l < 0) {
		datafile_error(df, "unknown list '%s' (expected greeting, "
		    "morning, festival, close, wish, wait, thanks, ack, buyer, "
		    "agent or system)", datafile_quote(df, name));
		return 0;
	}
	if (n == 0) {
		datafile_error(df, "empty phrase");
		return 0;
	}
	if (l < VOCAB_BUYER) {
		/* Messages are matched normalised: so are their phrases. */
		if (norm_text(&ld->n, phrase, n) != 0)
			cs_errx(CS_FATAL, "out of memory");
		s = ld->n.s;
		n = ld->n.len;
	}
	/* The key is list and phrase: one phrase may serve several lists. */
	kl = strlen(names[l]) + 1;
	xgrow(&ld->key, &ld->keycap, kl + n, 1);
	memcpy(ld->key, names[l], kl);
	memcpy(ld->key + kl, s, n);
	if (datafile_key(df, "phrase", ld->key, kl + n, phrase) != 0)
		return 0;
	if (!(ld->replaced & 1u << l)) {
		words_clear(&ld->v->list[l]);
		ld->replaced |= 1u << l;
	}
	words_add(&ld->v->list[l], s, n);
	return 0;
}

int
vocab_load(struct vocab *v, const char *path)
{
	static const char *const cols[] = { "list", "phrase", NULL };
	/* As large as a rules file may be: the phrases are cs-lint's rules too. */
	static const struct datafile_kind kind = {
		"phrase list", "chat-phrases.csv", DATAFILE_MAX_RULES, cols
	};
	struct vload ld;
	int rc;

	memset(&ld, 0, sizeof ld);
	ld.v = v;
	rc = datafile_load(path, &kind, vocab_line, &ld);
	norm_free(&ld.n);
	free(ld.key);
	return rc;
}

int
vocab_contains(const struct vocab *v, enum vocab_list l, const char *s,
    size_t n)
{
	const struct vocab_words *w = &v->list[l];
	size_t i;

	for (i = 0; i < w->n; i++)
		if (memmem(s, n, w->w[i].s, w->w[i].len) != NULL)
			return 1;
	return 0;
}

/*
 * The first phrase of W (in file order) that S[0..N) starts with (WHOLE:
 * that S is, ignoring ASCII case), or NULL.
 */
static const struct vocab_word *
first_of(const struct vocab_words *w, const char *s, size_t n, int whole)
{
	size_t i, k;

	for (i = 0; i < w->n; i++) {
		k = w->w[i].len;
		if (whole ? k == n && strncasecmp(s, w->w[i].s, n) == 0 :
		    k <= n && memcmp(s, w->w[i].s, k) == 0)
			return &w->w[i];
	}
	return NULL;
}

size_t
vocab_prefix(const struct vocab *v, enum vocab_list l, const char *s,
    size_t n)
{
	const struct vocab_word *w = first_of(&v->list[l], s, n, 0);

	return w != NULL ? w->len : 0;
}

int
vocab_is(const struct vocab *v, enum vocab_list l, const char *s, size_t n)
{
	return first_of(&v->list[l], s, n, 1) != NULL;
}

void
vocab_free(struct vocab *v)
{
	int l;

	if (v == NULL)
		return;
	for (l = 0; l < VOCAB_NLISTS; l++) {
		words_clear(&v->list[l]);
		free(v->list[l].w);
	}
	free(v);
}
