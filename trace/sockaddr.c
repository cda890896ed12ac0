/*
 * sockaddr.c: decoding the socket addresses strace prints into fields
 * (family, IP, port, unix path, netlink pid and groups), and address
 * ranges.  The decoder walks the argument tree value.c built, so it reads
 * every form strace 4.x to 6.x prints (the family by name or by number,
 * the IPv6 address as an inet_pton() call with or without a field name,
 * the port as htons() or a bare number) and anything else leaves a field
 * absent rather than guessed.  Addresses are converted with inet_pton()
 * and inet_ntop() of the C library.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "sockaddr.h"

/* Families strace prints as numbers with -X raw or verbose. */
static const struct {
	int64_t num;
	const char *name;
} families[] = {
	{ .num = 1, .name = "AF_UNIX" },
	{ .num = 2, .name = "AF_INET" },
	{ .num = 10, .name = "AF_INET6" },
	{ .num = 16, .name = "AF_NETLINK" },
	{ .num = 17, .name = "AF_PACKET" },
};

static const char *
family_of(const struct value *f)
{
	size_t i;

	if (f->kind == VALUE_NAME || f->kind == VALUE_FLAGS) {
		/* AF_LOCAL and AF_FILE are AF_UNIX */
		if ((f->len == 8 && memcmp(f->bytes, "AF_LOCAL", 8) == 0) ||
		    (f->len == 7 && memcmp(f->bytes, "AF_FILE", 7) == 0))
			return trace_intern("AF_UNIX");
		if (f->kind == VALUE_NAME)
			return trace_intern_n(f->bytes, f->len);
	}
	if (f->kind == VALUE_INT && !f->overflow)
		for (i = 0; i < G_N_ELEMENTS(families); i++)
			if (families[i].num == f->num)
				return trace_intern(families[i].name);
	return trace_intern_n(f->text, f->text_len);
}

static bool
is_call(const struct value *v, const char *name)
{
	return v->kind == VALUE_CALL && v->len == strlen(name) &&
	    memcmp(v->bytes, name, v->len) == 0;
}

static bool
field_is(const struct value *v, const char *name)
{
	return v->field != NULL && v->field_len == strlen(name) &&
	    memcmp(v->field, name, v->field_len) == 0;
}

/* An address in a string value: inet_addr("1.2.3.4") or the second
 * argument of inet_pton(AF_INET6, "::1", &sin6_addr). */
static void
take_ip(const struct value *s, bool v6, struct sockaddr_info *out)
{
	char buf[64];

	if (s == NULL || s->kind != VALUE_STR || s->truncated ||
	    s->len >= sizeof(buf))
		return;
	memcpy(buf, s->bytes, s->len);
	buf[s->len] = '\0';
	if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, out->ip) == 1) {
		out->has_ip = true;
		out->v6 = v6;
	}
}

static void
take_port(const struct value *v, struct sockaddr_info *out)
{
	if (is_call(v, "htons"))
		v = v->child;
	if (v != NULL && v->kind == VALUE_INT && !v->overflow &&
	    v->num >= 0 && v->num <= 65535)
		out->port = (int)v->num;
}

static void
take_path(const struct value *v, struct sockaddr_info *out)
{
	GString *s;

	if (v->kind != VALUE_STR)
		return;
	s = g_string_new(NULL);
	/* strace marks an abstract name with '@' before the quotes */
	if (v->text_len > 0 && v->text[0] == '@')
		g_string_append_c(s, '@');
	trace_escape_bytes(s, v->bytes, v->len);
	if (v->truncated)
		g_string_append(s, "...");
	out->path = trace_intern_n(s->str, s->len);
	g_string_free(s, TRUE);
}

/* nl_groups is printed as 8 hex digits with no 0x. */
static void
take_groups(const struct value *v, struct sockaddr_info *out)
{
	char buf[24], *end;
	guint64 g;

	if (v->text_len == 0 || v->text_len >= sizeof(buf))
		return;
	memcpy(buf, v->text, v->text_len);
	buf[v->text_len] = '\0';
	if (!g_ascii_isxdigit(buf[0]))
		return;
	g = g_ascii_strtoull(buf, &end, 16);
	if (*end != '\0' || g > G_MAXUINT32)
		return;
	out->has_groups = true;
	out->groups = (uint32_t)g;
}

bool
sockaddr_decode(const struct value *v, struct sockaddr_info *out)
{
	const struct value *c, *fam;

	memset(out, 0, sizeof(*out));
	out->port = -1;
	if (v == NULL || v->kind != VALUE_STRUCT ||
	    (fam = value_field(v, "sa_family")) == NULL)
		return false;
	out->family = family_of(fam);
	for (c = v->child; c != NULL; c = c->next) {
		if (field_is(c, "sin_port") || field_is(c, "sin6_port"))
			take_port(c, out);
		else if (is_call(c, "inet_addr"))
			take_ip(c->child, false, out);
		else if (is_call(c, "inet_pton") && c->child != NULL)
			take_ip(c->child->next, c->child->kind ==
			    VALUE_NAME && c->child->len == 8 &&
			    memcmp(c->child->bytes, "AF_INET6", 8) == 0, out);
		else if (field_is(c, "sun_path"))
			take_path(c, out);
		else if (field_is(c, "nl_pid") && c->kind == VALUE_INT &&
		    !c->overflow) {
			out->has_pid = true;
			out->pid = c->num;
		} else if (field_is(c, "nl_groups"))
			take_groups(c, out);
	}
	return true;
}

bool
sockaddr_ip_text(const struct sockaddr_info *sa, char buf[SOCKADDR_IP_TEXT])
{
	if (!sa->has_ip)
		return false;
	return inet_ntop(sa->v6 ? AF_INET6 : AF_INET, sa->ip, buf,
	    SOCKADDR_IP_TEXT) != NULL;
}

void
sockaddr_text(GString *out, const struct sockaddr_info *sa)
{
	char ip[SOCKADDR_IP_TEXT];

	g_string_append_printf(out, "{%s", sa->family != NULL ? sa->family :
	    "?");
	if (sockaddr_ip_text(sa, ip))
		g_string_append_printf(out, ", %s", ip);
	if (sa->port >= 0)
		g_string_append_printf(out, ", %d", sa->port);
	if (sa->path != NULL)
		g_string_append_printf(out, ", \"%s\"", sa->path);
	if (sa->has_pid)
		g_string_append_printf(out, ", pid=%" G_GINT64_FORMAT, sa->pid);
	if (sa->has_groups)
		g_string_append_printf(out, ", groups=%#x",
		    (unsigned)sa->groups);
	g_string_append_c(out, '}');
}
