#!/bin/sh
# bench/record-log.sh [MB]: records a real strace log of at least MB
# megabytes (default 500, or $TRACEMINE_BENCH_MB) with strace -f -tt -T -y,
# from several real programs running at once (find, tar, sort, a shell loop
# of cat and stat), repeated until the log is big enough.  The log is cached
# outside the repository and reused:
#   ${TRACEMINE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracemine}/bench-MB.log
# Prints its path.  Written to a temporary name and renamed when complete.
set -eu
mb=${1:-${TRACEMINE_BENCH_MB:-500}}
dir=${TRACEMINE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracemine}
log=$dir/bench-$mb.log
want=$((mb * 1000 * 1000))
mkdir -p "$dir"
if [ -f "$log" ] && [ "$(stat -c %s "$log")" -ge "$want" ]; then
	echo "$log"
	exit 0
fi
command -v strace >/dev/null || { echo "record-log.sh: strace is needed" >&2; exit 2; }
tmp=$(mktemp "$dir/.bench-$mb.XXXXXX")
part=$(mktemp "$dir/.part.XXXXXX")
trap 'rm -f "$tmp" "$part"' EXIT
: > "$tmp"
# One round: four programs at once, so the log interleaves processes and
# splits calls into unfinished/resumed halves as real -f logs do.
round='
find /usr/share -xdev > /dev/null 2>&1 &
tar cf - /usr/share/doc 2>/dev/null | cat > /dev/null &
sort /usr/share/dict/* /etc/services /etc/protocols > /dev/null 2>&1 &
for f in /etc/*; do cat "$f" > /dev/null 2>&1; stat "$f" > /dev/null 2>&1; done &
wait'
while [ "$(stat -c %s "$tmp")" -lt "$want" ]; do
	strace -f -tt -T -y -o "$part" sh -c "$round"
	cat "$part" >> "$tmp"
	echo "record-log.sh: $(($(stat -c %s "$tmp") / 1000000)) of $mb MB" >&2
done
mv "$tmp" "$log"
trap - EXIT
rm -f "$part"
echo "$log"
