#!/usr/bin/env python3
"""bench/gen-verify.py STATES POLICY_LEN OUTDIR: a seeded synthetic model of
STATES states (a chain of calls with a back edge every 7 states and a
branch every 11, calls cycling through file and network calls, arguments
guarded) and a policy whose one rule is a sequence of POLICY_LEN events
(about POLICY_LEN + 1 automaton states), for timing efsa-verify's product
walk.  Writes OUTDIR/model.xml and OUTDIR/policy.pol."""
import random
import sys

n, plen, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(20261122)
calls = [("openat", '<strings arg="1"><string>/tmp/f%d</string></strings>'),
         ("read", ""), ("write", ""), ("close", ""),
         ("socket", '<flags arg="0"><flag>AF_UNIX</flag></flags>'),
         ("unlink", '<strings arg="0"><prefix covers="3">/tmp/</prefix></strings>'),
         ("newfstatat", ""), ("mmap", "")]
with open(out + "/model.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<efsa-models xmlns="urn:tracemine:efsa:1" version="1" '
            'states="context" k="1" runs="1">\n'
            '<model program="/bin/bench">\n')
    for i in range(n):
        f.write('<state id="s%d"%s><key>k%d</key></state>\n'
                % (i, ' initial="true"' if i == 0 else "", i))
    edges = set()

    def edge(a, b, c):
        if (a, b, c) in edges:
            return
        edges.add((a, b, c))
        name, guard = calls[c]
        f.write('<transition from="s%d" to="s%d" call="%s">%s</transition>\n'
                % (a, b, name, guard.replace("%d", str(a % 97))))
    for i in range(n - 1):
        edge(i, i + 1, i % len(calls))
        if i % 7 == 6:
            edge(i, rng.randrange(0, i), rng.randrange(len(calls)))
        if i % 11 == 10:
            edge(i, rng.randrange(i, n), rng.randrange(len(calls)))
    f.write('</model>\n</efsa-models>\n')
events = ["openat(_, p{i}, _)", "read(fd{i})", "write(fd{i})",
          "close(fd{i})", "unlink(q{i})"]
with open(out + "/policy.pol", "w") as f:
    f.write("rule Bench \"a long sequence\":\n    any*")
    for i in range(plen):
        f.write(" . " + events[i % len(events)].format(i=i))
    f.write(";\n")
