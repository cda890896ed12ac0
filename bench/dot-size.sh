#!/bin/sh
# bench/dot-size.sh [BIN]: the size of efsa-verify's drawings on the
# recorded runs of issue 11.  For each program of corpora/runs, its model
# learned from runs 1-4 (as corpora/runs/README.md says), verified against
# every policy of corpora/policies; for each pair with conflicts, one TSV
# row: program, policy, conflicts, and the nodes and edges (counted by
# gvpr) of the --dot drawing (paths) and of --dot=full.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$TOP/bin}
T=$(mktemp -d "${TMPDIR:-/tmp}/dot-size.XXXXXX")
trap 'rm -rf "$T"' EXIT
count() { gvpr 'BEG_G { printf("%d\t%d", nNodes($G), nEdges($G)); }' "$1"; }
printf 'program\tpolicy\tconflicts\tpaths nodes\tpaths edges\tfull nodes\tfull edges\n'
for prog in tar gzip curl server; do
	"$BIN/efsa-learn" -q -o "$T/m.xml" "$TOP/corpora/runs/$prog"-[1-4].log
	for pol in "$TOP"/corpora/policies/*.pol; do
		n=$("$BIN/efsa-verify" "$T/m.xml" "$pol" | grep -c '^conflict ' || :)
		[ "$n" -gt 0 ] || continue
		"$BIN/efsa-verify" --dot "$T/m.xml" "$pol" > "$T/p.dot" || :
		"$BIN/efsa-verify" --dot=full "$T/m.xml" "$pol" > "$T/f.dot" || :
		printf '%s\t%s\t%s\t%s\t%s\n' "$prog" "$(basename "$pol")" "$n" \
		    "$(count "$T/p.dot")" "$(count "$T/f.dot")"
	done
done
