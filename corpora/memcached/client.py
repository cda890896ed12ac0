#!/usr/bin/env python3
# client.py PORT GOFILE PREP OPS: one memcached client of record.sh.  It
# connects, sends PREP (commands, ';'-separated; may be empty) and reads
# the replies, then waits until GOFILE exists (strace has attached to the
# server by then), sends OPS the same way, and waits for GOFILE.done.
# Each command is sent in one write, its data block with it, and the
# client reads the server's reply before the next, so the server reads
# one command at a time.  It creates GOFILE.ready once PREP is done and
# GOFILE.finished once OPS are.  The commands sent after GOFILE are written to
# GOFILE.sent, one a line: the truth the corpus's tests check against.
import os
import socket
import sys
import time


def reply_done(buf):
    for end in (b"STORED\r\n", b"NOT_STORED\r\n", b"EXISTS\r\n",
                b"NOT_FOUND\r\n", b"END\r\n", b"DELETED\r\n", b"OK\r\n",
                b"TOUCHED\r\n", b"ERROR\r\n"):
        if buf.endswith(end):
            return True
    return buf.endswith(b"\r\n") and buf[:-2].isdigit()


def send(s, cmd):
    s.sendall(cmd.encode().replace(b"\\r\\n", b"\r\n") + b"\r\n")
    buf = b""
    while not reply_done(buf):
        b = s.recv(4096)
        if not b:
            sys.exit("client.py: the server closed the connection")
        buf += b


def main():
    port, gofile, prep, ops = sys.argv[1:5]
    s = socket.create_connection(("127.0.0.1", int(port)))
    for c in filter(None, prep.split(";")):
        send(s, c)
    open(gofile + ".ready", "w").close()
    while not os.path.exists(gofile):
        time.sleep(0.05)
    with open(gofile + ".sent", "w") as f:
        for c in filter(None, ops.split(";")):
            send(s, c)
            f.write(c.split("\\r\\n")[0] + "\n")
    open(gofile + ".finished", "w").close()
    while not os.path.exists(gofile + ".done"):
        time.sleep(0.05)
    s.close()


main()
