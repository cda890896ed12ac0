/*
 * fuzz_x11.c: libFuzzer target for the X11 decoder (trace/x11.c) on any
 * bytes.  The input is cut into chunks, each a header byte (bit 0: the
 * direction; bits 1 to 7: how many bytes were lost after it, times 37)
 * and a length byte, then that many bytes, fed to one connection as the
 * normaliser would; every access must be one line of printable text.
 * The first byte chooses how: bit 0, a connection joined mid-stream (as
 * strace -p shows one) at the first chunk, when join takes it; bit 1,
 * chunks fed two at a time as one call (feed_call).  The count of bytes
 * not placed never exceeds the bytes fed.
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
	void *c = NULL;
	struct proto_piece pc[2];
	unsigned npc = 0, mode;
	uint64_t fed = 0;
	size_t i = 1;

	if (size == 0) {
		proto_x11.shared_free(sh);
		return 0;
	}
	mode = data[0];
	if (!(mode & 1))
		c = proto_x11.conn_new(sh);
	while (i + 2 <= size) {
		unsigned hdr = data[i], n = data[i + 1];
		enum proto_dir dir = hdr & 1 ? PROTO_TO_CLIENT :
		    PROTO_TO_SERVER;

		i += 2;
		if (n > size - i)
			n = (unsigned)(size - i);
		pc[npc++] = (struct proto_piece){ data + i, n,
		    (uint64_t)(hdr >> 1) * 37 };
		i += n;
		if ((mode & 2) && npc < 2 && i + 2 <= size)
			continue;
		if (c == NULL) {
			c = proto_x11.join(sh, dir, pc, npc);
			if (c == NULL)
				break;
		}
		for (unsigned k = 0; k < npc; k++)
			fed += pc[k].len + pc[k].lost;
		proto_x11.feed_call(c, dir, pc, npc, check, NULL);
		npc = 0;
	}
	if (c != NULL) {
		if (proto_x11.unplaced(c) > fed)
			abort();
		proto_x11.conn_free(c);
	}
	proto_x11.shared_free(sh);
	return 0;
}
