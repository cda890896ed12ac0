/*
 * x11.c: the X11 core protocol as resource accesses, one instance of the
 * protocol interface of proto.h.  A connection opens with the client's
 * setup ("l\0\v\0" little-endian, "B\0\0\v" big-endian) and the server's
 * setup reply (the client's resource ids and the screens' root windows);
 * then the client sends requests (an opcode, a length in 4-byte words),
 * the server replies, errors (32 bytes, code 0) and events (32 bytes, code
 * 2 to 34, GenericEvent longer), as the X Window System Protocol (X
 * Version 11) lays them out.  The names come from x11.def.
 *
 * Each request, event and error is an access:
 *
 *	X11 CreateWindow window
 *	X11 ChangeProperty window WM_NAME
 *	X11 MapNotify window
 *	X11 BadWindow GetProperty
 *
 * An id is not printed (it differs from run to run), but what it is to
 * the client: its own ("window"), a screen's root ("root"), another
 * client's ("foreign-window"), or none.  Atoms are printed by name: the
 * predefined ones, and those the connection's InternAtom replies give;
 * extension requests by the extension's name and minor opcode, learned
 * from QueryExtension replies ("X11 BIG-REQUESTS.0").  This follows the
 * fingerprints of X server operations of Ganapathy, Jaeger and Jha (S&P
 * 2006), taken from the bytes instead of from an instrumented server.
 */
#include <string.h>

#include "proto.h"
#include "trace.h"

enum kind {
	NONE, WINDOW, DRAWABLE, PIXMAP, GC, FONT, CURSOR, COLORMAP, ATOM,
	RESOURCE, NAME,
};

static const char *const kind_names[] = {
	[NONE] = NULL, [WINDOW] = "window", [DRAWABLE] = "drawable",
	[PIXMAP] = "pixmap", [GC] = "gc", [FONT] = "font", [CURSOR] = "cursor",
	[COLORMAP] = "colormap", [ATOM] = "atom", [RESOURCE] = "resource",
	[NAME] = NULL,
};

struct req_info {
	const char *name;
	enum kind kind;
};

static const struct req_info requests[128] = {
#define X11_REQUEST(op, n, k)	[op] = { #n, k },
#define X11_EVENT(c, n, o)
#define X11_ERROR(c, n)
#define X11_ATOM(i, n)
#include "x11.def"
#undef X11_REQUEST
#undef X11_EVENT
#undef X11_ERROR
#undef X11_ATOM
};

struct event_info {
	const char *name;
	unsigned window_at;
};

static const struct event_info events[36] = {
#define X11_REQUEST(op, n, k)
#define X11_EVENT(c, n, o)	[c] = { #n, o },
#define X11_ERROR(c, n)
#define X11_ATOM(i, n)
#include "x11.def"
#undef X11_REQUEST
#undef X11_EVENT
#undef X11_ERROR
#undef X11_ATOM
};

static const char *const errors[18] = {
#define X11_REQUEST(op, n, k)
#define X11_EVENT(c, n, o)
#define X11_ERROR(c, n)		[c] = "Bad" #n,
#define X11_ATOM(i, n)
#include "x11.def"
#undef X11_REQUEST
#undef X11_EVENT
#undef X11_ERROR
#undef X11_ATOM
};

static const char *const atoms[69] = {
#define X11_REQUEST(op, n, k)
#define X11_EVENT(c, n, o)
#define X11_ERROR(c, n)
#define X11_ATOM(i, n)		[i] = #n,
#include "x11.def"
#undef X11_REQUEST
#undef X11_EVENT
#undef X11_ERROR
#undef X11_ATOM
};

/* Messages longer than this are decoded from their first KEEP bytes; the
 * rest is skipped, so no message makes the decoder hold more. */
#define KEEP 4096
#define MAX_PENDING 4096

