#!/bin/sh
# bench/solve.sh [TRACES [LABELS [ACCESSES]]]: tracemine solve on a synthetic
# labels file of TRACES resource-access traces (default 200) and LABELS
# labels (default 40), each trace with each label at probability 1/2, 20
# accesses per label it has, ACCESSES accesses every trace makes (default
# 2000) and 200 of noise drawn from 5000.  Times solve on it (hyperfine
# when installed, else one run timed by date) against cat of the same
# traces, and prints how many labels got exact, proven-minimal equations.
# Target (issue 3): under 2 s at 200 x 40.  At scale (issue 15):
# "bench/solve.sh 200 40 100000" (382 MB) in at most 3 s and 300 MB, and
# "bench/solve.sh 2000 40 10000" (10 times the traces, a tenth of the
# accesses each) to show how time grows with traces.  GNU time's peak RSS
# is printed too.  Reports; it does not fail.
set -eu
cd "$(dirname "$0")/.."
TM=${TRACEMINE:-bin/tracemine}
nt=${1:-200} nl=${2:-40} na=${3:-2000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
awk -v dir="$out" -v nt="$nt" -v nl="$nl" -v na="$na" 'BEGIN {
	srand(3)
	for (t = 0; t < nt; t++) {
		f = sprintf("%s/run%04d.trace", dir, t)
		line = sprintf("run%04d.trace:", t)
		print "@ Dispatch" > f
		for (i = 0; i < na; i++)
			printf "Read Common->f%d\n", i > f
		for (l = 0; l < nl; l++)
			if (rand() < 0.5) {
				line = line sprintf(" Op%02d", l)
				printf "@ op%02d\n", l > f
				for (i = 0; i < 20; i++)
					printf "Set Op%02d->f%d %d\n", l, i, i > f
			}
		for (i = 0; i < 200; i++)
			printf "Cmp Noise->n%d == 0\n", int(rand() * 5000) > f
		close(f)
		print line > (dir "/bench.labels")
	}
}'
bytes=$(cat "$out"/*.trace | wc -c)
echo "solve: $nt traces x $nl labels, $((bytes / 1000)) kB of traces"
"$TM" solve -f tsv "$out/bench.labels" > "$out/res" || true
echo "labels: $(tail -n +2 "$out/res" | cut -f1 | sort -u | wc -l)," \
    "exact and minimal: $(tail -n +2 "$out/res" | awk -F '\t' '$2 == "yes" && $3 == "yes" { print $1 }' | sort -u | wc -l)"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "solve: %e s, peak RSS %M KB" "$TM" solve -f tsv \
	    "$out/bench.labels" > /dev/null || true
fi
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -w 1 -r 5 "cat $out/*.trace > /dev/null" \
	    "$TM solve -f tsv $out/bench.labels > /dev/null" 2>/dev/null |
	    grep -E 'Benchmark|Time'
else
	t0=$(date +%s.%N)
	"$TM" solve -f tsv "$out/bench.labels" > /dev/null || true
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "tracemine solve: %.3f s (target: under 2 s)\n", $2 - $1 }'
fi
