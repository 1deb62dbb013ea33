#!/bin/sh
# Run the check suites named on the command line and print the totals.
#
#   sh tests/run.sh BUILD_DIR TEST... -- SANITIZED_TEST...
#
# Tests before "--" run from BUILD_DIR against BUILD_DIR/../mend; those after
# it run from BUILD_DIR/san against the sanitized build BUILD_DIR/san/mend.
# Each suite prints check's own lines.  Then ./mend builds the guide into a
# fresh temporary folder and tests/browser/validate.mjs runs the outside
# validators on it (the Nu HTML Checker, axe-core in Chromium), one check per
# page per validator per colour scheme; then tests/browser/exercises.mjs
# tests its worksheets in Chromium, tests/browser/matcher.mjs its feedback
# matcher against the C one, tests/browser/safety.mjs its quick
# exit and safety note, tests/browser/search.mjs its search, tests/browser/offline.mjs the offline copy
# ([offline]), tests/browser/disk.mjs the guide opened from disk, and
# tests/browser/serve.mjs `mend serve` (live reload, the overlay of a
# failed build); then examples/multilingual under the validators and from
# disk, and without its Spanish exercise (tests/browser/untranslated.mjs);
# last, a full build runs under valgrind.
# The last line is the grand total as
# "N passed, N failed".  Exits 1 when anything failed.  Run from the root of
# the repository.
build=$1
shift
passed=0
failed=0
san=0
log=$(mktemp)
tmp=$(mktemp -d)
trap 'rm -rf "$log" "$tmp"' EXIT

export MEND_SHARED="${MEND_SHARED:-../shared}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for t in "$@"; do
	if [ "$t" = "--" ]; then
		san=1
		echo "== the same suites under AddressSanitizer and UndefinedBehaviorSanitizer"
		continue
	fi
	if [ $san = 1 ]; then
		bin="$build/san/$t"
		MEND_BIN="$build/san/mend"
	else
		bin="$build/$t"
		MEND_BIN="./mend"
	fi
	export MEND_BIN
	"$bin" >"$log" 2>&1
	status=$?
	cat "$log"
	line=$(grep -E '^[0-9]+%: Checks: [0-9]+' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$bin: no summary from check (exit status $status)"
		failed=$((failed + 1))
		continue
	fi
	checks=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	fails=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	errors=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	passed=$((passed + checks - fails - errors))
	failed=$((failed + fails + errors))
	if [ $status != 0 ] && [ $((fails + errors)) = 0 ]; then
		echo "$bin: exit status $status"
		failed=$((failed + 1))
	fi
done

# browser_test NAME SCRIPT [DIR]: run SCRIPT on the built guide (or on the
# site in DIR) and add its last line, "NAME: N passed, M failed", to the
# totals.
browser_test() {
	node "$2" "${3:-$tmp/site}" >"$log" 2>&1
	status=$?
	cat "$log"
	line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed\$" "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$2: no summary (exit status $status)"
		failed=$((failed + 1))
		return
	fi
	ok=$(echo "$line" | sed -E 's/^[a-z]+: ([0-9]+) passed.*/\1/')
	bad=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ $status != 0 ] && [ "$bad" = 0 ]; then
		echo "$2: exit status $status"
		failed=$((failed + 1))
	fi
}

# The built guide under the outside validators.
echo "== the built guide under the Nu HTML Checker and axe-core"
if ! ./mend build -o "$tmp/site" -q >"$log" 2>&1; then
	cat "$log"
	echo "./mend build -o $tmp/site failed: the validators did not run"
	failed=$((failed + 1))
