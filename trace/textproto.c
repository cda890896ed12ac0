/*
 * textproto.c: line-oriented text protocols as resource accesses, three
 * instances of the protocol interface of proto.h over one line engine:
 *
 *	HTTP/1 requests (RFC 9112): a request line "GET /path HTTP/1.1",
 *	header lines up to an empty one, then a body whose length
 *	Content-Length gives or that Transfer-Encoding: chunked cuts in
 *	chunks;
 *
 *	memcached's text protocol (memcached's doc/protocol.txt): one
 *	command a line, the storage commands (set, add, replace, append,
 *	prepend, cas, and the meta ms) followed by a data block of the
 *	length their line gives;
 *
 *	redis commands (the RESP specification): an array of bulk strings
 *	"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", or an inline command line
 *	"GET k".
 *
 * Each request is an access, named by its command, with what the
 * experiment chose (keys, values, query strings) left out:
 *
 *	HTTP GET "/index.html"
 *	memcached set
 *	redis HSET
 *
 * Only what the client sends is decoded (the side that opened the
 * connection, or the side whose first bytes are a command when the trace
 * began on an open connection); replies give no access.  The engine
 * gathers one line at a time (the first LINE_KEEP bytes of it), and skips
 * the data that a line announces.  A line is a command only where one is
 * due: at the start of the stream, after the previous command and its
 * data.  When bytes were lost (a string cut by strace's -s) where the
 * engine cannot tell how many belong to what, it decodes what it saw of
 * the line under way if its command word is whole, and then takes only
 * the start of a later buffer of that direction as the start of a line,
 * and only when that line reads as a command of the protocol: bytes that
 * cannot be placed so give no access (docs/protocols.md).
 */
#include <string.h>

#include "proto.h"
#include "trace.h"

/* What is kept of a line; longer lines are read to their end, and what
 * is past this is not looked at. */
#define LINE_KEEP 1024
/* What is kept of a redis bulk string that names a command. */
#define WORD_KEEP 64

enum dialect { HTTP, MEMCACHED, REDIS };

enum mode {
	M_LINE,		/* a command (request) line is due */
	M_HEADERS,	/* HTTP header lines, up to an empty one */
	M_CHUNK,	/* an HTTP chunk-size line */
	M_TRAILER,	/* HTTP trailer lines, up to an empty one */
	M_BULK,		/* a redis "$LEN" line */
};

struct conn {
	enum dialect dialect;
	enum mode mode;
	GByteArray *line;	/* the line being gathered (LINE_KEEP) */
	bool line_long;		/* it was longer than what is kept */
	bool resync;		/* out of step: wait for a buffer that
				 * begins a command */
	uint64_t skip;		/* data bytes still to pass */
	enum mode after;	/* the mode once they have */
	/* HTTP: the message's headers */
	uint64_t content_length;
	bool chunked;
	/* redis: the array under way */
	int64_t elems;		/* bulk strings still to come */
	unsigned elem;		/* which one is next (0: the command) */
	GByteArray *word;	/* the bulk string being kept */
	bool word_bad;		/* it is longer than WORD_KEEP, or lost */
	GString *cmd;		/* the command word (upper case) */
	uint64_t unplaced;	/* bytes that could not be placed */
	GString *out;
};

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_eol(unsigned char c)
{
	return c == '\r' || c == '\n';
}

/* The words of a line: start and length of each, up to max. */
struct words {
	unsigned n;
	const unsigned char *w[8];
	size_t len[8];
	bool last_whole;	/* the last word ends before the line does */
};

static void
split(const unsigned char *b, size_t n, struct words *ws)
{
	size_t i = 0;

	memset(ws, 0, sizeof(*ws));
	while (i < n && !is_eol(b[i])) {
		size_t s;

		while (i < n && is_space(b[i]))
			i++;
		if (i >= n || is_eol(b[i]))
			break;
		s = i;
		while (i < n && !is_space(b[i]) && !is_eol(b[i]))
			i++;
		if (ws->n < G_N_ELEMENTS(ws->w)) {
			ws->w[ws->n] = b + s;
			ws->len[ws->n] = i - s;
			ws->n++;
		}
		ws->last_whole = i < n;
	}
}

