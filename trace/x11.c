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
 * No message is decoded from its middle: the decoder follows each
 * message to its end by the length its header gives, however strace cut
 * it; when a header was not shown (or cannot be one), it loses its place,
 * counts the bytes it cannot place, and takes its place again only at a
 * call whose bytes are whole messages (fits()).  A connection open
 * before strace attached is joined the same way (x11_join()).
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
	unsigned min, max;	/* its length in words; max 0: no bound */
};

static const struct req_info requests[128] = {
#define X11_REQUEST(op, n, k, lo, hi)	[op] = { #n, k, lo, hi },
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
#define X11_REQUEST(op, n, k, lo, hi)
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
#define X11_REQUEST(op, n, k, lo, hi)
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
#define X11_REQUEST(op, n, k, lo, hi)
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
	guint32 mask;		/* a setup reply's resource-id mask */
};

/*
 * One direction of a connection.  While placed, the decoder knows where
 * in the stream it is: in the message whose first bytes msg holds (want
 * bytes long once its header is in, got of them passed, shown or not);
 * otherwise it waits for a call whose bytes are whole messages.
 */
struct dirstate {
	GByteArray *msg;	/* the shown bytes of the message (up to KEEP) */
	size_t want;		/* its length; 0 until the header is in */
	size_t got;		/* its bytes passed so far */
	bool cut;		/* some of them were not shown */
	bool decoded;		/* it was decoded: pass the rest */
	bool placed;
	bool setup_done;
	uint64_t unplaced;	/* bytes not placed on a message */
};

