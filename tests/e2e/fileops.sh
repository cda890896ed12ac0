# The evaluation of issue 10 on corpora/fileops, with the default options
# only: experiments with names and folders of their own (record.sh), each
# operation alone five times (train.txt) and combinations held out
# (heldout.txt).  What each experiment did is known from its command line
# (experiments.tsv) and checked in the raw logs by facts.sh.
#  - solve: every label exact, and its fingerprint holds the operation's
#    key call (the system call the command makes for it, by hand);
#  - match --labels: the fingerprints mined from the single operations find
#    the operations of the combinations with precision 1 and recall 0.95 or
#    more, each trace scored against the labels the recording gave it.
. "$(dirname "$0")/../lib.sh"

D="$TOP/corpora/fileops"

"$TM" solve -f tsv "$D/train.txt" > "$T/fp.tsv"
expect_eq "solve train.txt: exit" 0 $?
awk -F'\t' 'NR > 1 { print $1, $2 }' "$T/fp.tsv" | sort -u > "$T/status"
expect_eq "solve: every label exact" "" "$(grep -v ' exact$' "$T/status")"
expect_eq "solve: 12 labels" 12 "$(wc -l < "$T/status" | tr -d ' ')"

# key LABEL REGEX: a fingerprint access of LABEL matches REGEX
key() {
	awk -F'\t' -v l="$1" 'NR > 1 && $1 == l { print $11 }' "$T/fp.tsv" |
	    grep -qE "$2" || fail "$1's fingerprint has no access like /$2/"
}
key Create '^(utimensat|openat "\*" [A-Z_|]*O_CREAT)'
key Write '^openat "\*" [A-Z_|]*O_APPEND'
key Read '^read "\*"'
key Rename '^renameat2? "\*" "\*"'
key Delete '^unlinkat? "\*"'
key Copy '^copy_file_range "\*" "\*"'
key Chmod '^fchmodat "\*"'
key Link '^linkat "\*" "\*"'
key Symlink '^symlinkat "\*" "\*"'
key Mkdir '^mkdir "\*"'
key Rmdir '^rmdir "\*"'
key List '^getdents64 "\*"'

# no name any experiment chose is in a fingerprint: the words of every
# command line of experiments.tsv that are not program names
awk -F'\t' '{ print $NF }' "$D/experiments.tsv" | tr ' ;' '\n\n' |
    grep -vxE '|cd|touch|echo|cat|mv|rm|cp|chmod|ln|mkdir|rmdir|ls|-s|>>|[0-7]{3,4}|[ugoa]*[-+=][rwx]+' |
    sort -u > "$T/words"
[ -s "$T/words" ] || fail "experiments.tsv: no words read"
awk -F'\t' 'NR > 1 { print $11 }' "$T/fp.tsv" > "$T/accesses"
while read -r w; do
	grep -qF "\"$w" "$T/accesses" && fail "a chosen name in a fingerprint: $w"
done < "$T/words"

# the held-out combinations
"$TM" match --labels "$D/heldout.txt" "$T/fp.tsv" > "$T/score"
score=$(grep '^score:' "$T/score")
p=$(echo "$score" | sed -n 's/.*precision \([0-9.]*\).*/\1/p')
r=$(echo "$score" | sed -n 's/.*recall \([0-9.]*\).*/\1/p')
expect_eq "held out: precision" "1.00" "$p"
awk -v r="$r" 'BEGIN { exit !(r >= 0.95) }' || fail "held out: recall $r, expected 0.95 or more ($score)"
echo "fileops held out: $score"

# The labels as recorded agree with the traces: every (trace, label) pair
# of all the experiments is checked and none looks wrong (-y and plain
# logs normalise alike, docs/normalisation.md).
nt=$(grep -vc '^#' "$D/all.txt")
nl=$(grep -v '^#' "$D/all.txt" | cut -d: -f2 | tr ' ' '\n' | sort -u | grep -c .)
expect_eq "--check on the labels as recorded" "checked $((nt * nl)) of $((nt * nl)) (trace, label) pairs: none looks wrong" \
    "$("$TM" solve --check "$D/all.txt" | tail -n 1)"

finish
