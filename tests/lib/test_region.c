/*
 * Unit tests of lib/region: the embedded gazetteer, the accessors, edge
 * cases of region_resolve(), replacement files and their errors, and the
 * hand-written address table tests/region/addresses.tsv (every mismatch
 * is reported).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr/region.h"
#include "text/normalize.h"
#include "t.h"

static const char *const status_name[] = {
	"ok", "unknown", "ambiguous", "foreign"
};

/* Resolve the C string S and return its status. */
static int
res(const struct region_db *db, const char *s, struct region_result *r)
{
	return region_resolve(db, s, strlen(s), r);
}

/* The short name S resolves to, or its status word. */
static const char *
got(const struct region_db *db, const char *s)
{
	struct region_result r;
	int st = res(db, s, &r);

	return st == REGION_OK ? region_short(db, r.province) : status_name[st];
}

static void
test_accessors(const struct region_db *db)
{
	int i, zj;

	CHECK_INT(region_count(db), 34);
	zj = region_lookup(db, "浙江");
	CHECK(zj >= 0);
	CHECK_STR(region_name(db, zj), "浙江省");
	CHECK_STR(region_short(db, zj), "浙江");
	CHECK_STR(region_code(db, zj), "330000");
	CHECK_INT(region_lookup(db, "浙江省"), zj);
	CHECK_INT(region_lookup(db, "330000"), zj);
	CHECK_INT(region_lookup(db, "浙"), zj);
	CHECK_INT(region_lookup(db, "zhejiang"), zj);
	CHECK_INT(region_lookup(db, "杭州"), -1);
	CHECK_INT(region_lookup(db, "火星"), -1);
	CHECK_INT(region_lookup(db, ""), -1);
	CHECK_STR(region_short(db, region_lookup(db, "广西壮族自治区")), "广西");
	CHECK_STR(region_short(db, region_lookup(db, "内蒙古自治区")), "内蒙古");
	CHECK_STR(region_short(db, region_lookup(db, "新疆维吾尔自治区")), "新疆");
	CHECK_STR(region_short(db, region_lookup(db, "宁夏回族自治区")), "宁夏");
	CHECK_STR(region_short(db, region_lookup(db, "香港特别行政区")), "香港");
	CHECK_STR(region_short(db, region_lookup(db, "澳门特别行政区")), "澳门");
	CHECK_STR(region_short(db, region_lookup(db, "臺灣")), "台湾");
	CHECK_STR(region_code(db, region_lookup(db, "台湾")), "710000");
	CHECK_STR(region_code(db, region_lookup(db, "香港")), "810000");
	CHECK_STR(region_code(db, region_lookup(db, "澳门")), "820000");
	CHECK(region_name(db, -1) == NULL);
	CHECK(region_short(db, 34) == NULL);
	CHECK(region_code(db, 99) == NULL);
	for (i = 0; i < region_count(db); i++) {
		CHECK_INT(region_lookup(db, region_name(db, i)), i);
		CHECK_INT(region_lookup(db, region_short(db, i)), i);
		CHECK_INT(region_lookup(db, region_code(db, i)), i);
	}
}

