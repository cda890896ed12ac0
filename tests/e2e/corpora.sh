# Every recorded log in corpora/strace/ against the facts written beside it
# (NAME.facts, counted by a method independent of tracemine: strace's own -C
# summary and grep; see corpora/strace/README.md).  Each "key ..." fact is
# compared with the line "tracemine stats" prints for it.
. "$(dirname "$0")/../lib.sh"

[ -d "$CORPUS" ] || { echo "no corpora"; exit 77; }
n=0
for facts in "$CORPUS"/*.facts "$CORPUS"/*/*.facts; do
	[ -e "$facts" ] || continue
	name=${facts%.facts}
	if [ -e "$name.log" ]; then
		log=$name.log
	elif [ -e "$name" ]; then
		log=$name
	else
		log=$name	# an -ff prefix: tracemine expands NAME.PID
	fi
	"$TM" stats -q "$log" > "$T/stats" 2> "$T/err" ||
	    { fail "$log: stats failed: $(cat "$T/err")"; continue; }
	n=$((n + 1))
	while read -r key rest; do
		case $key in
		events|processes|failed|unreturned|split|delivered)
			got=$(sed -n "s/^$key //p" "$T/stats")
			expect_eq "$log: $key" "$rest" "$got" ;;
		calls|errors|exit|killed|signals)
			set -- $rest
			got=$(awk -v k="$key" -v n="$1" '$1 == k && $2 == n { print $3 }' "$T/stats")
			expect_eq "$log: $key $1" "$2" "${got:-0}" ;;
		parent)
			# "parent CHILD PARENT": the process tree.
			set -- $rest
			grep -qx "process $1 parent $2" "$T/stats" ||
			    fail "$log: no 'process $1 parent $2' in stats" ;;
		threads)
			got=$(grep -c '^thread ' "$T/stats")
			expect_eq "$log: thread lines" "$rest" "$got"
			expect_eq "$log: threads" "$rest" "$(sed -n 's/^threads //p' "$T/stats")" ;;
		first_time)
			expect_eq "$log: first time" "$rest" "$(sed -n 's/^first //p' "$T/stats")" ;;
		last_time)
			expect_eq "$log: last time" "$rest" "$(sed -n 's/^last //p' "$T/stats")" ;;
		line)
			# "line N NAME ...": an event starts on line N with that name.
			set -- $rest
			"$TM" norm -f tsv -q -k "$2" "$log" |
			    awk -F '\t' -v l="$1" -v c="$2" '$2 == l && index($4, c " ") == 1 || $2 == l && $4 == c { f = 1 } END { exit !f }' ||
			    fail "$log: no $2 event on line $1" ;;
		''|'#'*) ;;
		*) ;;	# facts this test does not know are checked elsewhere
		esac
	done < "$facts"
done
[ $n -gt 0 ] || { echo "no facts files"; exit 77; }

# midnight.log is timestamps-tt.log with its times moved across midnight:
# the same span, counted through the day's rollover.
a=$("$TM" stats "$CORPUS/timestamps-tt.log" | sed -n 's/^span //p')
b=$("$TM" stats "$CORPUS/midnight.log" | sed -n 's/^span //p')
expect_eq "span across midnight" "$a" "$b"
echo "$n logs checked"

# The labels of corpora/fileops against its logs, by grep alone: each
# labelled operation's key call is in the log, no other operation's is.
sh "$TOP/corpora/fileops/facts.sh" > "$T/fileops" 2>&1 ||
    fail "corpora/fileops/facts.sh: $(cat "$T/fileops")"
cat "$T/fileops"
finish