else
	browser_test validators tests/browser/validate.mjs
	# The worksheets in Chromium: the matcher against the C one, every
	# example typed in, saving and clearing, printing.  ./mend gives the
	# models and C's verdicts (the loop above may have left MEND_BIN on the
	# sanitized build).
	echo "== the worksheets in Chromium"
	export MEND_BIN=./mend
	browser_test exercises tests/browser/exercises.mjs
	# The site's feedback matcher against the C one: the shared vectors, and
	# every code point's class and normal form (tests/feedback-unicode.txt).
	echo "== the browser's feedback matcher, every code point, in Chromium"
	browser_test matcher tests/browser/matcher.mjs
	# Translated exercises: every language's examples through the theme's
	# matcher in Chromium, with C's verdicts.
	echo "== translated exercises in Chromium"
	browser_test translations tests/browser/translations.mjs tests/exercises/translations/good
	# Exit this page (a click, Shift three times, no JavaScript) on every
	# page, and the safety note's place on a phone.
	echo "== Exit this page and the safety note in Chromium"
	browser_test safety tests/browser/safety.mjs
	# Search: a phrase of the guide found on its step over HTTP and from
	# disk, with the keyboard; without JavaScript; nothing sent or kept.
	echo "== search in Chromium"
	browser_test search tests/browser/search.mjs
	# mend serve: a page reloads after an edit, keeping its place; a broken
	# edit shows the overlay (axe-core on it), the fix clears it.
	echo "== mend serve in Chromium: reload, and the overlay of a failed build"
	browser_test serve tests/browser/serve.mjs
	# [offline]: not offered by default; kept only when the reader ticks the
	# box, readable without network, updated by a new build, removed.
	echo "== reading offline ([offline]) in Chromium"
	browser_test offline tests/browser/offline.mjs
	# The guide opened from disk (file://): every link names a file; then
	# the same for its offline copy, unzipped ([offline] archive).
	echo "== the guide from disk (file://) in Chromium"
	browser_test disk tests/browser/disk.mjs
	echo "== the guide's offline copy (guide-offline.zip), unzipped, from disk"
	if unzip -q "$tmp/site/guide-offline.zip" -d "$tmp/unzipped" >"$log" 2>&1; then
		browser_test disk tests/browser/disk.mjs "$tmp/unzipped/guide-offline"
	else
		cat "$log"
		echo "unzip $tmp/site/guide-offline.zip failed"
		failed=$((failed + 1))
	fi
	browser_test rtl tests/browser/rtl.mjs tests/sites/rtl
fi
# The multilingual example (examples/multilingual: English, Arabic,
# Spanish) under the same validators, and opened from disk.
echo "== the multilingual example under the Nu HTML Checker and axe-core"
if ! (cd examples/multilingual && ../../mend build -o "$tmp/multilingual" -q) \
	>"$log" 2>&1; then
	cat "$log"
	echo "building examples/multilingual failed: its validators did not run"
	failed=$((failed + 1))
else
	browser_test validators tests/browser/validate.mjs "$tmp/multilingual"
	echo "== the multilingual example from disk (file://) in Chromium"
	browser_test disk tests/browser/disk.mjs "$tmp/multilingual"
fi
# The same example without its Spanish exercise: the Spanish page holds the
# English original, its texts marked lang="en" (WCAG 3.1.2).
echo "== an exercise with no translation into the page's language, in Chromium"
mkdir -p "$tmp/untranslated-src"
if cp -R examples/multilingual/content examples/multilingual/exercises \
	examples/multilingual/site.toml "$tmp/untranslated-src/" >"$log" 2>&1 &&
	ln -s "$PWD/themes" "$tmp/untranslated-src/themes" &&
	rm "$tmp/untranslated-src/exercises/say-it-back.es.lua" &&
	./mend -C "$tmp/untranslated-src" build -o "$tmp/untranslated" -q >"$log" 2>&1; then
	browser_test untranslated tests/browser/untranslated.mjs "$tmp/untranslated"
else
	cat "$log"
	echo "building the example without its Spanish exercise failed"
	failed=$((failed + 1))
fi
# Its exercise's examples in every language: in C (mend exercise test),
# then in Chromium with C's verdicts.
echo "== the multilingual example's exercises, every language, in C and Chromium"
if (cd examples/multilingual && ../../mend exercise test) >"$log" 2>&1; then
	cat "$log"
	passed=$((passed + 1))
else
	cat "$log"
	echo "mend exercise test failed in examples/multilingual"
	failed=$((failed + 1))
fi
export MEND_BIN=./mend
browser_test translations tests/browser/translations.mjs examples/multilingual
# A full build of the guide under valgrind: no error, no leak of mend's
# (tests/valgrind.supp names the libraries' own).
echo "== a full build of the guide under valgrind"
if valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
	--error-exitcode=9 --suppressions=tests/valgrind.supp \
	./mend build -o "$tmp/valgrind" -q >"$log" 2>&1; then
	echo "valgrind: a full build, no errors, no leaks"
	passed=$((passed + 1))
else
	grep -E '==[0-9]+== (ERROR SUMMARY|.*lost:)|error:' "$log"
	echo "valgrind: the build under valgrind failed (see above)"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
