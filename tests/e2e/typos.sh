# Mistakes in policies (issue 11, deliverable 8): an unknown constant or
# event is an error at its line and column with the nearest known names,
# exit 2; every name the shipped policies, the platform interface and the
# docs use still reads.  Columns come from awk's index() on the file, the
# suggestions from a brute-force edit distance written here in awk over
# verify/constants.def (and, where a C compiler is present, each suggested
# name is checked to be a macro of the system headers).
. "$(dirname "$0")/../lib.sh"

C="$TOP/$BIN/efsa-check"
case $BIN in /*) C="$BIN/efsa-check" ;; esac
LOG="$TOP/corpora/runs/gzip-1.log"

# Every policy of corpora/policies reads (exit 0 or 1, never 2).
for pol in corpora/policies/*.pol; do
	"$C" -q -p "$pol" "$LOG" > /dev/null 2> "$T/err"
	rc=$?
	[ "$rc" -le 1 ] || fail "$pol: exit $rc: $(cat "$T/err")"
done
# The platform interface as a user platform file (-P) reads too: every
# constant in it is known.
"$C" -q -P verify/linux.platform -p corpora/policies/seed-nonet.pol "$LOG" \
    > /dev/null 2> "$T/err"
[ $? -le 1 ] || fail "verify/linux.platform as -P: $(cat "$T/err")"
# Every constant the docs, the platform and the policies write in an
# argument or a condition reads: one rule per name.
{
	sed 's/#.*//; s/"[^"]*"//g' verify/linux.platform corpora/policies/*.pol
	cat docs/policy-language.md
} | grep -oE '(has|==|!=|\(|,) *_*[A-Z][A-Z0-9]*_[A-Z0-9_]+' |
    sed -E 's/^(has|==|!=|\(|,) *//' | sort -u > "$T/names"
[ "$(wc -l < "$T/names")" -ge 8 ] || fail "few constants found: $(cat "$T/names")"
while read -r n; do
	printf 'rule R "r":\n    any* . (socket(d) | d == %s);\n' "$n" > "$T/one.pol"
	"$C" -q -p "$T/one.pol" "$LOG" > /dev/null 2> "$T/err"
	[ $? -le 1 ] || fail "constant $n of the docs: $(cat "$T/err")"
done < "$T/names"

# A variable spelled like a constant in lower case is a variable, and a
# parameter is a parameter: neither is a typo.
cat > "$T/param.pol" <<'EOF'
rule V "v":
    any* . (socket(af_inte) | af_inte == AF_INET);
property Limit(o_wrong):
    check RFileSystem.write(file, nbytes) | nbytes > o_wrong
        violation "more than " + o_wrong;
policy P = Limit(10);
EOF
expect_status "variables and parameters" 1 "$C" -q -p "$T/param.pol" "$LOG"

# The nearest names to $1 in verify/constants.def by optimal string
# alignment distance (transpositions count one), within a third of its
# length: sorted, at most three, as "A, B or C".
nearest() {
	sed 's/^"\(.*\)",$/\1/' verify/constants.def | awk -v w="$1" '
	function osa(a, b,   la, lb, i, j, d, c, x) {
		la = length(a); lb = length(b)
		for (i = 0; i <= la; i++) D[i, 0] = i
		for (j = 0; j <= lb; j++) D[0, j] = j
		for (i = 1; i <= la; i++)
			for (j = 1; j <= lb; j++) {
				c = substr(a, i, 1) != substr(b, j, 1)
				d = D[i - 1, j] + 1
				if (D[i, j - 1] + 1 < d) d = D[i, j - 1] + 1
				if (D[i - 1, j - 1] + c < d) d = D[i - 1, j - 1] + c
				if (i > 1 && j > 1 && substr(a, i, 1) == substr(b, j - 1, 1) &&
				    substr(a, i - 1, 1) == substr(b, j, 1) &&
				    D[i - 2, j - 2] + 1 < d)
					d = D[i - 2, j - 2] + 1
				D[i, j] = d
			}
		return D[la, lb]
	}
	BEGIN { max = int(length(w) / 3); if (max < 1) max = 1; best = max + 1 }
	{
		x = length($0) - length(w)
		if (x > max || -x > max) next
		d = osa(w, $0)
		if (d < best) { best = d; n = 0 }
		if (d == best) got[++n] = $0
	}
	END {
		if (best > max) exit
		# sort the ties (few) by insertion
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && got[j] < got[j - 1]; j--) {
				t = got[j]; got[j] = got[j - 1]; got[j - 1] = t
			}
		if (n > 3) n = 3
		s = got[1]
		for (i = 2; i <= n; i++) s = s (i == n ? " or " : ", ") got[i]
		print s
	}'
}

