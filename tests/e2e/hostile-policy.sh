# Hostile policies, platform files and AppArmor profiles (issue 9): each
# class of input that once crashed, hung, ate memory or was silently
# accepted by efsa-check -p/-P, efsa-show or efsa-verify must now exit 2
# with nothing on stdout and "FILE:LINE:COL: message" on stderr.  Every
# run is bounded by timeout, so a hang fails rather than blocks.
. "$(dirname "$0")/../lib.sh"

C="$TOP/$BIN/efsa-check" S="$TOP/$BIN/efsa-show" V="$TOP/$BIN/efsa-verify"
L="$TOP/$BIN/efsa-learn"
case $BIN in /*) C="$BIN/efsa-check" S="$BIN/efsa-show" V="$BIN/efsa-verify"
	L="$BIN/efsa-learn" ;; esac

printf 'close(3) = 0\nopenat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3\n' > "$T/one.log"
"$L" -q -o "$T/m.xml" "$T/one.log" || fail "efsa-learn on a two-line log"

# refuse WHAT MESSAGE COMMAND...: the command, bounded by 30 s, exits 2
# with nothing on stdout and exactly MESSAGE on stderr.
refuse() {
	what=$1 want=$2; shift 2
	timeout 30 "$@" > "$T/out" 2> "$T/err"
	rc=$?
	expect_eq "$what: status" 2 "$rc"
	expect_eq "$what: stdout" "" "$(cat "$T/out")"
	expect_eq "$what: message" "$want" "$(cat "$T/err")"
}

# refuse_all WHAT FILE MESSAGE: the policy FILE is refused with MESSAGE
# (without the tool's name) by efsa-check -p, efsa-show and efsa-verify.
refuse_all() {
	refuse "$1 (efsa-check -p)" "efsa-check: $3" "$C" -p "$2" "$T/one.log"
	refuse "$1 (efsa-show)" "efsa-show: $3" "$S" "$2"
	refuse "$1 (efsa-verify)" "efsa-verify: $3" "$V" "$T/m.xml" "$2"
}

# accept WHAT COMMAND...: the command, bounded by 30 s, exits 0 or 1.
accept() {
	what=$1; shift
	timeout 30 "$@" > "$T/out" 2> "$T/err"
	rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "$what: exit $rc: $(head -c 300 "$T/err")"
}

# rep N TEXT: TEXT N times.
rep() { awk -v n="$1" -v s="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'; }

## Class 1: nesting and repetition in the policy language.

# 80,000 '!' and 100,000 '(' in a condition ran the recursive descent out
# of stack (SIGSEGV): one budget of 200 levels, the error at the token
# past it (column 11 + 200).
{ printf 'open(p) | '; rep 80000 '!'; printf 'p == "x";\n'; } > "$T/nots.pol"
refuse_all "80,000 '!'" "$T/nots.pol" \
    "$T/nots.pol:1:211: a condition nested too deeply: expected at most 200 levels, found more"
{ printf 'open(p) | '; rep 100000 '('; printf 'p == "x"'; rep 100000 ')'; echo ';'; } > "$T/parens.pol"
refuse_all "100,000 '(' in a condition" "$T/parens.pol" \
    "$T/parens.pol:1:211: a condition nested too deeply: expected at most 200 levels, found more"
# in a pattern, '(' shares the budget with the conditions inside it
{ rep 150 '('; printf 'open(p) | '; rep 100 '('; printf 'p == "x"'; rep 100 ')'; rep 150 ')'; echo ';'; } > "$T/mixed.pol"
refuse_all "150 '(' of patterns around 100 of conditions" "$T/mixed.pol" \
    "$T/mixed.pol:1:211: a condition nested too deeply: expected at most 200 levels, found more"
{ rep 100000 '('; printf 'open(p)'; rep 100000 ')'; echo ';'; } > "$T/pparens.pol"
refuse_all "100,000 '(' in a pattern" "$T/pparens.pol" \
    "$T/pparens.pol:1:201: a pattern nested too deeply: expected at most 200 levels, found more"
# the same in a platform file (-P) and in a property's check
{ printf 'Deep(p) = open(p) | '; rep 80000 '!'; printf 'p == "x";\n'; } > "$T/deep.platform"
printf 'open(p);\n' > "$T/plain.pol"
refuse "80,000 '!' in a platform file" \
    "efsa-check: $T/deep.platform:1:221: a condition nested too deeply: expected at most 200 levels, found more" \
    "$C" -P "$T/deep.platform" -p "$T/plain.pol" "$T/one.log"
{ printf 'property P:\n    check open(p) | '; rep 80000 '('; printf 'p == "x"'; rep 80000 ')'; printf ';\npolicy X = P;\n'; } > "$T/prop.pol"
refuse_all "80,000 '(' in a property" "$T/prop.pol" \
    "$T/prop.pol:2:221: a condition nested too deeply: expected at most 200 levels, found more"

# 80,000 postfix '*' nested as many nodes (SIGSEGV), 8,000 took 4 s to
# compile: stacked operators are one, so any***...* is any*, and
# open(p)+?+?...+? is open(p)*.
printf 'any* . open(p)*;\n' > "$T/star.pol"
{ printf 'any'; rep 80000 '*'; printf ' . open(p)'; rep 80000 '+?'; echo ';'; } > "$T/stars.pol"
timeout 10 "$S" "$T/star.pol" > "$T/star.out" 2>&1
timeout 10 "$S" "$T/stars.pol" > "$T/stars.out" 2>&1
expect_eq "80,000 '*': status" 0 $?
expect_file_eq "80,000 '*' against one" "$T/star.out" "$T/stars.out"

# Chains of 100,000 '&&', '.' and '||' built trees as deep as long, which
# the recursive walks over them could not (SIGSEGV for '.' and '||'):
# they are balanced now, and read.
{ printf 'open(p) | p != "x"'; rep 100000 ' && p != "x"'; echo ';'; } > "$T/and.pol"
{ printf 'open(p)'; rep 100000 ' . open(p)'; echo ';'; } > "$T/seq.pol"
{ printf 'open(p)'; rep 100000 ' || open(p)'; echo ';'; } > "$T/alt.pol"
for f in and seq alt; do
	accept "100,000 of $f (efsa-check -p)" "$C" -p "$T/$f.pol" "$T/one.log"
	accept "100,000 of $f (efsa-verify)" "$V" "$T/m.xml" "$T/$f.pol"
done

# A pattern whose automaton is quadratic in it (each 'open(p)?' skips to
# all those after it): a bound on the work of compiling it.
{ printf 'open(p)'; rep 3000 ' . open(p)?'; echo ';'; } > "$T/opt.pol"
refuse_all "3,000 optional events" "$T/opt.pol" \
    "$T/opt.pol:1:1: rule rule1: expected a pattern whose automaton takes at most 10000000 steps to build, found a larger one"

finish