static void
test_resolve(const struct region_db *db)
{
	struct region_result r;
	char big[20000];
	size_t i;

	CHECK_INT(res(db, "", &r), REGION_UNKNOWN);
	CHECK_INT(r.province, -1);
	CHECK_STR(r.candidates, "");
	CHECK_INT(res(db, "   ", &r), REGION_UNKNOWN);
	CHECK_INT(region_resolve(db, NULL, 0, &r), REGION_UNKNOWN);

	CHECK_INT(res(db, "朝阳区", &r), REGION_AMBIGUOUS);
	CHECK_STR(r.candidates, "北京市/吉林省");
	CHECK_STR(r.matched, "朝阳区");
	CHECK_INT(r.province, -1);
	CHECK_INT(res(db, "鼓楼区", &r), REGION_AMBIGUOUS);
	CHECK_STR(r.candidates, "江苏省/福建省/河南省");

	CHECK_INT(res(db, "浙江省杭州市西湖区文三路", &r), REGION_OK);
	CHECK_STR(region_short(db, r.province), "浙江");
	CHECK_STR(r.matched, "浙江省");
	CHECK_STR(r.candidates, "");
	CHECK_INT(res(db, "廣州市天河區", &r), REGION_OK);
	CHECK_STR(r.matched, "广州市");
	CHECK_INT(res(db, "美国纽约", &r), REGION_FOREIGN);
	CHECK_INT(r.province, -1);
	CHECK_STR(r.matched, "美国");

	/* Only part of TEXT is looked at: LEN, not the NUL. */
	CHECK_INT(region_resolve(db, "沪X", 3, &r), REGION_OK);
	CHECK_STR(region_short(db, r.province), "上海");

	/* Invalid UTF-8, NUL bytes, cut sequences, huge fields. */
	CHECK_STR(got(db, "\xff\xfe浙江\x80"), "浙江");
	CHECK_INT(region_resolve(db, "浙\0江", 7, &r), REGION_UNKNOWN);
	CHECK_INT(region_resolve(db, "浙江", 5, &r), REGION_UNKNOWN);
	for (i = 0; i + 3 <= sizeof big - 1; i += 3)
		memcpy(big + i, "路", 3);
	big[i] = '\0';
	CHECK_INT(res(db, big, &r), REGION_UNKNOWN);
	memcpy(big + i - 9, "杭州市", 9);
	CHECK_INT(res(db, big, &r), REGION_UNKNOWN);	/* beyond the window */
	memcpy(big, "杭州市，", 12);
	CHECK_STR(got(db, big), "浙江");

	/* Abbreviations only as the whole field. */
	CHECK_STR(got(db, "京"), "北京");
	CHECK_STR(got(db, "南京"), "江苏");
	CHECK_STR(got(db, "京东"), "unknown");
	CHECK_STR(got(db, "沪(200000)"), "上海");
}

/* Run region_db_load(PATH) with stderr captured into ERR (size N). */
static struct region_db *
load_capture(const char *path, char *err, size_t n)
{
	char tmpl[] = "/tmp/test_region.err.XXXXXX";
	struct region_db *db;
	int fd, saved;
	FILE *f;
	size_t k;

	err[0] = '\0';
	fflush(stderr);
	if ((fd = mkstemp(tmpl)) < 0 || (saved = dup(2)) < 0)
		return region_db_load(path);
	dup2(fd, 2);
	db = region_db_load(path);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	if ((f = fopen(tmpl, "r")) != NULL) {
		k = fread(err, 1, n - 1, f);
		err[k] = '\0';
		fclose(f);
	}
	unlink(tmpl);
	return db;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void
test_replacement(void)
{
	char path[] = "/tmp/test_region.csv.XXXXXX";
	char err[4096], want[256];
	struct region_db *db;
	struct region_result r;
	int fd;

	if ((fd = mkstemp(path)) < 0) {
		perror("mkstemp");
		exit(2);
	}
	close(fd);

	/* A small replacement: two provinces. */
	write_file(path,
	    "# test gazetteer\n"
	    "code,name,level,province_code,province,city\n"
	    "330000,浙江省,province,330000,浙江省,\n"
	    "330100,杭州市,city,330000,浙江省,杭州市\n"
	    "330106,西湖区,county,330000,浙江省,杭州市\n"
	    "360000,江西省,province,360000,江西省,\n"
	    "360104,西湖区,county,360000,江西省,南昌市\n");
	db = load_capture(path, err, sizeof err);
	CHECK(db != NULL);
	CHECK_STR(err, "");
	if (db != NULL) {
		CHECK_INT(region_count(db), 2);
		CHECK_STR(got(db, "杭州西湖区"), "浙江");
		CHECK_STR(got(db, "西湖区"), "ambiguous");
		CHECK_INT(res(db, "广州市", &r), REGION_UNKNOWN);
		CHECK_STR(got(db, "浙"), "浙江");
		CHECK_STR(got(db, "美国"), "foreign");
		region_db_free(db);
	}

	/* A bad row: the message names FILE:LINE. */
	write_file(path,
	    "code,name,level,province_code,province,city\n"
	    "330000,浙江省,province,330000,浙江省,\n"
	    "330100,杭州市,town,330000,浙江省,杭州市\n"
	    "330106,西湖区,county,330000\n"
	    "330107,上城区,county,330000,火星省,杭州市\n");
	db = load_capture(path, err, sizeof err);
	CHECK(db == NULL);
	snprintf(want, sizeof want, "%s:3: unknown level 'town'", path);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof want, "%s:4: expected 6 fields, found 4", path);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof want, "%s:5: unknown province '火星省'", path);
	CHECK(strstr(err, want) != NULL);
	if (db == NULL && strstr(err, want) == NULL)
		printf("stderr was: %s\n", err);
	region_db_free(db);

	/* No province rows, a missing column, a bad code, a missing file. */
	write_file(path, "code,name,level,province_code,province,city\n");
	db = load_capture(path, err, sizeof err);
	CHECK(db == NULL);
	CHECK(strstr(err, "no province rows") != NULL);
	write_file(path, "code,name,province\n110000,北京市,北京市\n");
	db = load_capture(path, err, sizeof err);
	CHECK(db == NULL);
	snprintf(want, sizeof want, "%s:1: no column 'level' in the header: "
	    "not a gazetteer", path);
	CHECK(strstr(err, want) != NULL);
	write_file(path, "code,name,level,province_code,province,city\n"
	    "11000x,北京市,province,110000,北京市,\n");
	db = load_capture(path, err, sizeof err);
	CHECK(db == NULL);
	CHECK(strstr(err, ":2: bad division code '11000x'") != NULL);
	unlink(path);
	db = load_capture(path, err, sizeof err);
	CHECK(db == NULL);
	CHECK(strstr(err, path) != NULL);
}

