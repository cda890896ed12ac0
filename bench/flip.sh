#!/bin/sh
# bench/flip.sh: how tracemine solve --check holds up when labels are
# wrong.  For each share of the (trace, label) cells of a labels file
# flipped at random (bench/flip.awk: half dropped, half moved to another
# trace), over SEEDS seeds, and each tolerance ("auto": none given, the
# tool chooses it per label): how many of the flips solve --narrow --check
# names, how many right cells it names (in all, and in the worst seed),
# how many cells it could not check, and how many labels' fingerprints
# (solve --narrow, with the same tolerance) come out as with the right
# labels: straight away, and once the labels are changed as --check says.
# A measurement, not a test.
#
#   bench/flip.sh [SEEDS [SHARES [TOLERANCES]]]
#
# (default 20 seeds, and every share and tolerance of the table).
# LABELS=FILE for another labels file than corpora/coreutils/labels.txt
# (its traces named relative to its folder).  tests/e2e/fingerprints.sh
# runs one line of it.
set -eu
cd "$(dirname "$0")/.."
TM=${BINDIR:-$PWD/bin}/tracemine
L=$(cd "$(dirname "${LABELS:-corpora/coreutils/labels.txt}")" && pwd)/$(basename "${LABELS:-labels.txt}")
C=$(dirname "$L")
seeds=${1:-20}
shares=${2:-0.05 0.10 0.15 0.20}
tols=${3:-auto 0.2 0.34}
T=$(mktemp -d "${TMPDIR:-/tmp}/flip.XXXXXX")
trap 'rm -rf "$T"' EXIT
# the labels file with its traces named by absolute path
sed "s|^\([^#[:space:]]\)|$C/\1|" "$L" > "$T/right.txt"
printf 'share\ttolerance\tflips\tfound\twrongly\tworst\tunchecked\tfingerprints\trecovered\trelabelled\n'
for share in $shares; do
	for tol in $tols; do
		opt=
		[ "$tol" = auto ] || opt="--tolerance $tol"
		"$TM" solve --narrow $opt -f tsv "$T/right.txt" |
		    cut -f1,9 > "$T/right"
		nl=$(cut -f1 "$T/right" | sort -u | grep -vc '^label$')
		flips=0 found=0 wrong=0 worst=0 unc=0 rec=0 rel=0
		for seed in $(seq 1 "$seeds"); do
			awk -v seed=$seed -v share=$share -v dir="$C" \
			    -f bench/flip.awk "$L" > "$T/l" 2> "$T/f"
			sort "$T/f" > "$T/want"
			"$TM" solve --narrow $opt --check -f tsv "$T/l" \
			    > "$T/check" 2> /dev/null || true
			# the flips it undoes: it drops a label that was added
			awk -F'\t' '$2 == "add" || $2 == "drop" {
			    print ($2 == "add" ? "drop" : "add"), $1 ".log.gz", $3 }' \
			    "$T/check" | sort > "$T/got"
			flips=$((flips + $(wc -l < "$T/want")))
			found=$((found + $(comm -12 "$T/want" "$T/got" | wc -l)))
			w=$(comm -13 "$T/want" "$T/got" | wc -l)
			wrong=$((wrong + w))
			[ "$w" -gt "$worst" ] && worst=$w
			unc=$((unc + $(awk -F'\t' '$2 == "unchecked"' "$T/check" | wc -l)))
			"$TM" solve --narrow $opt -f tsv "$T/l" |
			    cut -f1,9 > "$T/fp" || true
			# the labels as --check says they should be
			awk 'FILENAME == ARGV[1] { ch[$2] = ch[$2] " " $1 ":" $3; next }
			    { n = split($0, w, " "); t = w[1]; sub(/:$/, "", t);
			      sub(/.*\//, "", t); delete has
			      for (i = 2; i <= n; i++) has[w[i]] = 1
			      m = split(ch[t], c, " ")
			      for (i = 1; i <= m; i++) { split(c[i], p, ":")
				if (p[1] == "drop") has[p[2]] = 1; else delete has[p[2]] }
			      line = w[1]; for (x in has) line = line " " x; print line }' \
			    "$T/got" "$T/l" > "$T/l2"
			"$TM" solve --narrow $opt -f tsv "$T/l2" |
			    cut -f1,9 > "$T/fp2" || true
			for l in $(cut -f1 "$T/right" | sort -u | grep -vx label); do
				r=$(grep "^$l	" "$T/right")
				[ "$r" = "$(grep "^$l	" "$T/fp")" ] && rec=$((rec + 1))
				[ "$r" = "$(grep "^$l	" "$T/fp2")" ] && rel=$((rel + 1))
			done
		done
		printf '%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n' $share $tol \
		    $flips $found $wrong $worst $unc $((nl * seeds)) $rec $rel
	done
done
