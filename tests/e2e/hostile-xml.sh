# Hostile input to the XML readers (models, fingerprints), the whole-file
# readers and concept analysis (issue 9): each class is refused with exit
# 2, nothing on stdout and a message naming the file (and where it can,
# FILE:LINE:COL), within a time and, outside the sanitizers (which reserve
# terabytes of address space), a memory bound.
. "$(dirname "$0")/../lib.sh"

tool() { case $BIN in /*) echo "$BIN/$1" ;; *) echo "$TOP/$BIN/$1" ;; esac; }
SHOW=$(tool efsa-show) LEARN=$(tool efsa-learn) CHECK=$(tool efsa-check)

# bounded CMD...: runs CMD for at most 10 seconds and, but under the
# sanitizers, 1 GiB of address space; its status in $rc, its output in
# $T/out and $T/err.
bounded() {
	(
		[ "${SAN:-}" = 1 ] || ulimit -v 1048576
		exec timeout 10 "$@"
	) >"$T/out" 2>"$T/err"
	rc=$?
}

# expect_trouble WHAT MESSAGE: the last bounded run exited 2, printed
# nothing, and said MESSAGE on stderr.
expect_trouble() {
	expect_eq "$1: status" 2 "$rc"
	expect_eq "$1: stdout" "" "$(head -c 300 "$T/out")"
	expect_eq "$1: message" "$2" "$(head -c 600 "$T/err")"
}

cp corpora/fingerprints/open_xterm.trace "$T/x.trace"

# Class 2: whole files are read from regular files only, and with a bound:
# a device that never ends and a FIFO with no writer are refused at once.
bounded "$SHOW" /dev/zero
expect_trouble "efsa-show /dev/zero" \
    "efsa-show: /dev/zero: is a character device; only regular files are read"
bounded "$TM" concepts /dev/zero
expect_trouble "concepts /dev/zero" \
    "tracemine: /dev/zero: is a character device; only regular files are read"
bounded "$TM" match /dev/zero "$T/x.trace"
expect_trouble "match /dev/zero" \
    "tracemine: /dev/zero: is a character device; only regular files are read"
mkfifo "$T/fifo"
bounded "$TM" concepts "$T/fifo"
expect_trouble "concepts FIFO" \
    "tracemine: $T/fifo: is a FIFO; only regular files are read"
bounded "$SHOW" "$T/fifo"
expect_trouble "efsa-show FIFO" \
    "efsa-show: $T/fifo: is a FIFO; only regular files are read"
bounded "$TM" match "$T/fifo" "$T/x.trace"
expect_trouble "match FIFO" \
    "tracemine: $T/fifo: is a FIFO; only regular files are read"
bounded "$TM" solve "$T/fifo"
expect_trouble "solve FIFO labels" \
    "tracemine: $T/fifo: is a FIFO; only regular files are read"
bounded "$CHECK" --model "$T/fifo" "$T/x.trace"
expect_trouble "efsa-check --model FIFO" \
    "efsa-check: $T/fifo: is a FIFO; only regular files are read"
# Standard input is read whatever it is, up to the same bound.
bounded "$TM" concepts --count - < corpora/contexts/animals.cxt
expect_eq "concepts from stdin: status" 0 "$rc"

# Class 1: neither models nor fingerprints have a DTD, so a DOCTYPE is
# refused where it begins, before its subset is read.  A 150 kB model
# whose internal entity is referenced 4,000 times took 13 s and 2 GB.
model_head='<efsa-models xmlns="urn:tracemine:efsa:1" version="1" runs="1">
  <model program="/bin/x" processes="1" events="1">
    <state id="s0" initial="true">'
model_tail='    </state>
  </model>
</efsa-models>'
awk -v head="$model_head" -v tail="$model_tail" 'BEGIN {
	v = "x"; while (length(v) < 131072) v = v v
	print "<?xml version=\"1.0\"?>"
	print "<!DOCTYPE efsa-models [ <!ENTITY e \"" v "\"> ]>"
	print head; printf "      <key>"
	for (i = 0; i < 4000; i++) printf "&e;"
	print "</key>"; print tail
}' > "$T/bomb.xml"
bounded "$SHOW" "$T/bomb.xml"
expect_trouble "model, entity bomb" \
    "efsa-show: $T/bomb.xml:2:1: expected the root element <efsa-models>, found a DOCTYPE (a model file has no DTD, and none is read)"
# An external subset, or an external entity, would read another file.
printf '<?xml version="1.0"?>\n<!-- a comment -->\n  <!DOCTYPE efsa-models SYSTEM "/etc/passwd">\n%s\n      <key>k</key>\n%s\n' \
    "$model_head" "$model_tail" > "$T/external.xml"
bounded "$SHOW" "$T/external.xml"
expect_trouble "model, external subset" \
    "efsa-show: $T/external.xml:3:3: expected the root element <efsa-models>, found a DOCTYPE (a model file has no DTD, and none is read)"
printf '<!DOCTYPE efsa-models [ <!ENTITY e SYSTEM "file:///etc/hostname"> ]>\n%s\n      <key>&e;</key>\n%s\n' \
    "$model_head" "$model_tail" > "$T/xxe.xml"
bounded "$SHOW" "$T/xxe.xml"
expect_trouble "model, external entity" \
    "efsa-show: $T/xxe.xml:1:1: expected the root element <efsa-models>, found a DOCTYPE (a model file has no DTD, and none is read)"
# (An external entity read as an empty key.)  An entity no one declared
# is an error too.
printf '%s\n      <key>&foo;</key>\n%s\n' "$model_head" "$model_tail" \
    > "$T/undeclared.xml"
bounded "$SHOW" "$T/undeclared.xml"
expect_trouble "model, undeclared entity" \
    "efsa-show: $T/undeclared.xml:4:17: expected &amp;, &lt;, &gt;, &quot;, &apos; or a character reference (a model or fingerprints file declares no entity), found &foo;"
# The same in fingerprints.
awk 'BEGIN {
	v = "x"; while (length(v) < 131072) v = v v
	print "<?xml version=\"1.0\"?>"
	print "<!DOCTYPE fingerprints [ <!ENTITY e \"" v "\"> ]>"
	print "<fingerprints file=\"x\">"
	print "  <operation label=\"Create\" exact=\"true\">"
	printf "    <access>Read "
	for (i = 0; i < 4000; i++) printf "&e;"
	print "</access>"; print "  </operation>"; print "</fingerprints>"
}' > "$T/bomb-fp.xml"
bounded "$TM" match "$T/bomb-fp.xml" "$T/x.trace"
expect_trouble "fingerprints, entity bomb" \
    "tracemine: $T/bomb-fp.xml:2:1: expected the root element <fingerprints>, found a DOCTYPE (a fingerprints file has no DTD, and none is read)"
printf '<!DOCTYPE fingerprints SYSTEM "http://localhost:1/x.dtd">\n<fingerprints/>\n' > "$T/external-fp.xml"
bounded "$TM" match "$T/external-fp.xml" "$T/x.trace"
expect_trouble "fingerprints, external subset" \
    "tracemine: $T/external-fp.xml:1:1: expected the root element <fingerprints>, found a DOCTYPE (a fingerprints file has no DTD, and none is read)"
printf '<fingerprints>\n  <operation label="A">\n    <access>Read &foo;</access>\n  </operation>\n</fingerprints>\n' > "$T/undeclared-fp.xml"
bounded "$TM" match "$T/undeclared-fp.xml" "$T/x.trace"
expect_trouble "fingerprints, undeclared entity" \
    "tracemine: $T/undeclared-fp.xml:3:23: expected &amp;, &lt;, &gt;, &quot;, &apos; or a character reference (a model or fingerprints file declares no entity), found &foo;"

# Class 3: a file name holds any byte (here ESC, a tab, 0xff and a
# newline); whatever carries it out is still well formed, and no control
# byte reaches a terminal: names are escaped as strace escapes bytes.
well_formed_xml() {
	python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$1" \
	    2>/dev/null
}
well_formed_json() {
	python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$1" \
	    2>/dev/null
}
odd="$T/o$(printf '\033[2J\t\377')
d"
cp corpora/strace/echo-twice-1.log "$odd.log"
cp corpora/strace/echo-twice-2.log "$T/plain.log"
bounded "$LEARN" -o "$T/odd.xml" "$odd.log"
expect_eq "learn, odd name: status" 0 "$rc"
well_formed_xml "$T/odd.xml" || fail "learn, odd name: the model is not well formed"
grep -q 'seen="[^"]*/o\\x1b\[2J\\t\\xff\\nd\.log:[0-9]*"' "$T/odd.xml" ||
    fail "learn, odd name: seen not escaped: $(grep -m 1 seen= "$T/odd.xml")"
bounded "$SHOW" -f xml "$T/odd.xml"
expect_eq "learn, odd name: the model reads back" 0 "$rc"
cmp -s "$T/odd.xml" "$T/out" || fail "learn, odd name: read back differs"
bounded "$TM" concepts --full -t "$odd.log" "$T/plain.log"
expect_eq "concepts -t, odd name: status" 0 "$rc"
if LC_ALL=C grep -q "$(printf '[\033\377]')" "$T/out"; then
	fail "concepts -t, odd name: a raw byte in text"
fi
grep -q '^c0 object .*/o\\x1b\[2J\\t\\xff\\nd\.log$' "$T/out" ||
    fail "concepts -t, odd name: not escaped: $(grep -m 1 object "$T/out")"
bounded "$TM" concepts -f xml -t "$odd.log" "$T/plain.log"
expect_eq "concepts -t -f xml, odd name: status" 0 "$rc"
well_formed_xml "$T/out" || fail "concepts -t -f xml, odd name: not well formed"
bounded "$TM" concepts -f json -t "$odd.log" "$T/plain.log"
expect_eq "concepts -t -f json, odd name: status" 0 "$rc"
well_formed_json "$T/out" || fail "concepts -t -f json, odd name: not JSON"
# An exec edge (issue 11) to an image with such a name: the model stays
# well formed and reads back the same, the edge's image is escaped as the
# model's program is, text shows no raw byte, and the checker and the
# verifier follow it.
sed 's|"/bin/sh"|"/tmp/o\\33[2J\\t\\377\\nd"|' corpora/runs/tar-1.log > "$T/oddexec.log"
bounded "$LEARN" -o "$T/oddexec.xml" "$T/oddexec.log"
expect_eq "learn, odd exec: status" 0 "$rc"
well_formed_xml "$T/oddexec.xml" || fail "learn, odd exec: not well formed"
grep -q '<exec image="/tmp/o\\x1b\[2J\\t\\xff\\nd" count="1"' "$T/oddexec.xml" ||
    fail "learn, odd exec: image not escaped: $(grep -m 1 '<exec' "$T/oddexec.xml")"
bounded "$SHOW" -f xml "$T/oddexec.xml"
cmp -s "$T/oddexec.xml" "$T/out" || fail "learn, odd exec: read back differs"
bounded "$SHOW" "$T/oddexec.xml"
expect_eq "show, odd exec: status" 0 "$rc"
if LC_ALL=C grep -q "$(printf '[\033\377]')" "$T/out"; then
	fail "show, odd exec: a raw byte in text"
fi
bounded "$CHECK" -m "$T/oddexec.xml" "$T/oddexec.log"
expect_eq "check, odd exec: the run learned from conforms" 0 "$rc"
# two exec edges to one image in one state: refused where the second is
printf '%s\n      <key>k</key>\n      <exec image="/bin/sh"/>\n      <exec image="/bin/sh" count="2"/>\n%s\n' \
    "$model_head" "$model_tail" > "$T/dupexec.xml"
bounded "$SHOW" "$T/dupexec.xml"
expect_trouble "model, a second exec edge" \
    "efsa-show: $T/dupexec.xml:6:7: a second exec edge to /bin/sh from one state"
# an exec edge before a key breaks the schema (keys come first)
printf '%s\n      <exec image="/bin/sh"/>\n      <key>k</key>\n%s\n' \
    "$model_head" "$model_tail" > "$T/orderexec.xml"
bounded "$SHOW" "$T/orderexec.xml"
expect_eq "model, exec before key: status" 2 "$rc"
grep -q "^efsa-show: $T/orderexec.xml:[0-9]*:[0-9]*: " "$T/err" ||
    fail "model, exec before key: message: $(cat "$T/err")"

# Class 4: a fingerprints file is what solve writes, or nothing at all:
# not NUL bytes after a label, not an access no trace can make, not an
# empty file.
printf 'Create = \000\377 nonsense\n' > "$T/nul.fp"
bounded "$TM" match "$T/nul.fp" "$T/x.trace"
expect_trouble "fingerprints, NUL in the equation" \
    "tracemine: $T/nul.fp:1:10: expected an equation in printable ASCII, found '\\x00'"
: > "$T/empty.fp"
bounded "$TM" match "$T/empty.fp" "$T/x.trace"
expect_trouble "fingerprints, empty file" \
    "tracemine: $T/empty.fp:1:1: expected an equation line 'LABEL = EQUATION' (a fingerprints file as solve writes it), found end of file"
printf '\n\r\n' > "$T/none.fp"
bounded "$TM" match "$T/none.fp" "$T/x.trace"
expect_trouble "fingerprints, blank lines only" \
    "tracemine: $T/none.fp:3:1: expected an equation line 'LABEL = EQUATION' (a fingerprints file as solve writes it), found end of file"
printf 'Create = a\n\t Set Window->parent pParent\ta:6\n' > "$T/blank.fp"
bounded "$TM" match "$T/blank.fp" "$T/x.trace"
expect_trouble "fingerprints, access with a blank at its start" \
    "tracemine: $T/blank.fp:2:2: expected an access (words joined by one blank), found a blank at its start"
printf 'Create = a\n\tSet Window->parent pParent\tsomewhere\n' > "$T/where.fp"
bounded "$TM" match "$T/where.fp" "$T/x.trace"
expect_trouble "fingerprints, access without FILE:LINE" \
    "tracemine: $T/where.fp:2:29: expected where the access occurred (FILE:LINE), found no line number"
printf '<fingerprints file="x">\n</fingerprints>\n' > "$T/none.xml"
bounded "$TM" match "$T/none.xml" "$T/x.trace"
expect_trouble "fingerprints, XML without an operation" \
    "tracemine: $T/none.xml:1:1: expected an <operation> in <fingerprints>, found none"

# Class 5: the lattice holds every concept, and the contranominal scale of
# 25 attributes (object i has every one but i) has 2^25 of them; it grew
# at 110 MB/s to a GLib abort.  The lattice is bounded (--max-concepts,
# 1,000,000 by default); --count and --intents, which hold one concept
# at a time, are not, and stay usable on it.
contranominal() {
	awk -v n="$1" 'BEGIN {
		printf "B\n\n%d\n%d\n", n, n
		for (i = 0; i < n; i++) print "o" i
		for (i = 0; i < n; i++) print "a" i
		for (i = 0; i < n; i++) {
			r = ""
			for (j = 0; j < n; j++) r = r (i == j ? "." : "X")
			print r
		}
	}'
}
contranominal 25 > "$T/c25.cxt"
contranominal 12 > "$T/c12.cxt"
bounded "$TM" concepts "$T/c25.cxt"
expect_trouble "concepts, 2^25 concepts" \
    "tracemine: $T/c25.cxt: expected a lattice of at most 1000000 concepts, found more: stopped at concept 1000001; --max-concepts=N raises the bound, and --count and --intents need none"
bounded "$TM" concepts -f json --max-concepts=4095 "$T/c12.cxt"
expect_trouble "concepts, --max-concepts" \
    "tracemine: $T/c12.cxt: expected a lattice of at most 4095 concepts, found more: stopped at concept 4096; --max-concepts=N raises the bound, and --count and --intents need none"
bounded "$TM" concepts --max-concepts=4096 "$T/c12.cxt"
expect_eq "concepts, --max-concepts=4096: enough" "lattice 4096 concepts 24576 edges" \
    "$(sed -n 2p "$T/out")"
bounded "$TM" concepts --max-concepts=0 --count "$T/c12.cxt"
expect_eq "concepts --count --max-concepts: status" 2 "$rc"
bounded "$TM" concepts --max-concepts=-1 "$T/c12.cxt"
expect_eq "concepts --max-concepts=-1: status" 2 "$rc"
bounded "$TM" concepts --count "$T/c25.cxt"
expect_eq "concepts --count, 2^25 concepts" 33554432 "$(cat "$T/out")"

finish
