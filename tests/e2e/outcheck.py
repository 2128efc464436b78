"""tests/e2e/outcheck.py — helpers of test_output_filter.sh.

  outcheck.py pty OUT [NAME=VALUE...] -- COMMAND ARG...
      runs COMMAND on a fresh pseudo-terminal (80x24), the environment given
      added, and writes every byte it sends to the terminal to OUT; the
      command is ended after 5 s (a reader waits for keys: it gets "Q").
  outcheck.py strict FILE [--tty]
      exit 0 when FILE is valid UTF-8 holding no control character but LF
      (and CR with --tty, which a terminal's line discipline adds): no C0,
      no ESC, no DEL, no C1 (U+0080..U+009F); else prints what was found and
      where, exit 1.
  outcheck.py payloads FILE
      exit 0 when FILE (bytes a full-screen program sent, its own escape
      sequences included) holds none of the test payloads' sequences.
"""
import os
import pty
import select
import signal
import sys
import time

# Each payload's control bytes followed by its marker: a byte string that
# curses never produces itself.
PAYLOAD_SEQUENCES = [
    b"\x1b]0;PWN0", b"\x1b]8;;http://pwn8", b"\x1b]52;c;", b"\x1b[21t",
    b"\x1bP1$q", b"\x1b_APCX", b"\x9b2JRAW", b"\xc2\x9b2JC1X", b"\x07BELL",
    b"\x08BACK", b"\x7fDELT",
]


def run_pty(out, env_extra, argv):
    env = dict(os.environ)
    env.update(env_extra)
    pid, fd = pty.fork()
    if pid == 0:
        try:
            import fcntl
            import struct
            import termios
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        except OSError:
            pass
        os.execve(argv[0], argv, env)
    data = b""
    end = time.time() + 5
    sent_quit = False
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        elif not sent_quit and data:
            os.write(fd, b"Q")  # a reader that started: quit it
            sent_quit = True
        p, _ = os.waitpid(pid, os.WNOHANG)
        if p:
            pid = 0
            try:  # what is still buffered
                while select.select([fd], [], [], 0.05)[0]:
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        break
                    data += chunk
            except OSError:
                pass
            break
    if pid:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    with open(out, "wb") as f:
        f.write(data)
    return 0


def strict(path, tty):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: invalid UTF-8 at byte {e.start}: {data[max(0, e.start - 20):e.start + 20]!r}")
        return 1
    allowed = {"\n", "\r"} if tty else {"\n"}
    for i, ch in enumerate(text):
        o = ord(ch)
        if (o < 0x20 and ch not in allowed) or 0x7F <= o <= 0x9F:
            print(f"{path}: control U+{o:04X} at character {i}: {text[max(0, i - 20):i + 20]!r}")
            return 1
    return 0


def payloads(path):
    data = open(path, "rb").read()
    found = [s for s in PAYLOAD_SEQUENCES if s in data]
    for s in found:
        print(f"{path}: holds {s!r}")
    return 1 if found else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "pty":
        out = argv[1]
        rest = argv[2:]
        sep = rest.index("--")
        env = dict(a.split("=", 1) for a in rest[:sep])
        return run_pty(out, env, rest[sep + 1:])
    if len(argv) >= 2 and argv[0] == "strict":
        return strict(argv[1], "--tty" in argv[2:])
    if len(argv) == 2 and argv[0] == "payloads":
        return payloads(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