struct conn {
	struct shared *sh;
	bool big;		/* big-endian */
	bool joined;		/* its start was not in the log */
	struct dirstate d[2];
	guint16 seq;		/* requests sent so far */
	guint32 base, mask;	/* the client's resource ids (mask 0: not
				 * known) */
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
	for (i = 0; i < 2; i++) {
		c->d[i].msg = g_byte_array_new();
		c->d[i].placed = true;
	}
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
rd16o(bool big, const guint8 *p)
{
	return big ? (guint32)p[0] << 8 | p[1] : (guint32)p[1] << 8 | p[0];
}

static guint32
rd32o(bool big, const guint8 *p)
{
	return big ? (guint32)p[0] << 24 | (guint32)p[1] << 16 |
	    (guint32)p[2] << 8 | p[3] : (guint32)p[3] << 24 |
	    (guint32)p[2] << 16 | (guint32)p[1] << 8 | p[0];
}

static guint32
rd16(const struct conn *c, const guint8 *p)
{
	return rd16o(c->big, p);
}

static guint32
rd32(const struct conn *c, const guint8 *p)
{
	return rd32o(c->big, p);
}

static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

#define NOT_A_MESSAGE ((size_t)-1)

/*
 * The length of the message that begins at b (n bytes of it there) going
 * in direction dir, in byte order big, after the connection setup or not
 * (setup_done); 0 when more of its header is needed (at most 12 bytes);
 * NOT_A_MESSAGE when the bytes cannot begin one: a request whose opcode
 * is none or whose length is not one its encoding allows, an error code
 * or an event code no server sends (core events are 2 to 35, extensions'
 * 64 to 127, extensions' errors 128 and up).
 */
static size_t
msg_len(bool big, enum proto_dir dir, bool setup_done, const guint8 *b,
    size_t n)
{
	guint32 len;
	unsigned code;

	if (dir == PROTO_TO_SERVER) {
		const struct req_info *ri = b[0] < 128 ? &requests[b[0]] : NULL;

		if (!setup_done)
			return n < 12 ? 0 : 12 + pad4(rd16o(big, b + 6)) +
			    pad4(rd16o(big, b + 8));
		if (ri != NULL && ri->name == NULL)
			return NOT_A_MESSAGE;
		if (n < 4)
			return 0;
		len = rd16o(big, b + 2);
		if (len == 0) {
			/* BIG-REQUESTS: the length follows, counting itself */
			if (ri != NULL && ri->max != 0)
				return NOT_A_MESSAGE;
			if (n < 8)
				return 0;
			len = rd32o(big, b + 4);
			if (len < 2 || (ri != NULL && len < ri->min + 1))
				return NOT_A_MESSAGE;
			return (size_t)len * 4;
		}
		if (ri != NULL && (len < ri->min ||
		    (ri->max != 0 && len > ri->max)))
			return NOT_A_MESSAGE;
		return (size_t)len * 4;
	}
	if (!setup_done) {
		if (b[0] > 2)
			return NOT_A_MESSAGE;
		return n < 8 ? 0 : 8 + (size_t)rd16o(big, b + 6) * 4;
	}
	code = b[0] & 0x7f;
	if (b[0] == 0) {
		if (n < 2)
			return 0;
		return b[1] == 0 || (b[1] >= G_N_ELEMENTS(errors) &&
		    b[1] < 128) ? NOT_A_MESSAGE : 32;
	}
	if (b[0] != 1 && (code < 2 || (code > 35 && code < 64)))
		return NOT_A_MESSAGE;	/* 0x80, 0x81 too */
	if (b[0] != 1 && code != 35)
		return 32;
	if (n < 8)
		return 0;
	return 32 + (size_t)rd32o(big, b + 4) * 4;	/* reply, GenericEvent */
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
	else if (c->mask == 0 && c->joined)
		g_string_append_printf(s, "unknown-%s", kind_names[k]);
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
	/* a connection joined mid-stream learns its client's resource ids
	 * from the first that the client makes */
	if (c->joined && c->mask == 0 && c->sh->mask != 0 && n >= 8 &&
	    (op == 1 || op == 45 || op == 53 || op == 55 || op == 78 ||
	    op == 93 || op == 94)) {
		c->mask = c->sh->mask;
		c->base = rd32(c, b + 4) & ~c->mask;
	}
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
	if (c->mask != 0)
		c->sh->mask = c->mask;
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
msg_reset(struct dirstate *d)
{
	g_byte_array_set_size(d->msg, 0);
	d->want = d->got = 0;
	d->decoded = false;
}

/* The place is lost: what passed of a message whose length was not known
 * yet, and more bytes, are not placed. */
static void
lose(struct dirstate *d, uint64_t more)
{
	if (d->want == 0)
		d->unplaced += d->got;
	d->unplaced += more;
	msg_reset(d);
	d->placed = false;
}

/* Decodes the message begun, once, from what was shown of it. */
static void
decode_msg(struct conn *c, enum proto_dir dir, proto_emit_fn emit, void *ctx)
{
	struct dirstate *d = &c->d[dir];

	if (!d->decoded) {
		d->decoded = true;
		message(c, dir, d->msg->data, d->msg->len, emit, ctx);
	}
}

/* Takes len bytes shown; false when they lost the place (the bytes left
 * are counted as not placed). */
static bool
take_shown(struct conn *c, enum proto_dir dir, const guint8 *buf,
    size_t len, proto_emit_fn emit, void *ctx)
{
	struct dirstate *d = &c->d[dir];
	size_t i = 0;

	while (i < len) {
		if (d->want == 0) {
			size_t w;

			g_byte_array_append(d->msg, buf + i, 1);
			i++;
			d->got++;
			w = msg_len(c->big, dir, d->setup_done, d->msg->data,
			    d->msg->len);
			if (w == NOT_A_MESSAGE) {
				lose(d, len - i);
				return false;
			}
			if (w == 0)
				continue;
			d->want = w;	/* never less than the header */
		} else {
			size_t take = (size_t)MIN(d->want - d->got, len - i);

			if (!d->decoded && d->msg->len < KEEP)
				g_byte_array_append(d->msg, buf + i,
				    (guint)MIN(take, KEEP - d->msg->len));
			d->got += take;
			i += take;
		}
		if (d->msg->len >= MIN(d->want, KEEP))
			decode_msg(c, dir, emit, ctx);
		if (d->got == d->want)
			msg_reset(d);
	}
	return true;
}

/* Passes lost bytes not shown; false when they lost the place. */
static bool
take_lost(struct conn *c, enum proto_dir dir, uint64_t lost,
    proto_emit_fn emit, void *ctx)
{
	struct dirstate *d = &c->d[dir];
	uint64_t take;

	if (lost == 0)
		return true;
	if (d->want == 0) {	/* the header of a message not shown */
		lose(d, lost);
		return false;
	}
	decode_msg(c, dir, emit, ctx);
	take = MIN(lost, d->want - d->got);
	d->got += take;
	lost -= take;
	if (d->got == d->want)
		msg_reset(d);
	if (lost > 0) {
		lose(d, lost);
		return false;
	}
	return true;
}

/* The byte at position at of the call's bytes: 1 shown, 0 not shown, -1
 * past the call's end. */
static int
byte_at(const struct proto_piece *pc, unsigned n, uint64_t at, guint8 *b)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (at < pc[i].len) {
			*b = pc[i].buf[at];
			return 1;
		}
		at -= pc[i].len;
		if (at < pc[i].lost)
			return 0;
		at -= pc[i].lost;
	}
	return -1;
}

