#!/bin/sh
# generalise.sh: chooses efsa-learn's defaults (context length -k, threshold
# -t) by leave-one-out cross-validation over corpora/models.
#
# For each program (tar, gzip, http-server, http-client, and the strace -k
# logs of tar and gzip) and each held-out run: learn from the other runs,
# check the held-out run with efsa-check -m (any deviation is a false
# positive: the run is normal), then check anomalous copies of the held-out
# run made with sed/awk, and count one caught when efsa-check names a line
# the copy changed (a deviation elsewhere does not count).
#
# Anomalies (per held-out run):
#   tar, tar-k    the archive "../out/NAME.tar" written as "/var/tmp/NAME.tar"
#   gzip, gzip-k  the input read as "../../../etc/shadow"; as "/etc/shadow"
#   http-server   the first file served opened as "/etc/passwd"; as
#                 "../../../etc/passwd"
#   http-client   the first output "/dev/null" opened as "/etc/cron.d/job"
#
# usage: bench/generalise.sh [BIN]   (BIN defaults to bin)
# Prints one TSV row per (k, t, program): runs, false positives (held-out
# normal runs that deviated), anomalies, anomalies caught.
set -eu
BIN=${1:-bin}
M=corpora/models
T=$(mktemp -d "${TMPDIR:-/tmp}/generalise.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# caught ORIG ANOM MODEL: 1 when efsa-check names a line ANOM changed
caught() {
	awk 'NR == FNR { a[FNR] = $0; next } a[FNR] != $0 { print FNR }' \
	    "$1" "$2" > "$T/changed"
	"$BIN/efsa-check" -q -m "$3" "$2" 2>/dev/null |
	    awk -F: 'NF > 2 && $2 ~ /^[0-9]+$/ { print $2 }' > "$T/named" ||
	    true
	if grep -qxFf "$T/changed" "$T/named"; then echo 1; else echo 0; fi
}

# anomalies PROG LOG: writes the anomalous copies as $T/anom.N
anomalies() {
	rm -f "$T"/anom.*
	case $1 in
	tar|tar-k)
		sed 's|"\.\./out/\([a-z]*\)\.tar"|"/var/tmp/\1.tar"|' "$2" \
		    > "$T/anom.1" ;;
	gzip|gzip-k)
		in=$(sed -n '1s/.*\["gzip", "-c", "\([^"]*\)".*/\1/p' "$2")
		sed "s|\"$in\"|\"../../../etc/shadow\"|" "$2" > "$T/anom.1"
		sed "s|\"$in\"|\"/etc/shadow\"|" "$2" > "$T/anom.2" ;;
	http-server)
		for p in /etc/passwd ../../../etc/passwd; do
			n=$(ls "$T"/anom.* 2>/dev/null | wc -l)
			awk -v p="$p" '!done && /openat\(.*"site[0-9]\// {
			    sub(/"site[0-9]\/[^"]*"/, "\"" p "\""); done = 1 }
			    { print }' "$2" > "$T/anom.$((n + 1))"
		done ;;
	http-client)
		awk '!done && /openat\(.*"\/dev\/null", O_WRONLY/ {
		    sub(/"\/dev\/null"/, "\"/etc/cron.d/job\""); done = 1 }
		    { print }' "$2" > "$T/anom.1" ;;
	esac
}

printf 'k\tt\tprogram\truns\tfalse_pos\tanomalies\tcaught\n'
for k in ${KS:-1 2 3}; do
	for t in ${TS:-3 5 8}; do
		for prog in tar gzip http-server http-client tar-k gzip-k; do
			logs=$(ls $M/$prog-[0-9].log)
			runs=0 fp=0 an=0 ca=0
			for out in $logs; do
				rest=$(echo "$logs" | grep -vxF "$out")
				# shellcheck disable=SC2086
				"$BIN/efsa-learn" -q -k "$k" -t "$t" $rest \
				    -o "$T/m.xml"
				runs=$((runs + 1))
				"$BIN/efsa-check" -q -m "$T/m.xml" "$out" \
				    >/dev/null 2>&1 || fp=$((fp + 1))
				anomalies "$prog" "$out"
				for a in "$T"/anom.*; do
					an=$((an + 1))
					ca=$((ca + $(caught "$out" "$a" \
					    "$T/m.xml")))
				done
			done
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "$t" \
			    "$prog" "$runs" "$fp" "$an" "$ca"
		done
	done
done
