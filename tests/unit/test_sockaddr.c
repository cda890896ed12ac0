/*
 * test_sockaddr.c: socket addresses as strace 4.x to 6.x prints them,
 * decoded into fields (expected values written out by hand from the
 * text), and address ranges, checked against an oracle that compares
 * IPv4 addresses as 32-bit numbers under a mask.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "automata/netrange.h"
#include "trace/sockaddr.h"
#include "trace/trace.h"

/* Decodes the first argument of text. */
static bool
decode(const char *text, struct sockaddr_info *sa)
{
	struct values *vs = values_parse(text, strlen(text));
	bool ok = sockaddr_decode(value_child(values_root(vs), 0), sa);

	values_free(vs);
	return ok;
}

static bool
ip_is(const struct sockaddr_info *sa, const char *want)
{
	char buf[SOCKADDR_IP_TEXT];

	return sockaddr_ip_text(sa, buf) && strcmp(buf, want) == 0;
}

static void
test_inet(void)
{
	struct sockaddr_info sa;

	CU_ASSERT_FATAL(decode("{sa_family=AF_INET, sin_port=htons(4444), "
	    "sin_addr=inet_addr(\"203.0.113.9\")}, 16", &sa));
	CU_ASSERT_STRING_EQUAL(sa.family, "AF_INET");
	CU_ASSERT(ip_is(&sa, "203.0.113.9"));
	CU_ASSERT(!sa.v6);
	CU_ASSERT_EQUAL(sa.port, 4444);
	CU_ASSERT_PTR_NULL(sa.path);
	/* -X raw: the family as a number */
	CU_ASSERT_FATAL(decode("{sa_family=0x2 /* AF_INET */, "
	    "sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}", &sa));
	CU_ASSERT_STRING_EQUAL(sa.family, "AF_INET");
	CU_ASSERT(ip_is(&sa, "127.0.0.1"));
	CU_ASSERT_EQUAL(sa.port, 80);
}

static void
test_inet6(void)
{
	struct sockaddr_info sa;

	/* strace 5.x and 6.x */
	CU_ASSERT_FATAL(decode("{sa_family=AF_INET6, sin6_port=htons(8080), "
	    "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:127.0.0.1\","
	    " &sin6_addr), sin6_scope_id=0}, 28", &sa));
	CU_ASSERT_STRING_EQUAL(sa.family, "AF_INET6");
	CU_ASSERT(sa.v6);
	CU_ASSERT(ip_is(&sa, "::ffff:127.0.0.1"));
	CU_ASSERT_EQUAL(sa.port, 8080);
	/* strace 4.x: the address before the flow information */
	CU_ASSERT_FATAL(decode("{sa_family=AF_INET6, sin6_port=htons(53), "
	    "inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr), "
	    "sin6_flowinfo=0, sin6_scope_id=0}", &sa));
	CU_ASSERT(ip_is(&sa, "2001:db8::1"));
	CU_ASSERT_EQUAL(sa.port, 53);
}

static void
test_unix_netlink(void)
{
	struct sockaddr_info sa;

	CU_ASSERT_FATAL(decode("{sa_family=AF_UNIX, "
	    "sun_path=\"/var/run/nscd/socket\"}, 110", &sa));
	CU_ASSERT_STRING_EQUAL(sa.family, "AF_UNIX");
	CU_ASSERT_STRING_EQUAL(sa.path, "/var/run/nscd/socket");
	CU_ASSERT(!sa.has_ip);
	CU_ASSERT_EQUAL(sa.port, -1);
	/* an abstract name, with a NUL inside */
	CU_ASSERT_FATAL(decode("{sa_family=AF_UNIX, sun_path=@\"dbus\\0x\"}",
	    &sa));
	CU_ASSERT_STRING_EQUAL(sa.path, "@dbus\\x00x");
	/* strace 4.x's AF_LOCAL */
	CU_ASSERT_FATAL(decode("{sa_family=AF_LOCAL, sun_path=\"/x\"}", &sa));
	CU_ASSERT_STRING_EQUAL(sa.family, "AF_UNIX");
	CU_ASSERT_FATAL(decode("{sa_family=AF_NETLINK, nl_pid=0, "
	    "nl_groups=00000010}, 12", &sa));
	CU_ASSERT_STRING_EQUAL(sa.family, "AF_NETLINK");
	CU_ASSERT(sa.has_pid && sa.pid == 0);
	CU_ASSERT(sa.has_groups && sa.groups == 0x10);
	/* not a sockaddr */
	CU_ASSERT(!decode("{st_mode=S_IFREG|0644, st_size=3}", &sa));
	CU_ASSERT(!decode("NULL, 0", &sa));
	CU_ASSERT_EQUAL(sa.port, -1);
	/* what cannot be read is absent, not guessed */
	CU_ASSERT_FATAL(decode("{sa_family=AF_INET, sin_port=htons(99999), "
	    "sin_addr=inet_addr(\"1.2.3\")}", &sa));
	CU_ASSERT(!sa.has_ip);
	CU_ASSERT_EQUAL(sa.port, -1);
}

