#!/bin/sh
# Benchmark a full build: mend against Hugo and against cmark-gfm alone.
#
#   sh bench/build.sh [N ...]          (default: 1000 10000; make bench-build)
#
# For each N: write the corpus (bench/corpus N bench/work/corpus-N, seed 1),
# then time with hyperfine, in one invocation (1 warm-up, BENCH_RUNS runs,
# default 5, each into a fresh output folder, emptied by --prepare, untimed;
# the output folders are on tmpfs, or in BENCH_OUT: see bench_outdir in
# lib.sh for why):
#
#   mend build            the full build: render, theme, output, check,
#                         sitemap, feed (bench/work/build-N: the corpus with
#                         the links and fragments checks set to "warning",
#                         so that the build succeeds and swaps its site in)
#   mend build --no-check the same without the check
#   hugo                  the same content/ with bench/hugo's layouts
#   cmark-gfm             the same Markdown bodies (front matter stripped
#                         beforehand), concatenated, to /dev/null: the
#                         parser's own limit
#
# then measure each one's peak RSS with /usr/bin/time -v, confirm with
# bench/validate-corpus that Hugo's site holds what mend's holds (the seeded
# links, and only they, broken; every page reachable), and print the
# figures and the ratios against issue 8's targets.  Writes the same, with
# the machine, the load and the versions, to bench/results/DATE-build.md
# (-2, -3, ... when a run of the same day is already there).  Scratch files
# stay in bench/work/.
#
# Installs the Debian packages hugo, cmark-gfm, hyperfine and time when
# missing (as root; otherwise says what to install).  Exit status 1 when a
# step fails; a ratio that misses its target is a finding, not a failure.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
runs=${BENCH_RUNS:-5}
sizes=${*:-1000 10000}
cmark_flags='-e table -e strikethrough -e autolink -e tagfilter -e tasklist --smart'

bench_needs bench-build hugo cmark-gfm hyperfine time
for n in $sizes; do
	need_count "$n"
done
pin_mend build
bench_outdir
commit=$(git_commit generator themes)

# "user U s, system S s" (hyperfine's means) of command number $2 of $1.
cpu_split() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print("user %.2f s, system %.2f s" % (r["user"], r["system"]))
' "$1" "$2"
}

# Peak RSS (KiB) of one run of "$@" into the fresh output folder $1 ("-"
# for none); its output goes to bench/work/out-build-NAME.txt (cmark-gfm's
# HTML to /dev/null).
peak_rss() {
	out=$1
	name=$2
	shift 2
	log=$work/out-build-$name.txt
	case $name in cmark-*) log=/dev/null ;; esac
	[ "$out" = - ] || rm -rf "$out"
	/usr/bin/time -v -o "$work/time-build-$name.txt" "$@" >"$log" 2>&1 ||
		die "$name failed: $*"
	rss=$(rss_of "$work/time-build-$name.txt")
	[ -n "$rss" ] || die "no peak RSS in $work/time-build-$name.txt"
	echo "$rss"
}

# Hugo's site folder: bench/hugo's config and layouts; content/ comes with
# --contentDir.  Hugo writes its lock file and resources/ here.
hsite=$work/hugo-site
rm -rf "$hsite"
mkdir -p "$hsite"
cp -R bench/hugo/hugo.toml bench/hugo/layouts "$hsite/"

rows=
ratios=
details=
meds=
for n in $sizes; do
	dir=$work/corpus-$n
	echo "bench: N=$n: writing the corpus into ${dir#"$root"/}"
	python3 bench/corpus "$n" "$dir"
	md=$(find "$dir/content" -name '*.md' | wc -l | tr -d ' ')
	seeded=$(grep -c . "$dir/broken-links.txt" || true)

	# mend's project: the corpus as it is, but for the two checks that the
	# seeded links fail, as warnings (same work, and the build succeeds).
	proj=$work/build-$n
	rm -rf "$proj"
	mkdir -p "$proj"
	ln -s "$dir/content" "$proj/content"
	ln -s "$dir/themes" "$proj/themes"
	sed 's/^\[check\]$/[check]\nlinks = "warning"\nfragments = "warning"/' \
		"$dir/site.toml" >"$proj/site.toml"
	grep -q '^links = "warning"' "$proj/site.toml" ||
		die "no [check] table in $dir/site.toml"

	# cmark-gfm's input: every Markdown file's body, front matter stripped.
	bodies=$work/bodies-$n.md
	python3 - "$dir/content" "$bodies" <<'EOF'
