/*
 * test_x11.c: the X11 decoder on byte streams built here by hand, message
 * by message as the protocol lays them out, and through the normaliser on
 * a hand-written strace log of a server's recvmsg and writev.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cu_assert.h"
#include "trace/norm.h"
#include "trace/proto.h"

/* A stream of bytes being built, little- or big-endian. */
struct bytes {
	GByteArray *b;
	bool big;
};

static void
u8(struct bytes *s, unsigned v)
{
	guint8 x = (guint8)v;

	g_byte_array_append(s->b, &x, 1);
}

static void
u16(struct bytes *s, unsigned v)
{
	if (s->big) {
		u8(s, v >> 8);
		u8(s, v);
	} else {
		u8(s, v);
		u8(s, v >> 8);
	}
}

static void
u32(struct bytes *s, guint32 v)
{
	if (s->big) {
		u16(s, v >> 16);
		u16(s, v & 0xffff);
	} else {
		u16(s, v & 0xffff);
		u16(s, v >> 16);
	}
}

static void
zeros(struct bytes *s, unsigned n)
{
	while (n-- > 0)
		u8(s, 0);
}

static void
text(struct bytes *s, const char *t)
{
	g_byte_array_append(s->b, (const guint8 *)t, (guint)strlen(t));
	zeros(s, (unsigned)((4 - strlen(t) % 4) % 4));
}

/* The client's setup: byte order, protocol 11.0, no authorisation. */
static void
setup(struct bytes *s)
{
	u8(s, s->big ? 'B' : 'l');
	u8(s, 0);
	u16(s, 11);
	u16(s, 0);
	u16(s, 0);
	u16(s, 0);
	u16(s, 0);
}

/*
 * The server's setup reply: resource ids 0x00400000/0x001fffff, vendor
 * "Test" (4 bytes), one pixmap format, one screen with root 0x3a2 and
 * default colormap 0x21, no depths.  8 + 32 + 4 + 8 + 40 = 92 bytes, 84
 * after the header: 21 words.
 */
static void
setup_reply(struct bytes *s)
{
	u8(s, 1);
	u8(s, 0);
	u16(s, 11);
	u16(s, 0);
	u16(s, 21);
	u32(s, 1);		/* release */
	u32(s, 0x00400000);	/* resource-id-base */
	u32(s, 0x001fffff);	/* resource-id-mask */
	u32(s, 0);		/* motion buffer */
	u16(s, 4);		/* vendor length */
	u16(s, 0xffff);		/* maximum request length */
	u8(s, 1);		/* screens */
	u8(s, 1);		/* formats */
	zeros(s, 10);		/* orders, scanline, keycodes, pad */
	text(s, "Test");
	zeros(s, 8);		/* the format */
	u32(s, 0x3a2);		/* root */
	u32(s, 0x21);		/* default colormap */
	zeros(s, 31);
	u8(s, 0);		/* depths */
}

/* A request: opcode, data byte, then words (the length is added). */
static void
request(struct bytes *s, unsigned op, unsigned data, const guint32 *w,
    unsigned nw)
{
	unsigned i;

	u8(s, op);
	u8(s, data);
	u16(s, 1 + nw);
	for (i = 0; i < nw; i++)
		u32(s, w[i]);
}

/* A 32-byte event with window w at offset at. */
static void
event(struct bytes *s, unsigned code, unsigned at, guint32 w, guint32 atom)
{
	guint8 e[32] = { 0 };
	struct bytes t = { g_byte_array_new(), s->big };

	u8(&t, code);
	zeros(&t, 31);
	memcpy(e, t.b->data, 32);
	g_byte_array_free(t.b, TRUE);
	t.b = g_byte_array_new();
	u32(&t, w);
	memcpy(e + at, t.b->data, 4);
	if (atom != 0) {
		g_byte_array_set_size(t.b, 0);
		u32(&t, atom);
		memcpy(e + 8, t.b->data, 4);
	}
	g_byte_array_free(t.b, TRUE);
	g_byte_array_append(s->b, e, 32);
}

struct sink {
	GString *all;
};

static void
collect(void *ctx, const char *a, size_t len)
{
	struct sink *k = ctx;

	g_string_append_len(k->all, a, (gssize)len);
	g_string_append_c(k->all, '\n');
}

