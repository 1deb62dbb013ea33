# shellcheck shell=sh
# What the benchmark scripts (check.sh, pdf.sh, build.sh, proofer.sh) share.
# Each sources it first thing, from the folder it is in:
#
#   # shellcheck source-path=SCRIPTDIR source=lib.sh
#   . "$(dirname "$0")/lib.sh"
#
# POSIX sh.  Defines functions only; the variables they set are named
# below.  Helper variables start with an underscore.

# die MESSAGE...: say "bench: MESSAGE" on stderr and exit 1.
die() {
	echo "bench: $*" >&2
	exit 1
}

# bench_init: go to the repository's root and set root (its path), mend
# (./mend), work (bench/work, the scratch files) and results (bench/results).
bench_init() {
	cd "$(dirname "$0")/.." || exit 1
	root=$(pwd)
	mend=$root/mend
	work=$root/bench/work
	results=$root/bench/results
}

# bench_needs TARGET PACKAGE...: fail unless ./mend is built (naming the
# make target TARGET that builds it) and python3 is there; when a program
# of the Debian packages PACKAGE... is missing, install them all with
# scripts/deps.sh (as root; otherwise it says what to install), or fail.
# The program of package time is GNU time, /usr/bin/time; of
# ruby-html-proofer, htmlproofer; of any other, the package's name.
# Then make the folders bench/work and bench/results.
bench_needs() {
	[ -x "$mend" ] || die "./mend is not built: run make mend (or make $1)"
	shift
	command -v python3 >/dev/null 2>&1 || die "python3 not found: apt-get install python3"
	_missing=
	for _pkg in "$@"; do
		case $_pkg in
		time) [ -x /usr/bin/time ] || _missing=1 ;;
		ruby-html-proofer) command -v htmlproofer >/dev/null 2>&1 || _missing=1 ;;
		*) command -v "$_pkg" >/dev/null 2>&1 || _missing=1 ;;
		esac
	done
	if [ -n "$_missing" ]; then
		sh scripts/deps.sh "$@" || die "$(package_list "$@") needed"
	fi
	mkdir -p "$work" "$results"
}

