# flip.awk: flips a share of the label assignments of a labels file, with
# a seeded linear congruential generator.  -v seed=N -v share=0.15
# -v dir=DIR (absolute folder of the traces).  Prints the new labels file
# on stdout and the flips on stderr ("drop TRACE LABEL", "add TRACE LABEL").
function rnd() { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648 }
/^[ \t]*#/ || /^[ \t]*$/ { next }
{
	t = $1; sub(/:$/, "", t); nt++; tr[nt] = t
	for (i = 2; i <= NF; i++) { has[nt, $i] = 1; na++; at[na] = nt; al[na] = $i; labels[$i] = 1 }
}
END {
	state = seed
	k = int(share * na + 0.5)
	for (n = 0; n < k; ) {
		j = 1 + int(rnd() * na)
		if (used[j]) continue
		used[j] = 1; n++
		tt = at[j]; l = al[j]
		delete has[tt, l]
		print "drop " tr[tt] " " l > "/dev/stderr"
		if (n % 2 == 0) {
			# moved: another trace, one without the label, gets it
			do { u = 1 + int(rnd() * nt) } while ((u, l) in has || u == tt)
			has[u, l] = 1
			print "add " tr[u] " " l > "/dev/stderr"
		}
	}
	for (i = 1; i <= nt; i++) {
		line = dir "/" tr[i] ":"
		for (l in labels) if ((i, l) in has) line = line " " l
		print line
	}
}
