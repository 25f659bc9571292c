"""Ask a shell, started clean in a pseudo-terminal, to complete a word.

    python3 complete.py SHELL SETUP LINE WANT

SHELL is zsh (interactive, -f: no user or system rc files); SETUP is shell
code run first (fpath, compinit); LINE is typed and followed by TAB; the
test passes when WANT appears on the terminal within 10 seconds.
"""
import os
import pty
import select
import sys
import time

shell, setup, line, want = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "dumb"
    os.environ["PS1"] = "% "
    os.execvp(shell, [shell, "-f", "-i"])
seen = b""


def read_for(secs):
    global seen
    end = time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                return


os.write(fd, (setup + "\n").encode())
read_for(2)
seen = b""
os.write(fd, (line + "\t").encode())
end = time.time() + 10
while time.time() < end and want.encode() not in seen:
    read_for(0.2)
os.write(fd, b"\x03exit\n")
ok = want.encode() in seen
if not ok:
    sys.stdout.write("terminal showed: %r\n" % seen[-300:])
sys.exit(0 if ok else 1)
