/*
 * netrange.h: ranges of IP addresses ("127.0.0.0/8", "::1",
 * "::ffff:127.0.0.0/104"): what policies test an address's IP against
 * (verify), what a model learns of the IPs an argument held (mining,
 * the <net> of docs/efsa-format.md) and checks a run against (step.c).
 * Addresses are bytes in network order, as struct sockaddr_info holds
 * them (trace/sockaddr.h), or text as inet_pton() reads it.
 */
#ifndef AUTOMATA_NETRANGE_H
#define AUTOMATA_NETRANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETRANGE_IP_TEXT 48	/* an IP as text, as inet_ntop() writes it */

/*
 * A range of addresses: an IPv4 or IPv6 address, optionally followed by
 * "/N" (N at most 32 or 128); without it the one address.
 * sockaddr_net_parse() reads s[0..n) and returns false when it is not
 * that.  sockaddr_net_has() says whether the address given as text
 * (as sockaddr_ip_text() writes it, or any form inet_pton() reads) is in
 * the range: an IPv4 address is never in an IPv6 range nor the reverse
 * (write ::ffff:127.0.0.0/104 for IPv4-mapped addresses).
 */
struct sockaddr_net {
	bool v6;
	uint8_t ip[16];
	unsigned bits;
};

bool sockaddr_net_parse(const char *s, size_t n, struct sockaddr_net *net);
bool sockaddr_net_has(const struct sockaddr_net *net, const char *ip);

/* The one address ip (4 bytes, or 16 when v6) as a range. */
void sockaddr_net_of(bool v6, const uint8_t *ip, struct sockaddr_net *net);

/* Whether every address of in is in out (never across IPv4 and IPv6). */
bool sockaddr_net_within(const struct sockaddr_net *in,
    const struct sockaddr_net *out);

/* Whether a and b share an address: ranges are nested or disjoint. */
bool sockaddr_net_meets(const struct sockaddr_net *a,
    const struct sockaddr_net *b);

/* Makes a the smallest range that holds a and b; false (a unchanged)
 * when one is IPv4 and the other IPv6. */
bool sockaddr_net_join(struct sockaddr_net *a, const struct sockaddr_net *b);

/* A range as sockaddr_net_parse() reads it: its address with the bits
 * past the prefix cleared, "/N" when it is more than one address
 * ("10.1.0.0/16", "127.0.0.1", "fe80::/10"). */
#define NETRANGE_NET_TEXT 56
void sockaddr_net_text(const struct sockaddr_net *net,
    char buf[NETRANGE_NET_TEXT]);

#endif
