# efsa-verify --dot on the recorded runs of issue 11 (corpora/runs): the
# model of each program learned from runs 1-4, verified against every
# policy of corpora/policies.  Each drawing must be accepted by dot -Tsvg,
# have unique node labels (one node per model state and rule state), hold
# every step of every witness path the text report prints as an edge
# between the right states with the call as its label, and, for 1 to 3
# conflicts, fit on a screen: at most 40 nodes (issue 11, point 8).
# --dot=full draws more, with the same guarantees but the bound.
. "$(dirname "$0")/../lib.sh"

L="$TOP/$BIN/efsa-learn" V="$TOP/$BIN/efsa-verify"
case $BIN in /*) L="$BIN/efsa-learn" V="$BIN/efsa-verify" ;; esac
R="$TOP/corpora/runs"
P="$TOP/corpora/policies"
command -v dot > /dev/null && command -v gvpr > /dev/null || {
	echo "dot or gvpr missing"; exit 77; }

# Every edge of a drawing, one per line: the cluster's program and rule
# (from its label "[#k: ]PROGRAM\nrule NAME[ (message)]"), the tail's and
# head's model states ("sM" of "sM / qP ..."), the first line of the
# edge's label.  Labels come as DOT holds them: "\n" is two characters.
edges_of() {
	gvpr 'BEG_G { graph_t s; node_t n; edge_t e;
	    for (s = fstsubg($G); s != NULL; s = nxtsubg(s))
	    for (n = fstnode(s); n != NULL; n = nxtnode_sg(s, n))
	    for (e = fstout_sg(s, n); e != NULL; e = nxtout_sg(s, e))
		printf("%s\t%s\t%s\t%s\n", s.label, e.tail.label,
		    e.head.label, e.label); }' "$1" |
	awk -F '\t' '{ c = $1; sub(/^#[0-9]+: /, "", c)
		i = index(c, "\\nrule "); prog = substr(c, 1, i - 1)
		rule = substr(c, i + 7); j = index(rule, " (")
		if (j > 0) rule = substr(rule, 1, j - 1)
		split($2, t, " "); split($3, h, " ")
		l = $4; k = index(l, "\\n"); if (k > 0) l = substr(l, 1, k - 1)
		printf "%s\t%s\t%s\t%s\t%s\n", prog, rule, t[1], h[1], l }'
}

# The steps of the witness paths of a text report, in the same form.
steps_of() {
	awk '/^conflict [0-9]+: / { c = $0; sub(/^conflict [0-9]+: /, "", c)
		sub(/: (must|may)$/, "", c); i = index(c, ": rule ")
		prog = substr(c, 1, i - 1); rule = substr(c, i + 7)
		j = index(rule, " ("); if (j > 0) rule = substr(rule, 1, j - 1)
		next }
	/^    s[0-9]+ -> s[0-9]+ / { call = $4; sub(/;$/, "", call)
		printf "%s\t%s\t%s\t%s\t%s\n", prog, rule, $1, $3, call }' "$1"
}

# check_drawing WHAT FILE: dot lays it out, and no two nodes share a label.
check_drawing() {
	dot -Tsvg "$2" > "$T/out.svg" 2> "$T/dot.err" ||
	    fail "$1: dot -Tsvg: $(head -c 300 "$T/dot.err")"
	[ -s "$T/dot.err" ] && fail "$1: dot -Tsvg says: $(head -c 300 "$T/dot.err")"
	grep -q '</svg>' "$T/out.svg" || fail "$1: no SVG"
	gvpr 'N { print(label); }' "$2" | sort | uniq -d > "$T/dups"
	[ -s "$T/dups" ] && fail "$1: node labels drawn twice: $(head -n 3 "$T/dups" | tr '\n' ' ')"
}

drawn=0 small=0
for prog in tar gzip curl server; do
	"$L" -q -o "$T/$prog.xml" "$R/$prog"-[1-4].log ||
	    { fail "$prog: efsa-learn"; continue; }
	for pol in "$P"/*.pol; do
		w="$prog, $(basename "$pol")"
		"$V" "$T/$prog.xml" "$pol" > "$T/text"
		st=$?
		n=$(grep -c '^conflict [0-9]*: ' "$T/text")
		"$V" --dot "$T/$prog.xml" "$pol" > "$T/paths.dot"
		expect_eq "$w: --dot status" "$st" $?
		"$V" --dot=full "$T/$prog.xml" "$pol" > "$T/full.dot"
		expect_eq "$w: --dot=full status" "$st" $?
		[ "$n" -gt 0 ] || continue
		drawn=$((drawn + 1))
		check_drawing "$w: --dot" "$T/paths.dot"
		check_drawing "$w: --dot=full" "$T/full.dot"
		nodes=$(gvpr 'BEG_G { printf("%d\n", nNodes($G)); }' "$T/paths.dot")
		if [ "$n" -le 3 ]; then
			small=$((small + 1))
			[ "$nodes" -le 40 ] ||
			    fail "$w: $n conflicts drawn with $nodes nodes (more than 40)"
		fi
		steps_of "$T/text" | sort -u > "$T/steps"
		[ -s "$T/steps" ] || fail "$w: no path steps read from the report"
		for d in paths full; do
			edges_of "$T/$d.dot" | sort -u > "$T/edges"
			comm -23 "$T/steps" "$T/edges" > "$T/missing"
			[ -s "$T/missing" ] && fail "$w: --dot=$d lacks path steps: $(head -n 3 "$T/missing" | tr '\t\n' '  ')"
		done
		# The paths drawing is the smaller one.
		full=$(gvpr 'BEG_G { printf("%d\n", nNodes($G)); }' "$T/full.dot")
		[ "$nodes" -le "$((full + 1))" ] ||
		    fail "$w: paths drawing ($nodes nodes) larger than the full one ($full)"
	done
done
# The corpus has drawings of 1 to 3 conflicts to measure (12 when this
# test was written): the bound was checked on some.
[ "$small" -ge 10 ] || fail "only $small drawings of 1 to 3 conflicts"
[ "$drawn" -gt "$small" ] || fail "no drawing of more than 3 conflicts"

# A drawing named wrong is a usage error.
expect_status "--dot=wrong" 2 "$V" --dot=wrong "$T/tar.xml" "$P/limit-write.pol"
# --dot before the files, --dot=paths and -f dot are the same drawing.
"$V" --dot=paths "$T/tar.xml" "$P/limit-write.pol" > "$T/a.dot"
"$V" -f dot "$T/tar.xml" "$P/limit-write.pol" > "$T/b.dot"
"$V" "$T/tar.xml" "$P/limit-write.pol" --dot > "$T/c.dot"
cmp "$T/a.dot" "$T/b.dot" || fail "--dot=paths and -f dot differ"
cmp -s "$T/a.dot" "$T/c.dot" || fail "--dot=paths and --dot differ"
finish
