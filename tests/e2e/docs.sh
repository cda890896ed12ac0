# The examples of the Markdown documents are run and their output compared
# with the text: in a block indented by four spaces, a line "$ command" is
# run by sh (in a scratch folder that links corpora/ and docs/, so what an
# example writes lands there), and the indented lines after it, up to the
# next "$ " or the end of the block, are its expected output.  A command
# that ends in \ goes on on the next line.
. "$(dirname "$0")/../lib.sh"

export PATH="$TOP/$BIN:$PATH"
case $BIN in /*) export PATH="$BIN:$PATH" ;; esac
mkdir -p "$T/run"
ln -s "$TOP/corpora" "$T/run/corpora"
ln -s "$TOP/docs" "$T/run/docs"
for doc in README.md docs/protocols.md docs/tutorial-fingerprints.md \
    docs/policy-language.md \
    corpora/coreutils/README.md corpora/coreutils-marked/README.md \
    corpora/contexts/README.md corpora/memcached/README.md \
    corpora/experiments/README.md; do
	awk -v dir="$T" '
	function flush() {
		if (cmd != "") {
			n++
			printf "%s\n", cmd > (dir "/cmd." n)
			printf "%s", out > (dir "/want." n)
			close(dir "/cmd." n); close(dir "/want." n)
		}
		cmd = ""; out = ""; cont = 0
	}
	/^```/ { fence = !fence; next }
	fence { next }
	substr($0, 1, 4) != "    " { flush(); next }
	{
		line = substr($0, 5)
		if (cont) { cmd = cmd "\n" line; cont = /\\$/; next }
		if (substr(line, 1, 2) == "$ ") {
			flush(); cmd = substr(line, 3); cont = /\\$/; next
		}
		if (cmd != "") out = out line "\n"
	}
	END { flush(); print n + 0 > (dir "/count") }
	' "$doc"
	run_examples "$doc" "$T/run"
done
finish