# package_list PACKAGE...: "hyperfine is", "hyperfine and GNU time are",
# "hugo, cmark-gfm, hyperfine and GNU time are": the packages by the names
# of what they give (GNU time, html-proofer), for bench_needs's message.
package_list() {
	_list=
	_i=0
	for _pkg in "$@"; do
		_i=$((_i + 1))
		case $_pkg in
		time) _pkg="GNU time" ;;
		ruby-html-proofer) _pkg=html-proofer ;;
		esac
		if [ "$_i" -eq 1 ]; then
			_list=$_pkg
		elif [ "$_i" -eq $# ]; then
			_list="$_list and $_pkg"
		else
			_list="$_list, $_pkg"
		fi
	done
	if [ $# -eq 1 ]; then
		echo "$_list is"
	else
		echo "$_list are"
	fi
}

# bench_outdir: set outdir, the folder the timed builds write their sites
# into, and outfs, what kind of file system holds it.  BENCH_OUT when set
# (an existing folder: BENCH_OUT=bench/work times the builds on the disk);
# otherwise a new folder on the tmpfs /dev/shm, removed when the script
# exits; otherwise bench/work.
#
# Why tmpfs: every timed run writes its site into a fresh folder, so the
# previous run's 20,000 files and folders are deleted just before.  On an
# ext4 file system without a journal (this machine's root), the kernel's
# inode allocator then steps over every inode deleted lately
# (recently_deleted() in fs/ext4/ialloc.c), and creating files costs more
# the more were deleted: the same 10,000-page build took 0.75 s of system
# time on its first run and 6.3 s on its sixth, a minute later.  On disk
# the benchmark would time the file system's history; on tmpfs it times
# the tools.  Both tools write to the same kind of folder either way.
bench_outdir() {
	if [ -n "${BENCH_OUT:-}" ]; then
		[ -d "$BENCH_OUT" ] || die "BENCH_OUT: no folder $BENCH_OUT"
		outdir=$(cd "$BENCH_OUT" && pwd)
	elif [ -d /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
		outdir=$(mktemp -d /dev/shm/mend-bench.XXXXXX 2>/dev/null); then
		# shellcheck disable=SC2064 # expand now: the folder made here
		trap "rm -rf '$outdir'" EXIT
		trap 'exit 1' INT TERM
	else
		outdir=$work
	fi
	outfs=$(df --output=fstype "$outdir" 2>/dev/null | tail -n 1)
	[ -n "$outfs" ] || outfs=unknown
}

# need_count N: fail unless N is a page count (digits only).
need_count() {
	case $1 in
	'' | *[!0-9]*) die "not a page count: $1" ;;
	esac
}

# pin_mend NAME: copy ./mend to bench/work/mend-NAME and point mend at the
# copy, so that a rebuild of ./mend during the run (others may be working
# in this tree) does not change the binary halfway.
pin_mend() {
	cp "$mend" "$work/mend-$1"
	mend=$work/mend-$1
}

# git_commit PATH...: HEAD's short commit ("unknown" outside git), followed
# by ", with uncommitted changes" when git status shows any under PATH...
git_commit() {
	_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
	if [ -n "$(git status --porcelain -- "$@" 2>/dev/null)" ]; then
		_commit="$_commit, with uncommitted changes"
	fi
	echo "$_commit"
}

# load: the load averages (1, 5, 15 min), as uptime gives them.
load() { uptime | sed 's/.*load average: *//'; }

# hyperfine_run ERR ARG...: hyperfine -N --style none ARG..., its output
# thrown away and its stderr kept in the file ERR, shown if it fails (and
# then exit 1).
hyperfine_run() {
	_err=$1
	shift
	hyperfine -N --style none "$@" >/dev/null 2>"$_err" ||
		{ cat "$_err" >&2; die "hyperfine failed"; }
}

# hyperfine_stats JSON SCALE FORMAT FIELD...: one line for each command of
# hyperfine's JSON export JSON: its FIELDs (median, mean, stddev, min, max,
# or cpu: user + system), each multiplied by SCALE and printed with the
# Python format FORMAT (%.4f), separated by spaces.
hyperfine_stats() {
	python3 -c '
import json, sys
path, scale, fmt, keys = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
for r in json.load(open(path))["results"]:
    r["cpu"] = r["user"] + r["system"]
    print(" ".join(fmt % (scale * r[k]) for k in keys))
' "$@"
}

# rss_of FILE: the peak resident set size (KiB) in FILE, a report of
# /usr/bin/time -v; nothing when it has none.
rss_of() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$1"; }

# field LINE NAME: the value of NAME=VALUE in LINE (the figures that
# bench/recall and bench/proofer-recall print on their first line).
field() { echo "$1" | sed "s/.*$2=\([^ ]*\).*/\1/"; }

# results_file DAY KIND: the path of a new results file,
# bench/results/DAY-KIND.md, or DAY-KIND-2.md, -3, ... when a run of the
# same day is already there.
results_file() {
	_out=$results/$1-$2.md
	_k=2
	while [ -e "$_out" ]; do
		_out=$results/$1-$2-$_k.md
		_k=$((_k + 1))
	done
	echo "$_out"
}

# results_head TITLE: the first lines of a results file: "# TITLE", a blank
# line, then the date and the machine (CPUs, CPU model, memory, kernel).
results_head() {
	_cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	_mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	echo "# $1"
	echo
	echo "- date: $(date '+%Y-%m-%d %H:%M %Z')"
	echo "- machine: $(nproc) CPUs (nproc), ${_cpu:-unknown CPU}, $_mem memory, Linux $(uname -r)"
}
