#ifndef CS_PLAYBOOK_H
#define CS_PLAYBOOK_H

/*
 * The playbook: the step a shop takes for a bad review of each category
 * (001 §6.11), cs-reviewsort's action column.  Data, not code, so that a
 * shop can change it: data/playbook.csv is compiled in, --playbook FILE
 * replaces the steps of the categories FILE names.
 */

#include <stddef.h>

#include "reviews/reviews.h"

/* The largest playbook file, in bytes. */
#define PLAYBOOK_MAX_BYTES	((size_t)1 << 20)

struct playbook {
	char *action[RV_NCAT];	/* step of each category ("" for none) */
	size_t len[RV_NCAT];	/* its length */
};

/* An empty playbook: every step "" (playbook_free() frees nothing). */
void playbook_init(struct playbook *pb);

/*
 * Read PATH (NULL: the embedded data/playbook.csv), columns category (an
 * English or Chinese name, rv_cat_parse()) and action; each category it
 * names gets that step.  An unknown or repeated category is an error at
 * FILE:LINE.  0, or -1 after the messages (PB then holds what was read).
 */
int playbook_load(struct playbook *pb, const char *path);

/* Free PB's steps and empty it. */
void playbook_free(struct playbook *pb);

#endif
