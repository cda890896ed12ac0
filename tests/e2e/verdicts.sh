# Never an empty fingerprint printed as a success (issue 10): on every
# labelled corpus, a label solve calls exact has at least one access in
# every format, a label with none is not exact, and solve exits 0 only when
# every label is exact.  corpora/sqlite: sqlite3's Insert, Update, Delete,
# ... all read and write the same database and journal files (record.sh),
# so no label is exact there by default, and each is said to be like the
# others, by name.
. "$(dirname "$0")/../lib.sh"

for L in corpora/coreutils/labels.txt corpora/fileops/all.txt \
    corpora/x11/labels.txt corpora/x11-attach/labels.txt \
    corpora/memcached/labels.txt corpora/sqlite/labels.txt \
    corpora/fingerprints/xserver.labels; do
	"$TM" solve -q -f tsv "$L" > "$T/fp.tsv"
	rc=$?
	# label status access: one line per label, access empty when none
	awk -F'\t' 'NR > 1 { n[$1] += ($11 != ""); s[$1] = $2 }
	    END { for (l in s) print l, s[l], n[l] }' "$T/fp.tsv" | sort > "$T/sum"
	[ -s "$T/sum" ] || fail "$L: no labels"
	awk -v f="$L" '$2 == "exact" && $3 == 0 { print f ": " $1 " exact and empty" }
	    $2 != "exact" && $2 != "input-only" && $2 != "inseparable" && $3 > 0 {
		print f ": " $1 " " $2 " with " $3 " accesses" }' "$T/sum" > "$T/bad"
	[ -s "$T/bad" ] && fail "$(cat "$T/bad")"
	want=0
	grep -qv ' exact ' "$T/sum" && want=1
	expect_eq "$L: exit" "$want" "$rc"
	# the same statuses in JSON
	"$TM" solve -q -f json "$L" | python3 -c '
import json, sys
for o in json.load(sys.stdin)["operations"]:
    print(o["label"], o["status"], len(o["fingerprint"]))' | sort > "$T/json"
	expect_file_eq "$L: json statuses" "$T/sum" "$T/json"
done

"$TM" solve -q -f tsv corpora/sqlite/labels.txt > "$T/sq.tsv"
expect_eq "sqlite: exit" 1 $?
awk -F'\t' 'NR > 1 && $2 == "exact"' "$T/sq.tsv" > "$T/exact"
expect_eq "sqlite: no label exact" "" "$(cat "$T/exact")"
awk -F'\t' 'NR > 1 && $3 == "" { print $1 }' "$T/sq.tsv" > "$T/alone"
expect_eq "sqlite: every status names other labels" "" "$(cat "$T/alone")"
"$TM" solve --summary corpora/sqlite/labels.txt | grep -c 'indistinguishable' > "$T/n"
expect_eq "sqlite: the summary says indistinguishable for all six" 6 "$(cat "$T/n")"

# One trace per operation, argv kept: what is left of each is its own SQL
# text in sqlite3's argv (the experiment's input), said input-only; by
# default argv is not kept and they are indistinguishable.
for op in createtable insert update delete select droptable; do
	printf '%s/corpora/sqlite/%s-1.log.gz: %s\n' "$TOP" $op \
	    "$(grep "^$op-1.log.gz:" corpora/sqlite/labels.txt | cut -d: -f2 | tr -d ' \t')"
done > "$T/one.txt"
printf '%s/corpora/sqlite/baseline-1.log.gz:\n' "$TOP" >> "$T/one.txt"
"$TM" solve -q --keep-argv -f tsv "$T/one.txt" > "$T/one.tsv"
expect_eq "one trace each, --keep-argv: exit" 1 $?
expect_eq "one trace each, --keep-argv: input-only" "input-only" \
    "$(awk -F'\t' '!/^#/ && $1 != "label" { print $2 }' "$T/one.tsv" | sort -u)"
expect_eq "input-only: each is sqlite3's execve" 6 \
    "$(awk -F'\t' '!/^#/ && $11 ~ /^execve "\/usr\/bin\/sqlite3" \[/' "$T/one.tsv" | wc -l | tr -d ' ')"
expect_eq "one trace each, default: indistinguishable" "indistinguishable" \
    "$("$TM" solve -q -f tsv "$T/one.txt" | awk -F'\t' 'NR > 1 { print $2 }' | sort -u)"

finish
