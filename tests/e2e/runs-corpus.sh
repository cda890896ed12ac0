# corpora/runs: the truth of the seven properties re-derived from the logs
# by truth.sh (awk, independent of tracemine) equals the committed
# truth.txt; every log parses with tracemine stats; the corpus holds the
# logs its README lists (five normal runs of each of four programs, the
# anomalies, one injected log per program, two variations); each injected
# line named in injected.txt is one of the five injected calls.
. "$(dirname "$0")/../lib.sh"

R="$TOP/corpora/runs"
[ -d "$R" ] || { echo "no corpora/runs"; exit 77; }

sh "$R/truth.sh" > "$T/truth.txt" 2> "$T/err" || fail "truth.sh: $(cat "$T/err")"
expect_file_eq "truth.txt re-derived" "$R/truth.txt" "$T/truth.txt"

n=0
for log in "$R"/*.log; do
	"$TM" stats -q "$log" > /dev/null 2> "$T/err" ||
	    fail "$(basename "$log"): stats failed: $(cat "$T/err")"
	n=$((n + 1))
done
expect_eq "logs" 37 "$n"
for p in tar gzip curl server; do
	expect_eq "$p: normal runs" 5 "$(ls "$R" | grep -c "^$p-[1-5]\.log$")"
	expect_eq "$p: injected logs" 1 "$(ls "$R" | grep -c "^$p-inject-[0-9]*\.log$")"
done
expect_eq "anomalies" 11 "$(ls "$R" | grep -c '^[a-z]*-anom-[a-z0-9]*\.log$')"
expect_eq "variations" 2 "$(ls "$R" | grep -c '^gzip-var-[a-z0-9]*\.log$')"
# runs.tsv names each log once, of the kind its name says.
expect_eq "runs.tsv lines" "$n" "$(grep -vc '^#' "$R/runs.tsv")"
bad=$(awk -F '\t' '!/^#/ {
	k = $1 ~ /-anom-/ ? "anomaly" : $1 ~ /-inject-/ ? "injected" : $1 ~ /-var-/ ? "variation" : "normal"
	if (k != $2) print $1 }' "$R/runs.tsv")
expect_eq "runs.tsv kinds" "" "$bad"
# seven properties a log
expect_eq "truth.txt lines" $((n * 7)) "$(grep -vc '^#' "$R/truth.txt")"

# The injected lines: five a log, in the pid of the log's first line, the
# odd openat first, then unlink, socket, connect, execve of nc.
while IFS='	' read -r log lines; do
	case $log in '#'*) continue ;; esac
	got=$(echo "$lines" | tr ',' '\n' | while read -r l; do
		sed -n "${l}p" "$R/$log" | awk '{ s = $2; sub(/\(.*/, "", s); print s }'
	done | tr '\n' ' ')
	expect_eq "$log: injected calls" "openat unlink socket connect execve " "$got"
	main=$(awk 'NR == 1 { print $1 }' "$R/$log")
	others=$(echo "$lines" | tr ',' '\n' | while read -r l; do
		sed -n "${l}p" "$R/$log" | awk -v m="$main" '$1 != m'
	done)
	expect_eq "$log: injected in the main pid" "" "$others"
	# the log minus its injected lines is the log it was made from
	src=$(echo "$log" | sed 's/-inject-[0-9]*\.log$/-5.log/')
	awk -v l=",$lines," 'index(l, "," FNR ",") == 0' "$R/$log" > "$T/stripped"
	expect_file_eq "$log without its injected lines" "$R/$src" "$T/stripped"
done < "$R/injected.txt"

# The injected calls make the injected logs violate the address and program
# properties, as grep sees them.
for p in tar gzip curl server; do
	v=$(awk -F '\t' -v l="$p-inject-1.log" '$1 == l && $2 == "non-loopback" { print $3 }' "$R/truth.txt")
	expect_eq "$p-inject-1.log: non-loopback" "$(grep -c 'inet_addr("203\.0\.113\.9")' "$R/$p-inject-1.log")" "$v"
done
finish
