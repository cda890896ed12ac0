#!/bin/sh
# bench/compare.sh OLD_BINDIR NEW_BINDIR [LOG]: the strace reader's tools
# built twice (before and after a change), timed on the same log in the
# same run.  A round runs every command once (hyperfine, one run each,
# after a warm-up round), so load that comes and goes on a shared machine
# falls on both builds alike; the figures are medians over ROUNDS rounds
# (default 5), as seconds and as ratios to wc -l and to each build's own
# tracemine stats.  Peak RSS (GNU time) is measured once per command.
# Issue 15's targets: norm at least 10% of wc -l's throughput, efsa-learn
# at most 2x and efsa-check --model at most 1.5x the time of stats.
set -eu
[ $# -ge 2 ] || { echo "usage: bench/compare.sh old-bindir new-bindir [log]" >&2; exit 2; }
cd "$(dirname "$0")/.."
old=$1 new=$2
log=${3:-$(sh bench/record-log.sh)}
rounds=${ROUNDS:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$old/efsa-learn" -q -o "$out/m.xml" "$log"
cat "$log" > /dev/null

cmds() {
	for b in old new; do
		eval "d=\$$b"
		echo "$b stats	$d/tracemine stats -q $log"
		echo "$b norm	sh -c '$d/tracemine norm -q $log > /dev/null'"
		echo "$b efsa-learn	$d/efsa-learn -q -o $out/$b.xml $log"
		echo "$b efsa-check	sh -c '$d/efsa-check -q -m $out/m.xml $log > /dev/null; true'"
	done
	echo "wc -l	wc -l $log"
}

r=0
while [ "$r" -le "$rounds" ]; do
	cmds | while IFS='	' read -r name cmd; do
		hyperfine -N --style none --runs 1 --export-json "$out/h.json" \
		    -n "$name" "$cmd" > /dev/null 2>&1
		# round 0 is the warm-up
		[ "$r" -eq 0 ] || python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["command"] + "\t" + str(r["times"][0]))' "$out/h.json" >> "$out/times"
	done
	r=$((r + 1))
done
cmp -s "$out/old.xml" "$out/new.xml" || echo "compare.sh: the two builds learned different models" >&2
cmds | while IFS='	' read -r name cmd; do
	printf '%s\t%s\n' "$name" "$(/usr/bin/time -f %M sh -c "$cmd > /dev/null" 2>&1 >/dev/null | tail -n 1)"
done > "$out/rss"

python3 - "$out/times" "$out/rss" "$(stat -c %s "$log")" "$rounds" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
	name, sec = line.rstrip("\n").split("\t")
	t.setdefault(name, []).append(float(sec))
rss = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[2]))
size = int(sys.argv[3])
m = {k: statistics.median(v) for k, v in t.items()}
wc = m["wc -l"]
print(f"log: {size / 1e6:.0f} MB; medians of {sys.argv[4]} interleaved rounds")
print(f"{'command':18} {'seconds':>8} {'MB/s':>6} {'% wc -l':>8} {'x stats':>8} {'RSS MiB':>8}")
for k in ["wc -l"] + [f"{b} {c}" for c in ("stats", "norm", "efsa-learn", "efsa-check") for b in ("old", "new")]:
	st = m[k.split()[0] + " stats"] if k != "wc -l" else m[k]
	r = rss.get(k)
	print(f"{k:18} {m[k]:8.3f} {size / m[k] / 1e6:6.0f} {100 * wc / m[k]:7.1f}% "
	      f"{m[k] / st:8.2f} {int(r) / 1024 if r else 0:8.1f}")
PY
