#!/bin/sh
# Benchmark the booklet's layout of a title that is one long word (issue
# 14): `mend pdf` on the test fixture site (tests/sites/base) with the first
# step's title replaced by one word of N letters, N = 2,500 to 40,000
# doubling.  Pango breaks such a word between characters; mend cuts it
# first, so the time should grow linearly with N and stay under 1 s.
#
#   sh bench/long-word.sh           (MEND=path/to/mend to time another)
#
# Prints, for each N, the wall time of `mend pdf` (all four booklets: A4
# and Letter, reader's and facilitator's), the time mend itself reports,
# and the ratio to the previous N (about 2 when linear, 4 when quadratic).
# A time over the 1 s target is printed as a finding, not a failure; exit
# status 1 when a build fails.  Scratch files stay in bench/work/.  Not a
# test: timings depend on the machine and its load.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
mend=${MEND:-$mend}  # MEND=path: time another build
[ -x "$mend" ] || die "./mend is not built: run make mend"
site=$work/long-word
target_ms=1000

printf '%8s %10s %10s %7s\n' letters "wall (ms)" "mend (ms)" ratio
previous=
for n in 2500 5000 10000 20000 40000; do
	rm -rf "$site"
	mkdir -p "$work"
	cp -R tests/sites/base "$site"
	word=$(head -c "$n" /dev/zero | tr '\0' x)
	sed "s/^title = \"Step One\"/title = \"$word\"/" \
		tests/sites/base/content/steps/one.md >"$site/content/steps/one.md"
	start=$(date +%s%N)
	said=$(cd "$site" && "$mend" pdf -o out 2>&1) ||
		die "mend pdf failed for $n letters: $said"
	end=$(date +%s%N)
	wall=$(((end - start) / 1000000))
	# "mend: wrote 4 PDFs (36 pages) into out/ in 0.21 s"
	own=$(printf '%s\n' "$said" | sed -n 's/.* in \([0-9.]*\) s$/\1/p' |
		awk '{ printf "%d", $1 * 1000 }')
	ratio=-
	[ -n "$previous" ] && ratio=$(awk -v a="$wall" -v b="$previous" \
		'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')
	printf '%8d %10d %10s %7s\n' "$n" "$wall" "$own" "$ratio"
	[ "$wall" -le "$target_ms" ] ||
		echo "bench: $n letters took $wall ms, over the $target_ms ms target"
	previous=$wall
done
rm -rf "$site"
