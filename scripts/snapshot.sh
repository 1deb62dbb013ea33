#!/bin/sh
# Everything mend makes from the repository's own inputs, into one folder, so
# that two builds of mend can be compared byte for byte (a refactor must not
# change any of it):
#
#   sh scripts/snapshot.sh MEND DIR     then     diff -r DIR1 DIR2
#
# DIR gets: the guide's site (mend build, SOURCE_DATE_EPOCH=0) with its PDFs,
# every PDF again from mend pdf in both papers, the standard error and exit
# status of every bad-input case under tests/sites/cases/ (text and JSON),
# mend check on every folder under tests/sites/check/, and the exercises'
# own tests and measures.  Run from the root of the repository.
set -u
mend=$(realpath "$1")
out=$2
shared=${MEND_SHARED:-../shared}
rm -rf "$out"
mkdir -p "$out/cases" "$out/check"
export SOURCE_DATE_EPOCH=0 NO_COLOR=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$mend" build -q -o "$out/site" >"$out/build.out" 2>&1
echo "status $?" >>"$out/build.out"
"$mend" pdf -o "$out/pdf" >"$out/pdf.out" 2>&1
echo "status $?" >>"$out/pdf.out"
"$mend" pdf booklet --paper letter -o "$out/pdf-one" >>"$out/pdf.out" 2>&1
echo "status $?" >>"$out/pdf.out"
for f in text json; do
	"$mend" --format $f check "$out/site" >"$out/check-site.$f" 2>&1
	echo "status $?" >>"$out/check-site.$f"
done
"$mend" exercise test >"$out/exercise-test.out" 2>&1
echo "status $?" >>"$out/exercise-test.out"
"$mend" exercise measure tests/answers/*.toml tests/answers/blind/*.toml \
	>"$out/measure.out" 2>&1
echo "status $?" >>"$out/measure.out"

for d in tests/sites/check/*/; do
	n=$(basename "$d")
	"$mend" check "$d" >"$out/check/$n.text" 2>&1
	echo "status $?" >>"$out/check/$n.text"
	"$mend" --format json check "$d" >"$out/check/$n.json" 2>&1
	echo "status $?" >>"$out/check/$n.json"
done

# Each bad-input case as check_build runs it: the base site, the case's
# files over it, its listed removals, its arguments.
for c in tests/sites/cases/*/; do
	n=$(basename "$c")
	args=$(sed -n 's/^args: //p' "$c/expected")
	for f in text json; do
		rm -rf "$tmp/site"
		cp -r tests/sites/base "$tmp/site"
		[ -f "$c/remove" ] && (cd "$tmp/site" && xargs rm -rf <"$OLDPWD/$c/remove")
		[ -d "$c/files" ] && cp -r "$c/files/." "$tmp/site/"
		# shellcheck disable=SC2086
		(cd "$tmp/site" && "$mend" --format $f build -q $args) \
			>"$out/cases/$n.$f" 2>&1
		echo "status $?" >>"$out/cases/$n.$f"
	done
done

# Timings differ from run to run, and the folder's name with it.
find "$out" -maxdepth 2 -type f ! -name '*.pdf' ! -path "$out/site/*" \
	-exec sed -i -E -e 's/ in [0-9.]+ s/ in T s/g' -e "s#$out/##g" {} +
