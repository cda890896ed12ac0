/*
 * protostream.c: the connections of a trace, for the protocol decoders of
 * proto.h.  A connection is an fd of an fd table; the first bytes that
 * pass through it say which protocol it speaks and which side the traced
 * process is on (a server reads the opening message, a client writes
 * it).  The bytes of each call are taken from its arguments as strace
 * printed them: the buffer of read and write, the iovecs of readv and
 * writev, the msg_iov of recvmsg and sendmsg; the call's result says how
 * many passed, and what strace cut (-s) is passed on to the decoder as
 * lost.  An fd the log never showed opened (strace -p after the
 * connection was made) is joined mid-stream by a protocol's join (proto.h).
 */
#include <string.h>

#include "proto.h"

static const struct proto *const protos[] = { &proto_x11, &proto_http,
    &proto_memcached, &proto_redis, NULL };

/* Calls of an fd opened before the log began that fit no protocol, after
 * which it is not looked at again. */
#define JOIN_TRIES 64

struct stream {
	const struct proto *p;	/* NULL: speaks nothing known (yet) */
	void *conn;
	bool server;		/* the traced process is the server */
	bool joining;		/* opened before the log: not joined yet */
	unsigned tries;		/* calls looked at while joining */
	int fit;		/* the protocol (+1, with fit_server) the last
				 * call fitted, or 0 */
	bool fit_server;
	uint64_t before;	/* bytes of the calls before it was joined */
};

struct proto_streams {
	const struct proto *use[G_N_ELEMENTS(protos)];
	void *shared[G_N_ELEMENTS(protos)];
	GHashTable *streams;	/* struct key -> struct stream */
	GHashTable *roles;	/* pid * 8 + protocol -> 1 server, 2 client:
				 * what a process is in a connection it
				 * was seen to open */
};

struct key {
	uint64_t tab;
	int fd;
};

static guint
key_hash(gconstpointer p)
{
	const struct key *k = p;

	return (guint)(k->tab * 2654435761u) ^ (guint)k->fd;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
	const struct key *x = a, *y = b;

	return x->tab == y->tab && x->fd == y->fd;
}

static void
stream_free(gpointer p)
{
	struct stream *s = p;

	if (s->p != NULL)
		s->p->conn_free(s->conn);
	g_free(s);
}

struct proto_streams *
proto_streams_new(const char *names, GError **err)
{
	struct proto_streams *ps;
	char **v = NULL;
	unsigned i, k, n = 0;

	if (names != NULL && strcmp(names, "none") == 0)
		return NULL;
	ps = g_new0(struct proto_streams, 1);
	if (names != NULL && strcmp(names, "all") != 0)
		v = g_strsplit(names, ",", -1);
	for (k = 0; protos[k] != NULL; k++) {
		bool want = v == NULL;

		for (i = 0; v != NULL && v[i] != NULL; i++)
			want |= strcmp(v[i], protos[k]->name) == 0;
		if (want)
			ps->use[n++] = protos[k];
	}
	for (i = 0; v != NULL && v[i] != NULL; i++) {
		for (k = 0; protos[k] != NULL; k++)
			if (strcmp(protos[k]->name, v[i]) == 0)
				break;
		if (protos[k] == NULL) {
			GString *all = g_string_new(NULL);

			for (k = 0; protos[k] != NULL; k++)
				g_string_append_printf(all, "%s, ",
				    protos[k]->name);
			g_set_error(err, TRACE_ERROR, TRACE_ERROR_SYNTAX,
			    "unknown protocol '%s'; valid protocols are: "
			    "%sall, none", v[i], all->str);
			g_string_free(all, TRUE);
			g_strfreev(v);
			g_free(ps);
			return NULL;
		}
	}
	g_strfreev(v);
	for (i = 0; i < n; i++)
		ps->shared[i] = ps->use[i]->shared_new();
	ps->streams = g_hash_table_new_full(key_hash, key_equal, g_free,
	    stream_free);
	ps->roles = g_hash_table_new(g_direct_hash, g_direct_equal);
	return ps;
}

void
proto_streams_free(struct proto_streams *ps)
{
	unsigned i;

	if (ps == NULL)
		return;
	g_hash_table_destroy(ps->streams);
	g_hash_table_destroy(ps->roles);
	for (i = 0; ps->use[i] != NULL; i++)
		ps->use[i]->shared_free(ps->shared[i]);
	g_free(ps);
}

