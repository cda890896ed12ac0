# tracemine diff, intersect and union against two independent oracles
# (issue 15): random resource-access traces, each line already canonical
# so that a trace's line is its access, evaluated by a brute-force awk
# script that knows every count and first line; and the members alone by
# sort and comm over "tracemine norm", on random traces and on recorded
# strace logs.  Traces of many accesses from a small universe become
# bitsets, small ones after them sorted ids: both forms meet in one call.
. "$(dirname "$0")/../lib.sh"

# gen SEED FILE N UNIVERSE: N random accesses from UNIVERSE names.
gen() {
	awk -v seed="$1" -v n="$3" -v u="$4" 'BEGIN {
		srand(seed)
		for (i = 0; i < n; i++) {
			k = int(rand() * u)
			if (k % 3 == 0)
				printf "Read Obj%d->f%d\n", k % 7, k
			else if (k % 3 == 1)
				printf "Set Obj%d->g%d %d\n", k % 5, k, k % 2
			else
				printf "Cmp x%d == y\n", k
		}
	}' > "$2"
}

# oracle OP MULTISET FILE...: what tracemine OP [-m] FILE... prints.
oracle() {
	op=$1 multi=$2
	shift 2
	awk -v op="$op" -v multi="$multi" '
	FNR == 1 { nf++; name[nf] = FILENAME }
	{
		if (!((nf, $0) in c)) first[nf, $0] = FNR
		c[nf, $0]++
		keys[$0] = 1
	}
	END {
		for (k in keys) {
			f0 = 0; best = 0; least = -1; others = 0; all = 1
			for (f = 1; f <= nf; f++) {
				n = (f, k) in c ? c[f, k] : 0
				if (n > 0 && f0 == 0) f0 = f
				if (n > best) best = n
				if (least < 0 || n < least) least = n
				if (f > 1) others += n
				if (n == 0) all = 0
			}
			if (op == "union") {
				cnt = multi ? best : c[f0, k]
			} else if (op == "intersect") {
				if (!all) continue
				cnt = multi ? least : c[1, k]
			} else {
				if (f0 != 1) continue
				if (multi) {
					if (others >= c[1, k]) continue
					cnt = c[1, k] - others
				} else {
					if (others > 0) continue
					cnt = c[1, k]
				}
			}
			printf "%s\t%d\t%s:%d\n", k, cnt, name[f0], first[f0, k]
		}
	}' "$@" | LC_ALL=C sort
}

cd "$T" || exit 99
cases=0
for seed in $(seq 1 25); do
	nf=$((2 + seed % 3))
	files=
	for f in $(seq 1 "$nf"); do
		# Now and then a big trace (a bitset), then small ones.
		if [ $(((seed + f) % 4)) -eq 0 ]; then n=3000 u=2000; else n=$(((seed * 7 + f * 13) % 60)) u=90; fi
		gen "$((seed * 10 + f))" "t$f.trace" "$n" "$u"
		files="$files t$f.trace"
	done
	for op in union intersect diff; do
		for m in 0 1; do
			opt=; [ "$m" = 1 ] && opt=-m
			# shellcheck disable=SC2086
			"$TM" "$op" $opt $files > got 2> err
			rc=$?
			# shellcheck disable=SC2086
			oracle "$op" "$m" $files > want
			want_rc=1; [ -s want ] || want_rc=0
			[ "$rc" = "$want_rc" ] || fail "seed $seed: $op $opt: exit $rc, expected $want_rc"
			if ! cmp -s want got; then
				fail "seed $seed: $op $opt$files differs from the oracle:"
				diff want got | head -n 5
			fi
			cases=$((cases + 1))
		done
	done
	# The members alone, by sort and comm.
	"$TM" norm t1.trace | LC_ALL=C sort -u > n1
	"$TM" norm t2.trace | LC_ALL=C sort -u > n2
	"$TM" intersect t1.trace t2.trace | cut -f1 > gi
	LC_ALL=C comm -12 n1 n2 > wi
	expect_file_eq "seed $seed: intersect by comm" wi gi
	"$TM" diff t1.trace t2.trace | cut -f1 > gd
	LC_ALL=C comm -23 n1 n2 > wd
	expect_file_eq "seed $seed: diff by comm" wd gd
done
expect_eq "cases run" 150 "$cases"

# Recorded strace logs: members by comm over their normalised accesses.
C=$CORPUS
if [ -d "$C" ]; then
	set -- "$C/echo-twice-1.log" "$C/weird-names.log"
	"$TM" norm "$1" | LC_ALL=C sort -u > n1
	"$TM" norm "$2" | LC_ALL=C sort -u > n2
	"$TM" union "$1" "$2" | cut -f1 > gu
	LC_ALL=C sort -u n1 n2 > wu
	expect_file_eq "strace union by sort" wu gu
	"$TM" intersect "$1" "$2" | cut -f1 > gi
	LC_ALL=C comm -12 n1 n2 > wi
	expect_file_eq "strace intersect by comm" wi gi
	"$TM" diff "$2" "$1" | cut -f1 > gd
	LC_ALL=C comm -23 n2 n1 > wd
	expect_file_eq "strace diff by comm" wd gd
fi
finish
