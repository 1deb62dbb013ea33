#!/bin/sh
# Run fuzz targets, each for a while, on one core.
#
#   sh fuzz/run.sh SECONDS SHARED TARGET...
#
# Each target TARGET (build/fuzz/fuzz_TARGET, made by `make fuzz-build`)
# starts from the seeds fuzz/seeds.py makes in build/fuzz/seeds/TARGET/
# (from SHARED/conformance and the fixtures) and from what fuzz/corpus/TARGET/
# keeps; what it finds that adds coverage goes to build/fuzz/corpus/TARGET/,
# and an input that crashes, hangs, leaks or runs out of memory to
# fuzz/crashers/TARGET/ as crash-*, timeout-*, leak-*, oom-* (libFuzzer's
# names).  Each target's log is build/fuzz/TARGET.log; a line per target
# says its executions, time, coverage and what it found.  Exits 1 when a
# target found something.  Run from the root of the repository.
secs=$1
shared=$2
shift 2
status=0

rm -rf build/fuzz/seeds
python3 fuzz/seeds.py "$shared" build/fuzz/seeds || exit 1
for t in "$@"; do
	case $t in
	markdown) max_len=8192 ;;
	check_page) max_len=16384 ;;
	*) max_len=4096 ;;
	esac
	mkdir -p "build/fuzz/corpus/$t" "fuzz/crashers/$t" "build/fuzz/seeds/$t"
	dirs="build/fuzz/corpus/$t build/fuzz/seeds/$t"
	[ -d "fuzz/corpus/$t" ] && dirs="$dirs fuzz/corpus/$t"
	log="build/fuzz/$t.log"
	# shellcheck disable=SC2086
	"build/fuzz/fuzz_$t" $dirs -max_total_time="$secs" -max_len=$max_len \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="fuzz/crashers/$t/" >"$log" 2>&1
	code=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
	if [ $code = 0 ]; then
		found="nothing"
	else
		found=$(grep -oE '(crash|timeout|leak|oom|slow-unit)-[0-9a-f]+' \
			"$log" | tail -n 1)
		found="${found:-exit status $code}: see $log"
		status=1
	fi
	echo "fuzz $t: ${execs:-?} executions in ${took:-?} s, ${cov:-no coverage}; found $found"
done
exit $status
