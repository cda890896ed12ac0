#!/bin/sh
# bench/flip.sh: how tracemine solve holds up when labels are wrong.  For
# each share of the label assignments of corpora/coreutils/labels.txt
# flipped at random (bench/flip.awk: half dropped, half moved to another
# trace), over SEEDS seeds, and each tolerance: how many of the flips
# solve --narrow --tolerance --check finds, how many right labels it takes
# for wrong, and how many labels' fingerprints come out as with the right
# labels: straight away, and once the labels are changed as --check says.
# A measurement, not a test.
#
#   bench/flip.sh [SEEDS [SHARE [TOLERANCE]]]
#
# (default 20 seeds, and every share and tolerance of the table);
# tests/e2e/fingerprints.sh runs one line of it.
set -eu
cd "$(dirname "$0")/.."
TM=${BINDIR:-$PWD/bin}/tracemine
C=$PWD/corpora/coreutils
seeds=${1:-20}
shares=${2:-0.05 0.10 0.15 0.20}
tols=${3:-0.2 0.34 0.45}
T=$(mktemp -d "${TMPDIR:-/tmp}/flip.XXXXXX")
trap 'rm -rf "$T"' EXIT
printf 'share\ttolerance\tflips\tfound\twrongly\tfingerprints\trecovered\trelabelled\n'
for share in $shares; do
	for tol in $tols; do
		"$TM" solve --narrow --tolerance $tol -f tsv "$C/labels.txt" |
		    cut -f1,9 > "$T/right"
		nl=$(cut -f1 "$T/right" | sort -u | grep -vc '^label$')
		flips=0 found=0 wrong=0 rec=0 rel=0
		for seed in $(seq 1 "$seeds"); do
			awk -v seed=$seed -v share=$share -v dir="$C" \
			    -f bench/flip.awk "$C/labels.txt" > "$T/l" 2> "$T/f"
			sort "$T/f" > "$T/want"
			"$TM" solve --narrow --tolerance $tol --check -f tsv \
			    "$T/l" 2> /dev/null | tail -n +2 | awk -F'\t' \
			    '{ print ($2 == "add" ? "drop" : "add"), $1 ".log.gz", $3 }' |
			    sort > "$T/got" || true
			flips=$((flips + $(wc -l < "$T/want")))
			found=$((found + $(comm -12 "$T/want" "$T/got" | wc -l)))
			wrong=$((wrong + $(comm -13 "$T/want" "$T/got" | wc -l)))
			"$TM" solve --narrow --tolerance $tol -f tsv "$T/l" |
			    cut -f1,9 > "$T/fp" || true
			# the labels as --check says they should be (got holds
			# the flips it undoes: "drop" means it adds the label)
			awk 'FILENAME == ARGV[1] { ch[$2] = ch[$2] " " $1 ":" $3; next }
			    { n = split($0, w, " "); t = w[1]; sub(/:$/, "", t);
			      sub(/.*\//, "", t); delete has
			      for (i = 2; i <= n; i++) has[w[i]] = 1
			      m = split(ch[t], c, " ")
			      for (i = 1; i <= m; i++) { split(c[i], p, ":")
				if (p[1] == "drop") has[p[2]] = 1; else delete has[p[2]] }
			      line = w[1]; for (x in has) line = line " " x; print line }' \
			    "$T/got" "$T/l" > "$T/l2"
			"$TM" solve --narrow --tolerance $tol -f tsv "$T/l2" |
			    cut -f1,9 > "$T/fp2" || true
			for l in $(cut -f1 "$T/right" | sort -u | grep -vx label); do
				r=$(grep "^$l	" "$T/right")
				[ "$r" = "$(grep "^$l	" "$T/fp")" ] && rec=$((rec + 1))
				[ "$r" = "$(grep "^$l	" "$T/fp2")" ] && rel=$((rel + 1))
			done
		done
		printf '%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n' $share $tol $flips \
		    $found $wrong $((nl * seeds)) $rec $rel
	done
done
