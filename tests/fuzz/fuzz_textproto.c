/*
 * fuzz_textproto.c: libFuzzer target for the text-protocol decoders
 * (trace/textproto.c: HTTP/1, memcached, redis) on any bytes.  The first
 * byte chooses the protocol; the rest is cut into chunks, each a header
 * byte (bit 0: the direction; bits 1 to 7: how many bytes were lost after
 * it, times 7, so that lost bytes end inside data blocks as often as past
 * them) and a length byte, then that many bytes, fed to one connection as
 * the normaliser would.  Every chunk is also offered to each protocol's
 * test of a connection's first bytes.  Every access must be one line of
 * printable text that begins with its protocol's name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct proto *const protos[] = { &proto_http, &proto_memcached,
    &proto_redis };
static const char *const prefixes[] = { "HTTP ", "memcached ", "redis " };

static void
check(void *ctx, const char *a, size_t len)
{
	const char *prefix = ctx;
	size_t i, n = strlen(prefix);

	if (len <= n || memcmp(a, prefix, n) != 0)
		abort();
	for (i = 0; i < len; i++)
		if ((unsigned char)a[i] < 0x20 || (unsigned char)a[i] > 0x7e)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned k;
	const struct proto *p;
	void *sh, *c;
	size_t i = 1;

	if (size == 0)
		return 0;
	k = data[0] % 3;
	p = protos[k];
	sh = p->shared_new();
	c = p->conn_new(sh);
	while (i + 2 <= size) {
		unsigned hdr = data[i], n = data[i + 1];
		enum proto_dir dir = hdr & 1 ? PROTO_TO_CLIENT :
		    PROTO_TO_SERVER;
		unsigned j;

		i += 2;
		if (n > size - i)
			n = (unsigned)(size - i);
		for (j = 0; j < 3; j++)
			(void)protos[j]->opens(data + i, n, dir);
		p->feed(c, dir, data + i, n, (size_t)(hdr >> 1) * 7, check,
		    (void *)prefixes[k]);
		i += n;
	}
	p->conn_free(c);
	p->shared_free(sh);
	return 0;
}
