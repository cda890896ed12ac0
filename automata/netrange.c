/*
 * netrange.c: ranges of IP addresses (netrange.h).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "netrange.h"

bool
sockaddr_net_parse(const char *s, size_t n, struct sockaddr_net *net)
{
	char buf[64];
	const char *slash;
	size_t alen;

	memset(net, 0, sizeof(*net));
	if (n == 0 || n >= sizeof(buf))
		return false;
	slash = memchr(s, '/', n);
	alen = slash != NULL ? (size_t)(slash - s) : n;
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (inet_pton(AF_INET, buf, net->ip) == 1) {
		net->v6 = false;
		net->bits = 32;
	} else if (inet_pton(AF_INET6, buf, net->ip) == 1) {
		net->v6 = true;
		net->bits = 128;
	} else {
		return false;
	}
	if (slash != NULL) {
		size_t i, dl = n - alen - 1;
		unsigned bits = 0;

		if (dl == 0 || dl > 3)
			return false;
		for (i = 0; i < dl; i++) {
			if (!g_ascii_isdigit(slash[1 + i]))
				return false;
			bits = bits * 10 + (unsigned)(slash[1 + i] - '0');
		}
		if (bits > net->bits)
			return false;
		net->bits = bits;
	}
	return true;
}

bool
sockaddr_net_has(const struct sockaddr_net *net, const char *ip)
{
	uint8_t a[16];
	unsigned i, full, rest;

	if (ip == NULL)
		return false;
	if (inet_pton(net->v6 ? AF_INET6 : AF_INET, ip, a) != 1)
		return false;
	full = net->bits / 8;
	rest = net->bits % 8;
	for (i = 0; i < full; i++)
		if (a[i] != net->ip[i])
			return false;
	if (rest > 0) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));

		if ((a[full] & mask) != (net->ip[full] & mask))
			return false;
	}
	return true;
}

/* Whether the first bits bits of a and b agree. */
static bool
bits_agree(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full) != 0)
		return false;
	if (rest > 0) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));

		return (a[full] & mask) == (b[full] & mask);
	}
	return true;
}

void
sockaddr_net_of(bool v6, const uint8_t *ip, struct sockaddr_net *net)
{
	memset(net, 0, sizeof(*net));
	net->v6 = v6;
	memcpy(net->ip, ip, v6 ? 16 : 4);
	net->bits = v6 ? 128 : 32;
}

bool
sockaddr_net_within(const struct sockaddr_net *in,
    const struct sockaddr_net *out)
{
	return in->v6 == out->v6 && in->bits >= out->bits &&
	    bits_agree(in->ip, out->ip, out->bits);
}

bool
sockaddr_net_meets(const struct sockaddr_net *a, const struct sockaddr_net *b)
{
	return a->v6 == b->v6 && bits_agree(a->ip, b->ip, MIN(a->bits,
	    b->bits));
}

bool
sockaddr_net_join(struct sockaddr_net *a, const struct sockaddr_net *b)
{
	unsigned bits = 0, max = MIN(a->bits, b->bits);

	if (a->v6 != b->v6)
		return false;
	while (bits < max && bits_agree(a->ip, b->ip, bits + 1))
		bits++;
	a->bits = bits;
	return true;
}

void
sockaddr_net_text(const struct sockaddr_net *net,
    char buf[NETRANGE_NET_TEXT])
{
	uint8_t ip[16] = { 0 };
	unsigned full = net->bits / 8, rest = net->bits % 8, n;

	memcpy(ip, net->ip, full);
	if (rest > 0)
		ip[full] = (uint8_t)(net->ip[full] & (0xff << (8 - rest)));
	if (inet_ntop(net->v6 ? AF_INET6 : AF_INET, ip, buf,
	    NETRANGE_IP_TEXT) == NULL) {
		buf[0] = '\0';
		return;
	}
	n = net->v6 ? 128 : 32;
	if (net->bits < n)
		g_snprintf(buf + strlen(buf), NETRANGE_NET_TEXT - strlen(buf),
		    "/%u", net->bits);
}