/* What the connections to one server share. */
struct shared {
	GHashTable *atoms;	/* id -> name (escaped), interned ones */
	char *ext[256];		/* major opcode -> extension name */
	GArray *roots;		/* of guint32 */
	GArray *colormaps;	/* of guint32: the screens' default ones */
};

struct dirstate {
	GByteArray *msg;	/* the message being gathered */
	size_t skip;		/* bytes of a long message still to pass */
	bool lost;		/* out of step: wait for the next buffer */
	bool setup_done;
};

struct conn {
	struct shared *sh;
	bool big;		/* big-endian */
	struct dirstate d[2];
	guint16 seq;		/* requests sent so far */
	guint32 base, mask;	/* the client's resource ids */
	GHashTable *pending;	/* sequence -> char *: "a NAME" (InternAtom)
				 * or "e NAME" (QueryExtension) */
	GString *out;
};

static bool
x11_opens(const unsigned char *b, size_t n, enum proto_dir dir)
{
	if (dir != PROTO_TO_SERVER || n < 4)
		return false;
	return (b[0] == 'l' && b[1] == 0 && b[2] == 11 && b[3] == 0) ||
	    (b[0] == 'B' && b[1] == 0 && b[2] == 0 && b[3] == 11);
}

static void *
x11_shared_new(void)
{
	struct shared *sh = g_new0(struct shared, 1);

	sh->atoms = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    g_free);
	sh->roots = g_array_new(FALSE, FALSE, sizeof(guint32));
	sh->colormaps = g_array_new(FALSE, FALSE, sizeof(guint32));
	return sh;
}

static void
x11_shared_free(void *p)
{
	struct shared *sh = p;
	unsigned i;

	if (sh == NULL)
		return;
	g_hash_table_destroy(sh->atoms);
	for (i = 0; i < G_N_ELEMENTS(sh->ext); i++)
		g_free(sh->ext[i]);
	g_array_free(sh->roots, TRUE);
	g_array_free(sh->colormaps, TRUE);
	g_free(sh);
}

static void *
x11_conn_new(void *shared)
{
	struct conn *c = g_new0(struct conn, 1);
	unsigned i;

	c->sh = shared;
	for (i = 0; i < 2; i++)
		c->d[i].msg = g_byte_array_new();
	c->pending = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    NULL, g_free);
	c->out = g_string_new(NULL);
	return c;
}

static void
x11_conn_free(void *p)
{
	struct conn *c = p;
	unsigned i;

	if (c == NULL)
		return;
	for (i = 0; i < 2; i++)
		g_byte_array_free(c->d[i].msg, TRUE);
	g_hash_table_destroy(c->pending);
	g_string_free(c->out, TRUE);
	g_free(c);
}

static guint32
rd16(const struct conn *c, const guint8 *p)
{
	return c->big ? (guint32)p[0] << 8 | p[1] : (guint32)p[1] << 8 | p[0];
}

static guint32
rd32(const struct conn *c, const guint8 *p)
{
	return c->big ? (guint32)p[0] << 24 | (guint32)p[1] << 16 |
	    (guint32)p[2] << 8 | p[3] : (guint32)p[3] << 24 |
	    (guint32)p[2] << 16 | (guint32)p[1] << 8 | p[0];
}

static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/*
 * The length of the message that begins at b (n bytes of it there), or 0
 * when the header is not all there yet; (size_t)-1 when it cannot be a
 * message (a request of length 0 without BIG-REQUESTS' longer form).
 */
static size_t
msg_len(const struct conn *c, enum proto_dir dir, const guint8 *b, size_t n)
{
	const struct dirstate *d = &c->d[dir];
	guint32 len;

	if (dir == PROTO_TO_SERVER) {
		if (!d->setup_done)
			return n < 12 ? 0 : 12 + pad4(rd16(c, b + 6)) +
			    pad4(rd16(c, b + 8));
		if (n < 4)
			return 0;
		len = rd16(c, b + 2);
		if (len != 0)
			return (size_t)len * 4;
		if (n < 8)
			return 0;
		len = rd32(c, b + 4);	/* BIG-REQUESTS */
		return len < 2 ? (size_t)-1 : (size_t)len * 4;
	}
	if (!d->setup_done)
		return n < 8 ? 0 : 8 + (size_t)rd16(c, b + 6) * 4;
	if (n < 8)
		return 0;
	if (b[0] == 1 || (b[0] & 0x7f) == 35)	/* a reply, GenericEvent */
		return 32 + (size_t)rd32(c, b + 4) * 4;
	return 32;
}

