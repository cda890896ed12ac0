# tracemine concepts on the Mushroom context of the FIMI repository:
# exactly 238,710 concepts, counted and as intents.  The file is not in the
# repository; it lies in ../shared/data beside this repository's CI
# checkout.  Elsewhere (a user's clone, a package build) the test counts
# itself skipped, saying so.
. "$(dirname "$0")/../lib.sh"

run() { timeout 120 "$TM" "$@"; }
M="$TOP/../shared/data/mushroom.dat"
if [ ! -f "$M" ]; then
	echo "skipped: no $M (the Mushroom context lies beside CI's checkout)"
	exit 77
fi
expect_eq "mushroom: --count" 238710 "$(run concepts --count "$M")"
expect_eq "mushroom: --count -f json" 238710 \
    "$(run concepts --count -f json "$M" | sed -n 's/.*"concepts" : \([0-9]*\).*/\1/p')"
run concepts --intents "$M" > "$T/intents"
expect_eq "mushroom: --intents lines" 238710 "$(wc -l < "$T/intents")"
expect_eq "mushroom: --intents distinct" 238710 \
    "$(sort -u "$T/intents" | wc -l)"
# The intents of a FIMI file are a FIMI file; the top's intent is what
# every mushroom has (attribute 85).
expect_eq "mushroom: the top's intent" 85 "$(head -n 1 "$T/intents")"

finish
