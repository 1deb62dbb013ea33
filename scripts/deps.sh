#!/bin/sh
# Install the Debian packages named on the command line, when any is missing.
# Idempotent: with every package present it installs nothing and says so.
#
#   sh scripts/deps.sh --npm
#
# installs the npm packages pinned in package-lock.json (the outside
# validators of `make check`) with `npm ci`, when node_modules is missing or
# older than package.json or package-lock.json; quiet when up to date.
# Install scripts are not run: none is needed, and vnu-jar's would try to
# download a Java runtime when none is installed (Debian's is used instead).
if [ "$1" = "--npm" ]; then
	stamp=node_modules/.package-lock.json
	if [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ] &&
		[ ! package.json -nt "$stamp" ]; then
		exit 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "deps: npm not found: install Node.js and npm (make deps, as root)" >&2
		exit 1
	fi
	echo "deps: npm ci (package-lock.json)"
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error || exit 1
	# npm ci leaves the hidden lockfile older than package.json when
	# package.json was touched without a change: mark it as checked.
	touch "$stamp"
	exit 0
fi
missing=
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)
	case "$status" in
	ii*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
if [ -z "$missing" ]; then
	echo "deps: all $# Debian packages present"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || exit 1
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
echo "deps: installed$missing"