static void
put_escaped(GString *s, const guint8 *b, size_t n)
{
	trace_escape_bytes(s, (const char *)b, n);
}

static void
put_atom(struct conn *c, GString *s, guint32 atom)
{
	const char *name;

	if (atom == 0) {
		g_string_append(s, "none");
		return;
	}
	if (atom < G_N_ELEMENTS(atoms) && atoms[atom] != NULL) {
		g_string_append(s, atoms[atom]);
		return;
	}
	name = g_hash_table_lookup(c->sh->atoms, GUINT_TO_POINTER(atom));
	g_string_append(s, name != NULL ? name : "atom");
}

static bool
id_in(const GArray *set, guint32 id)
{
	guint i;

	for (i = 0; i < set->len; i++)
		if (g_array_index(set, guint32, i) == id)
			return true;
	return false;
}

static void
id_add(GArray *set, guint32 id)
{
	if (!id_in(set, id) && set->len < 256)
		g_array_append_val(set, id);
}

/* What an id is to the client: its own, a screen's root or default
 * colormap, another's, or none. */
static void
put_id(struct conn *c, GString *s, enum kind k, guint32 id)
{
	if (k == ATOM) {
		put_atom(c, s, id);
		return;
	}
	if (id == 0) {
		g_string_append(s, "none");
		return;
	}
	if (id_in(c->sh->roots, id)) {
		g_string_append(s, "root");
		return;
	}
	if (id_in(c->sh->colormaps, id)) {
		g_string_append(s, "default-colormap");
		return;
	}
	if (c->mask != 0 && (id & ~c->mask) == c->base)
		g_string_append(s, kind_names[k]);
	else
		g_string_append_printf(s, "foreign-%s", kind_names[k]);
}

static void
emit_out(struct conn *c, proto_emit_fn emit, void *ctx)
{
	emit(ctx, c->out->str, c->out->len);
}

static void
pending_add(struct conn *c, char tag, const guint8 *name, size_t n)
{
	GString *s;

	if (g_hash_table_size(c->pending) >= MAX_PENDING)
		g_hash_table_remove_all(c->pending);	/* replies lost */
	s = g_string_new(NULL);
	g_string_append_c(s, tag);
	g_string_append_c(s, ' ');
	put_escaped(s, name, n);
	g_hash_table_replace(c->pending, GUINT_TO_POINTER(c->seq),
	    g_string_free(s, FALSE));
}

static void
request(struct conn *c, const guint8 *b, size_t n, proto_emit_fn emit,
    void *ctx)
{
	GString *s = c->out;
	guint8 op = b[0];
	const struct req_info *ri = op < 128 ? &requests[op] : NULL;

	c->seq++;
	g_string_assign(s, "X11 ");
	if (op >= 128) {
		if (c->sh->ext[op] != NULL)
			g_string_append_printf(s, "%s.%u", c->sh->ext[op],
			    n > 1 ? b[1] : 0);
		else
			g_string_append_printf(s, "extension-%u.%u", op,
			    n > 1 ? b[1] : 0);
		emit_out(c, emit, ctx);
		return;
	}
	if (ri->name == NULL) {
		g_string_append_printf(s, "request-%u", op);
		emit_out(c, emit, ctx);
		return;
	}
	g_string_append(s, ri->name);
	if (ri->kind == NAME && n >= 8) {
		size_t len = MIN((size_t)rd16(c, b + 4), n - 8);

		g_string_append(s, " \"");
		put_escaped(s, b + 8, len);
		g_string_append_c(s, '"');
		if (op == 16 || op == 98)
			pending_add(c, op == 16 ? 'a' : 'e', b + 8, len);
	} else if (ri->kind != NONE && ri->kind != NAME && n >= 8) {
		g_string_append_c(s, ' ');
		put_id(c, s, ri->kind, rd32(c, b + 4));
		/* the property or selection a request is about */
		if ((op == 18 || op == 19 || op == 20 || op == 22) && n >= 12) {
			g_string_append_c(s, ' ');
			put_atom(c, s, rd32(c, b + 8));
		}
	}
	emit_out(c, emit, ctx);
}

