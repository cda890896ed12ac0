#!/bin/sh
# bench/names.sh [NAMES]: the set operations at scale (issue 15).  Writes
# two strace logs (-f -tt -y style) of NAMES (default 1000000) openat calls
# each, every one on a file name of its own; the second log's names are the
# second half of the first's and as many new ones, so the two share half.
# Times "tracemine union A B" and "tracemine diff A B" against "tracemine
# norm" of the same two logs and "cat" of them (hyperfine when installed),
# and measures peak RSS with GNU time, printed per distinct access (the
# union's size, 1.5 NAMES; union and diff exit 1, a result found,
# which hyperfine is told to ignore).  Targets: at most 200 bytes per distinct
# access, time within 2x of norm's.  Reports; it does not fail.
set -eu
cd "$(dirname "$0")/.."
TM=${TRACEMINE:-bin/tracemine}
n=${1:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gen() {
	awk -v from="$1" -v n="$n" 'BEGIN {
		for (i = from; i < from + n; i++) {
			t = i % 86400000000
			printf "%d %02d:%02d:%02d.%06d openat(AT_FDCWD, ", 4000 + i % 7,
			    int(t / 3600000000) % 24, int(t / 60000000) % 60,
			    int(t / 1000000) % 60, t % 1000000
			name = sprintf("/srv/data/proj%02d/src/mod%03d/file%07d.c",
			    i % 97, i % 1000, i)
			if (i % 3 == 0)
				printf "\"%s\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)\n", name
			else
				printf "\"%s\", O_RDONLY|O_CLOEXEC) = 3<%s>\n", name, name
		}
	}'
}
gen 0 > "$out/a.log"
gen $((n / 2)) > "$out/b.log"
a=$out/a.log b=$out/b.log
distinct=$((n + n / 2))
echo "names: 2 logs of $n names, $(($(cat "$a" "$b" | wc -c) / 1000000)) MB," \
    "$distinct distinct accesses together"
for op in union diff; do
	# shellcheck disable=SC2086
	/usr/bin/time -f "%M" "$TM" $op "$a" "$b" 2> "$out/rss" > /dev/null || true
	kb=$(tail -n 1 "$out/rss")
	echo "$op: peak RSS $((kb / 1024)) MiB, $((kb * 1024 / distinct)) bytes per distinct access"
done
/usr/bin/time -f "%M" sh -c "'$TM' norm '$a' > /dev/null; '$TM' norm '$b' > /dev/null" \
    2> "$out/rss"
echo "norm (each log): peak RSS $(($(tail -n 1 "$out/rss") / 1024)) MiB"
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -i -w 1 -r "${RUNS:-5}" -N "cat $a $b" \
	    "sh -c \"$TM norm $a > /dev/null; $TM norm $b > /dev/null\"" \
	    "$TM union $a $b" "$TM diff $a $b" 2>/dev/null | grep -E 'Benchmark|Time'
fi
