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

# survive WHAT COMMAND...: the command, bounded by 30 s, exits 0, 1 or 2
# (no fault, no hang).
survive() {
	what=$1; shift
	timeout 30 "$@" > /dev/null 2> "$T/err"
	rc=$?
	[ "$rc" -le 2 ] || fail "$what: exit $rc: $(head -c 300 "$T/err")"
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

## Class 2: what a policy, a platform file or an include names may be a
## device that never ends, a FIFO that never opens, or a directory.

mkfifo "$T/fifo" || fail "mkfifo"
mkdir "$T/dir"
for x in /dev/zero "$T/fifo" "$T/dir"; do
	case $x in
	/dev/zero) kind="is a character device" ;;
	*fifo) kind="is a FIFO" ;;
	*) kind="is a directory" ;;
	esac
	refuse "-p $x" "efsa-check: $x: $kind; only regular files are read" 	    "$C" -p "$x" "$T/one.log"
	refuse "-P $x" "efsa-check: $x: $kind; only regular files are read" 	    "$C" -P "$x" -p "$T/plain.pol" "$T/one.log"
	refuse "efsa-show -P $x" "efsa-show: $x: $kind; only regular files are read" 	    "$S" -P "$x" "$T/plain.pol"
	refuse "efsa-verify $x" "efsa-verify: $x: $kind; only regular files are read" 	    "$V" "$T/m.xml" "$x"
	# an include of a directory reads the files in it
	[ -d "$x" ] && continue
	printf 'profile x /bin/x {\n  include "%s"\n}\n' "$x" > "$T/inc.prof"
	refuse_all "include \"$x\"" "$T/inc.prof" \
	    "$T/inc.prof:2:1: include of $x: $x: $kind; only regular files are read"
done
# what a directory include holds is read, but not a FIFO in it
mkdir "$T/d"
printf '/etc/a r,\n' > "$T/d/a"
mkfifo "$T/d/b"
printf 'profile x /bin/x {\n  include "d"\n}\n' > "$T/dinc.prof"
refuse_all "a FIFO in an included directory" "$T/dinc.prof" \
    "$T/dinc.prof:2:1: include of $T/d/b: $T/d/b: is a FIFO; only regular files are read"

# An include cycle was skipped without a word: an error naming the chain.
printf 'profile x /bin/x {\n  include "b"\n}\n' > "$T/a.prof"
printf '/etc/b r,\ninclude "c"\n' > "$T/b"
printf '\n\ninclude "b"\n' > "$T/c"
refuse_all "an include cycle" "$T/a.prof" \
    "$T/c:3:1: include of $T/b makes a cycle: $T/b:2 includes $T/c, $T/c:3 includes $T/b"
# a file including itself
printf 'profile x /bin/x {\n  include "a.prof"\n}\n' > "$T/self.prof"
cp "$T/self.prof" "$T/a.prof"
refuse_all "a profile including itself" "$T/a.prof" \
    "$T/a.prof:2:1: include of $T/a.prof makes a cycle: $T/a.prof:2 includes $T/a.prof"
# a chain of 20 includes: at most 16 deep, the chain named
i=1
while [ $i -le 20 ]; do
	printf 'include "i%d"\n' $((i + 1)) > "$T/i$i"
	i=$((i + 1))
done
printf 'profile x /bin/x {\n  include "i1"\n}\n' > "$T/chain.prof"
timeout 30 "$C" -p "$T/chain.prof" "$T/one.log" > "$T/out" 2> "$T/err"
expect_eq "20 includes deep: status" 2 $?
expect_eq "20 includes deep: stdout" "" "$(cat "$T/out")"
grep -q "^efsa-check: $T/i15:1:1: includes nested too deeply: expected at most 16 levels, found more: $T/chain.prof:2 includes $T/i1, $T/i1:1 includes $T/i2, .*, $T/i15:1 includes $T/i16\$" "$T/err" ||
    fail "20 includes deep: the chain is named"
# a directory of 5,000 files
mkdir "$T/many"
awk -v d="$T/many" 'BEGIN { for (i = 0; i < 5000; i++) print "/f" i " r," > (d "/f" i) }'
printf 'profile x /bin/x {\n  include "many"\n}\n' > "$T/many.prof"
refuse_all "5,000 files included" "$T/many.prof" \
    "$T/many.prof:2:1: include of $T/many: $T/many: more than 4096 files; not read"
# a diamond (two files including one) is no cycle
printf 'profile x /bin/x {\n  include "l"\n  include "r"\n}\n' > "$T/diamond.prof"
printf 'include "z"\n' > "$T/l"
printf 'include "z"\n' > "$T/r"
printf '/etc/z r,\n' > "$T/z"
accept "a diamond of includes" "$C" -p "$T/diamond.prof" "$T/one.log"

## Class 3: patterns and variables that were silently taken.

# an unterminated set matched nothing
printf 'open(p) | p ~ "/etc/[a-";\n' > "$T/set.pol"
refuse_all "'[a-' in a policy" "$T/set.pol" \
    "$T/set.pol:1:21: expected ']' to close the set '[a-', found the end of the pattern"
printf 'open(p) | p ~ "/etc/{a,b";\n' > "$T/group.pol"
refuse_all "'{a,b' in a policy" "$T/group.pol" \
    "$T/group.pol:1:21: expected '}' to close the alternatives '{a,b', found the end of the pattern"