static void
feed(void *conn, enum proto_dir dir, const struct bytes *s, size_t lost,
    struct sink *k)
{
	proto_x11.feed(conn, dir, s->b->data, s->b->len, lost, collect, k);
}

/*
 * A whole exchange, in both byte orders: the setup both ways; CreateWindow
 * of the client's own 0x400001 on the root; InternAtom "_NET_WM_NAME"
 * (sequence 2) answered with atom 0x1f0; ChangeProperty of that atom and
 * of WM_NAME (39); QueryExtension "XTEST" (sequence 5) answered at major
 * 132; an XTEST request (132, minor 2); MapWindow of another client's
 * 0x600002; a MapNotify about the client's window, a PropertyNotify on
 * the root, a sent KeyPress; a BadWindow error for MapWindow.
 */
static void
exchange(bool big)
{
	void *sh = proto_x11.shared_new();
	void *c = proto_x11.conn_new(sh);
	struct bytes up = { g_byte_array_new(), big };
	struct bytes down = { g_byte_array_new(), big };
	struct sink k = { g_string_new(NULL) };
	guint32 w[8];

	setup(&up);
	feed(c, PROTO_TO_SERVER, &up, 0, &k);
	setup_reply(&down);
	feed(c, PROTO_TO_CLIENT, &down, 0, &k);
	g_byte_array_set_size(up.b, 0);
	g_byte_array_set_size(down.b, 0);
	w[0] = 0x400001;	/* wid */
	w[1] = 0x3a2;		/* parent */
	w[2] = 0;
	w[3] = 0;
	w[4] = 0;
	w[5] = 0;
	w[6] = 0;		/* visual */
	w[7] = 0;		/* value mask */
	request(&up, 1, 24, w, 8);
	/* InternAtom: only-if-exists 0, name length 12, the name */
	u8(&up, 16);
	u8(&up, 0);
	u16(&up, 5);
	u16(&up, 12);
	u16(&up, 0);
	text(&up, "_NET_WM_NAME");
	w[0] = 0x400001;
	w[1] = 0x1f0;		/* property */
	w[2] = 31;		/* type STRING */
	w[3] = 0;		/* format, pad */
	w[4] = 0;		/* length */
	request(&up, 18, 0, w, 5);
	feed(c, PROTO_TO_SERVER, &up, 0, &k);
	/* InternAtom's reply, sequence 2: atom 0x1f0 */
	u8(&down, 1);
	u8(&down, 0);
	u16(&down, 2);
	u32(&down, 0);
	u32(&down, 0x1f0);
	zeros(&down, 20);
	feed(c, PROTO_TO_CLIENT, &down, 0, &k);
	g_byte_array_set_size(up.b, 0);
	g_byte_array_set_size(down.b, 0);
	w[1] = 39;		/* WM_NAME */
	request(&up, 18, 0, w, 5);
	u8(&up, 98);
	u8(&up, 0);
	u16(&up, 4);
	u16(&up, 5);
	u16(&up, 0);
	text(&up, "XTEST");
	feed(c, PROTO_TO_SERVER, &up, 0, &k);
	/* QueryExtension's reply, sequence 5: present, major 132 */
	u8(&down, 1);
	u8(&down, 0);
	u16(&down, 5);
	u32(&down, 0);
	u8(&down, 1);
	u8(&down, 132);
	zeros(&down, 22);
	feed(c, PROTO_TO_CLIENT, &down, 0, &k);
	g_byte_array_set_size(up.b, 0);
	g_byte_array_set_size(down.b, 0);
	request(&up, 132, 2, w, 0);
	w[0] = 0x600002;
	request(&up, 8, 0, w, 1);
	feed(c, PROTO_TO_SERVER, &up, 0, &k);
	event(&down, 19, 8, 0x400001, 0);
	event(&down, 28, 4, 0x3a2, 39);
	event(&down, 2 | 0x80, 12, 0x400001, 0);
	/* BadWindow (3) for MapWindow (8), sequence 7 */
	u8(&down, 0);
	u8(&down, 3);
	u16(&down, 7);
	u32(&down, 0x600002);
	u16(&down, 0);
	u8(&down, 8);
	zeros(&down, 21);
	feed(c, PROTO_TO_CLIENT, &down, 0, &k);
	EQ_STR(k.all->str,
	    "X11 Connect\n"
	    "X11 Connected\n"
	    "X11 CreateWindow window\n"
	    "X11 InternAtom \"_NET_WM_NAME\"\n"
	    "X11 ChangeProperty window atom\n"
	    "X11 ChangeProperty window WM_NAME\n"
	    "X11 QueryExtension \"XTEST\"\n"
	    "X11 XTEST.2\n"
	    "X11 MapWindow foreign-window\n"
	    "X11 MapNotify window\n"
	    "X11 PropertyNotify root WM_NAME\n"
	    "X11 KeyPress window sent\n"
	    "X11 BadWindow MapWindow\n");
	/* the interned atom is known from its reply on */
	g_string_truncate(k.all, 0);
	g_byte_array_set_size(up.b, 0);
	w[0] = 0x400001;
	w[1] = 0x1f0;
	request(&up, 20, 0, w, 5);
	feed(c, PROTO_TO_SERVER, &up, 0, &k);
	EQ_STR(k.all->str, "X11 GetProperty window _NET_WM_NAME\n");
	g_string_free(k.all, TRUE);
	g_byte_array_free(up.b, TRUE);
	g_byte_array_free(down.b, TRUE);
	proto_x11.conn_free(c);
	proto_x11.shared_free(sh);
}