/*
 * Whether the bytes of a call, in byte order big, are whole messages
 * going in direction dir from its first byte on: each header is one
 * (msg_len), the server's messages carry sequence numbers that do not go
 * back, and the last message ends where the call does; when a header was
 * not shown (cut by -s), the two or more before it are enough.
 */
static bool
fits(bool big, enum proto_dir dir, const struct proto_piece *pc,
    unsigned n)
{
	uint64_t total = 0, at = 0;
	unsigned i, count = 0;
	guint32 seq = 0;
	bool have_seq = false;

	for (i = 0; i < n; i++)
		total += pc[i].len + pc[i].lost;
	while (at < total) {
		guint8 h[12];
		size_t hn = 0, w = 0;

		while (w == 0) {
			int r = byte_at(pc, n, at + hn, &h[hn]);

			if (r < 0)
				return false;	/* a header cut by the end */
			if (r == 0)
				return count >= 2;
			hn++;
			w = msg_len(big, dir, true, h, hn);
			if (w == NOT_A_MESSAGE)
				return false;
		}
		if (dir == PROTO_TO_CLIENT && (h[0] & 0x7f) != 11) {
			guint32 q;

			while (hn < 4) {
				if (byte_at(pc, n, at + hn, &h[hn]) != 1)
					return count >= 2;
				hn++;
			}
			q = rd16o(big, h + 2);
			if (have_seq && ((q - seq) & 0xffff) > 1024)
				return false;
			seq = q;
			have_seq = true;
		}
		count++;
		at += w;
	}
	return count > 0 && at == total;
}

static void
x11_feed_call(void *p, enum proto_dir dir, const struct proto_piece *pc,
    unsigned n, proto_emit_fn emit, void *ctx)
{
	struct conn *c = p;
	struct dirstate *d = &c->d[dir];
	unsigned i;

	if (!d->placed) {
		if (!d->setup_done || !fits(c->big, dir, pc, n)) {
			for (i = 0; i < n; i++)
				d->unplaced += pc[i].len + pc[i].lost;
			return;
		}
		d->placed = true;
	}
	for (i = 0; i < n; i++) {
		if (!take_shown(c, dir, pc[i].buf, pc[i].len, emit, ctx))
			d->unplaced += pc[i].lost;
		else if (take_lost(c, dir, pc[i].lost, emit, ctx))
			continue;
		for (i++; i < n; i++)
			d->unplaced += pc[i].len + pc[i].lost;
		return;
	}
}

static void
x11_feed(void *p, enum proto_dir dir, const unsigned char *buf, size_t len,
    size_t lost, proto_emit_fn emit, void *ctx)
{
	struct proto_piece pc = { buf, len, lost };

	x11_feed_call(p, dir, &pc, 1, emit, ctx);
}

static void *
x11_join(void *shared, enum proto_dir dir, const struct proto_piece *pc,
    unsigned n)
{
	struct conn *c;
	bool big;
	unsigned i;

	/* the machine's byte order first */
	if (fits(G_BYTE_ORDER == G_BIG_ENDIAN, dir, pc, n))
		big = G_BYTE_ORDER == G_BIG_ENDIAN;
	else if (fits(G_BYTE_ORDER != G_BIG_ENDIAN, dir, pc, n))
		big = G_BYTE_ORDER != G_BIG_ENDIAN;
	else
		return NULL;
	c = x11_conn_new(shared);
	c->big = big;
	c->joined = true;
	for (i = 0; i < 2; i++) {
		c->d[i].setup_done = true;
		c->d[i].placed = false;
	}
	return c;
}

static uint64_t
x11_unplaced(const void *p)
{
	const struct conn *c = p;

	return c->d[0].unplaced + c->d[1].unplaced;
}

const struct proto proto_x11 = {
	.name = "x11",
	.opens = x11_opens,
	.shared_new = x11_shared_new,
	.shared_free = x11_shared_free,
	.conn_new = x11_conn_new,
	.conn_free = x11_conn_free,
	.feed = x11_feed,
	.feed_call = x11_feed_call,
	.join = x11_join,
	.unplaced = x11_unplaced,
};
