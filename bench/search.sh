#!/bin/sh
# Benchmark search: what one query loads of the index, and what the index
# adds to a full build.
#
#   sh bench/search.sh [N]          (default: 10000; make bench-search)
#
# Writes the corpus (bench/corpus N bench/work/corpus-N, seed 1), then two
# projects on it, both with the links and fragments checks as warnings (the
# seeded broken links would fail the build; bench/build.sh does the same):
# bench/work/search-on-N with [search] enabled = true, and
# bench/work/search-off-N as the corpus is (search off, the default).  Then:
#
#   build cost  hyperfine, BENCH_RUNS rounds (default 5; 1 warm-up) of one
#               full build with search and one without (render, theme,
#               output, check, sitemap, feed), back to back, in an order
#               swapped every round, each into a fresh output folder; the
#               added cost is the median of the rounds' ratios, for wall
#               time and for CPU time (user + system), which other work on
#               the machine disturbs less; target: at most 15 % more
#   bytes       bench/search-bytes.mjs types each query of QUERIES below
#               into the built site's search page in Chromium and adds up
#               the index files it loads (raw, and gzip -6 of each file);
#               target: at most 300 KB gzip for any query
#
# and writes the figures, the machine, the load and the versions to
# bench/results/DATE-search.md.  Needs hyperfine, GNU time, node with
# playwright-core and Chromium (make deps).
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
runs=${BENCH_RUNS:-5}
n=${1:-10000}
need_count "$n"
bench_needs bench-search hyperfine time
pin_mend search
bench_outdir
commit=$(git_commit generator themes)

dir=$work/corpus-$n
echo "bench: N=$n: writing the corpus into ${dir#"$root"/}"
python3 bench/corpus "$n" "$dir"
on=$work/search-on-$n
off=$work/search-off-$n
for proj in "$on" "$off"; do
	rm -rf "$proj"
	mkdir -p "$proj"
	ln -s "$dir/content" "$proj/content"
	ln -s "$dir/themes" "$proj/themes"
	sed 's/^\[check\]$/[check]\nlinks = "warning"\nfragments = "warning"/' \
		"$dir/site.toml" >"$proj/site.toml"
done
printf '\n[search]\nenabled = true\n' >>"$on/site.toml"

o_on=$outdir/out-search-on-$n
o_off=$outdir/out-search-off-$n
load0=$(load)
echo "bench: N=$n: hyperfine: mend build with and without search, $runs rounds of one run each (1 warm-up; load $load0)"
# One run of each build a round, the two back to back and their order
# swapped every round, so that the load of a shared machine, which drifts
# over minutes, weighs on both alike; the added cost is the median of the
# rounds' ratios (and the ratio of the medians is shown beside it).
rm -f "$work/search-$n-round-"*.json
r=0
while [ "$r" -lt "$runs" ]; do
	r=$((r + 1))
	set -- "mend build ([search] enabled = true)" "'$mend' -C '$on' build -q -o '$o_on'" \
		"mend build (search off)" "'$mend' -C '$off' build -q -o '$o_off'"
	if [ $((r % 2)) -eq 0 ]; then
		set -- "$3" "$4" "$1" "$2"
	fi
	warm=0
	[ "$r" -eq 1 ] && warm=1
	hyperfine_run "$work/hyperfine-search-$n.err" --warmup "$warm" --runs 1 \
		--export-json "$work/search-$n-round-$r.json" \
		--prepare "rm -rf '$o_on' '$o_off'" --prepare "rm -rf '$o_on' '$o_off'" \
		-n "$1" -n "$3" "$2" "$4"
done
load1=$(load)
# shellcheck disable=SC2046 # numbers, split on purpose
set -- $(python3 - "$work/search-$n-round-" "$runs" <<'PY'
import json, statistics, sys
prefix, rounds = sys.argv[1], int(sys.argv[2])
on, off = [], []
for r in range(1, rounds + 1):
    res = {x["command"]: x for x in json.load(open(f"{prefix}{r}.json"))["results"]}
    for name, into in (("mend build ([search] enabled = true)", on), ("mend build (search off)", off)):
        x = res[name]
        into.append((x["times"][0], x["user"] + x["system"]))
med = lambda v: statistics.median(v)
sd = lambda v: statistics.stdev(v) if len(v) > 1 else 0.0
wall_on, wall_off = [w for w, _ in on], [w for w, _ in off]
cpu_on, cpu_off = [c for _, c in on], [c for _, c in off]
print("%.4f %.4f %.4f %.4f %.4f %.4f %.4f %.4f" % (
    med(wall_on), sd(wall_on), med(cpu_on), med(wall_off), sd(wall_off), med(cpu_off),
    med([a / b for a, b in zip(wall_on, wall_off)]), med([a / b for a, b in zip(cpu_on, cpu_off)])))
PY
)
m_on=$1 s_on=$2 c_on=$3 m_off=$4 s_off=$5 c_off=$6 pw=$7 pc=$8

