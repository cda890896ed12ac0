#!/bin/sh
# bench/run.sh [LOG]: the strace reader's speed, against the machine's own
# limits on the same file in the same run.  Times (hyperfine, after a
# warm-up) wc -l, cat, grep -c (piped: GNU grep stops at the first match
# when its output is /dev/null), mawk splitting fields, tracemine stats (text
# and JSON) and tracemine norm; prints each one's throughput in MB/s, as a
# percentage of wc -l's, and its peak RSS (GNU time).  Targets (issue 2):
# stats at least 10% of wc -l, norm at least 5%, peak RSS under 64 MiB.
# Models (issue 4): efsa-learn on the same log, at most 3 times the time of
# tracemine stats, and efsa-check of the log against that model; their
# peak RSS on the whole log and on its first tenth shows that memory grows
# with the model, not the log.
# Verification (issue 5): efsa-verify of a seeded synthetic model of
# 100,000 states against a policy of about 100 states (bench/gen-verify.py);
# product states explored per second, the model's reading (efsa-show of
# the same file to /dev/null) taken out.
# The benchmark reports; it does not fail the build.
set -eu
cd "$(dirname "$0")/.."
TM=${TRACEMINE:-bin/tracemine}
BINDIR=$(dirname "$TM")
for tool in hyperfine mawk /usr/bin/time; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench: installing hyperfine mawk time" >&2
		if [ "$(id -u)" = 0 ]; then apt-get install -y -qq hyperfine mawk time >/dev/null
		else sudo apt-get install -y -qq hyperfine mawk time >/dev/null; fi
		break
	fi
done
log=${1:-$(sh bench/record-log.sh)}
bytes=$(stat -c %s "$log")
lines=$(wc -l < "$log")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat "$log" > /dev/null
head -n $((lines / 10)) "$log" > "$out/tenth.log"
"$BINDIR/efsa-learn" -q -o "$out/m.xml" "$log"
"$BINDIR/efsa-learn" -q -o "$out/m10.xml" "$out/tenth.log"
echo "log: $log, $((bytes / 1000000)) MB, $lines lines"
echo "machine: $(nproc) cores; one core used by every command"

hyperfine -N --style none --warmup 1 --runs "${RUNS:-3}" \
	--export-json "$out/h.json" \
	-n 'wc -l' "wc -l $log" \
	-n 'cat' "sh -c 'cat $log > /dev/null'" \
	-n 'grep -c' "sh -c 'grep -c . $log | cat'" \
	-n 'mawk fields' "mawk '{ n += NF } END { print n }' $log" \
	-n 'tracemine stats' "$TM stats -q $log" \
	-n 'tracemine stats json' "$TM stats -q -f json $log" \
	-n 'tracemine norm' "sh -c '$TM norm -q $log > /dev/null'" \
	-n 'efsa-learn' "$BINDIR/efsa-learn -q -o $out/m2.xml $log" \
	-n 'efsa-check' "sh -c '$BINDIR/efsa-check -q -m $out/m.xml $log > /dev/null; true'" \
	> /dev/null

rss() { /usr/bin/time -f %M sh -c "$1 > /dev/null" 2>&1 >/dev/null | tail -n 1; }
for cmd in 'wc -l' 'tracemine stats' 'tracemine norm' 'efsa-learn' \
    'efsa-check' 'efsa-learn (tenth)' 'efsa-check (tenth)'; do
	case $cmd in
	'wc -l') c="wc -l $log" ;;
	'tracemine stats') c="$TM stats -q $log" ;;
	'tracemine norm') c="$TM norm -q $log" ;;
	'efsa-learn') c="$BINDIR/efsa-learn -q -o $out/m3.xml $log" ;;
	'efsa-check') c="$BINDIR/efsa-check -q -m $out/m.xml $log" ;;
	'efsa-learn (tenth)') c="$BINDIR/efsa-learn -q -o $out/m4.xml $out/tenth.log" ;;
	'efsa-check (tenth)') c="$BINDIR/efsa-check -q -m $out/m10.xml $out/tenth.log" ;;
	esac
	echo "$cmd	$(rss "$c")" >> "$out/rss"
done
echo "model: $(grep -c '<transition' "$out/m.xml") transitions learned from the log," \
    "$(grep -c '<transition' "$out/m10.xml") from its first tenth"

python3 bench/gen-verify.py 100000 100 "$out"
explored=$("$BINDIR/efsa-verify" "$out/model.xml" "$out/policy.pol" | tail -n 1 |
    sed -n 's/.*; \([0-9]*\) product states explored.*/\1/p')
hyperfine -N --style none --warmup 1 --runs "${RUNS:-3}" \
	--export-json "$out/v.json" \
	-n 'read the model' "sh -c '$BINDIR/efsa-show -f tsv $out/model.xml > /dev/null'" \
	-n 'efsa-verify' "sh -c '$BINDIR/efsa-verify $out/model.xml $out/policy.pol > /dev/null; true'" \
	> /dev/null
echo "verify	$(rss "$BINDIR/efsa-verify $out/model.xml $out/policy.pol")" >> "$out/rss"
python3 - "$out/v.json" "$explored" "$out/rss" <<'PY'
import json, sys
h = dict((r["command"], r["mean"]) for r in json.load(open(sys.argv[1]))["results"])
n = int(sys.argv[2])
rss = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[3]))
walk = h["efsa-verify"] - h["read the model"]
rate = n / walk if walk > 0 else 0
print(f"efsa-verify: 100,000-state model x 100-event rule: {n} product states in "
      f"{h['efsa-verify']:.3f} s, {h['read the model']:.3f} s of it reading the model; "
      f"{rate / 1e6:.2f} M states/s (target 1 M/s: {'PASS' if rate >= 1e6 else 'MISS'}); "
      f"peak RSS {int(rss['verify']) / 1024:.0f} MiB")
PY

python3 - "$out/h.json" "$out/rss" "$bytes" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
rss = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[2]))
size = int(sys.argv[3])
rows = [(r["command"], r["mean"]) for r in h["results"]]
wc = dict(rows)["wc -l"]
stats = dict(rows)["tracemine stats"]
targets = {"tracemine stats": 10.0, "tracemine norm": 5.0}
print(f"{'command':22} {'seconds':>8} {'MB/s':>8} {'% wc -l':>8} {'RSS MiB':>8}  target")
for name, sec in rows:
	mbs = size / sec / 1e6
	pct = 100.0 * wc / sec
	r = rss.get(name)
	rm = f"{int(r) / 1024:.1f}" if r else ""
	t = ""
	if name in targets:
		ok = pct >= targets[name] and (r is None or int(r) < 64 * 1024)
		t = f">= {targets[name]:.0f}%, < 64 MiB: {'PASS' if ok else 'MISS'}"
	if name == "efsa-learn":
		x = sec / stats
		t = f"<= 3x stats: {x:.2f}x {'PASS' if x <= 3 else 'MISS'}"
	if name == "efsa-check":
		t = f"{sec / stats:.2f}x stats"
	print(f"{name:22} {sec:8.3f} {mbs:8.0f} {pct:7.1f}% {rm:>8}  {t}")
for name in ("efsa-learn (tenth)", "efsa-check (tenth)"):
	if name in rss:
		print(f"{name:22} {'':>8} {'':>8} {'':>8} {int(rss[name]) / 1024:8.1f}  RSS on the first tenth of the log")
PY
