#!/bin/sh
# bench/verify-runs.sh [BIN]: models learned from runs 1-4 of each program
# of corpora/runs, verified against every corpora/policies/*.pol; one row
# per (model, policy): whether the monitor (efsa-check -p) finds a
# learning log violating, then the verifier's must and may conflicts, and
# the totals (issue 11, deliverable 7); the AppArmor profile of netstat
# (which allows none of these programs) is one more policy.  Then the
# advice: how many were checked (the conflict gone with the change), how
# many say there is no checked fix, and how many would exclude every name
# ("** r,", ~ "*", ~ "/*").  BIN: the tools (default bin).
BIN=${1:-bin}
T=$(mktemp -d "${TMPDIR:-/tmp}/verify-runs.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
R=corpora/runs
pairs=0 must=0 may=0 cleanmay=0 withmay=0
printf 'model\tpolicy\tmonitor\tmust\tmay\n'
for p in tar gzip curl server; do
	"$BIN/efsa-learn" -q -o "$T/$p.xml" $R/$p-1.log $R/$p-2.log \
	    $R/$p-3.log $R/$p-4.log || exit 1
	for pol in corpora/policies/*.pol \
	    corpora/policies/apparmor/extra-profiles/bin.netstat; do
		mon=clean
		for i in 1 2 3 4; do
			"$BIN/efsa-check" -A corpora/policies/apparmor/etc/apparmor.d \
			    -p "$pol" $R/$p-$i.log > /dev/null 2>&1
			case $? in 1) mon=violates ;; 2) mon=error ;; esac
		done
		"$BIN/efsa-verify" -A corpora/policies/apparmor/etc/apparmor.d \
		    "$T/$p.xml" "$pol" > "$T/out"
		grep '^  to admit it: ' "$T/out" >> "$T/advice"
		set -- $(tail -n 1 "$T/out" |
		    sed 's/.*(\([0-9]*\) must, \([0-9]*\) may).*/\1 \2/')
		printf '%s\t%s\t%s\t%s\t%s\n' "$p" "$(basename "$pol" .pol)" \
		    "$mon" "$1" "$2"
		pairs=$((pairs + 1)) must=$((must + $1)) may=$((may + $2))
		[ "$2" -gt 0 ] && withmay=$((withmay + 1))
		[ "$2" -gt 0 ] && [ $mon = clean ] && cleanmay=$((cleanmay + 1))
	done
done
printf 'pairs %d, must %d, may %d, pairs with a may %d (monitor-clean %d)\n' \
    $pairs $must $may $withmay $cleanmay
printf 'advice %d: checked %d, no checked fix %d, excluding every name %d\n' \
    "$(wc -l < "$T/advice")" "$(grep -c '(checked: ' "$T/advice")" \
    "$(grep -c ': no checked fix' "$T/advice")" \
    "$(grep -cE '"\*\*? [a-z]+,|~ \\"/?\*\*?\\"' "$T/advice")"
