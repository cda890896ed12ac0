/*
 * test_textproto.c: the text-protocol decoders (HTTP/1, memcached, redis)
 * on byte streams written here by hand as the protocols lay them out, with
 * data that looks like commands inside values and bodies, and bytes lost
 * as strace's -s loses them; and the normaliser's offsets and payload on a
 * hand-written strace log whose offsets and bytes are known.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cu_assert.h"
#include "trace/norm.h"
#include "trace/proto.h"

static void
collect(void *ctx, const char *a, size_t len)
{
	GString *got = ctx;

	g_string_append_len(got, a, (gssize)len);
	g_string_append_c(got, '\n');
}

/* One piece a client sent: the bytes strace showed, and how many more it
 * did not. */
struct piece {
	const char *bytes;
	size_t lost;
};

/* The accesses p finds in the pieces, fed to one connection in order. */
static char *
decode(const struct proto *p, const struct piece *pc, size_t n)
{
	void *sh = p->shared_new();
	void *c = p->conn_new(sh);
	GString *got = g_string_new(NULL);

	for (size_t i = 0; i < n; i++)
		p->feed(c, PROTO_TO_SERVER, (const unsigned char *)pc[i].bytes,
		    strlen(pc[i].bytes), pc[i].lost, collect, got);
	/* what the server sends back gives no access */
	p->feed(c, PROTO_TO_CLIENT, (const unsigned char *)"get x\r\n", 7, 0,
	    collect, got);
	p->conn_free(c);
	p->shared_free(sh);
	return g_string_free(got, FALSE);
}

#define DECODE(p, ...) do {						\
	const struct piece pc_[] = { __VA_ARGS__ };			\
	g_free(got);							\
	got = decode(&(p), pc_, G_N_ELEMENTS(pc_));			\
} while (0)

static void
test_memcached(void)
{
	char *got = NULL;

	/* a data block that holds a command line is data */
	DECODE(proto_memcached, { "set k 0 0 9\r\nget x\r\nab\r\nget k\r\n"
	    "delete k noreply\r\nincr n 5\r\nflush_all\r\n", 0 });
	EQ_STR(got, "memcached set\nmemcached get\nmemcached delete\n"
	    "memcached incr\nmemcached flush_all\n");
	/* a line and a data block split over reads */
	DECODE(proto_memcached, { "se", 0 }, { "t key 1 0 4\r\nda", 0 },
	    { "ta\r\nget", 0 }, { "s a b c\r\n", 0 });
	EQ_STR(got, "memcached set\nmemcached gets\n");
	/* cas, append, touch, gat and the meta commands; ms has data */
	DECODE(proto_memcached, { "cas k 0 0 1 99\r\nx\r\nappend k 0 0 2\r\n"
	    "yy\r\ntouch k 10\r\ngat 10 k\r\nms k 2 T0\r\nhi\r\nmg k v\r\n"
	    "md k\r\nma k\r\nmn\r\n", 0 });
	EQ_STR(got, "memcached cas\nmemcached append\nmemcached touch\n"
	    "memcached gat\nmemcached ms\nmemcached mg\nmemcached md\n"
	    "memcached ma\nmemcached mn\n");
	/* bytes lost inside a data block of known length: still in step */
	DECODE(proto_memcached, { "set k 0 0 300\r\nabc", 299 },
	    { "get k\r\n", 0 });
	EQ_STR(got, "memcached set\nmemcached get\n");
	/* lost past the data block: what followed is unknown, and the next
	 * read begins mid-line, so nothing until a read that begins a
	 * command */
	DECODE(proto_memcached, { "set k 0 0 3\r\nabc", 50 },
	    { "lete k\r\nget k\r\n", 0 }, { "incr k 1\r\n", 0 });
	EQ_STR(got, "memcached set\nmemcached incr\n");
	/* a line cut: named when its command word is whole */
	DECODE(proto_memcached, { "delete some", 40 }, { "get k\r\n", 0 });
	EQ_STR(got, "memcached delete\nmemcached get\n");
	DECODE(proto_memcached, { "dele", 40 }, { "get k\r\n", 0 });
	EQ_STR(got, "memcached get\n");
	DECODE(proto_memcached, { "delete", 40 }, { "get k\r\n", 0 });
	EQ_STR(got, "memcached get\n");
	/* an unknown command puts the stream out of step until a read that
	 * begins with a command */
	DECODE(proto_memcached, { "bogus\r\nget k\r\n", 0 },
	    { "get k\r\n", 0 });
	EQ_STR(got, "memcached get\n");
	/* a storage command without a length cannot say where its data
	 * ends */
	DECODE(proto_memcached, { "set k 0 0\r\nget k\r\n", 0 });
	EQ_STR(got, "");
	g_free(got);
}

