#!/bin/sh
# Time `mend build` on the pathological pages of issue 14, each at two
# sizes (N and 2N) so that the growth shows: linear when the 2N time is
# about twice the N time (or both are too small to tell).
#
#   sh bench/pathological.sh            (make bench-pathological)
#
# Each case is a copy of tests/sites/base in bench/work/pathological/CASE-N
# with one page (or one theme partial) made pathological:
#
#   nest      a theme partial N sections deep ({{#site}}...{{/site}}),
#             included by the page layout: mend refuses past its depth
#             bound, with an error at the partial's line and column
#   headings  N "## h" headings in one page (ids h, h-2, h-3, ...)
#   footnotes N footnote references in one paragraph, N definitions
#   title     a title of one N-character word (the booklet's layout)
#   text      a page of N bytes of prose, in paragraphs of 1,000 bytes
#   links     N links in one page, to the other pages of the site
#
# and times `mend build -q -o DIR` in it (the full build: pages, booklets,
# checks), BENCH_RUNS runs (default 3), keeping the fastest.  A build that
# fails counts like one that succeeds (the bound is a failure, and must be
# fast too); the table shows its exit status.  Prints a table and writes
# it, with the machine, to bench/results/YYYY-MM-DD-pathological.md.  The
# target: every build at the size the issue names (N) under 1 s, and twice
# the size (2N) at most 2.5 times as long (linear, allowing for a noisy
# machine).  Needs python3 (to write the pages).
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
runs=${BENCH_RUNS:-3}
base=$root/tests/sites/base
cases=$work/pathological

bench_needs bench-pathological
pin_mend pathological
rm -rf "$cases"
mkdir -p "$cases"

# make_case NAME N: the project $cases/NAME-N.
make_case() {
	_dir=$cases/$1-$2
	cp -R "$base" "$_dir"
	python3 - "$_dir" "$1" "$2" <<'PY'
import os, sys
d, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
page = os.path.join(d, "content", "big.md")
front = '+++\ntitle = "%s"\nweight = 9\n+++\n'
if kind == "nest":
    with open(os.path.join(d, "themes/plain/partials/deep.mustache"), "w") as f:
        f.write("{{#site}}" * n + "x" + "{{/site}}" * n + "\n")
    layout = os.path.join(d, "themes/plain/layouts/page.mustache")
    text = open(layout).read().replace("{{{page.content}}}",
                                       "{{{page.content}}}\n{{>deep}}")
    open(layout, "w").write(text)
    body, title = "A page.\n", "Big"
elif kind == "headings":
    body, title = "".join("## h\n\nText.\n\n" for _ in range(n)), "Big"
elif kind == "footnotes":
    body = "".join("x[^%d] " % k for k in range(n)) + "\n\n" + \
        "".join("[^%d]: Note %d.\n" % (k, k) for k in range(n))
    title = "Big"
elif kind == "title":
    body, title = "A page.\n", "a" * n
elif kind == "text":
    para = ("word " * 199 + "words\n\n")  # 1,000 bytes
    body, title = para * (n // len(para)), "Big"
elif kind == "links":
    targets = ["../about/", "../steps/one/", "../steps/", "../"]
    body = "".join("[link %d](%s) " % (k, targets[k % 4]) for k in range(n)) + "\n"
    title = "Big"
with open(page, "w") as f:
    f.write(front % title + body)
PY
}

# time_build DIR: the fastest of $runs builds in DIR, in seconds, then the
# exit status, as "SECONDS STATUS".
time_build() {
	_best=
	for _i in $(seq "$runs"); do
		rm -rf "$1/public" "$1/out"
		_t0=$(date +%s%N)
		_status=0
		(cd "$1" && "$mend" build -q -o out >"$1.log" 2>&1) || _status=$?
		_t1=$(date +%s%N)
		_t=$(((_t1 - _t0) / 1000000))
		if [ -z "$_best" ] || [ "$_t" -lt "$_best" ]; then _best=$_t; fi
	done
	echo "$_best $_status"
}

table='| case | N | build s | status | 2N / N |
| --- | ---: | ---: | ---: | ---: |
'
worst=0
steep=
for spec in nest:20000 headings:4000 footnotes:50000 title:10000 \
	text:1000000 links:10000; do
	name=${spec%%:*}
	n=${spec#*:}
	prev=
	for size in "$n" $((2 * n)); do
		make_case "$name" "$size"
		# shellcheck disable=SC2046 # two numbers, split on purpose
		set -- $(time_build "$cases/$name-$size")
		ms=$1 status=$2
		# the bound is for the sizes the issue names (N); 2N shows growth
		[ "$size" = "$n" ] && [ "$ms" -gt "$worst" ] && worst=$ms
		secs=$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')
		ratio=
		[ -n "$prev" ] && ratio=$(awk -v a="$prev" -v b="$ms" \
			'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')
		# linear: twice the input takes at most 2.5 times as long (the
		# fastest run of a noisy machine), or both take under 0.2 s
		[ -n "$ratio" ] && [ "$ratio" != "-" ] && awk -v r="$ratio" -v m="$ms" \
			'BEGIN { exit !(r > 2.5 && m >= 200) }' && steep="$steep $name"
		line="| $name | $size | $secs | $status | $ratio |"
		echo "$line"
		table="$table$line
"
		prev=$ms
	done
done
verdict=$(awk -v w="$worst" 'BEGIN { print (w < 1000) ? "met" : "NOT met" }')
growth=${steep:+"NOT linear:$steep"}
growth=${growth:-linear}
echo "slowest build at N: $worst ms; target (every build under 1 s): $verdict; growth from N to 2N: $growth"

day=$(date +%Y-%m-%d)
out=$(results_file "$day" pathological)
{
	results_head "Pathological pages: mend build, $day"
	echo "- versions: mend ($(git_commit generator)), ./mend copied at the start of the run"
	echo "- method: \`sh bench/pathological.sh\`: a copy of tests/sites/base with one"
	echo "  pathological page or partial; the fastest of $runs runs of \`mend build -q -o out\`"
	echo "- load averages: $(load)"
	echo
	printf '%s' "$table"
	echo
	echo "Slowest build at N: $worst ms; target (every build under 1 s): $verdict."
	echo "Growth from N to 2N (at most 2.5 times, the fastest of $runs runs): $growth."
	echo "Each build's output is in bench/work/pathological/CASE-N.log."
} >"$out"
echo "bench: wrote ${out#"$root"/}"
