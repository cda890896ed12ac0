# The EXAMPLES of every man page are run and their output compared with the
# page: in a .Bd -literal block, a line "$ command" is run by sh from the top
# of the repository, and the lines after it, up to the next "$ " or .Ed, are
# its expected output (mdoc's \e is a backslash; a trailing \ joins lines).
# Also: every page is mandoc -Tlint clean at warning level.
. "$(dirname "$0")/../lib.sh"

export PATH="$TOP/$BIN:$PATH"
case $BIN in /*) export PATH="$BIN:$PATH" ;; esac
for page in docs/*.[1-9]; do
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint -Wwarning "$page" > "$T/lint" 2>&1 ||
		    { fail "$page: mandoc -Tlint:"; cat "$T/lint"; }
	fi
	awk -v dir="$T" '
	function flush() {
		if (cmd != "") {
			n++
			printf "%s\n", cmd > (dir "/cmd." n)
			printf "%s", out > (dir "/want." n)
			close(dir "/cmd." n); close(dir "/want." n)
		}
		cmd = ""; out = ""
	}
	/^\.Sh EXAMPLES/ { ex = 1; next }
	/^\.Sh / { if (ex) { flush(); ex = 0 } }
	!ex { next }
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { flush(); lit = 0; next }
	!lit { next }
	{
		gsub(/\\e/, "\\")
		gsub(/\\&/, "")
		if (cont) { cmd = cmd "\n" $0; cont = /\\$/; next }
		if (substr($0, 1, 2) == "$ ") {
			flush(); cmd = substr($0, 3); cont = /\\$/; next
		}
		if (cmd != "") out = out $0 "\n"
	}
	END { flush(); print n + 0 > (dir "/count") }
	' "$page"
	run_examples "$page" "$TOP"
done
finish
