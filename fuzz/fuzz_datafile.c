/*
 * The data-file parsers, one harness per format, chosen by DF_KIND at
 * compile time (see fuzz/Makefile): the input is written to a temporary
 * file and loaded as a replacement or extension, as --rates, --weights,
 * --holidays, --lexicon, --rules, --transit and --gazetteer do.  A file
 * that loads must also build and free cleanly.
 */

#include "fuzz.h"

#include "eta/calendar.h"
#include "eta/eta.h"
#include "lint/lintrules.h"
#include "ship/rates.h"
#include "addr/region.h"
#include "reviews/reviews.h"
#include "ship/weights.h"

enum { DF_RATES, DF_WEIGHTS, DF_HOLIDAYS, DF_LEXICON, DF_LINTRULES,
    DF_TRANSIT, DF_GAZETTEER };

#ifndef DF_KIND
#error "define DF_KIND"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct region_db *db;
	const char *path;

	if (db == NULL && (db = region_db_load(NULL)) == NULL)
		abort();
	path = fz_tmpfile("df", data, size);
	switch (DF_KIND) {
	case DF_RATES: {
		struct rate_card *c = rates_load(path, db);

		if (c != NULL) {
			int p;

			for (p = -1; p < region_count(db); p++)
				(void)rates_rule(c, 0, p);
			rates_free(c);
		}
		break;
	}
	case DF_WEIGHTS: {
		struct weights *w = weights_load(path);
		long long g;

		if (w != NULL) {
			(void)weights_lookup(w, "测试商品 sku-1", 18, &g);
			weights_free(w);
		}
		break;
	}
	case DF_HOLIDAYS: {
		struct calendar *cal = calendar_load(path);
		long d;

		if (cal != NULL) {
			for (d = 20000; d < 20000 + 800; d += 7) {
				(void)calendar_is_workday(cal, d);
				(void)calendar_is_closed(cal, d);
				(void)calendar_festival(cal, d);
			}
			calendar_free(cal);
		}
		break;
	}
	case DF_LEXICON: {
		struct lexicon *lx = lexicon_new();

		if (lx == NULL)
			abort();
		if (lexicon_load(lx, path) == 0)
			(void)lexicon_build(lx);
		lexicon_free(lx);
		break;
	}
	case DF_LINTRULES: {
		struct lint_rules *rs = lint_rules_new();

		if (rs == NULL)
			abort();
		if (lint_rules_load(rs, path) == 0)
			(void)lint_rules_build(rs, 1);
		lint_rules_free(rs);
		break;
	}
	case DF_TRANSIT: {
		struct eta_transit *t = eta_transit_load(path, db);

		eta_transit_free(t);
		break;
	}
	case DF_GAZETTEER: {
		struct region_db *g = region_db_load(path);

		if (g != NULL) {
			struct region_result res;

			(void)region_resolve(g, "浙江省杭州市西湖区文三路", 36, &res);
			region_db_free(g);
		}
		break;
	}
	}
	return 0;
}