/* Whether word w of len bytes is a decimal number that fits in 32 bits
 * (or, with neg, a signed one). */
static bool
is_number(const unsigned char *w, size_t len, bool neg, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (neg && len > 0 && w[0] == '-')
		i = 1;
	if (i >= len || len - i > 10)
		return false;
	for (; i < len; i++) {
		if (w[i] < '0' || w[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(w[i] - '0');
	}
	if (out != NULL)
		*out = v;
	return v <= G_MAXUINT32;
}

static bool
word_is(const unsigned char *w, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(w, s, len) == 0;
}

static bool
word_is_nocase(const unsigned char *w, size_t len, const char *s)
{
	return strlen(s) == len && g_ascii_strncasecmp((const char *)w, s,
	    len) == 0;
}

/*
 * memcached's commands: the arguments a line must have at least, and
 * which one gives the length of the data block that follows (0: none).
 */
static const struct mc_cmd {
	const char *name;
	unsigned min_args;	/* words after the command */
	unsigned data_arg;	/* the word (1 is the key) with the data
				 * block's length; 0: no data block */
} mc_cmds[] = {
	{ "set", 4, 4 }, { "add", 4, 4 }, { "replace", 4, 4 },
	{ "append", 4, 4 }, { "prepend", 4, 4 }, { "cas", 5, 4 },
	{ "get", 1, 0 }, { "gets", 1, 0 }, { "gat", 2, 0 }, { "gats", 2, 0 },
	{ "delete", 1, 0 }, { "incr", 2, 0 }, { "decr", 2, 0 },
	{ "touch", 2, 0 }, { "flush_all", 0, 0 }, { "version", 0, 0 },
	{ "verbosity", 1, 0 }, { "stats", 0, 0 }, { "quit", 0, 0 },
	{ "shutdown", 0, 0 }, { "cache_memlimit", 1, 0 },
	{ "slabs", 1, 0 }, { "lru", 1, 0 }, { "lru_crawler", 1, 0 },
	{ "watch", 0, 0 }, { "misbehave", 0, 0 }, { "mg", 1, 0 },
	{ "ms", 2, 2 }, { "md", 1, 0 }, { "ma", 1, 0 }, { "mn", 0, 0 },
	{ "me", 1, 0 },
};

static const struct mc_cmd *
mc_lookup(const unsigned char *w, size_t len)
{
	for (size_t i = 0; i < G_N_ELEMENTS(mc_cmds); i++)
		if (word_is(w, len, mc_cmds[i].name))
			return &mc_cmds[i];
	return NULL;
}

/*
 * redis commands recognised in an inline line (any first bulk string of
 * an array is a command), and those whose second word says what they do.
 */
static const char *const redis_cmds[] = {
	"APPEND", "AUTH", "BGSAVE", "BLPOP", "BRPOP", "CLIENT", "CONFIG",
	"COMMAND", "DBSIZE", "DECR", "DECRBY", "DEL", "DISCARD", "ECHO",
	"EXEC", "EXISTS", "EXPIRE", "FLUSHALL", "FLUSHDB", "GET", "GETDEL",
	"GETSET", "HDEL", "HELLO", "HEXISTS", "HGET", "HGETALL", "HINCRBY",
	"HKEYS", "HLEN", "HMGET", "HMSET", "HSET", "INCR", "INCRBY", "INFO",
	"KEYS", "LINDEX", "LLEN", "LPOP", "LPUSH", "LRANGE", "LREM", "LSET",
	"MGET", "MONITOR", "MSET", "MULTI", "PERSIST", "PEXPIRE", "PING",
	"PSUBSCRIBE", "PTTL", "PUBLISH", "QUIT", "RENAME", "RPOP", "RPUSH",
	"SADD", "SAVE", "SCAN", "SCARD", "SELECT", "SET", "SETEX", "SETNX",
	"SISMEMBER", "SMEMBERS", "SREM", "STRLEN", "SUBSCRIBE", "TTL",
	"TYPE", "UNLINK", "UNSUBSCRIBE", "UNWATCH", "WATCH", "XADD",
	"XRANGE", "XREAD", "ZADD", "ZCARD", "ZINCRBY", "ZRANGE", "ZREM",
	"ZSCORE",
};
static const char *const redis_containers[] = {
	"ACL", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "DEBUG", "FUNCTION",
	"LATENCY", "MEMORY", "MODULE", "OBJECT", "PUBSUB", "SCRIPT",
	"SLOWLOG", "XGROUP", "XINFO",
};

static bool
in_list(const char *const *list, size_t n, const unsigned char *w,
    size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (word_is_nocase(w, len, list[i]))
			return true;
	return false;
}

/* Whether w can be a command's name: letters, digits, '_', '-', '.'. */
static bool
is_command_word(const unsigned char *w, size_t len)
{
	if (len == 0 || len > 32)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!g_ascii_isalnum(w[i]) && w[i] != '_' && w[i] != '-' &&
		    w[i] != '.')
			return false;
	return true;
}

static const char *const http_methods[] = {
	"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
	"TRACE", "PATCH",
};

/* The length of the first line of b[0..n), without its end, and whether
 * it ends there (*whole). */
static size_t
first_line(const unsigned char *b, size_t n, bool *whole)
{
	const unsigned char *nl = memchr(b, '\n', n);
	size_t k = nl != NULL ? (size_t)(nl - b) : n;

	*whole = nl != NULL;
	if (*whole && k > 0 && b[k - 1] == '\r')
		k--;
	return k;
}

/*
 * Whether the line b[0..n) (whole: its end was seen) reads as a command
 * of dialect d: its command word is whole and known, and a whole line
 * has the arguments the command needs.
 */
static bool
line_is_command(enum dialect d, const unsigned char *b, size_t n, bool whole)
{
	struct words ws;
	const struct mc_cmd *mc;

	split(b, n, &ws);
	if (ws.n == 0 || (ws.n == 1 && !ws.last_whole && !whole))
		return false;
	switch (d) {
	case HTTP:
		if (!in_list(http_methods, G_N_ELEMENTS(http_methods), ws.w[0],
		    ws.len[0]))
			return false;
		/* methods are case-sensitive: upper case only */
		for (size_t i = 0; i < ws.len[0]; i++)
			if (!g_ascii_isupper(ws.w[0][i]))
				return false;
		if (ws.n < 2 || !(ws.w[1][0] == '/' || ws.w[1][0] == '*' ||
		    (ws.len[1] >= 7 && g_ascii_strncasecmp((const char *)
		    ws.w[1], "http://", 7) == 0) || (ws.len[1] >= 8 &&
		    g_ascii_strncasecmp((const char *)ws.w[1], "https://",
		    8) == 0)))
			return ws.n == 1 && !whole;
		if (!whole)
			return true;
		return ws.n == 3 && ws.len[2] == 8 &&
		    memcmp(ws.w[2], "HTTP/1.", 7) == 0 &&
		    g_ascii_isdigit(ws.w[2][7]);
	case MEMCACHED:
		mc = mc_lookup(ws.w[0], ws.len[0]);
		if (mc == NULL)
			return false;
		if (!whole)
			return true;
		if (ws.n - 1 < mc->min_args)
			return false;
		return mc->data_arg == 0 || is_number(ws.w[mc->data_arg],
		    ws.len[mc->data_arg], false, NULL);
	case REDIS:
		if (b[0] == '*')
			return n >= 2 && is_number(b + 1, n - 1, false, NULL);
		return in_list(redis_cmds, G_N_ELEMENTS(redis_cmds), ws.w[0],
		    ws.len[0]);
	}
	return false;
}

/*
 * Whether buf begins a line that is a command of dialect d, whole and
 * ended by CRLF as the three protocols want: a program's output to a
 * terminal or a pipe ("hello\n" from cat) is no redis HELLO.
 */
static bool
begins_command(enum dialect d, const unsigned char *buf, size_t len)
{
	bool whole;
	size_t k;

	if (len == 0)
		return false;
	k = first_line(buf, len, &whole);
	if (k == 0 || !whole || k >= len || buf[k] != '\r')
		return false;
	/* a RESP array: its first element must follow */
	if (d == REDIS && buf[0] == '*' && whole &&
	    line_is_command(d, buf, k, true)) {
		const unsigned char *nl = memchr(buf, '\n', len);
		size_t rest = len - (size_t)(nl - buf) - 1;

		return rest == 0 || nl[1] == '$';
	}
	return line_is_command(d, buf, k, whole);
}

/* Upper-cases s from byte at on (redis commands are case-insensitive). */
static void
upcase(GString *s, size_t at)
{
	for (size_t i = at; i < s->len; i++)
		s->str[i] = g_ascii_toupper(s->str[i]);
}

static void
emit_out(struct conn *c, proto_emit_fn emit, void *ctx)
{
	emit(ctx, c->out->str, c->out->len);
}

/* The access of an HTTP request line: the method and the path of the
 * target, without its query string or fragment; a target cut before its
 * end is printed with "..." after it, as norm prints a cut path. */
static void
http_request(struct conn *c, const struct words *ws, bool whole,
    proto_emit_fn emit, void *ctx)
{
	const unsigned char *t;
	size_t tl, k;
	bool cut;

	g_string_assign(c->out, "HTTP ");
	g_string_append_len(c->out, (const char *)ws->w[0], (gssize)ws->len[0]);
	if (ws->n < 2) {
		emit_out(c, emit, ctx);
		return;
	}
	t = ws->w[1];
	tl = ws->len[1];
	cut = !whole && ws->n == 2 && !ws->last_whole;
	/* absolute-form: the path after the authority */
	if (t[0] != '/' && t[0] != '*') {
		const unsigned char *s = memchr(t, ':', tl);

		k = s != NULL ? (size_t)(s - t) + 3 : tl;
		while (k < tl && t[k] != '/' && t[k] != '?' && t[k] != '#')
			k++;
		if (k >= tl) {
			t = (const unsigned char *)"/";
			tl = 1;
		} else {
			t += k;
			tl -= k;
		}
	}
	for (k = 0; k < tl && t[k] != '?' && t[k] != '#'; k++)
		;
	if (k < tl)
		cut = false;	/* the path is whole */
	g_string_append(c->out, " \"");
	if (t[0] == '?' || t[0] == '#')
		g_string_append_c(c->out, '/');
	trace_escape_bytes(c->out, (const char *)t, k);
	g_string_append_c(c->out, '"');
	if (cut)
		g_string_append(c->out, "...");
	emit_out(c, emit, ctx);
}

static void
http_header(struct conn *c, const unsigned char *b, size_t n)
{
	static const char cl[] = "content-length:", te[] =
	    "transfer-encoding:";
	uint64_t v;
	size_t i;

	if (n > sizeof(cl) - 1 && g_ascii_strncasecmp((const char *)b, cl,
	    sizeof(cl) - 1) == 0) {
		for (i = sizeof(cl) - 1; i < n && is_space(b[i]); i++)
			;
		while (n > i && is_space(b[n - 1]))
			n--;
		if (is_number(b + i, n - i, false, &v))
			c->content_length = v;
	} else if (n > sizeof(te) - 1 && g_ascii_strncasecmp((const char *)b,
	    te, sizeof(te) - 1) == 0) {
		for (i = sizeof(te) - 1; i + 7 <= n; i++)
			if (g_ascii_strncasecmp((const char *)b + i, "chunked",
			    7) == 0)
				c->chunked = true;
	}
}

/* Skips n data bytes and the line end after them, then goes to mode m. */
static void
skip_then(struct conn *c, uint64_t n, enum mode m)
{
	c->skip = n;
	c->after = m;
}

static void
redis_emit(struct conn *c, proto_emit_fn emit, void *ctx)
{
	if (c->cmd->len == 0)
		return;
	g_string_assign(c->out, "redis ");
	g_string_append_len(c->out, c->cmd->str, (gssize)c->cmd->len);
	emit_out(c, emit, ctx);
	g_string_truncate(c->cmd, 0);
}

/* A bulk string of a redis array, kept in c->word, is whole. */
static void
redis_word(struct conn *c, proto_emit_fn emit, void *ctx)
{
	const unsigned char *w = c->word->data;
	size_t len = c->word_bad ? 0 : c->word->len;

	if (c->elem == 0) {
		g_string_truncate(c->cmd, 0);
		if (is_command_word(w, len)) {
			g_string_append_len(c->cmd, (const char *)w,
			    (gssize)len);
			upcase(c->cmd, 0);
			if (c->elems == 0 || !in_list(redis_containers,
			    G_N_ELEMENTS(redis_containers), w, len))
				redis_emit(c, emit, ctx);
		}
	} else if (c->elem == 1 && c->cmd->len > 0) {
		if (is_command_word(w, len)) {
			g_string_append_c(c->cmd, ' ');
			g_string_append_len(c->cmd, (const char *)w,
			    (gssize)len);
			upcase(c->cmd, 0);
		}
		redis_emit(c, emit, ctx);
	}
}

/*
 * One line, whole (its end seen) or cut (bytes were lost within it or
 * after it); b[0..n) without its end.  Returns false when the line is not
 * what was due, so the stream is out of step.
 */
static bool
line(struct conn *c, const unsigned char *b, size_t n, bool whole,
    proto_emit_fn emit, void *ctx)
{
	struct words ws;
	const struct mc_cmd *mc;
	uint64_t v;

	switch (c->mode) {
	case M_LINE:
		if (n == 0)
			return true;	/* an empty line between requests */
		if (!line_is_command(c->dialect, b, n, whole))
			return false;
		split(b, n, &ws);
		if (c->dialect == HTTP) {
			http_request(c, &ws, whole, emit, ctx);
			c->mode = M_HEADERS;
			c->content_length = 0;
			c->chunked = false;
			return true;
		}
		if (c->dialect == REDIS && b[0] == '*') {
			is_number(b + 1, n - 1, false, &v);
			c->elems = (int64_t)v;
			c->elem = 0;
			g_string_truncate(c->cmd, 0);
			if (v > 0)
				c->mode = M_BULK;
			return true;
		}
		g_string_assign(c->out, c->dialect == REDIS ? "redis " :
		    "memcached ");
		g_string_append_len(c->out, (const char *)ws.w[0],
		    (gssize)ws.len[0]);
		if (c->dialect == REDIS)
			upcase(c->out, 6);
		emit_out(c, emit, ctx);
		if (c->dialect == MEMCACHED && whole) {
			mc = mc_lookup(ws.w[0], ws.len[0]);
			if (mc->data_arg != 0) {
				is_number(ws.w[mc->data_arg],
				    ws.len[mc->data_arg], false, &v);
				skip_then(c, v + 2, M_LINE);
			}
		}
		return true;
	case M_HEADERS:
	case M_TRAILER:
		if (n > 0) {
			if (c->mode == M_HEADERS)
				http_header(c, b, n);
			return true;
		}
		if (c->mode == M_HEADERS && c->chunked) {
			c->mode = M_CHUNK;
		} else {
			c->mode = M_LINE;
			if (c->content_length > 0 && !c->chunked)
				skip_then(c, c->content_length, M_LINE);
		}
		return true;
	case M_CHUNK:
		if (n == 0 || !g_ascii_isxdigit(*b))
			return false;
		for (v = 0; n > 0 && g_ascii_isxdigit(*b) && v < G_MAXUINT32;
		    b++, n--)
			v = v * 16 + (uint64_t)g_ascii_xdigit_value(*b);
		if (v >= G_MAXUINT32 || (n > 0 && *b != ';' && !is_space(*b)))
			return false;
		if (v == 0)
			c->mode = M_TRAILER;
		else
			skip_then(c, v + 2, M_CHUNK);
		return true;
	case M_BULK:
		if (n < 2 || b[0] != '$' || !is_number(b + 1, n - 1, false, &v))
			return false;
		c->elems--;
		if (c->elem < 2) {
			/* the word is kept as it passes: see text_feed */
			g_byte_array_set_size(c->word, 0);
			c->word_bad = v > WORD_KEEP;
			skip_then(c, v + 2, c->elems > 0 ? M_BULK : M_LINE);
		} else {
			skip_then(c, v + 2, c->elems > 0 ? M_BULK : M_LINE);
		}
		return true;
	}
	return false;
}

/* Forgets the line under way and waits for a buffer that begins a
 * command. */
static void
out_of_step(struct conn *c)
{
	c->resync = true;
	c->skip = 0;
	c->mode = M_LINE;
	c->elems = 0;
	g_byte_array_set_size(c->line, 0);
	c->line_long = false;
	g_string_truncate(c->cmd, 0);
}

/* The redis bulk string under way, if it is one to keep. */
static bool
keeping_word(const struct conn *c)
{
	return c->dialect == REDIS && c->skip > 0 && c->elem < 2 &&
	    (c->after == M_BULK || c->after == M_LINE) && c->mode == M_BULK;
}

/* The data a line announced has passed (keep: a redis bulk string that
 * was being kept). */
static void
data_passed(struct conn *c, bool keep, proto_emit_fn emit, void *ctx)
{
	if (keep) {
		redis_word(c, emit, ctx);
		c->elem++;
	}
	c->mode = c->after;
}

static void
text_feed(void *p, enum proto_dir dir, const unsigned char *buf, size_t len,
    size_t lost, proto_emit_fn emit, void *ctx)
{
	struct conn *c = p;
	size_t i = 0;

	if (dir != PROTO_TO_SERVER)
		return;
	if (c->resync) {
		if (!begins_command(c->dialect, buf, len)) {
			c->unplaced += len + lost;
			return;
		}
		c->resync = false;
	}
	while (i < len) {
		if (c->skip > 0) {
			size_t take = (size_t)MIN(c->skip, (uint64_t)(len - i));
			bool keep = keeping_word(c);

			if (keep && c->skip > 2 && !c->word_bad) {
				size_t data = (size_t)MIN((uint64_t)take,
				    c->skip - 2);

				g_byte_array_append(c->word, buf + i,
				    (guint)data);
			}
			c->skip -= take;
			i += take;
			if (c->skip == 0)
				data_passed(c, keep, emit, ctx);
			continue;
		}
		/* gather a line */
		const unsigned char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - buf) : len;

		if (c->line->len + (end - i) > LINE_KEEP) {
			if (c->line->len < LINE_KEEP)
				g_byte_array_append(c->line, buf + i,
				    (guint)(LINE_KEEP - c->line->len));
			c->line_long = true;
		} else {
			g_byte_array_append(c->line, buf + i,
			    (guint)(end - i));
		}
		i = end;
		if (nl == NULL)
			break;
		i++;
		{
			size_t n = c->line->len;
			bool ok;

			if (n > 0 && !c->line_long && c->line->data[n - 1] ==
			    '\r')
				n--;
			ok = line(c, c->line->data, n, !c->line_long, emit,
			    ctx);
			g_byte_array_set_size(c->line, 0);
			c->line_long = false;
			if (!ok) {
				c->unplaced += len - i;
				out_of_step(c);
				return;
			}
		}
	}
	if (lost == 0)
		return;
	if (c->skip >= lost) {
		bool keep = keeping_word(c);

		if (keep)
			c->word_bad = true;	/* the word is not all seen */
		c->skip -= lost;
		if (c->skip == 0)
			data_passed(c, keep, emit, ctx);
		return;
	}
	/* the line under way was cut: what is seen of it, if its command
	 * word is whole */
	if (c->skip == 0 && c->line->len > 0 && c->mode == M_LINE)
		line(c, c->line->data, c->line->len, false, emit, ctx);
	c->unplaced += lost;
	out_of_step(c);
}

