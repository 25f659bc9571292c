#ifndef CS_WEIGHTS_H
#define CS_WEIGHTS_H

/*
 * Parcel weights: parsing weight cells, and the table that gives a weight
 * to exports that carry none (product title or SKU -> kg).
 */

#include <stddef.h>

/*
 * Parse a weight cell into grams: "1.2", "1.2kg", "1.2 公斤", "1.2千克",
 * "500g", "500克", "2斤" (500 g each), ="1.2".  A bare number is in units
 * of UNIT_G grams (1000 for kg).  Fractions of a gram round up.  Returns 0,
 * or -1 when the cell is not a weight (the sign is kept: callers reject
 * negative values with their own message).
 */
int weight_parse(const char *s, size_t n, long long unit_g, long long *grams);

struct weights;

/*
 * Load a weights table (CSV with a header naming a key column — key, sku,
 * title, 商品, 宝贝标题, 商家编码 — and a weight column — kg, weight,
 * weight_kg, 重量).  Returns NULL after printing FILE:LINE errors.
 */
struct weights *weights_load(const char *path);

/* Free W. */
void weights_free(struct weights *w);

/*
 * The weight in grams of KEY[0..LEN): an exact key, else the longest key
 * contained in it (a title that names the product among other words).
 * Returns 0, or -1 when no key matches.
 */
int weights_lookup(const struct weights *w, const char *key, size_t len,
    long long *grams);

#endif
