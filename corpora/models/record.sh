#!/bin/sh
# record.sh: records the strace logs of this folder, real runs of tar, gzip,
# a python3 http.server with its curl client, and ls/cat, for learning and
# checking program models (EFSA models, "model-carrying code").  Each program
# is run several times on DIFFERENT inputs (names, sizes, numbers of files),
# each run into its own log.  Run it from anywhere; it rewrites every log of
# this folder, then facts.txt (facts.sh).
#
#   corpora/models/record.sh
#
# Needs strace, tar, gzip, python3, curl, ls, cat, pgrep, awk, seq.  The
# inputs are made here with fixed contents (seq, printf and a small linear
# congruential generator in awk), never /dev/urandom.  The programs run in a
# private temporary directory (mktemp -d, removed on exit) with a fixed,
# small environment (env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=...
# LC_ALL=C PYTHONDONTWRITEBYTECODE=1), their arguments relative to it.
# strace finds tar, gzip, ... in that PATH, so argv[0] is the bare name;
# python3 is the interpreter's own path (sys.executable), since a pyenv shim
# is a shell script.  The directory's random name shows up in -y paths.
# Pids, addresses and times differ at every recording.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
for p in strace tar gzip python3 curl ls cat pgrep awk seq env; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
STRACE=$(command -v strace)
# The interpreter itself, not a wrapper (a pyenv shim is a shell script).
PY=$(python3 -c 'import sys; print(sys.executable)')

T=$(mktemp -d "${TMPDIR:-/tmp}/models.XXXXXX")
spid=
cleanup() {
	if [ -n "$spid" ]; then
		kill "$spid" 2> /dev/null || true
		wait "$spid" 2> /dev/null || true
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

W=$T/work      # the traced programs' working directory
L=$T/logs      # the logs, moved beside this script once all are checked
mkdir "$W" "$L" "$T/home"
cd "$W"

# run CMD...: the command with the fixed environment.
run() {
	env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$T/home" LC_ALL=C PYTHONDONTWRITEBYTECODE=1 "$@"
}

# gen FILE N SEED: N numbers (16 a line, 4 hex digits each) from the linear
# congruential generator x = (x * 25173 + 13849) mod 65536 started at SEED;
# exact in any awk (the numbers stay below 2^31).
gen() {
	awk -v n="$2" -v x="$3" 'BEGIN {
		for (i = 0; i < n; i++) {
			x = (x * 25173 + 13849) % 65536
			printf "%04x%s", x, (i % 16 == 15 ? "\n" : " ")
		}
		if (n % 16) printf "\n"
	}' > "$1"
}

# text FILE N WORD: N lines "WORD line I".
text() {
	seq -f "$3 line %g" 1 "$2" > "$1"
}

# --- inputs ---------------------------------------------------------------

# tar: a different directory per run.
mkdir alpha
text alpha/notes.txt 200 alpha

mkdir bravo
text bravo/readme.txt 10 bravo
gen bravo/table.dat 2000 7
printf 'key=value\nmode=fast\n' > bravo/config.ini

mkdir -p charlie/src charlie/doc
text charlie/src/main.c 300 main
text charlie/src/util.c 120 util
text charlie/src/util.h 12 header
text charlie/doc/guide.md 80 guide
gen charlie/doc/figure.bin 5000 11
printf 'charlie\n' > charlie/VERSION

mkdir delta
for i in $(seq 1 12); do
	text "delta/part-$i.txt" $((i * 7)) "part$i"
done

mkdir echo
gen echo/big.dat 40000 3
: > echo/empty
ln -s big.dat echo/link-to-big

# tar -k: smaller.
mkdir kilo
text kilo/one.txt 30 kilo
gen kilo/two.dat 600 5

mkdir -p lima/sub
for i in 1 2 3; do text "lima/file$i.txt" $((i * 20)) lima; done
gen lima/sub/deep.dat 900 13

mkdir mike
text mike/only.txt 50 mike

# gzip: a different file per run.
text letters.txt 40 letter
gen numbers.dat 3000 17
: > empty.txt
gen large.dat 120000 23
text report.log 5000 report
# gzip -k: smaller.
text kfirst.txt 60 kfirst
gen ksecond.dat 30000 29
text kthird.log 20000 kthird

# http: a different site per run.
mkdir site1 site2 site3
text site1/a.txt 20 a
gen site1/b.dat 1500 31
printf '<html><body><p>page one</p></body></html>\n' > site2/index.html
gen site2/data.bin 20000 37
text site2/notes.txt 300 notes
text site3/hello.txt 3 hello
gen site3/blob.dat 6000 41

# ls / cat: the negative examples.
mkdir listing
text listing/first.txt 5 first
gen listing/second.dat 100 43
mkdir listing/subdir

# --- recording ------------------------------------------------------------

# Programs whose output is not wanted write it here (tar as ../out).
out=$T/out
mkdir "$out"

i=0
for d in alpha bravo charlie delta echo; do
	i=$((i + 1))
	run "$STRACE" -f -y -o "$L/tar-$i.log" tar -cf "../out/$d.tar" "$d"
done

i=0
for f in letters.txt numbers.dat empty.txt large.dat report.log; do
	i=$((i + 1))
	run "$STRACE" -f -y -o "$L/gzip-$i.log" gzip -c "$f" > "$out/$f.gz"