static bool
http_opens(const unsigned char *b, size_t n, enum proto_dir dir)
{
	return dir == PROTO_TO_SERVER && begins_command(HTTP, b, n);
}

static bool
memcached_opens(const unsigned char *b, size_t n, enum proto_dir dir)
{
	return dir == PROTO_TO_SERVER && begins_command(MEMCACHED, b, n);
}

static bool
redis_opens(const unsigned char *b, size_t n, enum proto_dir dir)
{
	return dir == PROTO_TO_SERVER && begins_command(REDIS, b, n);
}

static const enum dialect dialects[] = { HTTP, MEMCACHED, REDIS };

static void *text_conn_new(void *shared);

/* A connection open before the log began, joined at a call whose bytes
 * begin a command as they would open one. */
static void *
text_join(void *shared, enum proto_dir dir, const struct proto_piece *pc,
    unsigned n)
{
	enum dialect d = *(const enum dialect *)shared;

	if (dir != PROTO_TO_SERVER || n == 0 || !begins_command(d, pc[0].buf,
	    pc[0].len))
		return NULL;
	return text_conn_new(shared);
}

static uint64_t
text_unplaced(const void *conn)
{
	return ((const struct conn *)conn)->unplaced;
}

static void *
http_shared_new(void)
{
	return (void *)&dialects[0];
}

