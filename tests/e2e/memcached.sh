# The text-protocol decoder on corpora/memcached (record.sh): a memcached
# server traced by attaching after its client connected.  The commands
# each client sent (NAME.sent, written by the client) are found in the
# raw log's reads, one a read, and the decoder names the same commands in
# the same order; set and get are different accesses, and solve finds
# each label's command; the keys, which each experiment chose, are in no
# access; --protocols=none decodes nothing.
. "$(dirname "$0")/../lib.sh"

M="$TOP/corpora/memcached"

# the raw log's facts: the connection was open before strace attached (no
# accept in any log), and each read that moved bytes begins with one
# command line
expect_eq "no accept: the connections predate the trace" 0 \
    "$(cat "$M"/*.log.gz | gzip -dc | grep -c 'accept')"
for f in "$M"/*.log.gz; do
	n=$(basename "$f" .log.gz)
	# the command words of the reads, in order, from the raw text
	raw=$(gzip -dc "$f" | awk '/ read\([0-9]+, "/ && !/= 0$/ {
		s = $0; sub(/^[^"]*"/, "", s); split(s, w, /[ \\]/); print w[1] }' |
	    tr '\n' ' ')
	sent=$(awk '{ print $1 }' "$M/$n.sent" | tr '\n' ' ')
	got=$("$TM" norm "$f" | awk '$1 == "memcached" { print $2 }' | tr '\n' ' ')
	expect_eq "$n: the reads hold what the client sent" "$sent" "$raw"
	expect_eq "$n: the decoder names the commands sent" "$sent" "$got"
	# the keys chosen by the experiment are in no access
	for k in $(awk '$1 != "flush_all" { print $2 }' "$M/$n.sent"); do
		expect_eq "$n: key $k left out" 0 \
		    "$("$TM" norm "$f" | grep -cF -- "$k")"
	done
done

# set and get are different accesses
"$TM" diff "$M/set-1.log.gz" "$M/get-1.log.gz" | cut -f 1 > "$T/sg"
"$TM" diff "$M/get-1.log.gz" "$M/set-1.log.gz" | cut -f 1 > "$T/gs"
expect_eq "set - get" "memcached set" "$(cat "$T/sg")"
expect_eq "get - set" "memcached get" "$(cat "$T/gs")"

# solve: each label's fingerprint is its command, and only it
"$TM" solve --narrow -f tsv "$M/labels.txt" > "$T/fp" 2> /dev/null
for lc in Set:set Get:get Delete:delete Incr:incr FlushAll:flush_all; do
	l=${lc%:*} c=${lc#*:}
	expect_eq "solve $l" "memcached $c" \
	    "$(awk -F '\t' -v l="$l" 'NR == 1 { for (i = 1; i <= NF; i++)
		if ($i == "access") a = i; next }
	    $1 == l && a { print $a }' "$T/fp" | sort -u | tr '\n' ' ' |
	    sed 's/ $//')"
done

# without the decoder, no command is seen
expect_eq "--protocols=none" 0 \
    "$("$TM" norm --protocols=none "$M/set-get.log.gz" | grep -c '^memcached')"
finish