done

# -k (stack traces): only if this strace prints frames.
if run "$STRACE" -k -o "$T/k.log" true > /dev/null 2>&1 && grep -q '^ > ' "$T/k.log"; then
	stack=yes
	i=0
	for d in kilo lima mike; do
		i=$((i + 1))
		run "$STRACE" -f -k -o "$L/tar-k-$i.log" tar -cf "../out/$d.tar" "$d"
	done
	i=0
	for f in kfirst.txt ksecond.dat kthird.log; do
		i=$((i + 1))
		run "$STRACE" -f -k -o "$L/gzip-k-$i.log" gzip -c "$f" > "$out/$f.gz"
	done
else
	stack=no
	echo "record.sh: strace -k prints no stack frames here; tar-k-*.log and gzip-k-*.log skipped" >&2
fi
rm -f "$T/k.log"

# listening PORT: whether something listens on 127.0.0.1:PORT (or any
# address) over TCP, from /proc/net/tcp (no request is made).
listening() {
	awk -v p="$(printf ':%04X' "$1")" '
		NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { f = 1 }
		END { exit !f }' /proc/net/tcp /proc/net/tcp6 2> /dev/null
}

# http N DIR PATH...: serves DIR with python3 -m http.server under strace
# into http-server-N.log, fetches the PATHs with one curl under strace into
# http-client-N.log, stops the server with SIGINT (python then exits 0).
# The server is started with SIGINT at its default (env --default-signal):
# a background job of a non-interactive shell has it ignored, and python
# keeps an ignored SIGINT ignored.
http() {
	n=$1 dir=$2; shift 2
	port=$((18000 + n))
	tries=0
	while :; do
		while listening "$port"; do port=$((port + 1)); done
		# A simple command, not the function run: $! is then strace's pid.
		env -i --default-signal=INT PATH=/usr/local/bin:/usr/bin:/bin HOME="$T/home" LC_ALL=C \
			PYTHONDONTWRITEBYTECODE=1 \
			"$STRACE" -f -y -o "$L/http-server-$n.log" \
			"$PY" -m http.server "$port" --bind 127.0.0.1 --directory "$dir" \
			> "$T/server-$n.out" 2>&1 &
		spid=$!
		k=0
		while [ $k -lt 100 ] && ! listening "$port" && kill -0 "$spid" 2> /dev/null; do
			sleep 0.1
			k=$((k + 1))
		done
		if listening "$port" && kill -0 "$spid" 2> /dev/null; then
			break
		fi
		# Taken meanwhile, or the server did not start: try the next port.
		kill "$spid" 2> /dev/null || true
		wait "$spid" 2> /dev/null || true
		spid=
		tries=$((tries + 1))
		if [ $tries -ge 5 ]; then
			echo "record.sh: http.server did not listen (see below)" >&2
			cat "$T/server-$n.out" >&2
			exit 1
		fi
		port=$((port + 1))
	done
	urls=
	for p in "$@"; do
		urls="$urls -o /dev/null http://127.0.0.1:$port/$p"
	done
	# shellcheck disable=SC2086
	run "$STRACE" -f -y -o "$L/http-client-$n.log" curl -s $urls
	# The server, strace's only child.
	pypid=$(pgrep -P "$spid")
	case $pypid in
	''|*[!0-9]*) echo "record.sh: no single server process under strace ($pypid)" >&2; exit 1 ;;
	esac
	kill -INT "$pypid"
	k=0
	while kill -0 "$spid" 2> /dev/null && [ $k -lt 100 ]; do
		sleep 0.1
		k=$((k + 1))
	done
	wait "$spid"
	spid=
	echo "$port" > "$T/port-$n"
}

http 1 site1 a.txt b.dat
http 2 site2 index.html data.bin notes.txt
http 3 site3 hello.txt blob.dat missing.txt

run "$STRACE" -f -y -o "$L/ls-1.log" ls -l listing > "$out/ls.out"
run "$STRACE" -f -y -o "$L/cat-1.log" cat listing/first.txt > "$out/cat.out"

# --- checks ---------------------------------------------------------------

# Every log non-empty, its last line (frames aside) the main process's (the
# pid of its first line) "+++ exited with 0 +++".
bad=0
for f in "$L"/*.log; do
	if [ ! -s "$f" ]; then
		echo "record.sh: $(basename "$f") is empty" >&2; bad=1; continue
	fi
	main=$(awk 'NR == 1 { print $1; exit }' "$f")
	# With -k, strace 6.1 prints exit_group's stack frames (" > " lines)
	# after the "+++ exited" line: the last line that is not a frame.
	last=$(grep -v '^ > ' "$f" | tail -n 1)
	if [ "$last" != "$main  +++ exited with 0 +++" ] && [ "$last" != "$main +++ exited with 0 +++" ]; then
		echo "record.sh: $(basename "$f") ends with: $last" >&2; bad=1
	fi
done
[ $bad -eq 0 ] || exit 1

rm -f "$here"/*.log
mv "$L"/*.log "$here"/
for n in 1 2 3; do echo "http run $n: port $(cat "$T/port-$n")"; done
echo "stack traces (-k): $stack"
sh "$here/facts.sh" > "$here/facts.txt"
set -- "$here"/*.log
echo "recorded: $# logs, $(cat "$@" | wc -c | tr -d ' ') bytes"
