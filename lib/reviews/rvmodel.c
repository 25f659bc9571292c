/*
 * cs-reviewsort's linear model: hashed n-grams, the model file, and
 * prediction (see rvmodel.h).
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "io/diag.h"
#include "io/datafile.h"
#include "io/embed.h"
#include "reviews/rvmodel.h"

/*
 * Chosen by 5-fold cross-validation on the train split of
 * data/train/reviews-labelled.csv (`make cv`, tests/eval/rv-cv.c), one
 * choice at a time; accuracy / macro-F1 of the four complaint classes,
 * 7,349 rows.  At C 4, 2^18 buckets, n-grams 1-3, binary values:
 *   n-grams 1 only 0.841 / 0.754, 1-2 0.844 / 0.758, 1-3 0.839 / 0.750
 *   binary 0.839 / 0.750, log 0.839 / 0.752, count/sqrt(n) 0.840 / 0.754
 *   2^16 buckets 0.836 / 0.747, 2^17 0.839 / 0.750, 2^19 0.837 / 0.747
 *   lexicon features: none 0.808 / 0.684, x0.5 0.839 / 0.748, x2
 *   0.838 / 0.748
 * then, with the lexicon terms as features too and C 32 (rvtrain.c):
 *   n-grams 1-2: binary 0.850 / 0.772, count/sqrt(n) 0.848 / 0.773;
 *   count/sqrt(n) with 2^17 buckets 0.847 / 0.771, 2^16 0.848 / 0.773,
 *   2^15 0.846 / 0.768; character pairs without single characters
 *   0.832 / 0.747; n-grams of negated words left out -0.004 / -0.009.
 * Where two choices score alike the cheaper one is taken: count/sqrt(n)
 * needs no pass to find the distinct buckets, and 2^16 buckets make a
 * 640 KB model.
 */
const struct rvm_params rvm_default_params = {
	.bits = 16, .nmax = 2, .tf = RVM_TF_SQRTLEN, .lexscale = 1.0f
};

static const char magic[8] = { 'C', 'S', 'R', 'V', 'M', '0', '1', '\n' };

/* Size of the fixed header: magic, six u32, two f32. */
#define HDR_SIZE (8 + 6 * 4 + 2 * 4)

/*
 * The bucket of the n-gram whose code points are A, B, C (0 for the
 * characters before the first: a unigram is 0, 0, C), for BITS bits.
 * Code points have 21 bits, so the key is exact; Fibonacci hashing (one
 * multiply, the high bits) spreads it over the buckets.
 */
