/*
 * fuzz_x11.c: libFuzzer target for the X11 decoder (trace/x11.c) on any
 * bytes.  The input is cut into chunks, each a header byte (bit 0: the
 * direction; bits 1 to 7: how many bytes were lost after it, times 37)
 * and a length byte, then that many bytes, fed to one connection as the
 * normaliser would; every access must be one line of printable text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(void *ctx, const char *a, size_t len)
{
	size_t i;

	(void)ctx;
	if (len < 4 || memcmp(a, "X11 ", 4) != 0)
		abort();
	for (i = 0; i < len; i++)
		if (a[i] == '\n' || a[i] == '\0')
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *sh = proto_x11.shared_new();
	void *c = proto_x11.conn_new(sh);
	size_t i = 0;

	while (i + 2 <= size) {
		unsigned hdr = data[i], n = data[i + 1];
		enum proto_dir dir = hdr & 1 ? PROTO_TO_CLIENT :
		    PROTO_TO_SERVER;

		i += 2;
		if (n > size - i)
			n = (unsigned)(size - i);
		proto_x11.feed(c, dir, data + i, n, (size_t)(hdr >> 1) * 37,
		    check, NULL);
		i += n;
	}
	proto_x11.conn_free(c);
	proto_x11.shared_free(sh);
	return 0;
}
