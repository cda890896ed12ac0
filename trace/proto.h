/*
 * proto.h: decoders of the protocols spoken over sockets, so that what a
 * program asks of a server (or a server of its clients) becomes resource
 * accesses as its system calls do.  On an X server, the system calls show
 * only socket traffic; the operations live in the bytes: the requests a
 * client sends, the events and errors the server sends back.
 *
 * A protocol is one instance of struct proto: it recognises the first
 * bytes of a connection, keeps the state of a connection, and turns the
 * bytes that pass, one direction at a time, into accesses.  The X11 core
 * protocol (x11.c) is the first; others follow the same interface.
 *
 * The streams are fed by the normaliser (norm.c), which knows which fd is
 * which connection: see norm_opts.protocols.  Bytes strace did not print
 * (a string cut by -s) are lost; a decoder skips what it can, never decodes
 * from the middle of a message, and counts the bytes it could not place on
 * a message (docs/protocols.md).  A connection open before strace attached
 * (strace -p) shows no first bytes; a decoder may join it at a call whose
 * bytes fit its protocol (join below).
 */
#ifndef TRACE_PROTO_H
#define TRACE_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "trace.h"

/* Which way bytes go: from the side that opened the connection (a
 * client's requests) or to it (replies, events, errors). */
enum proto_dir { PROTO_TO_SERVER, PROTO_TO_CLIENT };

/* Where a decoder puts the accesses it finds (one line each, without a
 * newline; copied). */
typedef void (*proto_emit_fn)(void *ctx, const char *access, size_t len);

/* One buffer of a call: len bytes shown, then lost more that passed but
 * were not shown (cut by strace -s). */
struct proto_piece {
	const unsigned char *buf;
	size_t len;
	uint64_t lost;
};

struct proto_shared;

struct proto {
	const char *name;	/* "x11" */
	/*
	 * Whether buf, the first bytes of a connection, opens it in this
	 * protocol when they go in direction dir.
	 */
	bool (*opens)(const unsigned char *buf, size_t len,
	    enum proto_dir dir);
	/* State shared by the connections of one trace (an X server's
	 * atoms and extensions), and of one connection. */
	void *(*shared_new)(void);
	void (*shared_free)(void *shared);
	void *(*conn_new)(void *shared);
	void (*conn_free)(void *conn);
	/*
	 * Decodes len bytes going in direction dir; lost more bytes passed
	 * that the log did not show.  Accesses go to emit(ctx, ...).
	 */
	void (*feed)(void *conn, enum proto_dir dir, const unsigned char *buf,
	    size_t len, size_t lost, proto_emit_fn emit, void *ctx);
	/*
	 * Optional; when set, used instead of feed: the n pieces of one call
	 * at once, so that a decoder that lost its place can look at a whole
	 * call before it takes its start as the start of a message.
	 */
	void (*feed_call)(void *conn, enum proto_dir dir,
	    const struct proto_piece *pc, unsigned n, proto_emit_fn emit,
	    void *ctx);
	/*
	 * Optional: a connection whose first bytes the log does not show (an
	 * fd that was open before strace attached), joined at a call that
	 * moved the n pieces pc in direction dir: a new connection (as
	 * conn_new) when they are messages of this protocol, a whole number
	 * of them, NULL otherwise.
	 */
	void *(*join)(void *shared, enum proto_dir dir,
	    const struct proto_piece *pc, unsigned n);
	/*
	 * Optional: how many bytes that passed through the connection the
	 * decoder could not place on a message (and so did not decode).
	 */
	uint64_t (*unplaced)(const void *conn);
};

extern const struct proto proto_x11;
/* Line-oriented text protocols (textproto.c): HTTP/1 requests, memcached
 * commands, redis commands; a connection is recognised by a command at
 * the start of its first bytes, so one already open when the trace began
 * is recognised too. */
extern const struct proto proto_http;
extern const struct proto proto_memcached;
extern const struct proto proto_redis;

/*
 * The connections of one trace (protostream.c): which fd of which fd
 * table is a connection of which protocol, and the bytes of each call that
 * moves data through one.  names is a comma-separated list of protocols
 * to decode ("x11"), "all" or NULL for every one, "none" for none (then
 * NULL is returned and err is not set); NULL with err set for an unknown
 * name.
 */
struct proto_streams;

struct proto_streams *proto_streams_new(const char *names, GError **err);
void proto_streams_free(struct proto_streams *ps);

/*
 * Whether a call moves data through the fd of its first argument: 1 in
 * (read, readv, recvfrom, recvmsg), 2 out (write, writev, sendto,
 * sendmsg), 0 not.
 */
int proto_call_dir(const char *name);

/*
 * Feeds the bytes call ev (args: its arguments, at least the first two)
 * moved through the connection (key, fd); the accesses its protocol
 * finds go to emit(ctx, ...).  The caller makes the key name one opening
 * of an fd (the normaliser's serial of the fd, so a closed and reopened
 * fd is a new connection) and fd -1, or, for an fd the log never showed
 * opened, the fd table's serial and the fd.  A connection is recognised
 * by its first bytes; one whose first bytes open no known protocol is not
 * looked at again.  An fd the log never showed opened (strace -p) is
 * joined by a protocol's join: at the first call that fits it when its
 * process is known to speak the protocol on the same side (a connection
 * of the process opened with it), else at the second of two calls in a
 * row that fit (the first one's bytes are counted as unplaced); after 64
 * calls that fit no protocol it is not looked at again.
 */
void proto_streams_call(struct proto_streams *ps, uint64_t tab, int fd,
    const struct event *ev, const struct value *args, proto_emit_fn emit,
    void *ctx);
/* Whether the bytes through fd of table tab are wanted: false once its
 * first bytes opened no known protocol (so they need not be parsed). */
bool proto_streams_wants(const struct proto_streams *ps, uint64_t tab,
    int fd);

/*
 * What the decoders of a trace could not place, as one warning
 * ("x11: 1234 bytes on 3 connections could not be placed on a message
 * and were not decoded"), newly allocated; NULL when every byte was
 * placed.
 */
char *proto_streams_unplaced(const struct proto_streams *ps);

#endif
