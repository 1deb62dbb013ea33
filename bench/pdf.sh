#!/bin/sh
# Benchmark `mend pdf`: every PDF of the guide (each exercise's worksheet
# and the two booklets, A4 and US Letter: eight files), against the target
# of issue 7, under 300 ms together.
#
#   sh bench/pdf.sh                     (make bench-pdf)
#
# In the repository's own project (the guide), times `mend pdf -q -o DIR`
# with hyperfine (2 warm-ups, BENCH_RUNS runs, default 20): the whole
# command, so loading the project and running its exercise scripts count
# too.  Then lists the PDFs made (pages, bytes, read back with pdfinfo when
# poppler-utils is there).  Prints a table and writes it, with the machine
# and the versions, to bench/results/YYYY-MM-DD-pdf.md (-2, -3, ... when a
# run of the same day is there).  Scratch files stay in bench/work/.
#
# Installs the Debian package hyperfine when missing (as root; otherwise
# says what to install).  Exit status 1 when a step fails; a median over
# the target is a finding, printed as such, not a failure.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
runs=${BENCH_RUNS:-20}
target_ms=300
out_dir=$work/pdf-out

bench_needs bench-pdf hyperfine
pin_mend pdf

echo "bench: mend pdf -q -o ${out_dir#"$root"/} (2 warm-ups, $runs runs)"
"$mend" pdf -q -o "$out_dir" || die "mend pdf failed"
hyperfine_run "$work/hyperfine-pdf.err" --warmup 2 --runs "$runs" \
	--export-json "$work/pdf.json" "'$mend' pdf -q -o '$out_dir'"
# shellcheck disable=SC2046 # five numbers (ms), split on purpose
set -- $(hyperfine_stats "$work/pdf.json" 1000 %.1f median mean stddev min max)
median=$1 mean=$2 stddev=$3 min=$4 max=$5
summary=$("$mend" pdf -o "$out_dir")

files=
npdf=0
pages_total=0
bytes_total=0
for f in "$out_dir"/*.pdf; do
	name=$(basename "$f")
	bytes=$(wc -c <"$f" | tr -d ' ')
	pages='?'
	if command -v pdfinfo >/dev/null 2>&1; then
		pages=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
		pages_total=$((pages_total + pages))
	fi
	npdf=$((npdf + 1))
	bytes_total=$((bytes_total + bytes))
	files="$files| $name | $pages | $bytes |
"
done

verdict=$(awk -v m="$median" -v t="$target_ms" 'BEGIN {
	print (m < t) ? "met" : "NOT met" }')
head='| PDFs | pages | median ms | mean ms | min ms | max ms | target (< 300 ms) |
| ---: | ---: | ---: | ---: | ---: | ---: | --- |'
row="| $npdf | $pages_total | $median | $mean ± $stddev | $min | $max | $verdict |"
echo
echo "$head"
echo "$row"

day=$(date +%Y-%m-%d)
out=$(results_file "$day" pdf)
commit=$(git_commit generator themes exercises content)
{
	results_head "mend pdf benchmark, $day"
	echo "- versions: $("$mend" --version) (git $commit), $(hyperfine --version),"
	echo "  pango $(pkg-config --modversion pango 2>/dev/null || echo '?'), cairo $(pkg-config --modversion cairo 2>/dev/null || echo '?')"
	echo "- method: \`sh bench/pdf.sh\`: in the repository's guide, \`mend pdf -q -o DIR\`"
	echo "  (every PDF, both papers) timed whole by hyperfine (2 warm-ups, $runs runs):"
	echo "  loading the project and running its exercise scripts included."
	echo "- mend's own summary: $summary"
	echo
	echo "$head"
	echo "$row"
	echo
	echo "| file | pages | bytes |"
	echo "| --- | ---: | ---: |"
	printf '%s' "$files"
	echo "| all | $pages_total | $bytes_total |"
} >"$out"
echo
echo "bench: results in ${out#"$root"/}"
