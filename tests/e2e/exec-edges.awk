# Exec edges of a strace -f log, by hand: "LINE<TAB>FROM<TAB>TO" for each
# succeeded execve but the log's first line (the program's own start).
# FROM is the image the process was in: its own last execve, else its
# parent's image when the clone/fork/vfork that made it returned, else
# "?" (a process whose start the log does not show).
function resolve(x) {
	while (substr(x, 1, 1) == "@")
		x = (substr(x, 2) in pimg) ? pimg[substr(x, 2)] : "?"
	return x
}
function result(s) { sub(/.* = /, "", s); return s }
function done_exec(pid) {
	if (pline[pid] != 1)
		edge[++n] = pline[pid] "\t" ((pid in cur) ? cur[pid] : "@" pid) \
		    "\t" pend[pid]
	cur[pid] = pend[pid]
}
{ pid = $1 }
/^[0-9]+ +execve\("/ {
	p = $0; sub(/^[0-9]+ +execve\("/, "", p); sub(/".*/, "", p)
	pend[pid] = p; pline[pid] = NR
	if ($0 !~ /unfinished \.\.\.>$/ && result($0) ~ /^0/)
		done_exec(pid)
	next
}
/^[0-9]+ +<\.\.\. execve resumed>/ {
	if (result($0) ~ /^0/)
		done_exec(pid)
	next
}
/^[0-9]+ +(clone3?\(|v?fork\(|<\.\.\. (clone3?|v?fork) resumed>)/ {
	if ($0 ~ /unfinished \.\.\.>$/)
		next
	c = result($0) + 0
	if (c > 0)
		pimg[c] = (pid in cur) ? cur[pid] : "@" pid
}
END {
	for (i = 1; i <= n; i++) {
		split(edge[i], f, "\t")
		print f[1] "\t" resolve(f[2]) "\t" f[3]
	}
}