static uint32_t
v4(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static void
test_ranges(void)
{
	struct sockaddr_net n;
	unsigned i;

	CU_ASSERT_FATAL(sockaddr_net_parse("127.0.0.0/8", 11, &n));
	CU_ASSERT(sockaddr_net_has(&n, "127.1.2.3"));
	CU_ASSERT(!sockaddr_net_has(&n, "128.0.0.1"));
	CU_ASSERT(!sockaddr_net_has(&n, "::ffff:127.0.0.1"));
	CU_ASSERT_FATAL(sockaddr_net_parse("::1", 3, &n));
	CU_ASSERT(sockaddr_net_has(&n, "::1"));
	CU_ASSERT(sockaddr_net_has(&n, "0:0:0:0:0:0:0:1"));
	CU_ASSERT(!sockaddr_net_has(&n, "::2"));
	CU_ASSERT(!sockaddr_net_has(&n, "127.0.0.1"));
	CU_ASSERT_FATAL(sockaddr_net_parse("::ffff:127.0.0.0/104", 20, &n));
	CU_ASSERT(sockaddr_net_has(&n, "::ffff:127.255.0.1"));
	CU_ASSERT(!sockaddr_net_has(&n, "::ffff:10.0.0.1"));
	CU_ASSERT(!sockaddr_net_parse("127.0.0.0/33", 12, &n));
	CU_ASSERT(!sockaddr_net_parse("127.0.0.0/", 10, &n));
	CU_ASSERT(!sockaddr_net_parse("1.2.3", 5, &n));
	CU_ASSERT(!sockaddr_net_parse("::1/129", 7, &n));
	/* oracle: (ip & mask) == (net & mask) over pseudo-random pairs */
	srand(11);
	for (i = 0; i < 20000; i++) {
		char net[32], ip[20];
		uint8_t a[4], b[4];
		unsigned bits = (unsigned)rand() % 33, k;
		uint32_t mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);

		for (k = 0; k < 4; k++) {
			a[k] = (uint8_t)rand();
			/* share a prefix often, so both answers occur */
			b[k] = rand() % 4 != 0 ? a[k] : (uint8_t)rand();
		}
		g_snprintf(net, sizeof(net), "%u.%u.%u.%u/%u", a[0], a[1],
		    a[2], a[3], bits);
		g_snprintf(ip, sizeof(ip), "%u.%u.%u.%u", b[0], b[1], b[2],
		    b[3]);
		CU_ASSERT_FATAL(sockaddr_net_parse(net, strlen(net), &n));
		CU_ASSERT_EQUAL(sockaddr_net_has(&n, ip),
		    (v4(a) & mask) == (v4(b) & mask));
	}
}

static uint32_t
mask_of(unsigned bits)
{
	return bits == 0 ? 0 : 0xffffffffu << (32 - bits);
}

/* Leading bits a and b share. */
static unsigned
common_bits(uint32_t a, uint32_t b)
{
	unsigned n = 0;

	while (n < 32 && ((a ^ b) & (0x80000000u >> n)) == 0)
		n++;
	return n;
}

static void
random_net(struct sockaddr_net *n, uint32_t *ip, const uint8_t *like)
{
	unsigned k;

	memset(n, 0, sizeof(*n));
	for (k = 0; k < 4; k++)
		n->ip[k] = like != NULL && rand() % 3 != 0 ? like[k] :
		    (uint8_t)rand();
	n->bits = (unsigned)rand() % 33;
	*ip = v4(n->ip);
}

/* within, meets, join and text against masks of 32-bit numbers. */
static void
test_net_algebra(void)
{
	unsigned i;

	srand(12);
	for (i = 0; i < 20000; i++) {
		struct sockaddr_net a, b, j, back;
		uint32_t x, y;
		unsigned m;
		char text[NETRANGE_NET_TEXT];

		random_net(&a, &x, NULL);
		random_net(&b, &y, a.ip);
		CU_ASSERT_EQUAL(sockaddr_net_within(&a, &b), a.bits >= b.bits &&
		    (x & mask_of(b.bits)) == (y & mask_of(b.bits)));
		m = MIN(a.bits, b.bits);
		CU_ASSERT_EQUAL(sockaddr_net_meets(&a, &b),
		    (x & mask_of(m)) == (y & mask_of(m)));
		j = a;
		CU_ASSERT_FATAL(sockaddr_net_join(&j, &b));
		CU_ASSERT_EQUAL(j.bits, MIN(m, common_bits(x, y)));
		CU_ASSERT(sockaddr_net_within(&a, &j));
		CU_ASSERT(sockaddr_net_within(&b, &j));
		sockaddr_net_text(&a, text);
		CU_ASSERT_FATAL(sockaddr_net_parse(text, strlen(text), &back));
		CU_ASSERT(sockaddr_net_within(&back, &a) &&
		    sockaddr_net_within(&a, &back));
		CU_ASSERT_EQUAL(strchr(text, '/') == NULL, a.bits == 32);
	}
	/* never across versions */
	{
		struct sockaddr_net v4n, v6n;

		CU_ASSERT_FATAL(sockaddr_net_parse("127.0.0.1", 9, &v4n));
		CU_ASSERT_FATAL(sockaddr_net_parse("::/0", 4, &v6n));
		CU_ASSERT(!sockaddr_net_within(&v4n, &v6n));
		CU_ASSERT(!sockaddr_net_meets(&v4n, &v6n));
		CU_ASSERT(!sockaddr_net_join(&v4n, &v6n));
		CU_ASSERT_EQUAL(v4n.bits, 32);
	}
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("sockaddr", NULL, NULL);

	CU_add_test(s, "AF_INET, -X raw family", test_inet);
	CU_add_test(s, "AF_INET6, strace 4.x and 6.x", test_inet6);
	CU_add_test(s, "AF_UNIX, abstract, AF_NETLINK, not an address",
	    test_unix_netlink);
	CU_add_test(s, "ranges against a mask oracle", test_ranges);
	CU_add_test(s, "within, meets, join, text against masks",
	    test_net_algebra);
}