static void
test_exchange_little(void)
{
	exchange(false);
}

static void
test_exchange_big(void)
{
	exchange(true);
}

static void
test_opens(void)
{
	CU_ASSERT_TRUE(proto_x11.opens((const unsigned char *)"l\0\v\0", 4,
	    PROTO_TO_SERVER));
	CU_ASSERT_TRUE(proto_x11.opens((const unsigned char *)"B\0\0\v", 4,
	    PROTO_TO_SERVER));
	CU_ASSERT_FALSE(proto_x11.opens((const unsigned char *)"l\0\v\0", 4,
	    PROTO_TO_CLIENT));
	CU_ASSERT_FALSE(proto_x11.opens((const unsigned char *)"GET ", 4,
	    PROTO_TO_SERVER));
	CU_ASSERT_FALSE(proto_x11.opens((const unsigned char *)"l\0", 2,
	    PROTO_TO_SERVER));
}

/*
 * Split and lost bytes: requests cut at every byte boundary decode the
 * same; a request whose tail strace did not show is still named, and the
 * next buffer is taken as the start of a message; a message longer than
 * the decoder keeps is skipped as a whole.
 */
static void
test_split_and_lost(void)
{
	struct bytes up = { g_byte_array_new(), false };
	guint32 w[3] = { 0x400001, 0x3a2, 0 };
	size_t cut;

	setup(&up);
	request(&up, 8, 0, w, 1);		/* MapWindow, 8 bytes */
	request(&up, 12, 0, w, 3);		/* ConfigureWindow, 16 */
	for (cut = 0; cut <= up.b->len; cut++) {
		void *sh = proto_x11.shared_new();
		void *c = proto_x11.conn_new(sh);
		struct sink k = { g_string_new(NULL) };

		proto_x11.feed(c, PROTO_TO_SERVER, up.b->data, cut, 0,
		    collect, &k);
		proto_x11.feed(c, PROTO_TO_SERVER, up.b->data + cut,
		    up.b->len - cut, 0, collect, &k);
		EQ_STR(k.all->str, "X11 Connect\nX11 MapWindow foreign-window\n"
		    "X11 ConfigureWindow foreign-window\n");
		g_string_free(k.all, TRUE);
		proto_x11.conn_free(c);
		proto_x11.shared_free(sh);
	}
	{
		void *sh = proto_x11.shared_new();
		void *c = proto_x11.conn_new(sh);
		struct sink k = { g_string_new(NULL) };
		struct bytes big = { g_byte_array_new(), false };
		guint8 *pad = g_malloc0(20000);

		/* 12 setup bytes, MapWindow, then 6 of ConfigureWindow's 16
		 * shown and 10 lost: it is named (its window is in the bytes
		 * lost), and the next buffer (a MapWindow) is read from its
		 * start */
		proto_x11.feed(c, PROTO_TO_SERVER, up.b->data, 12 + 8 + 6, 10,
		    collect, &k);
		proto_x11.feed(c, PROTO_TO_SERVER, up.b->data + 12, 8, 0,
		    collect, &k);
		/* a PutImage of 20,016 bytes (a BIG-REQUESTS length would
		 * do the same), then a MapWindow in the same buffer */
		u8(&big, 72);
		u8(&big, 0);
		u16(&big, 20016 / 4);
		u32(&big, 0x400001);
		u32(&big, 0);
		u32(&big, 0);
		g_byte_array_append(big.b, pad, 20000);
		request(&big, 8, 0, w, 1);
		proto_x11.feed(c, PROTO_TO_SERVER, big.b->data, big.b->len, 0,
		    collect, &k);
		EQ_STR(k.all->str, "X11 Connect\nX11 MapWindow foreign-window\n"
		    "X11 ConfigureWindow\n"
		    "X11 MapWindow foreign-window\n"
		    "X11 PutImage foreign-drawable\n"
		    "X11 MapWindow foreign-window\n");
		g_free(pad);
		g_byte_array_free(big.b, TRUE);
		g_string_free(k.all, TRUE);
		proto_x11.conn_free(c);
		proto_x11.shared_free(sh);
	}
	g_byte_array_free(up.b, TRUE);
}

