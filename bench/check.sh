#!/bin/sh
# Benchmark `mend check` on synthetic sites: time, peak memory and recall.
#
#   sh bench/check.sh [N ...]          (default: 1000 10000; make bench-check)
#
# For each N: write the corpus (bench/corpus N bench/work/corpus-N), build it
# with `./mend build --no-check -q`, then in the corpus folder time
# `mend check -q` with hyperfine (1 warm-up, BENCH_RUNS runs, default 5),
# measure its peak RSS with /usr/bin/time -v, and score
# `mend --format json check` against the corpus's broken-links.txt
# (bench/recall), once bench/validate-corpus has confirmed on the built
# HTML that the seeded links, and only they, are broken.  Prints a table
# and writes it, with the machine and the versions, to
# bench/results/YYYY-MM-DD-check.md (-2, -3, ... when a run of the same day
# is already there).  Scratch files stay in bench/work/.
#
# Installs the Debian packages hyperfine and time when missing (as root;
# otherwise says what to install).  Exit status 1 when a step fails;
# a recall below 1 or a false positive is a finding, not a failure.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
runs=${BENCH_RUNS:-5}
sizes=${*:-1000 10000}

bench_needs bench-check hyperfine time
pin_mend check

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

rows=
details=
for n in $sizes; do
	need_count "$n"
	dir=$work/corpus-$n
	echo "bench: N=$n: writing the corpus into ${dir#"$root"/}"
	t0=$(now)
	python3 bench/corpus "$n" "$dir"
	t1=$(now)
	gen=$(elapsed "$t0" "$t1")

	echo "bench: N=$n: mend build --no-check -q"
	"$mend" -C "$dir" build --no-check -q || die "mend build failed on the corpus"
	t2=$(now)
	build=$(elapsed "$t1" "$t2")
	html=$(find "$dir/public" -name '*.html' | wc -l | tr -d ' ')
	# The ground truth: the seeded links, and only they, are broken.
	python3 bench/validate-corpus "$dir" "$dir/public" ||
		die "the corpus does not hold what broken-links.txt says"

	echo "bench: N=$n: hyperfine mend check ($html HTML pages, 1 warm-up, $runs runs)"
	# mend check exits 1 on the seeded errors: -i keeps hyperfine going
	# (and makes it warn about it, on stderr: kept aside unless it fails).
	hyperfine_run "$work/hyperfine-$n.err" -i --warmup 1 --runs "$runs" \
		--export-json "$work/check-$n.json" "'$mend' -C '$dir' check -q"
	# shellcheck disable=SC2046 # five numbers, split on purpose
	set -- $(hyperfine_stats "$work/check-$n.json" 1 %.4f median mean stddev min max)
	median=$1 mean=$2 stddev=$3 min=$4 max=$5

	/usr/bin/time -v -o "$work/time-$n.txt" "$mend" -C "$dir" check -q \
		>/dev/null 2>&1 || true
	rss_kb=$(rss_of "$work/time-$n.txt")
	[ -n "$rss_kb" ] || die "no peak RSS in $work/time-$n.txt"

	"$mend" -C "$dir" --format json check >"$work/summary-$n.txt" \
		2>"$work/diag-$n.jsonl" || true
	python3 bench/recall "$dir/broken-links.txt" "$work/diag-$n.jsonl" \
		>"$work/recall-$n.txt"
	figures=$(head -n 1 "$work/recall-$n.txt")
	recall=$(field "$figures" recall)
	found=$(field "$figures" found)
	seeded=$(field "$figures" seeded)
	atcol=$(field "$figures" at_column)
	fp=$(field "$figures" false_positives)
	warn=$(field "$figures" warnings)
	summary=$(grep '^mend:' "$work/summary-$n.txt" || true)

	row=$(awk -v n="$n" -v h="$html" -v med="$median" -v rss="$rss_kb" \
		-v rec="$recall" -v f="$found" -v s="$seeded" -v fp="$fp" 'BEGIN {
		printf "| %d | %d | %.3f | %.0f | %.1f MiB | %.2f%% (%d/%d) | %d |",
			n, h, med, h / med, rss / 1024, rec * 100, f, s, fp }')
	rows="$rows$row
"
	details="$details
### $n pages

- corpus generation (bench/corpus, Python): $gen s; mend build --no-check: $build s
- mend check: median $median s, mean $mean s ± $stddev s, min $min s, max $max s ($runs runs)
- seeded broken links reported at their Markdown line: $found of $seeded ($atcol at the exact column); warnings: $warn
- mend's own summary: ${summary:-(none)}
"
	extra=$(sed 1d "$work/recall-$n.txt")
	if [ -n "$extra" ]; then
		details="$details
\`\`\`
$extra
\`\`\`
"
	fi
done

head='| pages | HTML pages | median s | pages/s | peak RSS | recall | false positives |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
echo
echo "$head"
printf '%s' "$rows"
printf '%s\n' "$details" | grep -E '^(- corpus|missed|false positive)' || true

day=$(date +%Y-%m-%d)
out=$(results_file "$day" check)
commit=$(git_commit generator themes)
{
	results_head "mend check benchmark, $day"
	echo "- versions: $("$mend" --version) (git $commit), $(hyperfine --version), $(python3 --version)"
	echo "- method: \`sh bench/check.sh $sizes\`: bench/corpus N (seed 1), \`mend build --no-check -q\`,"
	echo "  then \`mend check -q\` in the corpus folder timed by hyperfine (1 warm-up, $runs runs);"
	echo "  peak RSS by \`/usr/bin/time -v\`; recall and false positives from"
	echo "  \`mend --format json check\` scored against broken-links.txt by bench/recall."
	echo "  HTML pages = every .html file checked (N pages, 16 sections, home, for-counselors, 404);"
	echo "  pages/s = HTML pages / median."
	echo
	echo "$head"
	printf '%s' "$rows"
	printf '%s' "$details"
} >"$out"
echo
echo "bench: results in ${out#"$root"/}"