int
proto_call_dir(const char *name)
{
	static const char *const in[] = { "read", "readv", "recvfrom",
	    "recvmsg", "recv" };
	static const char *const out[] = { "write", "writev", "sendto",
	    "sendmsg", "send" };
	unsigned i;

	/* Called for every event: most calls are told by their first
	 * letter. */
	if (name[0] != 'r' && name[0] != 'w' && name[0] != 's')
		return 0;
	for (i = 0; i < G_N_ELEMENTS(in); i++)
		if (strcmp(name, in[i]) == 0)
			return 1;
	for (i = 0; i < G_N_ELEMENTS(out); i++)
		if (strcmp(name, out[i]) == 0)
			return 2;
	return 0;
}

bool
proto_streams_wants(const struct proto_streams *ps, uint64_t tab, int fd)
{
	struct key k = { tab, fd };
	const struct stream *s;

	if (ps == NULL)
		return false;
	s = g_hash_table_lookup(ps->streams, &k);
	return s == NULL || s->p != NULL || s->joining;
}

/* The field of a struct value named name, or NULL. */
static const struct value *
field(const struct value *v, const char *name)
{
	const struct value *c;
	size_t n = strlen(name);

	if (v == NULL || v->kind != VALUE_STRUCT)
		return NULL;
	for (c = v->child; c != NULL; c = c->next)
		if (c->field_len == n && memcmp(c->field, name, n) == 0)
			return c;
	return NULL;
}

/* One buffer of a call: its bytes, and how many passed through it. */
struct piece {
	const struct value *bytes;
	uint64_t passed;
};

/*
 * The buffers of a call, in order, each with the bytes that passed
 * through it (of the call's result, given to the iovecs in turn).
 */
static unsigned
pieces(const struct event *ev, const struct value *buf, struct piece *out,
    unsigned max)
{
	const struct value *iov = buf, *e;
	uint64_t left = (uint64_t)ev->ret;
	unsigned n = 0;

	if (buf == NULL)
		return 0;
	if (buf->kind == VALUE_STR) {
		out[0].bytes = buf;
		out[0].passed = left;
		return 1;
	}
	if (buf->kind == VALUE_STRUCT)	/* a msghdr */
		iov = field(buf, "msg_iov");
	if (iov == NULL || iov->kind != VALUE_ARRAY)
		return 0;
	for (e = iov->child; e != NULL && n < max && left > 0; e = e->next) {
		const struct value *b = field(e, "iov_base");
		const struct value *l = field(e, "iov_len");
		uint64_t len = l != NULL && l->kind == VALUE_INT && l->num >= 0 ?
		    (uint64_t)l->num : left;

		if (b == NULL || b->kind != VALUE_STR)
			break;
		out[n].bytes = b;
		out[n].passed = MIN(len, left);
		left -= out[n].passed;
		n++;
	}
	/* what passed beyond the iovecs strace showed is lost */
	if (n > 0)
		out[n - 1].passed += left;
	return n;
}

static gpointer
role_key(int pid, unsigned proto)
{
	return GSIZE_TO_POINTER((gsize)(guint)pid * 8 + proto);
}

/*
 * Tries to join s, an fd opened before the log began, at a call that moved
 * pc in direction dir (1 in, 2 out) in process pid: true when it did.
 */
static bool
join(struct proto_streams *ps, struct stream *s, int pid, int dir,
    const struct proto_piece *pc, unsigned n)
{
	unsigned i, k;
	int fit = 0;
	bool fit_server = false;

	for (i = 0; ps->use[i] != NULL && fit == 0; i++) {
		guint role = GPOINTER_TO_UINT(g_hash_table_lookup(ps->roles,
		    role_key(pid, i)));

		if (ps->use[i]->join == NULL)
			continue;
		/* the traced side as a server, then as a client */
		for (k = 0; k < 2 && fit == 0; k++) {
			bool server = k == 0;
			enum proto_dir d = (dir == 1) == server ?
			    PROTO_TO_SERVER : PROTO_TO_CLIENT;
			void *c;

			if (role != 0 && (role == 1) != server)
				continue;
			if ((c = ps->use[i]->join(ps->shared[i], d, pc, n)) ==
			    NULL)
				continue;
			if (role != 0 || (s->fit == (int)i + 1 &&
			    s->fit_server == server)) {
				s->p = ps->use[i];
				s->conn = c;
				s->server = server;
				s->joining = false;
				return true;
			}
			ps->use[i]->conn_free(c);
			fit = (int)i + 1;
			fit_server = server;
		}
	}
	s->fit = fit;
	s->fit_server = fit_server;
	if (++s->tries >= JOIN_TRIES && fit == 0)
		s->joining = false;	/* speaks nothing known */
	return false;
}