/*
 * Through the normaliser: a server accepts a connection (fd 5 becomes a
 * socket), reads the setup and a MapWindow with recvmsg, writes the setup
 * reply with writev; the X11 accesses follow each call's own.  A file read
 * through fd 4 is not decoded, and --protocols=none decodes nothing.
 */
/* A connection after its setup both ways, for the tests below. */
static void *
set_up(void *sh, struct sink *k)
{
	void *c = proto_x11.conn_new(sh);
	struct bytes up = { g_byte_array_new(), false };
	struct bytes down = { g_byte_array_new(), false };

	setup(&up);
	setup_reply(&down);
	feed(c, PROTO_TO_SERVER, &up, 0, k);
	feed(c, PROTO_TO_CLIENT, &down, 0, k);
	g_byte_array_free(up.b, TRUE);
	g_byte_array_free(down.b, TRUE);
	g_string_truncate(k->all, 0);
	return c;
}

/*
 * A reply of 4096 bytes written in two writevs, the first cut by -s: 256
 * shown of the 2048 it wrote, then the other 2048, whose bytes look like
 * events (45, 104) and an error.  The reply's length is known from its
 * header, so the second writev is the rest of it: no access is invented,
 * nothing is unplaced, and the MapNotify after it is read.
 */
static void
test_cut_reply(void)
{
	void *sh = proto_x11.shared_new();
	struct sink k = { g_string_new(NULL) };
	void *c = set_up(sh, &k);
	struct bytes r = { g_byte_array_new(), false };
	struct bytes e = { g_byte_array_new(), false };
	unsigned i;

	u8(&r, 1);
	u8(&r, 0);
	u16(&r, 7);
	u32(&r, (4096 - 32) / 4);
	zeros(&r, 24);
	for (i = 32; i < 4096; i += 32) {
		u8(&r, i % 3 == 0 ? 45 : i % 3 == 1 ? 104 : 0);
		zeros(&r, 31);
	}
	proto_x11.feed(c, PROTO_TO_CLIENT, r.b->data, 256, 2048 - 256,
	    collect, &k);
	proto_x11.feed(c, PROTO_TO_CLIENT, r.b->data + 2048, 2048, 0,
	    collect, &k);
	event(&e, 19, 8, 0x400001, 0);
	feed(c, PROTO_TO_CLIENT, &e, 0, &k);
	EQ_STR(k.all->str, "X11 MapNotify window\n");
	CU_ASSERT_EQUAL(proto_x11.unplaced(c), 0);
	g_byte_array_free(r.b, TRUE);
	g_byte_array_free(e.b, TRUE);
	g_string_free(k.all, TRUE);
	proto_x11.conn_free(c);
	proto_x11.shared_free(sh);
}

/*
 * A header strace did not show: a writev of three events, cut after the
 * first byte of the second.  The second is placed (its code says its
 * length) and named, without its window (not shown); the third's header
 * is lost, so the place is lost and what follows is not read until a call
 * whose bytes are whole messages.  A writev of 20 bytes (no whole message)
 * and one of 32 bytes that is a reply's middle (an event code of 40) are
 * not placed; a writev of two events is, and is decoded.
 */