/* Check every line of the address table; returns the number of rows. */
static int
test_table(const struct region_db *db)
{
	char path[4096], line[2048], *tab, *want, *nl;
	const char *top = getenv("top");
	int rows = 0, bad = 0, lineno = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/tests/region/addresses.tsv",
	    top != NULL ? top : ".");
	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		CHECK(!"address table readable");
		return 0;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((tab = strrchr(line, '\t')) == NULL) {
			printf("%s:%d: no tab\n", path, lineno);
			bad++;
			continue;
		}
		*tab = '\0';
		want = tab + 1;
		rows++;
		t_checks++;
		if (strcmp(got(db, line), want) != 0) {
			struct region_result r;

			res(db, line, &r);
			printf("%s:%d: '%s': got %s (%s%s%s), want %s\n", path,
			    lineno, line, got(db, line), r.matched,
			    r.candidates[0] ? " " : "", r.candidates, want);
			t_failed++;
			bad++;
		}
	}
	fclose(f);
	printf("address table: %d rows, %d right, %d wrong\n", rows,
	    rows - bad, bad);
	CHECK(rows >= 150);
	return rows;
}

/*
 * Every official name of data/divisions*.csv, alone and (for counties)
 * after its city, resolves to its province, or is ambiguous with its
 * province among the candidates.
 */
static void
test_gazetteer(const struct region_db *db)
{
	static const char *const files[] = {
		"divisions.csv", "divisions-hk-mo-tw.csv", "divisions-former.csv",
		NULL
	};
	static const char *const placeholders[] = {
		"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", NULL
	};
	char path[4096], line[1024], text[512], *f[8], *p, *q;
	const char *top = getenv("top");
	struct region_result r;
	int i, k, n, bad = 0, rows = 0, round;
	FILE *fp;

	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/data/%s", top != NULL ? top : ".",
		    files[i]);
		if ((fp = fopen(path, "r")) == NULL) {
			perror(path);
			CHECK(!"gazetteer readable");
			continue;
		}
		while (fgets(line, sizeof line, fp) != NULL) {
			if (line[0] == '#' || strncmp(line, "code,", 5) == 0)
				continue;
			line[strcspn(line, "\r\n")] = '\0';
			for (n = 0, p = line; n < 8; n++, p = q + 1) {
				f[n] = p;
				if ((q = strchr(p, ',')) == NULL) {
					n++;
					break;
				}
				*q = '\0';
			}
			if (n != 6) {
				printf("%s: bad line\n", path);
				bad++;
				continue;
			}
			for (k = 0; placeholders[k] != NULL; k++)
				if (strcmp(f[1], placeholders[k]) == 0)
					break;
			if (placeholders[k] != NULL)
				continue;
			/* 嘉模堂区（氹仔）: the name before the bracket. */
			if ((p = strstr(f[1], "（")) != NULL)
				*p = '\0';
			for (round = 0; round < 2; round++) {
				if (round == 0)
					snprintf(text, sizeof text, "%s", f[1]);
				else if (strcmp(f[2], "county") == 0 &&
				    strstr(f[5], "直辖") == NULL)
					snprintf(text, sizeof text, "%s%s", f[5], f[1]);
				else
					break;
				rows++;
				t_checks++;
				region_resolve(db, text, strlen(text), &r);
				if ((r.status == REGION_OK &&
				    strcmp(region_name(db, r.province), f[4]) == 0) ||
				    (r.status == REGION_AMBIGUOUS &&
				    strstr(r.candidates, f[4]) != NULL))
					continue;
				t_failed++;
				if (bad++ < 20)
					printf("%s: '%s' gives %s %s%s, want %s\n",
					    files[i], text, status_name[r.status],
					    r.province >= 0 ?
					    region_name(db, r.province) : "",
					    r.candidates, f[4]);
			}
		}
		fclose(fp);
	}
	printf("gazetteer: %d names, %d wrong\n", rows, bad);
	CHECK(rows > 6000);
}