static void *
memcached_shared_new(void)
{
	return (void *)&dialects[1];
}

static void *
redis_shared_new(void)
{
	return (void *)&dialects[2];
}

static void
text_shared_free(void *shared)
{
	(void)shared;
}

static void *
text_conn_new(void *shared)
{
	struct conn *c = g_new0(struct conn, 1);

	c->dialect = *(const enum dialect *)shared;
	c->line = g_byte_array_new();
	c->word = g_byte_array_new();
	c->cmd = g_string_new(NULL);
	c->out = g_string_new(NULL);
	return c;
}

static void
text_conn_free(void *p)
{
	struct conn *c = p;

	if (c == NULL)
		return;
	g_byte_array_free(c->line, TRUE);
	g_byte_array_free(c->word, TRUE);
	g_string_free(c->cmd, TRUE);
	g_string_free(c->out, TRUE);
	g_free(c);
}

const struct proto proto_http = {
	.name = "http",
	.opens = http_opens,
	.shared_new = http_shared_new,
	.shared_free = text_shared_free,
	.conn_new = text_conn_new,
	.conn_free = text_conn_free,
	.feed = text_feed,
	.join = text_join,
	.unplaced = text_unplaced,
};

const struct proto proto_memcached = {
	.name = "memcached",
	.opens = memcached_opens,
	.shared_new = memcached_shared_new,
	.shared_free = text_shared_free,
	.conn_new = text_conn_new,
	.conn_free = text_conn_free,
	.feed = text_feed,
	.join = text_join,
	.unplaced = text_unplaced,
};

const struct proto proto_redis = {
	.name = "redis",
	.opens = redis_opens,
	.shared_new = redis_shared_new,
	.shared_free = text_shared_free,
	.conn_new = text_conn_new,
	.conn_free = text_conn_free,
	.feed = text_feed,
	.join = text_join,
	.unplaced = text_unplaced,
};
