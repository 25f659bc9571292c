#ifndef CS_EMBED_H
#define CS_EMBED_H

/*
 * Data files compiled into the binaries.  Every file data/NAME (csv, tsv,
 * txt) is embedded by the build under its base name, NUL-terminated, so a
 * parser can treat the embedded copy and a user's replacement file alike.
 * cs-reviewsort also carries data/train/reviews-labelled.csv and the model
 * the build trains from it, "reviews-model.bin" (rvmodel.h), which the
 * other tools do not.
 */

#include <stddef.h>

struct embed {
	const char *name;	/* base name, e.g. "rates.csv" */
	const char *data;	/* contents, followed by a NUL byte */
	size_t len;		/* length without the NUL */
};

/* The embedded file called NAME, or NULL when there is none. */
const struct embed *embed_find(const char *name);

#endif