/*
 * Regression (found by fuzz_region): a short name followed by two 4-byte
 * characters overflowed the pair buffer of is_nonplace() (UBSan: index 8
 * out of bounds for char[8]).  Under the sanitizers this must not trip.
 */
static void
test_wide_after_name(const struct region_db *db)
{
	struct region_result res;
	const char *s = "\xE6\x9D\xAD\xE5\xB7\x9E\xF0\x9F\x98\x80\xF0\x9F\x98\x80"; /* 杭州 + 2 emoji */

	region_resolve(db, s, strlen(s), &res);
	CHECK_INT(res.status, REGION_OK);
	CHECK_STR(region_short(db, res.province), "浙江");
}

/*
 * What surrounds an address is trimmed with cell_value()'s blanks
 * (U+00A0 and U+3000 too), quotes, ="…" and a trailing postcode.
 */
static void
test_trim(void)
{
	static const char *const in[] = {
		"\xC2\xA0浙江省杭州市 310000\xC2\xA0", "=\"浙江省杭州市\"",
		"'浙江", "\xE3\x80\x80 浙江 （310000）", "\xEF\xBB\xBF浙江\t",
		"\"浙江省\" 0571-88888888", NULL
	};
	struct region_db *db = region_db_load(NULL);
	struct region_result res;
	int i;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	for (i = 0; in[i] != NULL; i++) {
		CHECK_INT(region_resolve(db, in[i], strlen(in[i]), &res), REGION_OK);
		CHECK_STR(region_short(db, res.province), "浙江");
	}
	CHECK_INT(region_resolve(db, " \xC2\xA0 310000 ", 11, &res),
	    REGION_UNKNOWN);
	region_db_free(db);
}

/* Map the ideograph FROM to TO in Z, as the t2s table would. */
static void
z_map(struct normalizer *z, uint32_t from, uint32_t to)
{
	z->simp[from - NORM_T2S_LO] = to;
	z->trad[(from - NORM_T2S_LO) >> 3] |=
	    (unsigned char)(1 << ((from - NORM_T2S_LO) & 7));
}

/*
 * region_db_load_with() matches with the normaliser it is given, not a
 * table of its own: one that maps 甲 to 浙 makes 甲江省 Zhejiang, and
 * one without the t2s table leaves 廣東 unknown.
 */
static void
test_shared_normalizer(void)
{
	struct normalizer *z = calloc(1, sizeof *z), *real = normalizer_new();
	struct region_db *db;
	struct region_result res;

	CHECK(z != NULL && real != NULL);
	if (z == NULL || real == NULL)
		return;
	z_map(z, 0x7532, 0x6D59);	/* 甲 -> 浙 */
	db = region_db_load_with(NULL, z);
	CHECK(db != NULL);
	if (db != NULL) {
		CHECK_INT(region_resolve(db, "甲江省杭州市", strlen("甲江省杭州市"),
		    &res), REGION_OK);
		CHECK_STR(region_short(db, res.province), "浙江");
		CHECK_INT(region_resolve(db, "廣東省", strlen("廣東省"), &res),
		    REGION_UNKNOWN);
		CHECK_INT(region_lookup(db, "甲江"), region_lookup(db, "浙江"));
		region_db_free(db);
	}
	db = region_db_load_with(NULL, real);
	CHECK(db != NULL);
	if (db != NULL) {
		CHECK_INT(region_resolve(db, "廣東省", strlen("廣東省"), &res),
		    REGION_OK);
		CHECK_STR(region_short(db, res.province), "广东");
		region_db_free(db);
	}
	normalizer_free(real);
	normalizer_free(z);
}

int
main(void)
{
	struct region_db *db = region_db_load(NULL);

	CHECK(db != NULL);
	if (db == NULL)
		return t_done();
	test_accessors(db);
	test_resolve(db);
	test_table(db);
	test_gazetteer(db);
	test_wide_after_name(db);
	region_db_free(db);
	test_replacement();
	test_shared_normalizer();
	test_trim();
	return t_done();
}
