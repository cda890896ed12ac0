#!/bin/sh
# fetch.sh: unpacks the AppArmor profiles of Debian's apparmor and
# apparmor-profiles packages into this folder (etc/apparmor.d: the
# profiles, abstractions and tunables the system installs;
# extra-profiles: the package's extra profiles), so the tests read real
# profiles with their real includes.  Needs apt-get download and
# dpkg-deb; run it from anywhere.  The files are the packages' own
# (GPL-2, copyright their authors); nothing is changed, but an empty
# directory the packages ship (tunables/xdg-user-dirs.d, which a tunable
# includes) gets an empty .keep file so that git keeps it; AppArmor, and
# verify/apparmor.c, skip dot files in an included directory.
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
find "$here/etc" -type d -empty -exec touch {}/.keep \;
cp versions "$here/VERSIONS"
