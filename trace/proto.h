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
 * (a string cut by -s) are lost; a decoder skips what it can and takes the
 * next buffer as the start of a message (docs/protocols.md).
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
 * fd is a new connection).  A connection is recognised by its first
 * bytes; one whose first bytes open no known protocol is not looked at
 * again.
 */
void proto_streams_call(struct proto_streams *ps, uint64_t tab, int fd,
    const struct event *ev, const struct value *args, proto_emit_fn emit,
    void *ctx);
/* Whether the bytes through fd of table tab are wanted: false once its
 * first bytes opened no known protocol (so they need not be parsed). */
bool proto_streams_wants(const struct proto_streams *ps, uint64_t tab,
    int fd);

#endif
