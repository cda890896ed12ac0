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
}
