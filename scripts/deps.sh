#!/bin/sh
# Install the Debian packages named on the command line, when any is missing.
# Idempotent: with every package present it installs nothing and says so.
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
