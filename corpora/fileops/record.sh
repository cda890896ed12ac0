#!/bin/sh
# record.sh: records the file-operation experiments of this folder the way
# a researcher records them: each experiment is one `strace -f -o LOG sh -c
# '...'` of coreutils (and the shell's own >> write) on files prepared
# freshly for it, with file names of its own and in a folder of its own.
# Twelve operations are recorded alone, five times each (train.txt), in
# 26 combinations of two or three (heldout.txt), and three baselines that
# do nothing (`sh -c true`, `sh -c :`); all.txt holds both files.
#
# What changes from one experiment to the next, and what does not:
#
#   - the file and folder names: taken in turn from the fixed lists FILES
#     and DIRS below (three file names and two folder names per
#     experiment, whether it uses them or not), so the five runs of one
#     operation never share a name, and the script is reproducible;
#   - the folder: experiment K runs in
#       K mod 5 = 0, 3   /tmp/tmp.XXXXXXXXXX (a name in mktemp -d's style,
#                        made from the experiment's name: reproducible)
#                 1      $HOME/PLACE/EXPERIMENT (PLACE from HOMES below)
#                 2      /tmp/tmp.XXXXXXXXXX, the command starting with
#                        `cd SUB;` into a subfolder of it (SUBS below)
#                 4      $HOME/PLACE/EXPERIMENT, with `cd SUB;`
#     (the files are prepared where the operations run: in SUB when the
#     command cds there);
#   - strace's options: `-f -o LOG` for all; K mod 11 = 3 adds -y (paths
#     of descriptors), K mod 11 = 8 adds -s 256 (longer strings than the
#     default 32);
#   - chmod's mode and echo's words, from MODES and WORDS.
#
# In the templates below, @1 @2 @3 stand for the experiment's file names,
# %1 %2 for its folder names, @M for its mode and @W for its words.  PREP
# runs before strace starts, with sh, in the folder the operations run in.
#
# Run it from anywhere as root or not (it writes under /tmp and $HOME, and
# removes what it made); it rewrites every log and labels file here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace sh touch cat cp mv rm chmod ln mkdir rmdir ls gzip env \
    md5sum fold sed; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
: "${HOME:?record.sh: HOME is not set}"

FILES='report.txt a.out notes-2 data_7.csv main.c todo.md Makefile
backup.tar.gz .profile.bak index.html config.yaml photo_0042.JPG README
draft-v3.docx results.json x out.log script.sh 2024-06-01.txt core a1
temp~ log.1 Q3-summary.pdf thesis.tex keys.pem y.tab.c index.lock .env
cache.db music.flac list.tsv b foo bar.o zz_last invoice#12.txt
Vacation.png setup.py wget-log CHANGES'
DIRS='build out-3 photos src tmpdir_x New_Folder archive.d cache logs v2
.old sub-7 docs'
SUBS='work inbox 2024-06 proj data'
HOMES='Documents/tests work/fs-exp experiments scratch/tm'
MODES='600 644 755 u+x go-w 0400 640'
WORDS='more hello 42 line-two xyz done ok'
ALNUM=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789

# nth LIST N: the Nth word of LIST (from 1)
nth() {
	echo $1 | tr ' ' '\n' | sed -n "$2p"
}
nf=$(echo $FILES | wc -w)
nd=$(echo $DIRS | wc -w)

logs=$(mktemp -d /tmp/fileops-logs.XXXXXX)
made=''		# the folders under $HOME the experiments made
trap 'rm -rf "$logs"' EXIT
k=0		# the experiment's number, from 0
fi_=0		# the next name of FILES (from 0)
di=0		# the next name of DIRS

# fill TEMPLATE: TEMPLATE with the experiment's names
fill() {
	printf '%s\n' "$1" | sed -e "s|@1|$f1|g" -e "s|@2|$f2|g" \
	    -e "s|@3|$f3|g" -e "s|%1|$d1|g" -e "s|%2|$d2|g" \
	    -e "s|@M|$mode|g" -e "s|@W|$word|g"
}