static void
test_lost_place(void)
{
	void *sh = proto_x11.shared_new();
	struct sink k = { g_string_new(NULL) };
	void *c = set_up(sh, &k);
	struct bytes e = { g_byte_array_new(), false };
	guint8 junk[32] = { 40 };

	event(&e, 19, 8, 0x400001, 0);		/* MapNotify */
	event(&e, 18, 8, 0x400001, 0);		/* UnmapNotify */
	event(&e, 22, 8, 0x400001, 0);		/* ConfigureNotify */
	proto_x11.feed(c, PROTO_TO_CLIENT, e.b->data, 33, 63, collect, &k);
	EQ_STR(k.all->str, "X11 MapNotify window\nX11 UnmapNotify\n");
	CU_ASSERT_EQUAL(proto_x11.unplaced(c), 32);
	g_string_truncate(k.all, 0);
	proto_x11.feed(c, PROTO_TO_CLIENT, e.b->data + 32, 20, 0, collect, &k);
	proto_x11.feed(c, PROTO_TO_CLIENT, junk, 32, 0, collect, &k);
	EQ_STR(k.all->str, "");
	CU_ASSERT_EQUAL(proto_x11.unplaced(c), 32 + 20 + 32);
	proto_x11.feed(c, PROTO_TO_CLIENT, e.b->data + 32, 64, 0, collect, &k);
	EQ_STR(k.all->str, "X11 UnmapNotify window\n"
	    "X11 ConfigureNotify window\n");
	/* a request no client sends: opcode 0; MapWindow 3 words long */
	{
		guint8 bad[] = { 0, 0, 1, 0, 8, 0, 3, 0, 1, 0, 0, 0, 0, 0, 0,
		    0 };

		g_string_truncate(k.all, 0);
		proto_x11.feed(c, PROTO_TO_SERVER, bad, 4, 0, collect, &k);
		proto_x11.feed(c, PROTO_TO_SERVER, bad + 4, 12, 0, collect,
		    &k);
		EQ_STR(k.all->str, "");
		CU_ASSERT_EQUAL(proto_x11.unplaced(c), 32 + 20 + 32 + 16);
	}
	g_byte_array_free(e.b, TRUE);
	g_string_free(k.all, TRUE);
	proto_x11.conn_free(c);
	proto_x11.shared_free(sh);
}

/*
 * Joining a connection whose start was not seen: whole requests join, in
 * either byte order; an HTTP request, a request cut by the call's end, a
 * MapWindow of the wrong length, and server messages whose sequence
 * numbers go back do not.  The ids of a joined connection are
 * unknown-window until a CreateWindow shows the client's base (with the
 * mask of a setup reply seen on another connection of the trace).
 */
