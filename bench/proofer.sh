#!/bin/sh
# Benchmark `mend check` against html-proofer on the same built site.
#
#   sh bench/proofer.sh [N]            (default: 10000; make bench-proofer)
#
# Writes the corpus (bench/corpus N bench/work/corpus-N, seed 1), builds it
# with `./mend build --no-check -q` into its public/, then over that one
# folder:
#
#   mend check      in the corpus folder (it renders the pages again in
#                   memory to report at Markdown lines, then reads public/):
#                   hyperfine, 1 warm-up, BENCH_RUNS runs (default 5); peak
#                   RSS with /usr/bin/time -v; recall with bench/recall;
#   html-proofer    `htmlproofer --disable-external public/`: PROOFER_RUNS
#                   runs (default 1: it takes minutes at 10,000 pages), each
#                   under /usr/bin/time -v (wall time, peak RSS), no
#                   warm-up; recall of its report with bench/proofer-recall.
#
# Prints the figures and the ratio html-proofer / mend check (issue 8's
# target: >= 50), and writes them, with the machine, the load and the
# versions, to bench/results/DATE-proofer.md (-2, -3, ... when a run of the
# same day is already there).  Scratch files stay in bench/work/.
#
# Installs the Debian packages ruby-html-proofer, hyperfine and time when
# missing (as root; otherwise says what to install).  Exit status 1 when a
# step fails; a recall below 1 or a missed target is a finding.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
runs=${BENCH_RUNS:-5}
hp_runs=${PROOFER_RUNS:-1}
n=${1:-10000}

need_count "$n"
case $hp_runs in
'' | *[!0-9]* | 0) die "PROOFER_RUNS is not a positive count: $hp_runs" ;;
esac
bench_needs bench-proofer ruby-html-proofer hyperfine time
pin_mend proofer
commit=$(git_commit generator themes)

