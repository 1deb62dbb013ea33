#!/bin/sh
# Benchmark `mend serve` on the 10,000-page corpus: the time from saving one
# page's body to the reload event reaching a client of the event stream
# (median of BENCH_EDITS edits, default 20; target of issue 15: under
# 100 ms), and the first build of `mend serve` against `mend build`.
#
#   sh bench/serve-reload.sh [N]          (make bench-serve; N: 10000)
#
# Writes the corpus (bench/corpus N, seed 1) and copies it into
# bench/work/serve-N with the links and fragments checks as warnings (the
# seeded broken links would otherwise fail every build; the same work is
# done).  `mend build -q -o DIR` is timed with hyperfine (1 warm-up, 3
# runs); bench/serve-reload starts `mend serve` there (its private folder
# on the same tmpfs as build's output), times its first build (from start
# to "Serving the site at"), then edits BENCH_EDITS pages one after the
# other and times each save to its "reload" event, as a browser's
# EventSource gets it.  Writes bench/results/YYYY-MM-DD-serve-reload.md.
#
# What the reload time measures: each rebuild after the first goes through
# the incremental builder (live_update: the edited page rendered again, the
# checks resolved again), plus the quiet period of 40 ms the watcher waits
# for an editor's save to settle.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
n=${1:-10000}
edits=${BENCH_EDITS:-20}
need_count "$n"
bench_needs bench-serve hyperfine time
pin_mend serve-reload
bench_outdir

dir=$work/corpus-$n
echo "bench: N=$n: writing the corpus into ${dir#"$root"/}"
python3 bench/corpus "$n" "$dir"
proj=$work/serve-$n
rm -rf "$proj"
mkdir -p "$proj"
cp -r "$dir/content" "$dir/themes" "$proj/"
sed 's/^\[check\]$/[check]\nlinks = "warning"\nfragments = "warning"/' \
	"$dir/site.toml" >"$proj/site.toml"
grep -q '^links = "warning"' "$proj/site.toml" || die "no [check] table in $dir/site.toml"

load0=$(load)
echo "bench: N=$n: hyperfine: mend build -q (1 warm-up, 3 runs; load $load0)"
hyperfine_run "$work/hyperfine-serve-build.err" --warmup 1 --runs 3 \
	--export-json "$work/serve-build-$n.json" \
	"'$mend' -C '$proj' build -q -o '$outdir/build-$n'"
# shellcheck disable=SC2046 # three numbers (s), split on purpose
set -- $(hyperfine_stats "$work/serve-build-$n.json" 1 %.2f median min max)
b_med=$1 b_min=$2 b_max=$3

firsts=
for k in 1 2 3; do
	mkdir -p "$outdir/serve-tmp"
	if [ "$k" = 3 ]; then
		echo "bench: N=$n: mend serve, $edits edits (load $(load))"
		python3 bench/serve-reload "$mend" "$proj" "$outdir/serve-tmp" "$edits" \
			"$work/serve-reload-$n.json" || die "bench/serve-reload failed"
	else
		echo "bench: N=$n: mend serve, first build only (run $k)"
		python3 bench/serve-reload "$mend" "$proj" "$outdir/serve-tmp" 1 \
			"$work/serve-first-$n-$k.json" >/dev/null || die "bench/serve-reload failed"
	fi
done
figures=$(python3 -c '
import json, statistics, sys
n = sys.argv[1]; work = sys.argv[2]
main = json.load(open(f"{work}/serve-reload-{n}.json"))
firsts = [json.load(open(f"{work}/serve-first-{n}-{k}.json"))["first_build_s"] for k in (1, 2)]
firsts.append(main["first_build_s"])
print(statistics.median(firsts), min(firsts), max(firsts), main["reload_median_ms"],
      main["reload_min_ms"], main["reload_max_ms"], main["edits"])
' "$n" "$work")
# shellcheck disable=SC2086 # seven numbers, split on purpose
set -- $figures
s_med=$1 s_min=$2 s_max=$3 r_med=$4 r_min=$5 r_max=$6 r_n=$7
verdict=$(awk -v m="$r_med" 'BEGIN { print (m < 100) ? "met" : "NOT met" }')

out=$(results_file "$(date +%Y-%m-%d)" serve-reload)
{
	results_head "mend serve: edit to reload, first build ($n pages)"
	echo "- mend: $("$mend" --version 2>/dev/null | head -n 1) (commit $(git_commit generator))"
	echo "- load averages at the start: $load0; output and private folder on $outfs"
	echo
	echo "| what | median | min | max |"
	echo "| --- | --- | --- | --- |"
	echo "| mend build -q (3 runs) | $b_med s | $b_min s | $b_max s |"
	echo "| mend serve, first build (3 runs) | $s_med s | $s_min s | $s_max s |"
	echo "| save to reload event ($r_n edits) | $r_med ms | $r_min ms | $r_max ms |"
	echo
	echo "Target of issue 15, save to reload under 100 ms: $verdict."
	echo "Every rebuild after the first goes through the incremental builder (live_update)."
	echo
	echo "Each edit, in ms: $(python3 -c 'import json,sys; print(", ".join(str(x) for x in json.load(open(sys.argv[1]))["reload_ms"]))' "$work/serve-reload-$n.json")"
} >"$out"
cat "$out"
echo "bench: written to ${out#"$root"/}"