static inline uint32_t
bucket(uint32_t a, uint32_t b, uint32_t c, unsigned bits)
{
	uint64_t k = (uint64_t)a << 42 | ((uint64_t)b << 21 ^ c);

	return (uint32_t)(((k + 1) * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

/*
 * The code point at S[0..LEFT) into *CP and its length, as
 * lib/core/utf8.h decodes it, or 0 when invalid: with a short path for the
 * ideographs most of a review is made of.
 */
static inline size_t
decode(const unsigned char *s, size_t left, uint32_t *cp)
{
	int l, valid;

	if (s[0] < 0x80) {		/* ASCII, and NUL: a unit here */
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xe4 && s[0] <= 0xe9 && left >= 3 &&
	    ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40) {
		*cp = (uint32_t)(s[0] & 0x0f) << 12 |
		    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return 3;
	}
	l = utf8_decode(s, left, cp, &valid);
	return valid ? (size_t)l : 0;
}

int
rvm_ngrams(struct rvm_feat *f, const struct rvm_params *p, const char *s,
    size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t a = 0, b = 0, c, *id;
	size_t i, l, need = len * p->nmax + 1;

	if (need > f->cap) {
		if ((id = xreallocarray(f->id, 1, need * sizeof(*id))) == NULL)
			return -1;
		f->id = id;
		f->cap = need;
	}
	id = f->id;
	f->n = 0;
	for (i = 0; i < len; i += l) {
		if ((l = decode(u + i, len - i, &c)) == 0) {
			l = 1;
			c = 0x110000 + u[i];	/* a stray byte: its own unit */
		} else if (c == 0) {
			a = b = 0;		/* a blank: no n-gram across it */
			continue;
		}
		id[f->n++] = bucket(0, 0, c, p->bits);
		if (p->nmax >= 2 && b != 0)
			id[f->n++] = bucket(0, b, c, p->bits);
		if (p->nmax >= 3 && a != 0)
			id[f->n++] = bucket(a, b, c, p->bits);
		a = b;
		b = c;
	}
	return 0;
}

uint32_t
rvm_term_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int
rvm_term(struct rvm_feat *f, const struct rvm_params *p, uint32_t hash,
    unsigned flags)
{
	uint32_t *id;

	if (f->n == f->cap) {
		if ((id = xreallocarray(f->id, 1, (f->cap * 2 + 16) * sizeof(*id))) == NULL)
			return -1;
		f->id = id;
		f->cap = f->cap * 2 + 16;
	}
	/* 0x1fffff is no code point: terms do not meet n-grams by design. */
	f->id[f->n++] = bucket(0x1fffff, flags, hash, p->bits);
	return 0;
}

/* qsort() order of bucket numbers. */
static int
u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

int
rvm_feat_unique(struct rvm_feat *f, const struct rvm_params *p)
{
	size_t i, k, n = f->n;
	double sum = 0.0, v, norm;
	uint32_t *u;
	double *uv;

	if (n > f->capu) {
		if ((u = xreallocarray(f->uid, 1, n * sizeof(*u))) == NULL)
			return -1;
		f->uid = u;
		if ((uv = xreallocarray(f->uval, 1, n * sizeof(*uv))) == NULL)
			return -1;
		f->uval = uv;
		f->capu = n;
	}
	if (n > 0)
		memcpy(f->uid, f->id, n * sizeof(*f->uid));
	qsort(f->uid, n, sizeof(*f->uid), u32_cmp);
	for (i = k = 0; i < n; k++) {
		size_t j = i;

		while (j < n && f->uid[j] == f->uid[i])
			j++;
		f->uid[k] = f->uid[i];
		f->uval[k] = (double)(j - i);	/* the count, for now */
		i = j;
	}
	f->nu = k;
	for (i = 0; i < k; i++) {
		switch (p->tf) {
		case RVM_TF_BINARY:
			v = 1.0;
			break;
		case RVM_TF_LOG:
			v = 1.0 + log(f->uval[i]);
			break;
		default:
			v = f->uval[i];
			break;
		}
		f->uval[i] = v;
		sum += v * v;
	}
	norm = p->tf == RVM_TF_SQRTLEN ? sqrt((double)n) : sqrt(sum);
	for (i = 0; i < k && norm > 0.0; i++)
		f->uval[i] /= norm;
	return 0;
}

void
rvm_feat_free(struct rvm_feat *f)
{
	free(f->id);
	free(f->uid);
	free(f->uval);
	free(f->stamp);
	memset(f, 0, sizeof(*f));
}

/* --- the model file -------------------------------------------------- */

/* Little-endian u32 at P. */
static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Bytes of a model file for BITS, after the header. */
static size_t
body_size(unsigned bits)
{
	return (1 + RVM_NLEX) * RV_NCAT * sizeof(float) +
	    ((size_t)1 << bits) * RV_NCAT * sizeof(int16_t);
}

/*
 * Check the model DATA[0..LEN) named NAME and point M into it (DATA must
 * be aligned for floats).  0, or -1 after printing why it is no model.
 */
static int
model_parse(const char *name, const unsigned char *data, size_t len,
    struct rvmodel *m)
{
	uint32_t bits, nmax, tf, nlex, ncls;
	float f[2];

	if (len < HDR_SIZE || memcmp(data, magic, sizeof(magic)) != 0) {
		cs_warnx("%s: not a cs-reviewsort model (made by --train)", name);
		return -1;
	}
	bits = get_u32(data + 8);
	nmax = get_u32(data + 12);
	tf = get_u32(data + 16);
	nlex = get_u32(data + 20);
	ncls = get_u32(data + 24);
	if (bits < 10 || bits > 20 || nmax < 1 || nmax > 3 || tf >= RVM_NTF ||
	    ncls != RV_NCAT) {
		cs_warnx("%s: bad model header (bits %u, n-grams %u, tf %u, "
		    "classes %u)", name, (unsigned)bits, (unsigned)nmax,
		    (unsigned)tf, (unsigned)ncls);
		return -1;
	}
	if (nlex != RVM_NLEX) {
		cs_warnx("%s: model made for %u lexicon features, this "
		    "cs-reviewsort has %d: train it again", name,
		    (unsigned)nlex, RVM_NLEX);
		return -1;
	}
	if (len != HDR_SIZE + body_size(bits)) {
		cs_warnx("%s: model is %zu bytes, expected %zu (truncated?)",
		    name, len, HDR_SIZE + body_size(bits));
		return -1;
	}
	memcpy(f, data + 32, sizeof(f));
	if (!isfinite(f[0]) || !isfinite(f[1])) {
		cs_warnx("%s: bad model header (scale)", name);
		return -1;
	}
	m->p.bits = bits;
	m->p.nmax = nmax;
	m->p.tf = tf;
	m->p.lexscale = f[0];
	m->scale = f[1];
	m->ntrain = get_u32(data + 28);
	m->bias = (const float *)(const void *)(data + HDR_SIZE);
	m->lex = m->bias + RV_NCAT;
	m->gram = (const int16_t *)(const void *)(m->lex + RVM_NLEX * RV_NCAT);
	return 0;
}

/* A model file: binary, at most 64 MiB (the embedded one is under 1 MB). */
static const struct datafile_kind model_kind = {
	"model", NULL, (size_t)64 << 20, NULL
};

int
rvmodel_load(const char *path, struct rvmodel *m)
{
	const struct embed *e;
	unsigned char *buf;
	size_t len;

	memset(m, 0, sizeof(*m));
	if (path == NULL) {
		if ((e = embed_find("reviews-model.bin")) == NULL)
			return 1;
		return model_parse("reviews-model.bin",
		    (const unsigned char *)e->data, e->len, m);
	}
	buf = (unsigned char *)datafile_slurp_bytes(path, &model_kind, &len);
	if (buf == NULL)
		return -1;
	if (model_parse(path, buf, len, m) != 0) {
		free(buf);
		return -1;
	}
	m->own = buf;
	return 0;
}

void
rvmodel_release(struct rvmodel *m)
{
	free(m->own);
	memset(m, 0, sizeof(*m));
}

/* Put the u32 V little-endian at P. */
static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

int
rvmodel_write(const char *path, const struct rvm_params *p,
    unsigned ntrain, const double *bias, const double *lex,
    const double *gram)
{
	size_t ng = ((size_t)1 << p->bits) * RV_NCAT, i;
	size_t len = HDR_SIZE + body_size(p->bits);
	unsigned char *buf;
	float *fl, hdr[2];
	int16_t *q;
	double max = 0.0;
	FILE *fp;
	int ret = 0;

	if ((buf = xcalloc(1, len)) == NULL) {
		cs_warnx("out of memory");
		return -1;
	}
	for (i = 0; i < ng; i++)
		if (fabs(gram[i]) > max)
			max = fabs(gram[i]);
	memcpy(buf, magic, sizeof(magic));
	put_u32(buf + 8, p->bits);
	put_u32(buf + 12, p->nmax);
	put_u32(buf + 16, p->tf);
	put_u32(buf + 20, RVM_NLEX);
	put_u32(buf + 24, RV_NCAT);
	put_u32(buf + 28, ntrain);
	hdr[0] = p->lexscale;
	hdr[1] = max > 0.0 ? (float)(max / 32767.0) : 1.0f;
	memcpy(buf + 32, hdr, sizeof(hdr));
	fl = (float *)(void *)(buf + HDR_SIZE);
	for (i = 0; i < RV_NCAT; i++)
		fl[i] = (float)bias[i];
	for (i = 0; i < RVM_NLEX * RV_NCAT; i++)
		fl[RV_NCAT + i] = (float)lex[i];
	q = (int16_t *)(void *)(fl + RV_NCAT + RVM_NLEX * RV_NCAT);
	for (i = 0; i < ng; i++)
		q[i] = (int16_t)lrint(gram[i] / hdr[1]);
	if (strcmp(path, "-") == 0)
		fp = stdout;
	else if ((fp = fopen(path, "wb")) == NULL) {
		cs_warn("%s", path);
		free(buf);
		return -1;
	}
	if (fwrite(buf, 1, len, fp) != len || fflush(fp) != 0) {
		cs_warn("%s: write error", path);
		ret = -1;
	}
	if (fp != stdout && fclose(fp) != 0 && ret == 0) {
		cs_warn("%s: write error", path);
		ret = -1;
	}
	free(buf);
	return ret;
}

/* --- prediction -------------------------------------------------------- */

/* Make F's stamp table fit BITS; 0 or -1. */
static int
stamp_reserve(struct rvm_feat *f, unsigned bits)
{
	if (f->stamp != NULL && f->stampbits == bits)
		return 0;
	free(f->stamp);
	if ((f->stamp = xcalloc((size_t)1 << bits, sizeof(*f->stamp))) == NULL)
		return -1;
	f->stampbits = bits;
	f->gen = 0;
	return 0;
}

/*
 * Add the weights of the buckets ID[0..N) into ACC (when STAMP is not
 * NULL, each bucket once: STAMP[b] == GEN means seen), returning the
 * number added.  The sums stay in registers: 32767 * 2^31 fits.
 */
static size_t
sum_grams(const int16_t *gram, const uint32_t *id, size_t n,
    uint32_t *stamp, uint32_t gen, int64_t acc[RV_NCAT])
{
	int64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
	const int16_t *w;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (stamp != NULL) {
			if (stamp[id[i]] == gen)
				continue;
			stamp[id[i]] = gen;
		}
		w = gram + (size_t)id[i] * RV_NCAT;
		a0 += w[0];
		a1 += w[1];
		a2 += w[2];
		a3 += w[3];
		a4 += w[4];
		k++;
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
	acc[4] = a4;
	return k;
}

/*
 * sum_grams() over the n-grams of S[0..LEN) as rvm_ngrams() makes them,
 * with no list in between (RVM_TF_SQRTLEN: each occurrence counts).
 */
static size_t
sum_text(const struct rvmodel *m, const char *s, size_t len,
    int64_t acc[RV_NCAT])
{
	const unsigned char *u = (const unsigned char *)s;
	const int16_t *gram = m->gram, *w;
	int64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
	unsigned bits = m->p.bits, nmax = m->p.nmax;
	uint32_t a = 0, b = 0, c;
	size_t i, l, n = 0;

#define ADD(id) (w = gram + (size_t)(id) * RV_NCAT, a0 += w[0], a1 += w[1], \
	a2 += w[2], a3 += w[3], a4 += w[4], n++)
	for (i = 0; i < len; i += l) {
		if ((l = decode(u + i, len - i, &c)) == 0) {
			l = 1;
			c = 0x110000 + u[i];
		} else if (c == 0) {
			a = b = 0;
			continue;
		}
		ADD(bucket(0, 0, c, bits));
		if (nmax >= 2 && b != 0) {
			ADD(bucket(0, b, c, bits));
			if (nmax >= 3 && a != 0)
				ADD(bucket(a, b, c, bits));
		}
		a = b;
		b = c;
	}
#undef ADD
	acc[0] += a0;
	acc[1] += a1;
	acc[2] += a2;
	acc[3] += a3;
	acc[4] += a4;
	return n;
}

int
rvmodel_predict(const struct rvmodel *m, struct rvm_feat *f,
    const char *s, size_t len, const struct rvm_lex *lex,
    double score[RV_NCAT])
{
	int64_t acc[RV_NCAT] = { 0 };
	const int16_t *w;
	double norm = 0.0, v;
	size_t i, nt = f->n;
	uint32_t *t;
	int c, best = 0;

	if (m->p.tf == RVM_TF_SQRTLEN) {
		/* The terms, then the text's n-grams on the fly. */
		i = sum_grams(m->gram, f->id, f->n, NULL, 0, acc);
		norm = sqrt((double)(i + sum_text(m, s, len, acc)));
		goto scale;
	}
	/* The text's n-grams into F, the terms after them. */
	if (nt > f->capu) {
		if ((t = xreallocarray(f->uid, 1, nt * sizeof(*t))) == NULL)
			return -1;
		f->uid = t;
		if ((f->uval = xreallocarray(f->uval, 1, nt * sizeof(*f->uval))) == NULL)
			return -1;
		f->capu = nt;
	}
	if (nt > 0)
		memcpy(f->uid, f->id, nt * sizeof(*f->id));
	if (rvm_ngrams(f, &m->p, s, len) == -1)
		return -1;
	for (i = 0; i < nt; i++)
		if (rvm_term(f, &m->p, 0, 0) == -1)
			return -1;
	if (nt > 0)
		memcpy(f->id + f->n - nt, f->uid, nt * sizeof(*f->id));
	switch (m->p.tf) {
	case RVM_TF_BINARY:
		/* Each bucket once: stamp says which were seen. */
		if (stamp_reserve(f, m->p.bits) == -1)
			return -1;
		if (++f->gen == 0) {
			memset(f->stamp, 0, ((size_t)1 << f->stampbits) *
			    sizeof(*f->stamp));
			f->gen = 1;
		}
		norm = sqrt((double)sum_grams(m->gram, f->id, f->n, f->stamp,
		    f->gen, acc));
		break;
	default:
		if (rvm_feat_unique(f, &m->p) == -1)
			return -1;
		for (c = 0; c < RV_NCAT; c++)
			score[c] = 0.0;
		for (i = 0; i < f->nu; i++) {
			w = m->gram + (size_t)f->uid[i] * RV_NCAT;
			for (c = 0; c < RV_NCAT; c++)
				score[c] += w[c] * f->uval[i];
		}
		break;
	}
scale:
	for (c = 0; c < RV_NCAT; c++) {
		if (m->p.tf == RVM_TF_BINARY || m->p.tf == RVM_TF_SQRTLEN)
			score[c] = norm > 0.0 ? (double)acc[c] / norm : 0.0;
		score[c] = score[c] * m->scale + m->bias[c];
	}
	for (i = 0; i < RVM_NLEX; i++) {
		if ((v = lex->v[i]) == 0.0)
			continue;
		v *= m->p.lexscale;
		for (c = 0; c < RV_NCAT; c++)
			score[c] += v * m->lex[i * RV_NCAT + c];
	}
	for (c = 1; c < RV_NCAT; c++)
		if (score[c] > score[best])
			best = c;
	return best;
}
