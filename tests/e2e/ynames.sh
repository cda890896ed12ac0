# -y names everywhere: on the logs of corpora/models recorded with -y, the
# monitor sees every relative path argument as the directory -y printed
# for its dirfd (or for AT_FDCWD, the working directory) joined with the
# name, as awk works it out from the log; AppArmor checks on them report
# no relative name; on the logs recorded without -y (the -k ones), whose
# working directory nothing tells, the names stay relative and are said
# so.
. "$(dirname "$0")/../lib.sh"

C="$TOP/$BIN/efsa-check"
case $BIN in /*) C="$BIN/efsa-check" ;; esac
M="$TOP/corpora/models"
AA="$TOP/corpora/policies/apparmor"
D="$AA/etc/apparmor.d"

# Every call of these logs that names a file relatively: the policy
# reports each one with the name the rule saw.
cat > "$T/names.pol" <<'EOF'
rule Names "a name":
    any* . (openat(_, p) || newfstatat(_, p) || statx(_, p)
        || readlinkat(_, p) || creat(p) || getxattr(p) || lgetxattr(p));
EOF

# oracle LOG: "LINE NAME" for each call with a relative path: the -y
# directory of its dirfd, or the last AT_FDCWD decoration of its process
# for a call with no dirfd, joined with the name, "." and ".." folded.
oracle() {
	awk '
	function canon(p,   n, a, i, k, st, out) {
		n = split(p, a, "/"); k = 0
		for (i = 1; i <= n; i++) {
			if (a[i] == "" || a[i] == ".") continue
			if (a[i] == "..") { if (k > 0) k--; continue }
			st[++k] = a[i]
		}
		out = ""
		for (i = 1; i <= k; i++) out = out "/" st[i]
		return out == "" ? "/" : out
	}
	{
		pid = $1
		if (match($0, /AT_FDCWD<[^>]*>/))
			cwd[pid] = substr($0, RSTART + 9, RLENGTH - 10)
	}
	match($0, /^[0-9]+ +(openat|newfstatat|statx|readlinkat)\([A-Z_0-9]+<[^>]*>, "[^"\/][^"]*"/) {
		s = substr($0, RSTART, RLENGTH)
		sub(/^[0-9]+ +[a-z0-9]+\([A-Z_0-9]+</, "", s)
		dir = s; sub(/>, ".*/, "", dir)
		name = s; sub(/^[^>]*>, "/, "", name); sub(/"$/, "", name)
		print NR, canon(dir "/" name)
		next
	}
	match($0, /^[0-9]+ +(creat|getxattr|lgetxattr)\("[^"\/][^"]*"/) {
		s = substr($0, RSTART, RLENGTH)
		sub(/^[0-9]+ +[a-z]+\("/, "", s); sub(/"$/, "", s)
		if (pid in cwd) print NR, canon(cwd[pid] "/" s)
		else print NR, "unknown"
	}' "$1"
}

total=0
for log in "$M"/*.log; do
	b=$(basename "$log")
	grep -q 'AT_FDCWD<' "$log" || continue
	oracle "$log" > "$T/want"
	grep -q ' unknown$' "$T/want" && fail "$b: a relative name before any AT_FDCWD decoration"
	n=$(wc -l < "$T/want")
	total=$((total + n))
	# what the monitor saw, at the same lines: the call's first string
	"$C" -p "$T/names.pol" "$log" |
	    sed -n 's/^[^:]*:\([0-9]*\): pid [0-9]*: rule Names (a name): [a-z0-9]*([^"]*"\([^"]*\)".*/\1 \2/p' \
	    > "$T/all"
	awk 'NR == FNR { want[$1] = 1; next } $1 in want' "$T/want" "$T/all" > "$T/got"
	expect_file_eq "$b: resolved names" "$T/want" "$T/got"
	# AppArmor: no name left relative on a -y log
	"$C" -A "$D" -p "$AA/usr.bin.tar" "$log" > "$T/aa"
	grep -q 'Relative' "$T/aa" && fail "$b: AppArmor reports a relative name: $(grep -m 1 Relative "$T/aa")"
done
# the corpus has relative names to resolve: 111 of them in the -y logs
# (grep over the logs, the pattern of oracle)
want=$(grep -hcE '^[0-9]+ +((openat|newfstatat|statx|readlinkat)\([A-Z_0-9]+<[^>]*>, |(creat|getxattr|lgetxattr)\()"[^"/]' $(grep -l 'AT_FDCWD<' "$M"/*.log) |
    awk '{ s += $1 } END { print s }')
expect_eq "relative names in the -y logs" "$want" "$total"
[ "$total" -ge 100 ] || fail "only $total relative names in the -y logs"

# tar's archive, ../out/alpha.tar from the working directory, is under
# /tmp: the monitor places it with the AT_FDCWD decoration before it
line=$(grep -n 'creat("../out/alpha.tar"' "$M/tar-1.log" | cut -d: -f1)
cwd=$(grep -m 1 -o 'AT_FDCWD<[^>]*>' "$M/tar-1.log" | sed 's/AT_FDCWD<\(.*\)>/\1/')
"$C" -p "$T/names.pol" "$M/tar-1.log" > "$T/out"
grep -q "^$M/tar-1.log:$line: pid [0-9]*: rule Names (a name): creat(\"${cwd%/work}/out/alpha.tar\", 438) = 3\$" "$T/out" ||
    fail "tar-1: the archive's name: $(grep ":$line:" "$T/out")"

# Without -y nothing tells the working directory: tar-k-1's names stay
# relative, and AppArmor says each one cannot be checked, as the log gave
# it (tar's creat of its archive, its openat of the directory it walks,
# and the two files opened relative to that directory's fd)
grep -q 'AT_FDCWD<' "$M/tar-k-1.log" && fail "tar-k-1 has -y decorations"
grep -q 'getcwd(' "$M/tar-k-1.log" && fail "tar-k-1 has a getcwd"
"$C" -A "$D" -p "$AA/usr.bin.tar" "$M/tar-k-1.log" > "$T/out"
expect_eq "tar-k-1: AppArmor status" 1 $?
want=$(grep -cE '^[0-9]+ +(creat\("[^/]|openat\((AT_FDCWD|[0-9]+), "[^/])' "$M/tar-k-1.log")
expect_eq "tar-k-1: relative names said so" "$want" "$(grep -c 'Relative (a file [a-z]* by a relative name' "$T/out")"
grep -q 'creat("../out/kilo.tar", 438)' "$T/out" || fail "tar-k-1: the archive as given"

[ "$failures" -eq 0 ]