static void
setup_reply(struct conn *c, const guint8 *b, size_t n, proto_emit_fn emit,
    void *ctx)
{
	size_t at;
	unsigned nscreens, nformats, i;

	g_string_assign(c->out, b[0] == 1 ? "X11 Connected" : b[0] == 2 ?
	    "X11 Authenticate" : "X11 ConnectRefused");
	emit_out(c, emit, ctx);
	if (b[0] != 1 || n < 40)
		return;
	c->base = rd32(c, b + 12);
	c->mask = rd32(c, b + 16);
	nscreens = b[28];
	nformats = b[29];
	at = 40 + pad4(rd16(c, b + 24)) + 8 * (size_t)nformats;
	for (i = 0; i < nscreens && at + 40 <= n; i++) {
		unsigned ndepths = b[at + 39], k;

		id_add(c->sh->roots, rd32(c, b + at));
		id_add(c->sh->colormaps, rd32(c, b + at + 4));
		at += 40;
		for (k = 0; k < ndepths && at + 8 <= n; k++)
			at += 8 + 24 * (size_t)rd16(c, b + at + 2);
	}
}

static void
reply(struct conn *c, const guint8 *b, size_t n)
{
	guint32 seq = rd16(c, b + 2);
	char *p = g_hash_table_lookup(c->pending, GUINT_TO_POINTER(seq));

	if (p == NULL)
		return;
	if (p[0] == 'a' && n >= 12) {
		guint32 atom = rd32(c, b + 8);

		if (atom >= G_N_ELEMENTS(atoms) && g_hash_table_size(
		    c->sh->atoms) < 65536)
			g_hash_table_replace(c->sh->atoms,
			    GUINT_TO_POINTER(atom), g_strdup(p + 2));
	} else if (p[0] == 'e' && n >= 10 && b[8] != 0 && b[9] >= 128) {
		g_free(c->sh->ext[b[9]]);
		c->sh->ext[b[9]] = g_strdup(p + 2);
	}
	g_hash_table_remove(c->pending, GUINT_TO_POINTER(seq));
}

static void
to_client(struct conn *c, const guint8 *b, size_t n, proto_emit_fn emit,
    void *ctx)
{
	GString *s = c->out;
	unsigned code = b[0] & 0x7f;

	if (b[0] == 1) {
		reply(c, b, n);
		return;
	}
	g_string_assign(s, "X11 ");
	if (b[0] == 0) {
		unsigned major = n > 10 ? b[10] : 0;

		if (b[1] < G_N_ELEMENTS(errors) && errors[b[1]] != NULL)
			g_string_append(s, errors[b[1]]);
		else
			g_string_append_printf(s, "error-%u", b[1]);
		if (major >= 128)
			g_string_append_printf(s, " %s", c->sh->ext[major] !=
			    NULL ? c->sh->ext[major] : "extension");
		else if (requests[major].name != NULL)
			g_string_append_printf(s, " %s", requests[major].name);
		g_hash_table_remove(c->pending,
		    GUINT_TO_POINTER(rd16(c, b + 2)));
		emit_out(c, emit, ctx);
		return;
	}
	if (code < G_N_ELEMENTS(events) && events[code].name != NULL) {
		g_string_append(s, events[code].name);
		if (events[code].window_at != 0 &&
		    n >= events[code].window_at + 4) {
			g_string_append_c(s, ' ');
			put_id(c, s, WINDOW, rd32(c, b +
			    events[code].window_at));
		}
		/* the property a PropertyNotify, the type a ClientMessage
		 * is about */
		if ((code == 28 || code == 33) && n >= 12) {
			g_string_append_c(s, ' ');
			put_atom(c, s, rd32(c, b + 8));
		}
	} else {
		g_string_append_printf(s, "event-%u", code);
	}
	if (b[0] & 0x80)
		g_string_append(s, " sent");
	emit_out(c, emit, ctx);
}

