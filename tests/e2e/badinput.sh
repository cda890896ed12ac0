# Malformed and hostile input: exit 2 with file:line:col, nothing on stdout,
# no crash, no hang (each run is bounded by timeout).
. "$(dirname "$0")/../lib.sh"

run() { timeout 60 "$TM" "$@"; }

# Not an strace log at all.
printf 'hello world\nthis is not a log\n' > "$T/notlog.txt"
run stats "$T/notlog.txt" > "$T/out" 2> "$T/err"
expect_eq "not a log: status" 2 $?
expect_eq "not a log: stdout" "" "$(cat "$T/out")"
expect_eq "not a log: message" \
    "tracemine: $T/notlog.txt:1:1: expected a system call, signal or exit line, found \"hello world\"" \
    "$(cat "$T/err")"

# In every format of every command: nothing on stdout.
for fmt in text tsv json xml; do
	for sub in stats norm; do
		run $sub -f $fmt "$T/notlog.txt" > "$T/out" 2>/dev/null
		expect_eq "not a log: $sub -f $fmt: status" 2 $?
		expect_eq "not a log: $sub -f $fmt: stdout" "" "$(cat "$T/out")"
	done
done

# The same through diff: no partial result.
run diff "$T/notlog.txt" "$T/notlog.txt" > "$T/out" 2>/dev/null
expect_eq "diff of non-logs: status" 2 $?
expect_eq "diff of non-logs: stdout" "" "$(cat "$T/out")"

# A missing file, and stdin named twice.
run stats "$T/missing.log" > "$T/out" 2> "$T/err"
expect_eq "missing file: status" 2 $?
expect_eq "missing file: message" \
    "tracemine: $T/missing.log: No such file or directory" "$(cat "$T/err")"
run diff - - < /dev/null > /dev/null 2> "$T/err"
expect_eq "stdin twice: status" 2 $?

# A log with a garbage line in the middle: a warning naming the line and
# column, the events around it counted; --strict makes it an error.
printf 'close(3) = 0\n@@@ garbage\nclose(4) = 0\n' > "$T/mixed.log"
run stats "$T/mixed.log" > "$T/out" 2> "$T/err"
expect_eq "garbage line: status" 0 $?
expect_eq "garbage line: events" "events 2" "$(grep '^events' "$T/out")"
expect_eq "garbage line: warning" \
    "tracemine: $T/mixed.log:2:1: expected a system call, signal or exit line, found \"@@@ garbage\"; skipped" \
    "$(cat "$T/err")"
run stats --strict "$T/mixed.log" > "$T/out" 2>/dev/null
expect_eq "garbage line, strict: status" 2 $?
expect_eq "garbage line, strict: stdout" "" "$(cat "$T/out")"

# Random bytes, NUL bytes, unbalanced quotes and brackets, deep nesting,
# numbers that overflow, a 10 MiB line: no crash, exit 0 or 2.
head -c 200000 /dev/urandom > "$T/random.bin"
printf 'read(3, "\0\0\0", 3) = 3\nopenat(AT_FDCWD, "/a\0b", O_RDONLY) = 3\n' > "$T/nul.log"
printf 'write(1, "unbalanced, 5) = 5\nread(3, {{{{[[[[(((, 1) = 1\n' > "$T/unbal.log"
awk 'BEGIN { s = "ioctl(3, "; for (i = 0; i < 5000; i++) s = s "{a=["; print s ") = 0" }' > "$T/deep.log"
printf 'read(99999999999999999999999, "x", 184467440737095516160) = 99999999999999999999999\n' > "$T/big.log"
printf 'close(3) = 0\n' > "$T/long.log"
head -c 10485760 /dev/zero | tr '\0' 'a' >> "$T/long.log"
printf '\nclose(4) = 0\n' >> "$T/long.log"
for f in random.bin nul.log unbal.log deep.log big.log long.log; do
	for sub in stats norm; do
		run "$sub" "$T/$f" > /dev/null 2>&1
		rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 2 ] || fail "$sub $f: exit $rc"
	done
done
run stats "$T/long.log" 2>/dev/null | grep '^events' > "$T/out"
expect_eq "10 MiB line: events around it" "events 2" "$(cat "$T/out")"
run stats "$T/big.log" 2>/dev/null | grep '^calls' > "$T/out"
expect_eq "overflowing numbers: the call is read" "calls read 1" "$(cat "$T/out")"

# A last line cut short: a warning, the call kept.
printf 'close(3) = 0\nopenat(AT_FDCWD, "/et' > "$T/cut.log"
run stats "$T/cut.log" > "$T/out" 2> "$T/err"
expect_eq "cut line: status" 0 $?
expect_eq "cut line: events" "events 2" "$(grep '^events' "$T/out")"
expect_eq "cut line: unreturned" "unreturned 1" "$(grep '^unreturned' "$T/out")"
grep -q "$T/cut.log:2:.*last line cut short" "$T/err" || fail "cut line: no warning: $(cat "$T/err")"

# 5000 distinct call names: each counted; and, under make check SAN=1,
# nothing leaked (g_intern_string leaked GLib's quark arrays past 2048).
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "call%d(3) = 0\n", i }' > "$T/names.log"
run stats "$T/names.log" > "$T/out" 2> "$T/err"
expect_eq "5000 names: status" 0 $?
expect_eq "5000 names: calls" 5000 "$(grep -c '^calls call' "$T/out")"

# Inputs that once crashed the fuzz targets: exit 0 or 2, no fault (the
# sanitizers of make check SAN=1 make a fault fail the run).
for f in tests/fuzz/regressions/*; do
	[ -e "$f" ] || continue
	run stats "$f" > /dev/null 2>&1
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 2 ] || fail "regression $f: exit $rc"
	run norm "$f" > /dev/null 2>&1
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 2 ] || fail "regression $f (norm): exit $rc"
done

finish
