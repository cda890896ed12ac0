#!/bin/sh
# record.sh: records the sqlite3 experiments of this folder: the sqlite3
# shell runs one or more SQL statements, given as its argument, on a copy
# of a database prepared the same way each time (/tmp/tracemine-sq/db:
# seven tables t_people, t_orders, t_notes, t_events, t_tags, t_logs,
# t_items of the same shape, id INTEGER PRIMARY KEY, name TEXT, n INT,
# with 40 rows each; the default rollback journal), one strace -f -s 256
# log each.  Each run of an operation works on another table with other
# values, so what is common to the runs of a label is the operation, not
# its input:
#
#   CreateTable  CREATE TABLE new_NAME(...)
#   Insert       INSERT INTO t_X(name, n) VALUES(...)
#   Update       UPDATE t_X SET n = ... WHERE id = ...
#   Delete       DELETE FROM t_X WHERE id = ...
#   Select       SELECT name, n FROM t_X WHERE id = ...
#   DropTable    DROP TABLE t_X
#
# labels.txt holds each operation alone (four runs each), four
# combinations and a baseline (sqlite3 opening the database and running
# no statement: ".databases" is no SQL); heldout.txt three other
# combinations, kept apart for a final evaluation.  Needs sqlite3, strace,
# gzip; run it from anywhere; it rewrites every log here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for p in strace sqlite3 gzip env; do
	command -v "$p" > /dev/null 2>&1 || { echo "record.sh: $p is missing" >&2; exit 2; }
done
W=/tmp/tracemine-sq
rm -rf "$W"
mkdir -p "$W"
prep() {
	for t in people orders notes events tags logs items; do
		echo "CREATE TABLE t_$t(id INTEGER PRIMARY KEY, name TEXT, n INT);"
		r=1
		while [ $r -le 40 ]; do
			echo "INSERT INTO t_$t(name, n) VALUES('$t-row-$r', $((r * 3)));"
			r=$((r + 1))
		done
	done
}
prep | sqlite3 "$W/prepared"

# run NAME SQL: SQL on a fresh copy of the database, traced into
# NAME.log.gz
run() {
	cp "$W/prepared" "$W/db"
	rm -f "$W/db-journal"
	(cd "$W" && env -i PATH=/usr/bin:/bin LC_ALL=C HOME="$W" \
	    strace -f -s 256 -o "$W/log" sqlite3 "$W/db" "$2" > /dev/null)
	gzip -9 -n -c "$W/log" > "$here/$1.log.gz"
	rm -f "$W/log"
}

i=1
for t in people orders notes events; do
	run createtable-$i "CREATE TABLE new_$t$i(id INTEGER PRIMARY KEY, v TEXT);"
	run insert-$i "INSERT INTO t_$t(name, n) VALUES('added $t $i', $((i * 101)));"
	run update-$i "UPDATE t_$t SET n = $((i * 17)) WHERE id = $((i * 5));"
	run delete-$i "DELETE FROM t_$t WHERE id = $((i * 7));"
	run select-$i "SELECT name, n FROM t_$t WHERE id = $((i * 3));"
	run droptable-$i "DROP TABLE t_$t;"
	i=$((i + 1))
done
run baseline-1 ".databases"
# combinations for training
run insert-select "INSERT INTO t_tags(name, n) VALUES('combo', 1); SELECT n FROM t_tags WHERE id = 2;"
run update-delete "UPDATE t_logs SET n = 0 WHERE id = 9; DELETE FROM t_logs WHERE id = 10;"
run createtable-insert "CREATE TABLE new_combo(id INTEGER PRIMARY KEY, name TEXT, n INT); INSERT INTO new_combo(name, n) VALUES('x', 2);"
run select-droptable "SELECT name FROM t_items WHERE id = 4; DROP TABLE t_items;"
# held-out combinations
run insert-update "INSERT INTO t_items(name, n) VALUES('held', 77); UPDATE t_items SET n = 5 WHERE id = 11;"
run delete-select "DELETE FROM t_tags WHERE id = 13; SELECT name FROM t_tags WHERE id = 14;"
run createtable-droptable "CREATE TABLE new_held(id INTEGER PRIMARY KEY, w TEXT); DROP TABLE t_logs;"
rm -rf "$W"
