#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/diag.h"

static _Noreturn void
oom(void)
{
	cs_errx(CS_FATAL, "out of memory");
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (n != 0 && size > SIZE_MAX / n)
		oom();
	if ((p = realloc(p, n * size > 0 ? n * size : 1)) == NULL)
		oom();
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
xgrow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t c = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			oom();
		c *= 2;
	}
	*p = xreallocarray(*p, c, size);
	*cap = c;
}

void
xgrow_zero(void *pp, size_t *cap, size_t need, size_t size)
{
	size_t old = *cap;

	if (need <= old)
		return;
	xgrow(pp, cap, need, size);
	memset((char *)*(void **)pp + old * size, 0, (*cap - old) * size);
}