static void
test_http(void)
{
	char *got = NULL;

	/* a body of Content-Length bytes that holds a request line */
	DECODE(proto_http, { "POST /form?x=1 HTTP/1.1\r\nHost: h\r\n"
	    "content-length:  20\r\n\r\nGET /evil HTTP/1.1\r\n"
	    "GET /next#top HTTP/1.0\r\n\r\n", 0 });
	EQ_STR(got, "HTTP POST \"/form\"\nHTTP GET \"/next\"\n");
	/* a chunked body, chunks holding request lines, and a trailer */
	DECODE(proto_http, { "PUT /up HTTP/1.1\r\nTransfer-Encoding: "
	    "chunked\r\n\r\n5\r\nGET /\r\n12;x=y\r\nDELETE /a HTTP/1.1\r\n"
	    "0\r\nX-T: 1\r\n\r\nHEAD /h HTTP/1.1\r\n\r\n", 0 });
	EQ_STR(got, "HTTP PUT \"/up\"\nHTTP HEAD \"/h\"\n");
	/* absolute-form, a query string only, OPTIONS * */
	DECODE(proto_http, { "GET http://example.org/p/q?s HTTP/1.1\r\n\r\n"
	    "GET http://example.org HTTP/1.1\r\n\r\nGET /?q HTTP/1.1\r\n\r\n"
	    "OPTIONS * HTTP/1.1\r\n\r\n", 0 });
	EQ_STR(got, "HTTP GET \"/p/q\"\nHTTP GET \"/\"\nHTTP GET \"/\"\n"
	    "HTTP OPTIONS \"*\"\n");
	/* a target cut by -s is printed as far as seen, with ...; one whose
	 * query began is whole */
	DECODE(proto_http, { "GET /very/long/pa", 300 },
	    { "ers HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n", 0 },
	    { "GET /c HTTP/1.1\r\n\r\n", 0 });
	EQ_STR(got, "HTTP GET \"/very/long/pa\"...\nHTTP GET \"/c\"\n");
	DECODE(proto_http, { "GET /a?b=cccc", 300 },
	    { "GET /b HTTP/1.1\r\n\r\n", 0 });
	EQ_STR(got, "HTTP GET \"/a\"\nHTTP GET \"/b\"\n");
	/* the bytes of the path are escaped */
	DECODE(proto_http, { "GET /a\"b\\c\x01 HTTP/1.1\r\n\r\n", 0 });
	EQ_STR(got, "HTTP GET \"/a\\\"b\\\\c\\x01\"\n");
	/* methods in lower case, or no HTTP version, are no request */
	DECODE(proto_http, { "get / HTTP/1.1\r\n\r\n", 0 });
	EQ_STR(got, "");
	DECODE(proto_http, { "GET / SPDY/3\r\n\r\n", 0 });
	EQ_STR(got, "");
	g_free(got);
}

static void
test_redis(void)
{
	char *got = NULL;

	DECODE(proto_redis, { "*3\r\n$3\r\nset\r\n$1\r\nk\r\n$5\r\nGET x\r\n"
	    "*3\r\n$6\r\nCONFIG\r\n$3\r\nget\r\n$1\r\n*\r\n*1\r\n$4\r\nPING"
	    "\r\nhset h f v\r\n*1\r\n$6\r\nCLIENT\r\n", 0 });
	EQ_STR(got, "redis SET\nredis CONFIG GET\nredis PING\nredis HSET\n"
	    "redis CLIENT\n");
	/* an array split over reads, its value lost in part */
	DECODE(proto_redis, { "*3\r\n$3\r\nS", 0 }, { "ET\r\n$2\r\nk1\r\n$100"
	    "\r\nxyz", 99 }, { "*2\r\n$3\r\nGET\r\n$2\r\nk1\r\n", 0 });
	EQ_STR(got, "redis SET\nredis GET\n");
	/* the command word itself lost: no access, and in step after */
	DECODE(proto_redis, { "*2\r\n$3\r\nG", 4 },
	    { "$2\r\nk1\r\n*1\r\n$4\r\nPING\r\n", 0 },
	    { "*1\r\n$4\r\nPING\r\n", 0 });
	EQ_STR(got, "redis PING\nredis PING\n");
	g_free(got);
}