# Common words, rare ones, phrases, and words being typed (prefixes).
set -- "trust" "partner" "the person who was hurt" "evening walks" \
	"respect holiday plans before bed" "unspoken rules" "shared calendars" \
	"bound" "rel" "apolog" "hurtful words" "zzzz"

echo "bench: N=$n: what each query loads (bench/search-bytes.mjs, Chromium)"
rm -rf "$o_on"
"$mend" -C "$on" build -q -o "$o_on" >/dev/null 2>&1 || die "the build with search failed"
node bench/search-bytes.mjs "$o_on" "$@" >"$work/search-bytes-$n.jsonl" ||
	die "bench/search-bytes.mjs failed"

figures=$(python3 - "$work/search-bytes-$n.jsonl" "$m_on" "$m_off" "$c_on" "$c_off" "$s_on" "$s_off" "$pw" "$pc" <<'PY'
import json, sys
path, m_on, m_off, c_on, c_off, s_on, s_off, pw, pc = sys.argv[1], *map(float, sys.argv[2:])
rows = [json.loads(l) for l in open(path)]
index = [r for r in rows if r.get("index")][0]
qs = [r for r in rows if not r.get("index")]
kb = lambda b: b / 1024
print("| query | pages found | files loaded (shards, page groups, text groups) | raw KB | gzip KB |")
print("| --- | ---: | --- | ---: | ---: |")
for r in qs:
    found = r["status"].split(" ")[0] if r["shown"] else "0"
    print(f'| `{r["query"]}` | {found} | {r["files"]} ({r["shards"]}, {r["meta"]}, {r["text"]}) | {kb(r["raw"]):.1f} | {kb(r["gzip"]):.1f} |')
worst = max(qs, key=lambda r: r["gzip"])
print()
print("| measure | measured | target | |")
print("| --- | ---: | ---: | --- |")
print(f'| most index loaded by one query (gzip) | {kb(worst["gzip"]):.1f} KB (`{worst["query"]}`; raw {kb(worst["raw"]):.1f} KB) | <= 300 KB | {"met" if worst["gzip"] <= 300 * 1024 else "missed"} |')
wall = pw - 1
cpu = pc - 1
print(f'| full build, wall time added (median of the rounds) | {100 * wall:.1f} % (medians {m_off:.3f} s ± {s_off:.3f} -> {m_on:.3f} s ± {s_on:.3f}: {100 * (m_on / m_off - 1):.1f} %) | <= 15 % | {"met" if wall <= 0.15 else "missed"} |')
print(f'| full build, CPU time added (user + system, median of the rounds) | {100 * cpu:.1f} % (medians {c_off:.3f} s -> {c_on:.3f} s: {100 * (c_on / c_off - 1):.1f} %) | <= 15 % | {"met" if cpu <= 0.15 else "missed"} |')
print()
print(f'The whole index: {index["files"]} files ({index["shards"]} shards, the largest {kb(index["biggest_shard"]):.1f} KB), '
      f'{kb(index["raw"]) / 1024:.1f} MB raw, {kb(index["gzip"]) / 1024:.1f} MB gzip; the manifest every query loads '
      f'{kb(index["manifest_raw"]):.1f} KB ({kb(index["manifest_gzip"]):.1f} KB gzip); search.js {kb(index["script_raw"]):.1f} KB '
      f'({kb(index["script_gzip"]):.1f} KB gzip), not counted above.')
PY
)
echo
echo "$figures"

day=$(date +%Y-%m-%d)
out=$(results_file "$day" search)
{
	results_head "Search benchmark, $n pages, $day"
	echo "- versions: $("$mend" --version) (./mend copied at the start of the run, git $commit), $(hyperfine --version), node $(node --version)"
	echo "- method: \`sh bench/search.sh $n\`: bench/corpus $n (seed 1); the links and fragments checks as warnings;"
	echo "  hyperfine, $runs rounds (1 warm-up) of one full build with and one without search, back to back, the order"
	echo "  swapped each round, into fresh folders on $outfs ($outdir); the cost added is the median of the rounds' ratios;"
	echo "  bytes: bench/search-bytes.mjs, each query typed into a fresh search page in Chromium, over 127.0.0.1,"
	echo "  the index files it loaded summed, raw and gzip -6 each (search.js apart)."
	echo "- load average (1, 5, 15 min) before the timed runs: $load0; after: $load1 (2 CPUs, shared: compare CPU time)"
	echo
	echo "$figures"
} >"$out"
echo
echo "bench: results in ${out#"$root"/}"
