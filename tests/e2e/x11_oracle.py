#!/usr/bin/env python3
"""x11_oracle.py: the X11 messages whose headers a server's strace log shows
at message boundaries, found without tracemine, for tests/e2e/x11.sh.

Usage: x11_oracle.py X11.DEF LOG.gz  prints "LINE<TAB>NAME" for each
message header it finds: the bytes of each read (requests, to the
server) and each write (replies, events, errors, to the clients) are
followed from a message boundary by the lengths they carry: a call
begins a message, unless the message before it is known to go on into
it.  Names are the first word of tracemine's access: a request's name,
ext.MINOR for an extension's request, an event's or error's name,
Connect and Connected for the setup; replies have none.  A header that
strace did not show (cut by -s) ends the call's walk.  The oracle does
not judge whether bytes are X11: it lists every header it reaches, so
an access that is not among them was not at a boundary.
"""
import gzip
import re
import sys

defs = open(sys.argv[1]).read()
REQ = {int(m[0]): m[1] for m in
       re.findall(r'X11_REQUEST\((\d+),\s*(\w+),', defs)}
EVT = {int(m[0]): m[1] for m in re.findall(r'X11_EVENT\((\d+),\s*(\w+),', defs)}
ERR = {int(m[0]): 'Bad' + m[1] for m in
       re.findall(r'X11_ERROR\((\d+),\s*(\w+)\)', defs)}
ESC = {'n': 10, 't': 9, 'v': 11, 'f': 12, 'r': 13, '"': 34, '\\': 92}


def cstring(s, i):
    """The bytes of the C string at s[i] (a quote), the index past it and
    whether strace cut it (... after the quote)."""
    out = bytearray()
    i += 1
    while s[i] != '"':
        if s[i] == '\\':
            c = s[i + 1]
            if c in ESC:
                out.append(ESC[c])
                i += 2
            elif c == 'x':
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
            else:
                m = re.match(r'[0-7]{1,3}', s[i + 1:])
                out.append(int(m.group(0), 8) & 255)
                i += 1 + len(m.group(0))
        else:
            out += s[i].encode('latin-1')
            i += 1
    return bytes(out), i + 1, s.startswith('...', i + 1)


LINE = re.compile(r'^(?:(\d+)\s+)?(read|write|readv|writev|recvmsg|sendmsg|'
                  r'recvfrom|sendto)\((\d+), (.*) = (\d+)$')


def pieces(name, args, ret):
    """(shown bytes, bytes passed) of each buffer of the call."""
    out = []
    left = ret
    if name in ('read', 'write', 'recvfrom', 'sendto'):
        b, _, _ = cstring(args, 0)
        return [(b[:ret], ret)]
    for m in re.finditer(r'iov_base="', args):
        b, j, _ = cstring(args, m.end() - 1)
        n = re.match(r', iov_len=(\d+)', args[j:])
        ln = int(n.group(1)) if n else left
        p = min(ln, left)
        out.append((b[:p], p))
        left -= p
    if out and left:
        out[-1] = (out[-1][0], out[-1][1] + left)
    return out


def main():
    carry = {}      # (pid, fd, dir) -> bytes of a message still to come
    started = {}    # (pid, fd, dir) -> whether the setup was seen
    with gzip.open(sys.argv[2], 'rt', encoding='latin-1') as f:
        for lineno, line in enumerate(f, 1):
            c = re.match(r'^(?:(\d+)\s+)?close\((\d+)\)', line)
            if c:   # a new connection may come on the same fd
                for d in ('up', 'down'):
                    carry.pop((c.group(1), c.group(2), d), None)
                    started.pop((c.group(1), c.group(2), d), None)
                continue
            m = LINE.match(line.rstrip('\n'))
            if not m:
                continue
            pid, name, fd, args, ret = m.groups()
            ret = int(ret)
            if ret == 0:
                continue
            d = 'up' if name in ('read', 'readv', 'recvmsg', 'recvfrom') \
                else 'down'
            key = (pid, fd, d)
            # the call's bytes as (shown?, byte) positions
            data = []
            for b, passed in pieces(name, args, ret):
                data += [b[i] if i < len(b) else None for i in range(passed)]
            at, going = carry.pop(key, (0, None))
            if going is not None:   # a message that began before goes on
                print(f'{lineno}\t{going}')
            while at < len(data):
                msg = None
                hdr = data[at:at + 8]
                if len(hdr) < 4 or None in hdr[:4]:
                    break
                if d == 'up' and hdr[:4] == [0x6c, 0, 11, 0] and \
                        key not in started:
                    started[key] = True
                    h = data[at:at + 12]
                    if len(h) < 12 or None in h:
                        break
                    msg = 'Connect'
                    print(f'{lineno}\tConnect')
                    at += 12 + (h[6] + h[7] * 256 + 3) // 4 * 4 + \
                        (h[8] + h[9] * 256 + 3) // 4 * 4
                    continue
                if d == 'up':
                    op = hdr[0]
                    ln = hdr[2] + hdr[3] * 256
                    if ln == 0:
                        if len(hdr) < 8 or None in hdr:
                            break
                        ln = int.from_bytes(bytes(hdr[4:8]), 'little')
                    msg = (REQ.get(op, f'request-{op}') if op < 128
                           else f'ext.{hdr[1]}')
                    print(f'{lineno}\t{msg}')
                    size = ln * 4
                else:
                    if len(hdr) < 8 or None in hdr:
                        break
                    t = hdr[0]
                    up = (pid, fd, 'up')
                    if started.get(up) and not started.get(key):
                        started[key] = True
                        msg = 'Connected'
                        print(f'{lineno}\tConnected')
                        size = 8 + (hdr[6] + hdr[7] * 256) * 4
                    elif t == 1 or t & 0x7f == 35:
                        size = 32 + int.from_bytes(bytes(hdr[4:8]),
                                                   'little') * 4
                    else:
                        size = 32
                        if t == 0:
                            msg = ERR.get(hdr[1], f'error-{hdr[1]}')
                        else:
                            c = t & 0x7f
                            msg = EVT.get(c, f'event-{c}')
                        print(f'{lineno}\t{msg}')
                    started[key] = True
                if size == 0:
                    break
                at += size
                if at > len(data):
                    break
            if at > len(data):
                carry[key] = (at - len(data), msg)


main()
