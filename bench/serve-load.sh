#!/bin/sh
# Load `mend serve` with wrk: the repository's guide served on a loopback
# port, 64 connections for 30 s (BENCH_SECONDS), requests spread over every
# file of the built site (pages by their folder address, style sheets,
# scripts, images, PDFs).  Reports wrk's requests/s, latency, socket errors
# and non-2xx/3xx responses, and the server's memory before and after
# (VmRSS and the peak VmHWM, from /proc/PID/status): issue 15 asks for 0
# errors, 0 non-2xx, and memory that stays steady.
#
#   sh bench/serve-load.sh              (make bench-serve)
#
# Writes bench/results/YYYY-MM-DD-serve-load.md.  Installs the Debian
# package wrk when missing (as root; otherwise says what to install).
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
seconds=${BENCH_SECONDS:-30}
bench_needs bench-serve wrk
pin_mend serve-load
bench_outdir

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$outdir/serve-load-tmp"
TMPDIR=$outdir/serve-load-tmp NO_COLOR=1 "$mend" serve --port "$port" \
	>"$work/serve-load.out" 2>"$work/serve-load.err" &
pid=$!
# shellcheck disable=SC2064 # expand now
trap "kill -INT $pid 2>/dev/null; rm -rf '$outdir'" EXIT
i=0
until grep -q '^Serving the site at' "$work/serve-load.out"; do
	i=$((i + 1))
	[ $i -lt 600 ] || die "mend serve did not start: $(cat "$work/serve-load.err")"
	kill -0 $pid 2>/dev/null || die "mend serve exited: $(cat "$work/serve-load.err")"
	sleep 0.1
done
site=$(ls -d "$outdir"/serve-load-tmp/mend-serve-*/site)

# The paths wrk asks for: each file of the site, a page by its folder.
paths=$work/serve-load-paths.lua
(cd "$site" && find . -type f ! -name '.*' | sort | sed -e 's|^\.||' \
	-e 's|/index\.html$|/|') | python3 -c '
import sys
paths = [l.strip() for l in sys.stdin if l.strip()]
print("paths = {" + ", ".join(repr(p).replace("\x27", "\"") for p in paths) + "}")
print("""
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
""")' >"$paths"
npaths=$(tr ',' '\n' <"$paths" | grep -c '"/')

mem() { awk '/^VmRSS|^VmHWM/ { printf "%s %s ", $1, $2 }' "/proc/$pid/status"; }
before=$(mem)
load0=$(load)
echo "bench: wrk -t2 -c64 -d${seconds}s over $npaths paths (load $load0)"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$paths" "http://127.0.0.1:$port" \
	>"$work/serve-load-wrk.txt" 2>&1 || die "wrk failed: $(cat "$work/serve-load-wrk.txt")"
after=$(mem)
echo "bench: a second run, to see whether memory keeps growing"
wrk -t2 -c64 -d"${seconds}s" -s "$paths" "http://127.0.0.1:$port" \
	>"$work/serve-load-wrk2.txt" 2>&1 || die "wrk failed"
after2=$(mem)
cat "$work/serve-load-wrk.txt"

kill -INT $pid
wait $pid || die "mend serve exited with status $?"
trap "rm -rf '$outdir'" EXIT
left=$(ls -A "$outdir/serve-load-tmp" | wc -l)

rps=$(sed -n 's/^Requests\/sec: *//p' "$work/serve-load-wrk.txt")
rps2=$(sed -n 's/^Requests\/sec: *//p' "$work/serve-load-wrk2.txt")
total=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/serve-load-wrk.txt")
sockerr=$(sed -n 's/^ *Socket errors: *//p' "$work/serve-load-wrk.txt")
non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$work/serve-load-wrk.txt")
sockerr2=$(sed -n 's/^ *Socket errors: *//p' "$work/serve-load-wrk2.txt")
non2xx2=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$work/serve-load-wrk2.txt")
lat=$(awk '/Latency Distribution/ { on = 1; next } on && /%/ { printf "%s %s, ", $1, $2 }' \
	"$work/serve-load-wrk.txt")
kb() { echo "$1" | sed -n "s/.*$2: \([0-9]*\).*/\1/p"; }

out=$(results_file "$(date +%Y-%m-%d)" serve-load)
{
	results_head "mend serve under wrk: the guide, 64 connections, ${seconds} s"
	echo "- mend: $("$mend" --version 2>/dev/null | head -n 1) (commit $(git_commit generator))"
	echo "- wrk: $(wrk -v 2>&1 | head -n 1)"
	echo "- load averages at the start: $load0; the private folder on $outfs"
	echo "- $npaths paths: every file of the built guide, a page by its folder's address"
	echo
	echo "| run | requests | requests/s | socket errors | non-2xx/3xx |"
	echo "| --- | --- | --- | --- | --- |"
	echo "| 1 | $total | $rps | ${sockerr:-none} | ${non2xx:-0} |"
	echo "| 2 | | $rps2 | ${sockerr2:-none} | ${non2xx2:-0} |"
	echo
	echo "Latency percentiles of run 1: ${lat%, }."
	echo
	echo "| server memory (KiB) | VmRSS | VmHWM (peak) |"
	echo "| --- | --- | --- |"
	echo "| after the first build, before wrk | $(kb "$before" VmRSS) | $(kb "$before" VmHWM) |"
	echo "| after run 1 | $(kb "$after" VmRSS) | $(kb "$after" VmHWM) |"
	echo "| after run 2 | $(kb "$after2" VmRSS) | $(kb "$after2" VmHWM) |"
	echo
	echo "Stopped with SIGINT: exit status 0, $left entries left in its TMPDIR."
} >"$out"
cat "$out"
echo "bench: written to ${out#"$root"/}"