static void
test_join(void)
{
	void *sh = proto_x11.shared_new();
	struct sink k = { g_string_new(NULL) };
	void *other = set_up(sh, &k);	/* gives the mask 0x1fffff */
	guint32 w[] = { 0x600002 };
	guint32 cw[] = { 0x600005, 0x3a2, 0, 0, 0, 0, 0 };
	struct bytes le = { g_byte_array_new(), false };
	struct bytes be = { g_byte_array_new(), true };
	struct bytes ev = { g_byte_array_new(), false };
	struct proto_piece pc;
	const char *http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
	void *c;

	request(&le, 8, 0, w, 1);
	request(&le, 10, 0, w, 1);
	request(&be, 8, 0, w, 1);
	pc = (struct proto_piece){ le.b->data, le.b->len, 0 };
	c = proto_x11.join(sh, PROTO_TO_SERVER, &pc, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	proto_x11.feed(c, PROTO_TO_SERVER, le.b->data, le.b->len, 0, collect,
	    &k);
	EQ_STR(k.all->str, "X11 MapWindow unknown-window\n"
	    "X11 UnmapWindow unknown-window\n");
	g_string_truncate(k.all, 0);
	g_byte_array_set_size(le.b, 0);
	request(&le, 1, 24, cw, 7);
	request(&le, 8, 0, cw, 1);
	request(&le, 8, 0, w, 1);
	proto_x11.feed(c, PROTO_TO_SERVER, le.b->data, le.b->len, 0, collect,
	    &k);
	EQ_STR(k.all->str, "X11 CreateWindow window\nX11 MapWindow window\n"
	    "X11 MapWindow window\n");
	CU_ASSERT_EQUAL(proto_x11.unplaced(c), 0);
	proto_x11.conn_free(c);

	pc = (struct proto_piece){ be.b->data, be.b->len, 0 };
	c = proto_x11.join(sh, PROTO_TO_SERVER, &pc, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	g_string_truncate(k.all, 0);
	proto_x11.feed(c, PROTO_TO_SERVER, be.b->data, be.b->len, 0, collect,
	    &k);
	EQ_STR(k.all->str, "X11 MapWindow unknown-window\n");
	proto_x11.conn_free(c);

	pc = (struct proto_piece){ (const unsigned char *)http, strlen(http),
	    0 };
	CU_ASSERT_PTR_NULL(proto_x11.join(sh, PROTO_TO_SERVER, &pc, 1));
	CU_ASSERT_PTR_NULL(proto_x11.join(sh, PROTO_TO_CLIENT, &pc, 1));
	pc = (struct proto_piece){ le.b->data, le.b->len - 2, 0 };
	CU_ASSERT_PTR_NULL(proto_x11.join(sh, PROTO_TO_SERVER, &pc, 1));
	le.b->data[le.b->len - 6] = 3;	/* the last MapWindow: 3 words */
	pc = (struct proto_piece){ le.b->data, le.b->len, 0 };
	CU_ASSERT_PTR_NULL(proto_x11.join(sh, PROTO_TO_SERVER, &pc, 1));

	event(&ev, 19, 8, 0x400001, 0);
	event(&ev, 18, 8, 0x400001, 0);
	ev.b->data[2] = 9;		/* sequence 9, then 0: back */
	pc = (struct proto_piece){ ev.b->data, ev.b->len, 0 };
	CU_ASSERT_PTR_NULL(proto_x11.join(sh, PROTO_TO_CLIENT, &pc, 1));
	ev.b->data[2] = 0;
	c = proto_x11.join(sh, PROTO_TO_CLIENT, &pc, 1);
	CU_ASSERT_PTR_NOT_NULL(c);
	proto_x11.conn_free(c);

	g_byte_array_free(le.b, TRUE);
	g_byte_array_free(be.b, TRUE);
	g_byte_array_free(ev.b, TRUE);
	g_string_free(k.all, TRUE);
	proto_x11.conn_free(other);
	proto_x11.shared_free(sh);
}

/*
 * An attach-mode log through the normaliser: fd 7 was open before the log
 * began.  Its first MapWindow call fits but the process is not known to
 * be an X server, so it is counted as unplaced; the second is decoded.
 * fd 8 carries text that never fits.  The warning counts fd 7's first
 * call only.
 */
static void
test_norm_attach(void)
{
	const char *log =
	    "1 recvmsg(7, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
	    "\"\\10\\0\\2\\0\\1\\0@\\0\", iov_len=16384}], msg_iovlen=1, "
	    "msg_controllen=0, msg_flags=0}, 0) = 8\n"
	    "1 read(8, \"hello, world\\n\", 4096) = 13\n"
	    "1 recvmsg(7, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
	    "\"\\n\\0\\2\\0\\1\\0@\\0\", iov_len=16384}], msg_iovlen=1, "
	    "msg_controllen=0, msg_flags=0}, 0) = 8\n"
	    "1 read(8, \"hello, world\\n\", 4096) = 13\n";
	char *path;
	int fd = g_file_open_tmp("tracemine-x11-XXXXXX.log", &path, NULL);
	GError *err = NULL;
	struct normalizer *n = norm_new(NULL, &err);
	struct strace_reader *r;
	const struct event *ev;
	const char *paths[1];
	GString *got = g_string_new(NULL);
	char *w;

	g_assert(fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, log, -1, NULL));
	paths[0] = path;
	r = strace_reader_open(paths, 1, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	while ((ev = strace_reader_next(r, &err)) != NULL) {
		size_t len;
		const char *a;

		for (a = norm_event(n, r, ev, &len); a != NULL;
		    a = norm_more(n, &len)) {
			g_string_append_len(got, a, (gssize)len);
			g_string_append_c(got, '\n');
		}
	}
	EQ_STR(got->str, "recvmsg fd:?\nread fd:?\nrecvmsg fd:?\n"
	    "X11 UnmapWindow unknown-window\nread fd:?\n");
	w = norm_unplaced(n);
	EQ_STR(w, "x11: 8 bytes on 1 connection could not be placed on a "
	    "message and were not decoded");
	g_free(w);
	g_string_free(got, TRUE);
	strace_reader_free(r);
	norm_free(n);
	g_unlink(path);
	g_free(path);
}

static void
test_norm(void)
{
	const char *log =
	    "1 openat(AT_FDCWD, \"/etc/x\", O_RDONLY) = 4\n"
	    "1 read(4, \"l\\0\\v\\0\\0\\0\\0\\0\\0\\0\\0\\0\", 4096) = 12\n"
	    "1 accept4(3, NULL, NULL, SOCK_CLOEXEC) = 5\n"
	    "1 recvmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
	    "\"l\\0\\v\\0\\0\\0\\0\\0\\0\\0\\0\\0\", iov_len=16384}], "
	    "msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 12\n"
	    "1 writev(5, [{iov_base=\"\\1\\0\\v\\0\\0\\0\\0\\0\", iov_len=8}],"
	    " 1) = 8\n"
	    "1 recvmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
	    "\"\\10\\0\\2\\0\\1\\0@\\0\", iov_len=16384}], msg_iovlen=1, "
	    "msg_controllen=0, msg_flags=0}, 0) = 8\n";
	const char *modes[] = { NULL, "none" };
	const char *want[] = {
	    "openat \"/etc/x\" O_RDONLY\nread \"/etc/x\"\n"
	    "accept4 fd:? SOCK_CLOEXEC\nrecvmsg socket\nX11 Connect\n"
	    "writev socket\nX11 Connected\nrecvmsg socket\n"
	    "X11 MapWindow foreign-window\n",
	    "openat \"/etc/x\" O_RDONLY\nread \"/etc/x\"\n"
	    "accept4 fd:? SOCK_CLOEXEC\nrecvmsg socket\nwritev socket\n"
	    "recvmsg socket\n",
	};
	char *path;
	int fd = g_file_open_tmp("tracemine-x11-XXXXXX.log", &path, NULL);
	unsigned m;

	g_assert(fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, log, -1, NULL));
	for (m = 0; m < G_N_ELEMENTS(modes); m++) {
		struct norm_opts o = { .protocols = modes[m] };
		GError *err = NULL;
		struct normalizer *n = norm_new(&o, &err);
		const char *paths[1] = { path };
		struct strace_reader *r = strace_reader_open(paths, 1, NULL,
		    &err);
		const struct event *ev;
		GString *got = g_string_new(NULL);

		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		while ((ev = strace_reader_next(r, &err)) != NULL) {
			size_t len;
			const char *a;

			for (a = norm_event(n, r, ev, &len); a != NULL;
			    a = norm_more(n, &len)) {
				g_string_append_len(got, a, (gssize)len);
				g_string_append_c(got, '\n');
			}
		}
		EQ_STR(got->str, want[m]);
		g_string_free(got, TRUE);
		strace_reader_free(r);
		norm_free(n);
	}
	{
		struct norm_opts o = { .protocols = "gopher" };
		GError *err = NULL;

		CU_ASSERT_PTR_NULL(norm_new(&o, &err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(err);
		EQ_STR(err->message, "unknown protocol 'gopher'; valid "
		    "protocols are: x11, http, memcached, redis, all, none");
		g_error_free(err);
	}
	g_unlink(path);
	g_free(path);
}

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("x11", NULL, NULL);

	CU_add_test(s, "an exchange, little-endian", test_exchange_little);
	CU_add_test(s, "an exchange, big-endian", test_exchange_big);
	CU_add_test(s, "the opening bytes", test_opens);
	CU_add_test(s, "split and lost bytes", test_split_and_lost);
	CU_add_test(s, "through the normaliser", test_norm);
	CU_add_test(s, "a reply longer than -s shows, in two writes",
	    test_cut_reply);
	CU_add_test(s, "a header not shown loses the place", test_lost_place);
	CU_add_test(s, "joining a connection mid-stream", test_join);
	CU_add_test(s, "an attach-mode log through the normaliser",
	    test_norm_attach);
}
