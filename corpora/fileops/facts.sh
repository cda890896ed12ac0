#!/bin/sh
# facts.sh [LABELS]: checks the labels of this folder against the logs
# with grep alone (no tracemine): a log labelled with an operation holds
# the system call that performs it, returning success, and a log not
# labelled with it does not hold that call at all.  LABELS is all.txt when
# none is given.  Prints one line per disagreement and "N logs checked";
# exits 1 on any disagreement, 2 when a log cannot be read.
#
# The key call of each operation, as coreutils 9.1 and dash 0.5.12 make
# it (a line "PID  CALL(...) = RESULT" of strace -f; -y adds <path> after
# descriptors, which the patterns allow):
#
#   Create   touch's utimensat(0, NULL, NULL, 0) = 0
#   Write    the shell's openat(..., O_WRONLY|O_CREAT|O_APPEND, 0666) = FD
#   Read     cat's read of a prepared file, which record.sh fills with
#            "text of NAME" (cp copies with copy_file_range: no read)
#   Rename   renameat2 / renameat / rename = 0
#   Delete   unlinkat(..., 0) / unlink = 0
#   Copy     cp's openat(..., O_WRONLY|O_CREAT|O_EXCL, ...) = FD
#   Chmod    fchmodat / chmod = 0
#   Link     linkat / link = 0
#   Symlink  symlinkat / symlink = 0
#   Mkdir    mkdirat / mkdir = 0
#   Rmdir    rmdir / unlinkat(..., AT_REMOVEDIR) = 0
#   List     ls's getdents64 returning entries (> 0)
set -u
here=$(cd "$(dirname "$0")" && pwd)
labels=${1:-$here/all.txt}
dir=$(cd "$(dirname "$labels")" && pwd)
export LC_ALL=C

# key LABEL: the ERE of LABEL's call
key() {
	p='^[0-9]+ +'
	case $1 in
	Create)  echo "${p}utimensat\\(.*\\) += 0\$" ;;
	Write)   echo "${p}openat\\(.*O_WRONLY\\|O_CREAT\\|O_APPEND, 0666\\) += [0-9]" ;;
	Read)    echo "${p}read\\([0-9]+(<[^>]*>)?, \"text of .*\\) += [1-9]" ;;
	Rename)  echo "${p}(renameat2|renameat|rename)\\(.*\\) += 0\$" ;;
	Delete)  echo "${p}(unlinkat\\(.*, 0\\)|unlink\\(.*\\)) += 0\$" ;;
	Copy)    echo "${p}openat\\(.*O_WRONLY\\|O_CREAT\\|O_EXCL.*\\) += [0-9]" ;;
	Chmod)   echo "${p}(fchmodat|chmod)\\(.*\\) += 0\$" ;;
	Link)    echo "${p}(linkat|link)\\(.*\\) += 0\$" ;;
	Symlink) echo "${p}(symlinkat|symlink)\\(.*\\) += 0\$" ;;
	Mkdir)   echo "${p}(mkdirat|mkdir)\\(.*\\) += 0\$" ;;
	Rmdir)   echo "${p}(rmdir\\(.*\\)|unlinkat\\(.*AT_REMOVEDIR\\)) += 0\$" ;;
	List)    echo "${p}getdents64\\(.*\\) += [1-9]" ;;
	esac
}
ALL='Create Write Read Rename Delete Copy Chmod Link Symlink Mkdir Rmdir List'

tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp" "$tmp.l"' EXIT
n=0 bad=0
grep -v '^[[:space:]]*#' "$labels" | grep -v '^[[:space:]]*$' > "$tmp.l"
while read -r log rest; do
	log=${log%:}
	zcat "$dir/$log" > "$tmp" || { echo "facts.sh: cannot read $log" >&2; exit 2; }
	n=$((n + 1))
	for l in $ALL; do
		case " $rest " in
		*" $l "*) grep -Eq "$(key "$l")" "$tmp" ||
		    { echo "$log: labelled $l but no $l call"; bad=$((bad + 1)); } ;;
		*) ! grep -Eq "$(key "$l")" "$tmp" ||
		    { echo "$log: not labelled $l but holds: $(grep -Em1 "$(key "$l")" "$tmp")"; bad=$((bad + 1)); } ;;
		esac
	done
done < "$tmp.l"
rm -f "$tmp.l"
echo "$n logs checked"
[ "$bad" -eq 0 ]
