#ifndef CS_ORDERSTATUS_H
#define CS_ORDERSTATUS_H

/*
 * Order statuses as the platforms word them (订单状态 / 交易状态 /
 * order_status): Taobao's 买家已付款，等待卖家发货, JD's 等待出库, Pinduoduo's
 * 待发货 are all "paid, not shipped".  The wordings are data
 * (data/order-status.csv, or a replacement file).
 */

#include <stddef.h>

enum order_status {
	OS_NONE,		/* no status column, or an empty cell */
	OS_UNPAID,		/* not paid yet */
	OS_PAID,		/* paid, not shipped */
	OS_SHIPPED,		/* with the courier */
	OS_DELIVERED,		/* signed for or completed */
	OS_CANCELLED,		/* closed or refunded */
	OS_UNKNOWN		/* a value the table does not name */
};

struct ostatus;

/*
 * Load the wordings from PATH (NULL: the embedded data/order-status.csv).
 * Returns NULL after printing FILE:LINE errors.
 */
struct ostatus *ostatus_load(const char *path);

/* Free T (NULL is fine). */
void ostatus_free(struct ostatus *t);

/*
 * The enum order_status of the cell S[0..N): OS_NONE when it is empty
 * after dropping spaces and punctuation, OS_UNKNOWN when no line of T
 * matches.  Spaces and punctuation (ASCII and full-width) do not count
 * and ASCII letters match in either case; an exact line wins over the
 * longest prefix line.
 */
int ostatus_lookup(const struct ostatus *t, const char *s, size_t n);

#endif