void
proto_streams_call(struct proto_streams *ps, uint64_t tab, int fd,
    const struct event *ev, const struct value *args, proto_emit_fn emit,
    void *ctx)
{
	struct key k = { tab, fd };
	struct stream *s;
	struct piece pc[64];
	struct proto_piece pp[64];
	int dir = proto_call_dir(ev->name);
	unsigned n, i;
	enum proto_dir d;

	if (ps == NULL || dir == 0 || ev->ret_kind != RET_VALUE || ev->err != NULL ||
	    ev->ret <= 0 || args == NULL || args->child == NULL)
		return;
	s = g_hash_table_lookup(ps->streams, &k);
	if (s != NULL && s->p == NULL && !s->joining)
		return;
	n = pieces(ev, args->child->next, pc, G_N_ELEMENTS(pc));
	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		const struct value *b = pc[i].bytes;

		pp[i].buf = (const unsigned char *)b->bytes;
		pp[i].len = MIN(b->len, pc[i].passed);
		pp[i].lost = pc[i].passed - pp[i].len;
	}
	if (s == NULL) {
		s = g_new0(struct stream, 1);
		for (i = 0; ps->use[i] != NULL; i++)
			if (ps->use[i]->opens(pp[0].buf, pp[0].len,
			    PROTO_TO_SERVER)) {
				s->p = ps->use[i];
				s->conn = s->p->conn_new(ps->shared[i]);
				s->server = dir == 1;
				g_hash_table_insert(ps->roles,
				    role_key(ev->pid, i),
				    GUINT_TO_POINTER(s->server ? 1 : 2));
				break;
			}
		/* an fd the log never showed opened may be joined */
		s->joining = s->p == NULL && fd >= 0;
		g_hash_table_insert(ps->streams, g_memdup2(&k, sizeof(k)), s);
	}
	if (s->joining && !join(ps, s, ev->pid, dir, pp, n)) {
		for (i = 0; i < n; i++)
			s->before += pp[i].len + pp[i].lost;
		return;
	}
	if (s->p == NULL)
		return;
	d = (dir == 1) == s->server ? PROTO_TO_SERVER : PROTO_TO_CLIENT;
	if (s->p->feed_call != NULL) {
		s->p->feed_call(s->conn, d, pp, n, emit, ctx);
		return;
	}
	for (i = 0; i < n; i++)
		s->p->feed(s->conn, d, pp[i].buf, pp[i].len, pp[i].lost,
		    emit, ctx);
}

char *
proto_streams_unplaced(const struct proto_streams *ps)
{
	GString *out;
	unsigned i;

	if (ps == NULL)
		return NULL;
	out = g_string_new(NULL);
	for (i = 0; ps->use[i] != NULL; i++) {
		GHashTableIter it;
		gpointer v;
		uint64_t bytes = 0, conns = 0;

		if (ps->use[i]->unplaced == NULL)
			continue;
		g_hash_table_iter_init(&it, ps->streams);
		while (g_hash_table_iter_next(&it, NULL, &v)) {
			const struct stream *s = v;
			uint64_t b;

			if (s->p != ps->use[i])
				continue;
			if ((b = s->p->unplaced(s->conn) + s->before) > 0) {
				bytes += b;
				conns++;
			}
		}
		if (bytes > 0)
			g_string_append_printf(out, "%s%s: %" G_GUINT64_FORMAT
			    " bytes on %" G_GUINT64_FORMAT " connection%s could "
			    "not be placed on a message and were not decoded",
			    out->len > 0 ? "; " : "", ps->use[i]->name, bytes,
			    conns, conns == 1 ? "" : "s");
	}
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}