/* One whole message (or its first KEEP bytes). */
static void
message(struct conn *c, enum proto_dir dir, const guint8 *b, size_t n,
    proto_emit_fn emit, void *ctx)
{
	struct dirstate *d = &c->d[dir];

	if (!d->setup_done) {
		d->setup_done = true;
		if (dir == PROTO_TO_SERVER) {
			c->big = b[0] == 'B';
			g_string_assign(c->out, "X11 Connect");
			emit_out(c, emit, ctx);
		} else {
			setup_reply(c, b, n, emit, ctx);
		}
		return;
	}
	if (dir == PROTO_TO_SERVER)
		request(c, b, n, emit, ctx);
	else
		to_client(c, b, n, emit, ctx);
}

static void
x11_feed(void *p, enum proto_dir dir, const unsigned char *buf, size_t len,
    size_t lost, proto_emit_fn emit, void *ctx)
{
	struct conn *c = p;
	struct dirstate *d = &c->d[dir];
	size_t i = 0;

	if (d->lost) {
		/* take this buffer as the start of a message */
		d->lost = false;
		d->skip = 0;
		g_byte_array_set_size(d->msg, 0);
	}
	while (i < len) {
		size_t want, take;

		if (d->skip > 0) {
			take = MIN(d->skip, len - i);
			d->skip -= take;
			i += take;
			continue;
		}
		/* gather the header, then the message (up to KEEP) */
		take = MIN(len - i, d->msg->len < 12 ? 12 - d->msg->len : 0);
		if (take > 0) {
			g_byte_array_append(d->msg, buf + i, (guint)take);
			i += take;
		}
		want = msg_len(c, dir, d->msg->data, d->msg->len);
		if (want == (size_t)-1) {
			d->lost = true;
			return;
		}
		if (want == 0)
			continue;
		if (d->msg->len < MIN(want, KEEP)) {
			take = MIN(MIN(want, KEEP) - d->msg->len, len - i);
			g_byte_array_append(d->msg, buf + i, (guint)take);
			i += take;
			if (d->msg->len < MIN(want, KEEP))
				continue;
		}
		if (d->msg->len > want) {
			/* the header gathered more than a short message:
			 * give the rest back */
			i -= d->msg->len - want;
			g_byte_array_set_size(d->msg, (guint)want);
		}
		message(c, dir, d->msg->data, d->msg->len, emit, ctx);
		d->skip = want - d->msg->len;
		g_byte_array_set_size(d->msg, 0);
	}
	if (lost == 0)
		return;
	if (d->skip >= lost) {
		d->skip -= lost;
		return;
	}
	/* a message began in the bytes not shown: decode what is there of
	 * one that did, and wait for the next buffer */
	if (d->skip == 0 && d->msg->len >= 4 &&
	    msg_len(c, dir, d->msg->data, d->msg->len) != (size_t)-1)
		message(c, dir, d->msg->data, d->msg->len, emit, ctx);
	d->lost = true;
}

const struct proto proto_x11 = {
	.name = "x11",
	.opens = x11_opens,
	.shared_new = x11_shared_new,
	.shared_free = x11_shared_free,
	.conn_new = x11_conn_new,
	.conn_free = x11_conn_free,
	.feed = x11_feed,
};