# typo POLICY-TEXT WORD: the policy is written to a file; the error must
# name WORD at the line and column where it stands, with the nearest names.
typo() {
	printf '%s\n' "$1" > "$T/typo.pol"
	"$C" -q -p "$T/typo.pol" "$LOG" > "$T/out" 2> "$T/err"
	rc=$?
	expect_eq "$2: status" 2 "$rc"
	where=$(awk -v w="$2" '{ i = index($0, w); if (i) { print NR ":" i; exit } }' \
	    "$T/typo.pol")
	near=$(nearest "$2")
	if [ -n "$near" ]; then
		want="efsa-check: $T/typo.pol:$where: unknown constant '$2' (did you mean $near?)"
	else
		want="efsa-check: $T/typo.pol:$where: unknown constant '$2'"
	fi
	expect_eq "$2: error" "$want" "$(cat "$T/err")"
	[ -s "$T/out" ] && fail "$2: output on stdout"
	echo "$near" >> "$T/suggested"
}

: > "$T/suggested"
typo 'rule R "r":
    any* . (NetSocket(d, t) | d == AF_INTE);' AF_INTE
typo '# a flag
rule W "w":
    any* . (openat(_, p, f) | f has O_WRONG);' O_WRONG
typo 'rule A "a": any* . (openat(_, p, O_CRAET));' O_CRAET
typo 'rule B "b":
    any* . (socket(d) | d != PF_LOCLA && d != AF_UNX);' PF_LOCLA
typo 'rule K "k": any* . (Kill(p, s) | s == SIGKIL);' SIGKIL
typo 'rule E "e": any* . (socket(d) | d == ENOENTT);' ENOENTT
typo 'rule F "f": any* . (openat(DIRFD_CWD, p));' DIRFD_CWD
typo 'rule Z "z": any* . (socket(d) | d == QQQQ_ZZZZ);' QQQQ_ZZZZ
typo 'property P(x):
    check FileWriteOp(p) | p ~ x;
policy Q = P(O_WRONG_NAME);' O_WRONG_NAME
expect_eq "AF_INTE: nearest" "AF_INET" "$(sed -n 1p "$T/suggested")"
expect_eq "O_WRONG: nearest" "O_WRONLY" "$(sed -n 2p "$T/suggested")"
expect_eq "O_CRAET: nearest" "O_CREAT" "$(sed -n 3p "$T/suggested")"
expect_eq "QQQQ_ZZZZ: nothing near" "" "$(sed -n 8p "$T/suggested")"
# the suggestions are macros of the system headers, as the compiler says
if command -v cc > /dev/null 2>&1; then
	printf '#include <fcntl.h>\n#include <errno.h>\n#include <signal.h>\n#include <sys/socket.h>\n' |
	    cc -D_GNU_SOURCE -E -dM -x c - 2>/dev/null | awk '{ print $2 }' > "$T/macros"
	tr ',' '\n' < "$T/suggested" | sed 's/ or /\n/; s/^ *//' | grep . |
	while read -r n; do
		grep -qx "$n" "$T/macros" || echo "$n" ; done > "$T/notmacro"
	[ -s "$T/notmacro" ] && fail "suggested but no macro: $(cat "$T/notmacro")"
fi

# A typo in a platform file (-P) is found the same way.
printf '# mine\nMyWrite(p) = openat(_, p, f) | f has O_TRUNK;\n' > "$T/my.platform"
"$C" -q -P "$T/my.platform" -p corpora/policies/seed-nonet.pol "$LOG" 2> "$T/err"
expect_eq "platform typo: status" 2 $?
expect_eq "platform typo" \
    "efsa-check: $T/my.platform:2:38: unknown constant 'O_TRUNK' (did you mean $(nearest O_TRUNK)?)" \
    "$(cat "$T/err")"

# Events: an unknown event or system call names the nearest events of the
# platform interface and calls of trace/syscalls.def.
printf 'rule W "w":\n    any* . FileWrteOp(p);\n' > "$T/ev.pol"
"$C" -q -p "$T/ev.pol" "$LOG" 2> "$T/err"
expect_eq "event typo: status" 2 $?
grep -q "^efsa-check: $T/ev.pol:2:12: unknown event 'FileWrteOp' (did you mean FileWriteOp?)" \
    "$T/err" || fail "event typo: $(cat "$T/err")"
printf 'rule W "w":\n    any* . opnat(_, p);\n' > "$T/ev.pol"
"$C" -q -p "$T/ev.pol" "$LOG" 2> "$T/err"
grep -q "^efsa-check: $T/ev.pol:2:12: unknown event 'opnat' (did you mean openat?)" \
    "$T/err" || fail "call typo: $(cat "$T/err")"
printf 'Mine(p) = unlnk(p);\n' > "$T/my.platform"
"$C" -q -P "$T/my.platform" -p corpora/policies/seed-nonet.pol "$LOG" 2> "$T/err"
grep -q "^efsa-check: $T/my.platform:1:11: unknown system call 'unlnk' (did you mean unlink?)" \
    "$T/err" || fail "platform call typo: $(cat "$T/err")"
finish