printf 'profile x /bin/x {\n  /etc/[a- r,\n}\n' > "$T/set.prof"
refuse_all "'[a-' in a profile" "$T/set.prof" \
    "$T/set.prof:2:8: expected ']' to close the set '[a-', found the end of the pattern"
printf '@{S}=/etc/[a-\nprofile x /bin/x {\n  @{S} r,\n}\n' > "$T/setvar.prof"
refuse_all "'[a-' through a variable" "$T/setvar.prof" \
    "$T/setvar.prof:3:3: expected ']' to close the set '[a-}', found the end of the pattern"

# Recursive variables left a literal "@{A}" in the rule after 8 rounds.
printf '@{A}=@{B}\n@{B}=/x/@{A}\nprofile x /bin/x {\n  @{A}/y r,\n}\n' > "$T/rec.prof"
refuse_all "@{A} and @{B} defined by each other" "$T/rec.prof" \
    "$T/rec.prof:4:3: variable @{A} is defined in terms of itself: @{A} ($T/rec.prof:1) -> @{B} ($T/rec.prof:2) -> @{A}"
printf '@{A}=/x/@{A}\nprofile x /bin/x {\n  @{A}/y r,\n}\n' > "$T/self.prof"
refuse_all "@{A} defined by itself" "$T/self.prof" \
    "$T/self.prof:3:3: variable @{A} is defined in terms of itself: @{A} ($T/self.prof:1) -> @{A}"
# ... and one that doubles 40 times would have been 2^40 bytes
{ echo '@{V0}=x y'; i=1; while [ $i -le 40 ]; do echo "@{V$i}=@{V$((i - 1))}@{V$((i - 1))}"; i=$((i + 1)); done
  printf 'profile x /bin/x {\n  /@{V40} r,\n}\n'; } > "$T/exp.prof"
refuse_all "a variable doubled 40 times" "$T/exp.prof" \
    "$T/exp.prof:43:3: expected a pattern of at most 4096 bytes, found more once @{V40} is expanded"
# an undefined variable, and one not closed
printf 'profile x /bin/x {\n  /a/@{NOPE}/b r,\n}\n' > "$T/undef.prof"
refuse_all "an undefined variable" "$T/undef.prof" \
    "$T/undef.prof:2:3: unknown variable @{NOPE}"
printf 'profile x /bin/x {\n  /a/@{HOME r,\n}\n' > "$T/open.prof"
refuse_all "a variable not closed" "$T/open.prof" \
    "$T/open.prof:2:3: expected '}' to close the variable '@{HOME', found the end of the rule"
# profiles and hats nested 300 deep
{ i=0; while [ $i -lt 300 ]; do echo "profile p$i /bin/p$i {"; i=$((i + 1)); done
  i=0; while [ $i -lt 300 ]; do echo "}"; i=$((i + 1)); done; } > "$T/nest.prof"
refuse_all "profiles nested 300 deep" "$T/nest.prof" \
    "$T/nest.prof:201:1: profiles nested too deeply: expected at most 200 levels, found more"

## The fuzz targets' seeds and the inputs that once crashed them: exit 0,
## 1 or 2, no fault (make check SAN=1 runs this under the sanitizers).

# A fuzz_policy input is a policy.
for f in tests/fuzz/seeds-fuzz_policy/* tests/fuzz/regressions/policy-*; do
	[ -e "$f" ] || continue
	survive "$f (efsa-show)" "$S" "$f"
	survive "$f (efsa-check -p)" "$C" -p "$f" "$T/one.log"
done
# A fuzz_apparmor input is a file system (fuzz_apparmor.c): the profile up
# to the first line "== NAME", then the file NAME up to the next; dev and
# fifo are a character device and a FIFO.  Here the files are made on
# disk, except those whose names hold characters other than letters,
# digits and "._+-/" or a "..", which are dropped.
replay() {
	rm -rf "$2" && mkdir -p "$2" && ln -s /dev/zero "$2/dev" &&
	    mkfifo "$2/fifo" || return 1
	awk -v d="$2" '
	function start(name) {
		if (out != "")
			close(out)
		out = ""
		if (name !~ /^[A-Za-z0-9._+\/-]+$/ || name ~ /(^|\/)\.\.(\/|$)/ ||
		    name == "dev" || name == "fifo")
			return
		out = d "/" name
		if (system("mkdir -p \"$(dirname \"" out "\")\" 2>/dev/null && " \
		    "! [ -d \"" out "\" ]") != 0) {
			out = ""
			return
		}
		printf "" > out
	}
	BEGIN { start("profile") }
	/^== / { start(substr($0, 4)); next }
	{ if (out != "") print >> out }' "$1"
}
for f in tests/fuzz/seeds-fuzz_apparmor/* tests/fuzz/regressions/apparmor-*; do
	[ -e "$f" ] || continue
	replay "$f" "$T/fz" 2>/dev/null || { fail "$f: not replayed"; continue; }
	survive "$f (efsa-check -p)" "$C" -A "$T/fz" -p "$T/fz/profile" "$T/one.log"
	survive "$f (efsa-verify)" "$V" -A "$T/fz" "$T/m.xml" "$T/fz/profile"
done

finish