# run NAME PREP COMMAND: experiment NAME (its log NAME.log.gz)
run() {
	f1=$(nth "$FILES" $((fi_ % nf + 1)))
	f2=$(nth "$FILES" $(((fi_ + 1) % nf + 1)))
	f3=$(nth "$FILES" $(((fi_ + 2) % nf + 1)))
	fi_=$((fi_ + 3))
	d1=$(nth "$DIRS" $((di % nd + 1)))
	d2=$(nth "$DIRS" $(((di + 1) % nd + 1)))
	di=$((di + 2))
	mode=$(nth "$MODES" $((k % 7 + 1)))
	word=$(nth "$WORDS" $((k % 7 + 1)))
	# a mktemp -d style name: ten letters and digits, from NAME
	rnd=$(printf '%s' "$1" | md5sum | cut -c1-20 | fold -w2 | while read -r h; do
		printf '%s' "$ALNUM" | cut -c$((0x$h % 62 + 1))
	done | tr -d '\n')
	case $((k % 5)) in
	0|3) top=/tmp/tmp.$rnd sub= ;;
	1) top=$HOME/$(nth "$HOMES" $((k % 4 + 1)))/$1 sub= ;;
	2) top=/tmp/tmp.$rnd sub=$(nth "$SUBS" $((k / 5 % 5 + 1))) ;;
	4) top=$HOME/$(nth "$HOMES" $((k % 4 + 1)))/$1 sub=$(nth "$SUBS" $((k / 5 % 5 + 1))) ;;
	esac
	case $top in "$HOME"/*) made="$made $top" ;; esac
	opts='-f'
	case $((k % 11)) in
	3) opts='-f -y' ;;
	8) opts='-f -s 256' ;;
	esac
	cmd=$(fill "$3")
	[ -z "$sub" ] || cmd="cd $sub; $cmd"
	rm -rf "$top"
	mkdir -p "$top/$sub"
	(cd "$top/$sub" && sh -c "$(fill "$2")")
	# stdin, stdout and stderr from /dev/null and to it, so that no
	# path of the recording machine is in the logs (-y shows them)
	(cd "$top" && env -i PATH=/usr/bin:/bin LC_ALL=C HOME="$HOME" \
	    strace $opts -o "$logs/$1.log" sh -c "$cmd" \
	    < /dev/null > /dev/null 2>&1) ||
	    { echo "record.sh: $1 failed: $cmd" >&2; exit 1; }
	gzip -9 -n -c "$logs/$1.log" > "$here/$1.log.gz"
	rm -f "$logs/$1.log"
	rm -rf "$top"
	printf '%s\t%s\t%s\t%s\n' "$1" "$opts" "$top" "$cmd" >> "$logs/what"
	k=$((k + 1))
}

# The prepared files: @1 a file of one line, %1 a folder with two files.
F='printf "%s\n" "text of @1" > @1'
D='mkdir %1 && printf "a\n" > %1/@2 && printf "b\n" > %1/@3'

rm -f "$here"/*.log.gz
: > "$logs/what"
# Each operation alone, five times.
for i in 1 2 3 4 5; do
	run create-$i	''	'touch @1'
	run write-$i	"$F"	'echo @W >> @1'
	run read-$i	"$F"	'cat @1'
	run rename-$i	"$F"	'mv @1 @2'
	run delete-$i	"$F"	'rm @1'
	run copy-$i	"$F"	'cp @1 @2'
	run chmod-$i	"$F"	'chmod @M @1'
	run link-$i	"$F"	'ln @1 @2'
	run symlink-$i	"$F"	'ln -s @1 @2'
	run mkdir-$i	''	'mkdir %1'
	run rmdir-$i	'mkdir %1'	'rmdir %1'
	run list-$i	"$D"	'ls %1'
done
run baseline-1	''	'true'
run baseline-2	"$F"	':'
run baseline-3	"$D"	'true'

# Combinations (held out): names of the operations in order.
run create-rename	''	'touch @1; mv @1 @2'
run mkdir-copy		"$F"	'mkdir %1; cp @1 %1/@2'
run read-delete		"$F"	'cat @1; rm @1'
run create-write	''	'touch @1; echo @W >> @1'
run write-read		"$F"	'echo @W >> @1; cat @1'
run copy-delete		"$F"	'cp @1 @2; rm @1'
run chmod-rename	"$F"	'chmod @M @1; mv @1 @2'
run link-delete		"$F"	'ln @1 @2; rm @1'
run symlink-read	"$F"	'ln -s @1 @2; cat @2'
run mkdir-rmdir		''	'mkdir %1; rmdir %1'
run mkdir-create-list	''	'mkdir %1; touch %1/@1; ls %1'
run list-delete		"$F; $D"	'ls %1; rm @1'
run create-chmod	''	'touch @1; chmod @M @1'
run copy-chmod-read	"$F"	'cp @1 @2; chmod @M @2; cat @2'
run rename-rmdir	"$F; mkdir %1"	'mv @1 @2; rmdir %1'
run symlink-list	"$F"	'ln -s @1 @2; ls'
run write-copy		"$F"	'echo @W >> @1; cp @1 @2'
run read-link		"$F"	'cat @1; ln @1 @2'
run create-symlink-delete ''	'touch @1; ln -s @1 @2; rm @1'
run mkdir-rename	"$F"	'mkdir %1; mv @1 %1/'
run rmdir-list		"$F; mkdir %1"	'rmdir %1; ls'
run delete-mkdir	"$F"	'rm @1; mkdir %1'
run chmod-link		"$F"	'chmod @M @1; ln @1 @2'
run list-read-write	"$F"	'ls; cat @1; echo @W >> @1'
run copy-symlink	"$F"	'cp @1 @2; ln -s @2 @3'
run rename-delete	"$F"	'mv @1 @2; rm @2'

# The folders made under $HOME, when now empty.
for t in $made; do
	rmdir -p "$(dirname "$t")" 2> /dev/null || true
done
cp "$logs/what" "$here/experiments.tsv"

# The labels files: a log's labels are the operations its name lists.
labels() {
	for w in $(echo "$1" | tr '-' ' '); do
		case $w in
		[0-9]*|baseline) ;;
		*) printf ' %s' "$(echo "$w" | cut -c1 | tr a-z A-Z)$(echo "$w" | cut -c2-)" ;;
		esac
	done
}
{
	echo '# The file operations of record.sh alone, five runs each, and three'
	echo '# baselines that do nothing (no label).  Each run has file names and'
	echo '# a folder of its own (experiments.tsv).'
	cut -f1 "$here/experiments.tsv" | grep -E -- '-[0-9]$' | while read -r n; do
		echo "$n.log.gz:$(labels "$n")"
	done
} > "$here/train.txt"
{
	echo '# The file operations of record.sh in combinations of two or three:'
	echo '# held out for the final evaluation (fingerprints mined from'
	echo '# train.txt are scored on them); mine nothing from these.'
	cut -f1 "$here/experiments.tsv" | grep -vE -- '-[0-9]$' | while read -r n; do
		echo "$n.log.gz:$(labels "$n")"
	done
} > "$here/heldout.txt"
{
	echo '# Every experiment of record.sh: train.txt, then heldout.txt.'
	grep -vh '^#' "$here/train.txt" "$here/heldout.txt"
} > "$here/all.txt"
