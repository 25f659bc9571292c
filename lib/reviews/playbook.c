/*
 * The playbook (playbook.h): data/playbook.csv read through the data-file
 * reader, so the embedded copy and a shop's file get the same checks.
 */

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/datafile.h"
#include "reviews/playbook.h"

void
playbook_init(struct playbook *pb)
{
	int i;

	for (i = 0; i < RV_NCAT; i++) {
		pb->action[i] = NULL;
		pb->len[i] = 0;
	}
}

/* datafile callback: one category's step. */
static int
playbook_line(void *ctx, struct datafile *df, const struct record *r)
{
	struct playbook *pb = ctx;
	const char *cat = datafile_get(df, r, "category");
	const char *act = datafile_get(df, r, "action");
	int c = rv_cat_parse(cat);

	if (c < 0) {
		datafile_error(df, "unknown category '%s' (expected quality, "
		    "service, logistics, mood or other)",
		    datafile_quote(df, cat));
		return 0;
	}
	/* Key by the parsed category: 质量 repeats quality. */
	if (datafile_key(df, "category", rv_cat_name((enum rv_cat)c, 0),
	    strlen(rv_cat_name((enum rv_cat)c, 0)), cat) != 0)
		return 0;
	free(pb->action[c]);
	pb->len[c] = strlen(act);
	pb->action[c] = xstrndup(act, pb->len[c]);
	return 0;
}

int
playbook_load(struct playbook *pb, const char *path)
{
	static const char *const cols[] = { "category", "action", NULL };
	static const struct datafile_kind kind = {
		"playbook", "playbook.csv", PLAYBOOK_MAX_BYTES, cols
	};
	int i;

	for (i = 0; i < RV_NCAT; i++)
		if (pb->action[i] == NULL)
			pb->action[i] = xstrdup("");
	return datafile_load(path, &kind, playbook_line, pb);
}

void
playbook_free(struct playbook *pb)
{
	int i;

	for (i = 0; i < RV_NCAT; i++)
		free(pb->action[i]);
	playbook_init(pb);
}
