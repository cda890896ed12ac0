#!/bin/sh
# fetch.sh: unpacks the AppArmor profiles of Debian's apparmor and
# apparmor-profiles packages into this folder (etc/apparmor.d: the
# profiles, abstractions and tunables the system installs;
# extra-profiles: the package's extra profiles), so the tests read real
# profiles with their real includes.  Needs apt-get download and
# dpkg-deb; run it from anywhere.  The files are the packages' own
# (GPL-2, copyright their authors); nothing is changed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aa.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get download apparmor apparmor-profiles > /dev/null
for d in apparmor_*.deb apparmor-profiles_*.deb; do
	dpkg-deb -x "$d" root
	dpkg-deb -f "$d" Package Version >> versions
done
rm -rf "$here/etc" "$here/extra-profiles"
mkdir -p "$here/etc"
cp -R root/etc/apparmor.d "$here/etc/"
cp -R root/usr/share/apparmor/extra-profiles "$here/extra-profiles"
cp versions "$here/VERSIONS"
