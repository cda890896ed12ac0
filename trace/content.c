/*
 * content.c: what a call touches inside a file or a socket, for the
 * normaliser's --offsets and --payload (docs/normalisation.md).  By
 * default an access names the file and drops where in it and what bytes;
 * two operations on one database file are then the same access.  These
 * options keep, from the arguments as strace printed them:
 *
 *	the page (4096 bytes) of the offset of pread64, pwrite64, preadv,
 *	pwritev, preadv2, pwritev2 and mmap, and of the position lseek
 *	returns: "pwrite64 "/x/db" @page3";
 *
 *	a prefix of the bytes a read or write moved (read, write, pread64,
 *	pwrite64, recv, recvfrom, send, sendto, the iovecs of readv,
 *	writev, preadv, pwritev, preadv2, pwritev2, the msg_iov of recvmsg
 *	and sendmsg), escaped: "write "/x/f" bytes:"hello"", or its first
 *	token: the leading run of letters, digits, '_', '-' and '.', or the
 *	first byte when the bytes start with none of them.
 *
 * Bytes strace did not show (a string cut by -s) are never made up: a
 * prefix that needed them ends with "..." after its closing quote.
 */
#include <string.h>

#include "internal.h"

#define PAGE 4096

/* The call's offset argument (its index), or -1 when it has none. */
static int
offset_arg(const char *name)
{
	static const struct {
		const char *name;
		int arg;
	} calls[] = {
		{ "pread64", 3 }, { "pwrite64", 3 }, { "preadv", 3 },
		{ "pwritev", 3 }, { "preadv2", 3 }, { "pwritev2", 3 },
		{ "mmap", 5 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(calls); i++)
		if (strcmp(name, calls[i].name) == 0)
			return calls[i].arg;
	return -1;
}

bool
content_has_offset(const char *name)
{
	return offset_arg(name) >= 0 || strcmp(name, "lseek") == 0;
}

void
content_put_offset(GString *out, const struct event *ev,
    const struct value *args)
{
	int64_t off = -1;
	int k = offset_arg(ev->name);

	if (ev->ret_kind != RET_VALUE || ev->err != NULL)
		return;
	if (k < 0) {		/* lseek: where it left the position */
		if (ev->ret >= 0)
			off = ev->ret;
	} else {
		const struct value *v = value_child(args, (unsigned)k);

		if (v != NULL && v->kind == VALUE_INT)
			off = v->num;
	}
	if (off >= 0)	/* -1: preadv2's current position, unknown */
		g_string_append_printf(out, " @page%" G_GINT64_FORMAT,
		    off / PAGE);
}

/* Whether the call moves bytes through its second argument. */
bool
content_has_payload(const char *name)
{
	static const char *const calls[] = { "read", "write", "pread64",
	    "pwrite64", "recv", "recvfrom", "send", "sendto", "readv",
	    "writev", "preadv", "pwritev", "preadv2", "pwritev2", "recvmsg",
	    "sendmsg" };

	for (size_t i = 0; i < G_N_ELEMENTS(calls); i++)
		if (strcmp(name, calls[i]) == 0)
			return true;
	return false;
}

/*
 * Appends to got the bytes of the buffer v (a string, an array of
 * iovecs, or a msghdr) that passed, up to want bytes; left is how many
 * passed in all.  Returns false when some of them were not shown.
 */
static bool
gather(GString *got, const struct value *v, uint64_t left, size_t want)
{
	const struct value *e;

	if (v == NULL)
		return false;
	if (v->kind == VALUE_STR) {
		size_t n = (size_t)MIN((uint64_t)v->len, left);

		n = MIN(n, want - got->len);
		g_string_append_len(got, v->bytes, (gssize)n);
		return got->len >= want || n >= left || !v->truncated;
	}
	if (v->kind == VALUE_STRUCT)	/* a msghdr */
		v = value_field(v, "msg_iov");
	if (v == NULL || v->kind != VALUE_ARRAY)
		return false;
	for (e = v->child; e != NULL && left > 0 && got->len < want;
	    e = e->next) {
		const struct value *b = value_field(e, "iov_base");
		const struct value *l = value_field(e, "iov_len");
		uint64_t len = l != NULL && l->kind == VALUE_INT && l->num >= 0 ?
		    (uint64_t)l->num : left;
		size_t before = got->len;

		if (b == NULL || b->kind != VALUE_STR)
			return false;
		len = MIN(len, left);
		if (!gather(got, b, len, want))
			return false;
		if (got->len - before < len && got->len < want)
			return false;	/* shown short of what passed */
		left -= len;
	}
	return got->len >= want || left == 0;
}

void
content_put_payload(GString *out, const struct event *ev,
    const struct value *args, size_t bytes)
{
	GString *got;
	bool whole;
	size_t want = bytes != 0 ? bytes : 32;

	if (ev->ret_kind != RET_VALUE || ev->err != NULL || ev->ret < 0)
		return;
	got = g_string_new(NULL);
	whole = gather(got, value_child(args, 1), (uint64_t)ev->ret, want);
	if (bytes == 0 && got->len > 0) {	/* a token */
		size_t k = 0;

		while (k < got->len && (g_ascii_isalnum(got->str[k]) ||
		    got->str[k] == '_' || got->str[k] == '-' ||
		    got->str[k] == '.'))
			k++;
		if (k == got->len && !whole)
			;	/* the token may go on in what was not shown */
		else
			whole = true;
		g_string_truncate(got, MAX(k, 1));
	}
	g_string_append(out, " bytes:\"");
	trace_escape_bytes(out, got->str, got->len);
	g_string_append_c(out, '"');
	if (!whole)
		g_string_append(out, "...");
	g_string_free(got, TRUE);
}
