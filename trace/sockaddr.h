/*
 * sockaddr.h: socket addresses as strace prints them, decoded into the
 * fields a policy tests (family, IP address, port, unix path, netlink
 * pid and groups).  The ranges they are tested against are
 * automata/netrange.h's.
 *
 * A struct sockaddr_info holds only numbers and interned strings
 * (trace_intern()), so it is copied by value and never freed.
 */
#ifndef TRACE_SOCKADDR_H
#define TRACE_SOCKADDR_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "trace.h"

struct sockaddr_info {
	const char *family;	/* interned: "AF_INET"; a family strace
				 * printed as a number is named when it is
				 * a common one, else its text ("0x2a") */
	bool has_ip;
	bool v6;		/* ip holds 16 bytes, else 4 */
	uint8_t ip[16];
	int port;		/* 0 to 65535, or -1: none printed */
	const char *path;	/* AF_UNIX: interned, strace-escaped;
				 * an abstract name begins with '@';
				 * NULL: none */
	bool has_pid, has_groups;	/* AF_NETLINK */
	int64_t pid;
	uint32_t groups;
};

/*
 * Decodes v, a struct strace printed for a sockaddr (it has a sa_family
 * field): the forms of strace 4.x to 6.x,
 *	{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("1.2.3.4")}
 *	{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0),
 *	    inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}
 *	{sa_family=AF_UNIX, sun_path="/run/x"}, sun_path=@"abstract"
 *	{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}
 * and the family as a number (-X raw, -X verbose: sa_family=0x2 with
 * the name in a comment).  A field it does not find, or cannot read, is
 * left absent.  False (out zeroed, port -1) when v is NULL or not a
 * struct with a sa_family field.  Cannot fail otherwise.
 */
bool sockaddr_decode(const struct value *v, struct sockaddr_info *out);

/* The address's IP as text ("1.2.3.4", "::1"), into buf, or false when
 * it has none. */
#define SOCKADDR_IP_TEXT 48
bool sockaddr_ip_text(const struct sockaddr_info *sa,
    char buf[SOCKADDR_IP_TEXT]);

/*
 * Appends sa as reports print it: "{AF_INET, 1.2.3.4, 80}",
 * "{AF_UNIX, "/run/x"}", "{AF_NETLINK, pid=0, groups=0x10}".
 */
void sockaddr_text(GString *out, const struct sockaddr_info *sa);

#endif
