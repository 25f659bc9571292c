#ifndef CS_STATS_HTML_H
#define CS_STATS_HTML_H

/*
 * cs-stats --report -f html: the report as one self-contained HTML page
 * for a browser or a mail client.  The CSS is inline, the charts are SVG
 * drawn here (no script, no font, image or style from elsewhere), and
 * every chart's figures are also in a table beside it, so the page reads
 * with the pictures or styles stripped.  Numbers come from the same
 * functions as the text report (stats_report.h), so the two agree.
 *
 * Sections, as the options make them possible: key figures; tickets per
 * period (--period); for each --by field, tickets per value and first
 * reply and resolution median and p90 per value (so --by agent gives the
 * agents' times); reply and resolution times; the resolution-time
 * histogram with the resolution target; service levels; retention by
 * resolution speed beside the manual's 60 % and 90-95 % (--orders); the
 * iceberg line; product alerts; and, when the groups cross several
 * fields, the text report's groups table.
 */

#include "stats/stats_orders.h"
#include "stats/stats_report.h"

/* Write the page to V->fp; R is NULL without an order history. */
void stats_write_html(const struct stats_view *v,
    const struct stats_retention *r);

#endif