import os, sys
root, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as o:
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".md"):
                s = open(os.path.join(d, f), encoding="utf-8").read()
                if s.startswith("+++\n"):
                    s = s[s.index("\n+++\n", 3) + 5:]
                o.write(s.rstrip("\n") + "\n\n")
EOF

	om=$outdir/out-mend-$n
	on=$outdir/out-mend-nocheck-$n
	oh=$outdir/out-hugo-$n
	c_mend="'$mend' -C '$proj' build -q -o '$om'"
	c_noch="'$mend' -C '$proj' build --no-check -q -o '$on'"
	c_hugo="hugo --quiet --source '$hsite' --contentDir '$dir/content' --destination '$oh'"
	c_cmark="cmark-gfm $cmark_flags '$bodies'"

	load0=$(load)
	echo "bench: N=$n: hyperfine: mend build, mend build --no-check, hugo, cmark-gfm ($md Markdown pages, 1 warm-up, $runs runs; load $load0)"
	hyperfine_run "$work/hyperfine-build-$n.err" --warmup 1 --runs "$runs" \
		--export-json "$work/build-$n.json" \
		--prepare "rm -rf '$om'" --prepare "rm -rf '$on'" \
		--prepare "rm -rf '$oh'" --prepare "true" \
		-n "mend build" -n "mend build --no-check" -n hugo -n cmark-gfm \
		"$c_mend" "$c_noch" "$c_hugo" "$c_cmark"
	load1=$(load)

	echo "bench: N=$n: peak memory (/usr/bin/time -v)"
	r_mend=$(peak_rss "$om" "mend-$n" "$mend" -C "$proj" --format json build -q -o "$om")
	r_noch=$(peak_rss "$on" "mend-nocheck-$n" "$mend" -C "$proj" build --no-check -q -o "$on")
	r_hugo=$(peak_rss "$oh" "hugo-$n" hugo --quiet --source "$hsite" \
		--contentDir "$dir/content" --destination "$oh")
	# shellcheck disable=SC2086 # the flags split on purpose
	r_cmark=$(peak_rss - "cmark-$n" cmark-gfm $cmark_flags "$bodies")

	# The outputs hold the same pages, and Hugo's the same links.
	h_mend=$(find "$om" -name '*.html' | wc -l | tr -d ' ')
	h_hugo=$(find "$oh" -name '*.html' | wc -l | tr -d ' ')
	warned=$(grep -c '"severity": *"warning"' "$work/out-build-mend-$n.txt" || true)
	echo "bench: N=$n: validating Hugo's site (bench/validate-corpus)"
	python3 bench/validate-corpus "$dir" "$oh" >"$work/validate-hugo-$n.txt" 2>&1 ||
		{ cat "$work/validate-hugo-$n.txt" >&2; die "Hugo's site is not the corpus's"; }

	# shellcheck disable=SC2046 # numbers, split on purpose
	set -- $(hyperfine_stats "$work/build-$n.json" 1 %.4f median stddev min max cpu)
	m_mend=$1 s_mend=$2 lo_mend=$3 hi_mend=$4 u_mend=$5
	m_noch=$6 s_noch=$7 lo_noch=$8 hi_noch=$9 u_noch=${10}
	m_hugo=${11} s_hugo=${12} lo_hugo=${13} hi_hugo=${14} u_hugo=${15}
	m_cmark=${16} s_cmark=${17} lo_cmark=${18} hi_cmark=${19} u_cmark=${20}
	meds="$meds$n $m_mend $m_noch
"

	for t in "mend build|$m_mend|$r_mend|$u_mend" "mend build --no-check|$m_noch|$r_noch|$u_noch" \
		"Hugo|$m_hugo|$r_hugo|$u_hugo" "cmark-gfm alone|$m_cmark|$r_cmark|$u_cmark"; do
		rows="$rows$(echo "$t" | awk -F'|' -v n="$n" -v md="$md" '{
			printf "| %d | %s | %.3f | %.0f | %.1f MiB | %.2f |", n, $1, $2, md / $2, $3 / 1024, $4 }')