static void
test_opens(void)
{
	const struct {
		const struct proto *p;
		const char *b;
		bool opens;
	} cases[] = {
		{ &proto_memcached, "get k\r\n", true },
		{ &proto_memcached, "set k 0 0 5\r\nhello\r\n", true },
		{ &proto_memcached, "set k 0 0", false },	/* cut */
		{ &proto_memcached, "get k\n", false },	/* no CR */
		{ &proto_memcached, "set", false },	/* "settings"? */
		{ &proto_memcached, "set k v\r\n", false },
		{ &proto_memcached, "STORED\r\n", false },
		{ &proto_memcached, "VALUE k 0 5\r\nhello\r\nEND\r\n", false },
		{ &proto_memcached, "GET k\r\n", false },
		{ &proto_redis, "set k v\r\n", true },
		{ &proto_redis, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", true },
		{ &proto_redis, "*2\r\n", true },
		{ &proto_redis, "*2\r\nx", false },
		{ &proto_redis, "+OK\r\n", false },
		{ &proto_redis, "$5\r\nhello\r\n", false },
		{ &proto_http, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", true },
		{ &proto_http, "GET /a/b", false },	/* cut */
		{ &proto_redis, "hello\n", false },	/* cat's output */
		{ &proto_redis, "hello\r\n", true },
		{ &proto_http, "GET /a/b HTTP/2\r\n", false },
		{ &proto_http, "HTTP/1.1 200 OK\r\n", false },
		{ &proto_http, "GETS / HTTP/1.1\r\n", false },
		{ &proto_http, "\r\n", false },
		{ &proto_http, "", false },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		bool o = cases[i].p->opens((const unsigned char *)cases[i].b,
		    strlen(cases[i].b), PROTO_TO_SERVER);
		char *m = g_strdup_printf("%s opens \"%s\"", cases[i].p->name,
		    cases[i].b);

		CU_assertImplementation(o == cases[i].opens, __LINE__, m,
		    __FILE__, "", CU_FALSE);
		g_free(m);
		/* what the server sends never opens a connection */
		CU_ASSERT_FALSE(cases[i].p->opens((const unsigned char *)
		    cases[i].b, strlen(cases[i].b), PROTO_TO_CLIENT));
	}
}

/* The accesses of a hand-written log under options o. */
static char *
norm_log(const char *log, const struct norm_opts *o)
{
	char *path;
	int fd = g_file_open_tmp("tracemine-textproto-XXXXXX.log", &path,
	    NULL);
	GError *err = NULL;
	struct normalizer *n;
	struct strace_reader *r;
	const struct event *ev;
	GString *got = g_string_new(NULL);
	const char *paths[1];

	g_assert(fd >= 0);
	close(fd);
	g_assert(g_file_set_contents(path, log, -1, NULL));
	paths[0] = path;
	n = norm_new(o, &err);
	r = strace_reader_open(paths, 1, NULL, &err);
	g_assert(n != NULL && r != NULL);
	while ((ev = strace_reader_next(r, &err)) != NULL) {
		size_t len;

		for (const char *a = norm_event(n, r, ev, &len); a != NULL;
		    a = norm_more(n, &len)) {
			g_string_append_len(got, a, (gssize)len);
			g_string_append_c(got, '\n');
		}
	}
	strace_reader_free(r);
	norm_free(n);
	g_unlink(path);
	g_free(path);
	return g_string_free(got, FALSE);
}

static void
test_norm_attach(void)
{
	/* a server traced by attaching: fd 12 was accepted before, so the
	 * normaliser does not know it; the client's command begins it */
	const char *log =
	    "7 read(12, \"set k1 0 0 3\\r\\nabc\\r\\n\", 16384) = 20\n"
	    "7 sendmsg(12, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
	    "\"STORED\\r\\n\", iov_len=8}], msg_iovlen=1, msg_controllen=0, "
	    "msg_flags=0}, 0) = 8\n"
	    "7 read(12, \"get k1\\r\\n\", 16384) = 8\n"
	    "7 sendmsg(12, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
	    "\"VALUE k1 0 3\\r\\nabc\\r\\nEND\\r\\n\", iov_len=23}], "
	    "msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 23\n"
	    "7 read(12, \"\", 16384) = 0\n";
	struct norm_opts all = { 0 }, http = { .protocols = "http" };
	char *got = norm_log(log, &all);

	EQ_STR(got, "read fd:?\nmemcached set\nsendmsg fd:?\nread fd:?\n"
	    "memcached get\nsendmsg fd:?\nread fd:?\n");
	g_free(got);
	got = norm_log(log, &http);
	EQ_STR(got, "read fd:?\nsendmsg fd:?\nread fd:?\nsendmsg fd:?\n"
	    "read fd:?\n");
	g_free(got);
	/* connections whose first bytes seen begin no command (the end of
	 * a data block; a line cut by -s) are joined at a later command,
	 * the first one since the process serves memcached on fd 12 */
	got = norm_log(
	    "7 read(12, \"set k1 0 0 3\\r\\nabc\\r\\n\", 16384) = 19\n"
	    "7 read(13, \"abc\\r\\nEND\\r\\n\", 16384) = 10\n"
	    "7 read(13, \"get k1\\r\\n\", 16384) = 8\n"
	    "7 read(14, \"set k\"..., 16384) = 300\n"
	    "7 read(14, \"incr k 1\\r\\n\", 16384) = 10\n", &all);
	EQ_STR(got, "read fd:?\nmemcached set\nread fd:?\nread fd:?\n"
	    "memcached get\nread fd:?\nread fd:?\nmemcached incr\n");
	g_free(got);
}

static void
test_offsets_payload(void)
{
	const char *log =
	    "1 openat(AT_FDCWD, \"/d/db\", O_RDWR) = 3\n"
	    "1 pread64(3, \"SQLite format 3\\0\", 16, 0) = 16\n"
	    "1 pwrite64(3, \"\\r\\0\\0\\0\\1\", 5, 12288) = 5\n"
	    "1 pwrite64(3, \"\\r\\0\\0\\0\\1\", 5, 4095) = -1 ENOSPC (No space "
	    "left on device)\n"
	    "1 lseek(3, 100, SEEK_END) = 8292\n"
	    "1 read(3, \"hello world\", 4096) = 11\n"
	    "1 read(3, \"abc\"..., 4096) = 100\n"
	    "1 read(3, \"\", 4096) = 0\n"
	    "1 writev(3, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cdef\", "
	    "iov_len=4}], 2) = 5\n";
	struct norm_opts off = { .offsets = true };
	struct norm_opts p4 = { .payload = "4" };
	struct norm_opts tok = { .offsets = true, .payload = "token" };
	struct norm_opts bad = { .payload = "0" };
	GError *err = NULL;
	char *got;

	got = norm_log(log, &off);
	EQ_STR(got, "openat \"/d/db\" O_RDWR\npread64 \"/d/db\" @page0\n"
	    "pwrite64 \"/d/db\" @page3\npwrite64 \"/d/db\" = ENOSPC\n"
	    "lseek \"/d/db\" SEEK_END @page2\nread \"/d/db\"\n"
	    "read \"/d/db\"\nread \"/d/db\"\nwritev \"/d/db\"\n");
	g_free(got);
	got = norm_log(log, &p4);
	EQ_STR(got, "openat \"/d/db\" O_RDWR\n"
	    "pread64 \"/d/db\" bytes:\"SQLi\"\n"
	    "pwrite64 \"/d/db\" bytes:\"\\r\\x00\\x00\\x00\"\n"
	    "pwrite64 \"/d/db\" = ENOSPC\nlseek \"/d/db\" SEEK_END\n"
	    "read \"/d/db\" bytes:\"hell\"\nread \"/d/db\" bytes:\"abc\"...\n"
	    "read \"/d/db\" bytes:\"\"\nwritev \"/d/db\" bytes:\"abcd\"\n");
	g_free(got);
	got = norm_log(log, &tok);
	EQ_STR(got, "openat \"/d/db\" O_RDWR\n"
	    "pread64 \"/d/db\" @page0 bytes:\"SQLite\"\n"
	    "pwrite64 \"/d/db\" @page3 bytes:\"\\r\"\n"
	    "pwrite64 \"/d/db\" = ENOSPC\nlseek \"/d/db\" SEEK_END @page2\n"
	    "read \"/d/db\" bytes:\"hello\"\nread \"/d/db\" bytes:\"abc\"...\n"
	    "read \"/d/db\" bytes:\"\"\nwritev \"/d/db\" bytes:\"abcde\"\n");
	g_free(got);
	CU_ASSERT_PTR_NULL(norm_new(&bad, &err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	EQ_STR(err->message, "unknown payload '0'; valid payloads are: a "
	    "number of bytes from 1 to 65536, token");
	g_error_free(err);
}

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("textproto", NULL, NULL);

	CU_add_test(s, "memcached commands", test_memcached);
	CU_add_test(s, "HTTP/1 requests", test_http);
	CU_add_test(s, "redis commands", test_redis);
	CU_add_test(s, "the opening bytes", test_opens);
	CU_add_test(s, "a server traced by attaching", test_norm_attach);
	CU_add_test(s, "offsets and payload", test_offsets_payload);
}
