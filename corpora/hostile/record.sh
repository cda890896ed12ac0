#!/bin/sh
# record.sh: records the logs of this folder, real strace runs over names a
# hostile program chooses.  Run it from anywhere; it rewrites the logs.
#
#   dash-y.log   strace -f -yy: cat reads a file named "passwd-" (the
#                shadow-utils backups end in '-': "3</tmp/.../passwd->"
#                must not read as a socket's arrow), one named "a>b<c"
#                (strace escapes < and > in -y paths), and python3 talks
#                over a Unix socket whose path holds '-', '>', '"' and ']'
#                (strace does not escape those inside a socket's brackets).
#
# Needs strace, cat and Debian's /usr/bin/python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
d=/tmp/tracemine-hostile
rm -rf "$d" && mkdir -p "$d"
trap 'rm -rf "$d"' EXIT
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$d/passwd-"
printf 'x\n' > "$d/a>b<c"
cd "$d"
strace -f -yy -o "$here/dash-y.log" env -i sh -c '
cat passwd- "a>b<c" > /dev/null
/usr/bin/python3 -I -S -c "
import socket
p = \"$1/s->]\\\"x>\"
s = socket.socket(socket.AF_UNIX); s.bind(p); s.listen()
c = socket.socket(socket.AF_UNIX); c.connect(p)
a, _ = s.accept()
c.send(b\"hi\"); a.recv(2)
"' sh "$d"