"
	done
	ratios="$ratios$(awk -v n="$n" -v m="$m_mend" -v nc="$m_noch" -v h="$m_hugo" \
		-v c="$m_cmark" -v rm="$r_mend" -v rn="$r_noch" -v rh="$r_hugo" 'BEGIN {
		printf "| %d | Hugo / mend build | %.2f (--no-check: %.2f) | >= 3 | %s |\n",
			n, h / m, h / nc, (h / m >= 3 ? "met" : "missed")
		printf "| %d | mend build / cmark-gfm | %.2f (--no-check: %.2f) | <= 2 | %s |\n",
			n, m / c, nc / c, (m / c <= 2 ? "met" : "missed")
		printf "| %d | mend peak RSS / Hugo peak RSS | %.2f (--no-check: %.2f) | <= 0.5 | %s |",
			n, rm / rh, rn / rh, (rm / rh <= 0.5 ? "met" : "missed") }')
"
	details="$details
### $n pages

- $md Markdown pages in, $h_mend HTML pages out of mend, $h_hugo out of Hugo; $seeded seeded broken links: $warned warnings from mend's build, and Hugo's site validated by bench/validate-corpus ($(sed -n 's/^validate-corpus: //p' "$work/validate-hugo-$n.txt"))
- load average (1, 5, 15 min) before the timed runs: $load0; after: $load1
- mend build: median $m_mend s ± $s_mend s, min $lo_mend s, max $hi_mend s; $(cpu_split "$work/build-$n.json" 0)
- mend build --no-check: median $m_noch s ± $s_noch s, min $lo_noch s, max $hi_noch s; $(cpu_split "$work/build-$n.json" 1)
- hugo: median $m_hugo s ± $s_hugo s, min $lo_hugo s, max $hi_hugo s; $(cpu_split "$work/build-$n.json" 2)
- cmark-gfm: median $m_cmark s ± $s_cmark s, min $lo_cmark s, max $hi_cmark s; $(cpu_split "$work/build-$n.json" 3)
"
done

# Scaling: the largest N against the smallest, target 1.05 x their ratio
# (10.5 for 10,000 against 1,000).
scaling=$(printf '%s' "$meds" | sort -n | awk '
	NR == 1 { n0 = $1; a0 = $2; b0 = $3 } { n1 = $1; a1 = $2; b1 = $3 }
	END { if (n1 > n0) {
		t = 1.05 * n1 / n0
		printf "| %d/%d | mend build %d / %d | %.2f (--no-check: %.2f) | <= %.1f | %s |\n",
			n1, n0, n1, n0, a1 / a0, b1 / b0, t, (a1 / a0 <= t ? "met" : "missed") } }')
ratios="$ratios$scaling"

# The two tables, for the terminal and the results file.
tables() {
	echo '| pages | build | median s | pages/s | peak RSS | CPU s |'
	echo '| ---: | --- | ---: | ---: | ---: | ---: |'
	printf '%s' "$rows"
	echo
	echo '| pages | ratio | measured | target | |'
	echo '| ---: | --- | ---: | ---: | --- |'
	printf '%s' "$ratios"
}
echo
tables

day=$(date +%Y-%m-%d)
out=$(results_file "$day" build)
hugo_v=$(hugo version | awk '{ print $1, $2 }')
cmark_v=$(cmark-gfm --version | head -n 1 | sed 's/ - .*//')
{
	results_head "Build benchmark: mend, Hugo, cmark-gfm, $day"
	echo "- versions: $("$mend" --version) (./mend copied at the start of the run, git $commit), $hugo_v, $cmark_v, $(hyperfine --version)"
	echo "- method: \`sh bench/build.sh $sizes\`: bench/corpus N (seed 1); hyperfine, 1 warm-up and"
	echo "  $runs runs each, a fresh output folder every run; peak RSS from one run under"
	echo "  \`/usr/bin/time -v\`.  The sites are written into $outdir (file system: $outfs;"
	echo "  see bench_outdir in bench/lib.sh for why on tmpfs)."
	echo "  mend build: the full build with the links and fragments checks as"
	echo "  warnings (the seeded links would fail it); Hugo: bench/hugo's minimal layouts, sitemap and"
	echo "  one RSS feed on, taxonomies off; cmark-gfm: \`cmark-gfm $cmark_flags\` over the"
	echo "  Markdown bodies concatenated into one file, output to /dev/null."
	echo "  pages/s = Markdown pages in (N + 16 sections + home + for-counselors) / median."
	echo "  CPU s = user + system time (hyperfine's means): above the median when a tool uses both cores,"
	echo "  and less sensitive than wall time to other work on the machine."
	echo "  Other work on the machine (2 cores, shared) shows in the load averages below."
	echo
	tables
	printf '%s' "$details"
} >"$out"
echo
echo "bench: results in ${out#"$root"/}"