# median FORMAT LIST: the median of the numbers in LIST (separated by
# spaces), printed with the awk format FORMAT.
median() {
	echo "$2" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk -v f="$1" '
	{ v[NR] = $1 } END { printf f, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

dir=$work/corpus-$n
pub=$dir/public
echo "bench: N=$n: writing the corpus into ${dir#"$root"/}"
python3 bench/corpus "$n" "$dir"
echo "bench: N=$n: mend build --no-check -q"
"$mend" -C "$dir" build --no-check -q || die "mend build failed on the corpus"
html=$(find "$pub" -name '*.html' | wc -l | tr -d ' ')

# mend check (exits 1 on the seeded errors: -i keeps hyperfine going).
load0=$(load)
echo "bench: N=$n: hyperfine mend check ($html HTML pages, 1 warm-up, $runs runs; load $load0)"
hyperfine_run "$work/hyperfine-proofer-$n.err" -i --warmup 1 --runs "$runs" \
	--export-json "$work/proofer-mend-$n.json" "'$mend' -C '$dir' check -q"
# shellcheck disable=SC2046 # numbers, split on purpose
set -- $(hyperfine_stats "$work/proofer-mend-$n.json" 1 %.4f median stddev min max cpu)
m_mend=$1 s_mend=$2 lo_mend=$3 hi_mend=$4 u_mend=$5
/usr/bin/time -v -o "$work/time-proofer-mend-$n.txt" "$mend" -C "$dir" --format json check \
	>"$work/summary-proofer-$n.txt" 2>"$work/diag-proofer-$n.jsonl" || true
r_mend=$(rss_of "$work/time-proofer-mend-$n.txt")
[ -n "$r_mend" ] || die "no peak RSS for mend check"
python3 bench/recall "$dir/broken-links.txt" "$work/diag-proofer-$n.jsonl" \
	>"$work/recall-proofer-mend-$n.txt"
f_mend=$(head -n 1 "$work/recall-proofer-mend-$n.txt")

# html-proofer: exits 1 on the seeded failures.
times=
cpus=
r_hp=0
i=1
while [ "$i" -le "$hp_runs" ]; do
	echo "bench: N=$n: htmlproofer --disable-external, run $i of $hp_runs (minutes; load $(load))"
	t0=$(date +%s.%N)
	/usr/bin/time -v -o "$work/time-proofer-$n-$i.txt" \
		htmlproofer --disable-external "$pub" >"$work/proofer-$n-$i.txt" 2>&1 || true
	t1=$(date +%s.%N)
	grep -q '^HTML-Proofer found' "$work/proofer-$n-$i.txt" ||
		{ tail -n 20 "$work/proofer-$n-$i.txt" >&2; die "htmlproofer failed"; }
	times="$times $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
	cpus="$cpus $(awk -F': *' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' \
		"$work/time-proofer-$n-$i.txt")"
	r=$(rss_of "$work/time-proofer-$n-$i.txt")
	[ "${r:-0}" -gt "$r_hp" ] && r_hp=$r
	i=$((i + 1))
done
load1=$(load)
m_hp=$(median %.3f "$times")
u_hp=$(median %.2f "$cpus")
python3 bench/proofer-recall "$dir" "$pub" "$work/proofer-$n-1.txt" \
	>"$work/recall-proofer-hp-$n.txt"
f_hp=$(head -n 1 "$work/recall-proofer-hp-$n.txt")

row() { # name median runs rss cpu figures
	awk -v name="$1" -v med="$2" -v runs="$3" -v rss="$4" -v cpu="$5" -v h="$html" \
		-v rec="$(field "$6" recall)" -v f="$(field "$6" found)" \
		-v s="$(field "$6" seeded)" -v fp="$(field "$6" false_positives)" 'BEGIN {
		printf "| %s | %.3f | %d | %.0f | %.1f MiB | %.2f | %.2f%% (%d/%d) | %d |",
			name, med, runs, h / med, rss / 1024, cpu, rec * 100, f, s, fp }'
}
rows="$(row "mend check" "$m_mend" "$runs" "$r_mend" "$u_mend" "$f_mend")
$(row "html-proofer" "$m_hp" "$hp_runs" "$r_hp" "$u_hp" "$f_hp")"
ratio=$(awk -v a="$m_hp" -v b="$m_mend" 'BEGIN {
	printf "html-proofer / mend check: %.1f (target >= 50: %s)", a / b, (a / b >= 50 ? "met" : "missed") }')

head="| checker ($n pages, $html HTML files) | median s | runs | pages/s | peak RSS | CPU s | recall | false positives |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# The table and the ratio, for the terminal and the results file.
tables() {
	echo "$head"
	echo "$rows"
	echo
	echo "$ratio"
}
echo
tables
{
	sed 1d "$work/recall-proofer-mend-$n.txt"
	sed 1d "$work/recall-proofer-hp-$n.txt"
} | head -n 20

day=$(date +%Y-%m-%d)
out=$(results_file "$day" proofer)
summary=$(grep '^mend:' "$work/summary-proofer-$n.txt" || true)
{
	results_head "mend check against html-proofer, $day"
	echo "- versions: $("$mend" --version) (./mend copied at the start of the run, git $commit), $(htmlproofer --version), $(ruby --version | awk '{ print $1, $2 }'), $(hyperfine --version)"
	echo "- method: \`sh bench/proofer.sh $n\`: bench/corpus $n (seed 1), \`mend build --no-check -q\`;"
	echo "  over its public/: \`mend check -q\` in the corpus folder (hyperfine, 1 warm-up, $runs runs) and"
	echo "  \`htmlproofer --disable-external public/\` ($hp_runs run(s), no warm-up, under \`/usr/bin/time -v\`)."
	echo "  mend's recall: seeded links reported as errors at their Markdown file and line (bench/recall);"
	echo "  html-proofer's: at their page and href (bench/proofer-recall; it only knows HTML lines)."
	echo "  CPU s = user + system time (mend: hyperfine's means; html-proofer: the median of its runs)."
	echo "- load average (1, 5, 15 min) before: $load0; after: $load1"
	echo
	tables
	echo
	echo "- mend check: median $m_mend s ± $s_mend s, min $lo_mend s, max $hi_mend s; $f_mend"
	echo "- mend's own summary: ${summary:-(none)}"
	echo "- html-proofer: wall times$times s, CPU (user + system)$cpus s; $f_hp"
	echo "- html-proofer's last line: $(grep '^HTML-Proofer found' "$work/proofer-$n-1.txt")"
	extra=$(sed 1d "$work/recall-proofer-mend-$n.txt"
		sed 1d "$work/recall-proofer-hp-$n.txt")
	if [ -n "$extra" ]; then
		echo
		echo '```'
		echo "$extra"
		echo '```'
	fi
} >"$out"
echo
echo "bench: results in ${out#"$root"/}"
