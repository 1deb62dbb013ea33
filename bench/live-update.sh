#!/bin/sh
# Benchmark incremental rebuilds (generator/live.h, what `mend serve` runs
# on each save): the time from a page's body saved to the output folder
# brought up to date, checks included, on the 10,000-page corpus.
#
#   sh bench/live-update.sh [N]          (default: 10000; make bench-live)
#
# Writes the corpus (bench/corpus N bench/work/live-corpus-N) and turns its
# seeded broken links and fragments into warnings in its site.toml (a
# build with errors keeps nothing to update from; every check still runs).
# Then `mend debug live-update -o OUT` (a debugging aid: a full build, then
# one live_update per line of standard input, each answered with its exit
# status and seconds) is driven by a small Python script: BENCH_EDITS
# edits (default 20), each appending a sentence to the body of a page (a
# different page of a different section each time, none of them printed
# in the booklets), each timed by mend from the call to live_update to its
# return, output files written.  The file is put back as it was after
# each edit.  Prints the median, the fastest and slowest edit, and the
# full build's time, and writes them to bench/results/YYYY-MM-DD-live.md.
# OUT is on tmpfs when there is one (see bench_outdir in lib.sh).
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
n=${1:-10000}
edits=${BENCH_EDITS:-20}
need_count "$n"
need_count "$edits"

bench_needs bench-live
pin_mend live
bench_outdir

dir=$work/live-corpus-$n
if [ ! -f "$dir/site.toml" ]; then
	echo "bench: writing the corpus into ${dir#"$root"/}"
	python3 bench/corpus "$n" "$dir" >/dev/null
fi
if ! grep -q '^links = "warning"' "$dir/site.toml"; then
	printf 'links = "warning"\nfragments = "warning"\n' >>"$dir/site.toml"
fi
out=$outdir/live-$n
rm -rf "$out"

echo "bench: N=$n: a full build, then $edits body edits, each followed by live_update"
before=$(load)
figures=$(cd "$dir" && python3 - "$mend" "$out" "$edits" <<'PY'
import os, subprocess, statistics, sys

mend, out, edits = sys.argv[1], sys.argv[2], int(sys.argv[3])
# One page of each section in turn, never a section's own _index.md.
sections = sorted(d for d in os.listdir("content")
                  if os.path.isdir(os.path.join("content", d)))
pages = []
for k in range(edits):
    folder = os.path.join("content", sections[k % len(sections)])
    names = sorted(f for f in os.listdir(folder) if f.endswith(".md") and f != "_index.md")
    pages.append(os.path.join(folder, names[(k * 7) % len(names)]))

proc = subprocess.Popen([mend, "debug", "live-update", "-o", out],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, text=True)

def answer():
    line = proc.stdout.readline().split()
    if len(line) < 3 or line[0] != "0":
        sys.exit("bench: live-update answered %r" % " ".join(line))
    return line

first = answer()
times, kinds = [], set()
for k, page in enumerate(pages):
    text = open(page, encoding="utf-8").read()
    try:
        with open(page, "w", encoding="utf-8") as f:
            f.write(text + "\nOne more sentence, for edit %d.\n" % k)
        proc.stdin.write(page + "\n")
        proc.stdin.flush()
        line = answer()
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(text)
    times.append(float(line[1]) * 1000)
    kinds.add(" ".join(line[2:]))
    # The page put back: one more update, not timed, so the next edit
    # starts from the corpus as written.
    proc.stdin.write(page + "\n")
    proc.stdin.flush()
    answer()
proc.stdin.close()
proc.wait()
print("median=%.1f min=%.1f max=%.1f full=%.2f kinds=%s" % (
    statistics.median(times), min(times), max(times), float(first[1]),
    "/".join(sorted(kinds)).replace(" ", "_")))
PY
)
after=$(load)
median=$(field "$figures" median)
fastest=$(field "$figures" min)
slowest=$(field "$figures" max)
full=$(field "$figures" full)
kinds=$(field "$figures" kinds | tr _ ' ')

day=$(date +%Y-%m-%d)
commit=$(git_commit generator bench)  # before the results file exists
file=$(results_file "$day" live)
{
	results_head "Incremental rebuilds: one page's body edited, live_update"
	echo "- commit: $commit"
	echo "- corpus: bench/corpus $n (links and fragments as warnings), output on $outfs"
	echo "- load averages before and after: $before; $after"
	echo
	echo "| pages | edits | median | fastest | slowest | full build (live_build_all) |"
	echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
	echo "| $n | $edits | $median ms | $fastest ms | $slowest ms | $full s |"
	echo
	echo "Each edit appended a sentence to one page's body; every update wrote: $kinds."
	echo "The time is live_update's, measured by mend around the call (checks and"
	echo "writing included; not the reading of the edit, not a browser's reload)."
} >"$file"
cat "$file"
echo "bench: wrote ${file#"$root"/}"
