#include <stdlib.h>
#include <string.h>

#include "io/embed.h"
#include "ship/tier.h"

static const struct {
	const char *name;	/* canonical name */
	const char *zh;		/* the manual's word */
	const char *zh2;	/* another common word */
} tiers[TIER_COUNT] = {
	{ "jzh", "江浙沪", "江浙沪地区" },
	{ "standard", "其他地区", "其它地区" },
	{ "remote", "偏远地区", "偏远" },
	{ "unserved", "不发货", "不配送" },
};

const char *
tier_name(int tier)
{
	return tier >= 0 && tier < TIER_COUNT ? tiers[tier].name : "";
}

int
tier_parse(const char *name)
{
	int i;

	for (i = 0; i < TIER_COUNT; i++)
		if (strcmp(name, tiers[i].name) == 0 ||
		    strcmp(name, tiers[i].zh) == 0 || strcmp(name, tiers[i].zh2) == 0)
			return i;
	return -1;
}

/*
 * Look P's short name up in the embedded data/tiers.csv: lines
 * "PROVINCE,TIER", '#' comments and the header skipped.  The file is tiny
 * and read only when a rate card has no rule for a province, so a linear
 * scan is enough.
 */
int
tier_default(const struct region_db *db, int p)
{
	const struct embed *e = embed_find("tiers.csv");
	const char *name, *s, *end;
	size_t n;

	if (p < 0)
		return TIER_UNSERVED;
	if (e == NULL)
		return TIER_STANDARD;
	name = region_short(db, p);
	n = strlen(name);
	for (s = e->data, end = e->data + e->len; s < end; s = s + strcspn(s, "\n") + 1) {
		const char *comma = s + strcspn(s, ",\n");
		char t[32];
		size_t k;

		if (*s == '#' || *comma != ',' || (size_t)(comma - s) != n ||
		    memcmp(s, name, n) != 0)
			continue;
		k = strcspn(comma + 1, "\r\n");
		if (k >= sizeof t)
			continue;
		memcpy(t, comma + 1, k);
		t[k] = '\0';
		return tier_parse(t) >= 0 ? tier_parse(t) : TIER_STANDARD;
	}
	return TIER_STANDARD;
}
