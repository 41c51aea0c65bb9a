#!/usr/bin/env python3
"""Key-to-frame latency of the real browser in a pseudo-terminal.

    python3 benches/keys.py FILE [KEYS]

Starts `target/release/senryaku FILE` in a 120x40 pty (with `OTHER=OLD`, `senryaku OLD FILE`:
two editions, opening on the plan → result view), waits for the first frame, then sends
each key of KEYS (default: navigation keys) many times and measures the time from writing
the key to the end of the frame it causes (the output going quiet for 3 ms). Prints the time
to the first frame and, per key, the median and the worst.

With `LOCK=path/to/notes.db`, another process holds that notes store's write lock while the
keys are timed, and `PRE` (default `\tm`: a mark on the first item) is sent first: the
browser's save waits for the lock, and the keys show whether the browser waits with it.
The lock is released at the end, and the save must then finish ("Saved").
"""
import os, pty, re, select, statistics, struct, sys, time, fcntl, termios

BIN = os.environ.get("SENRYAKU", os.path.join(os.path.dirname(__file__), "..", "target", "release", "senryaku"))


def read_until_quiet(fd, quiet=0.003, limit=10.0):
    """Reads until no byte arrives for `quiet` seconds; returns (bytes, time of last byte)."""
    out = b""
    last = time.perf_counter()
    deadline = last + limit
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            if out:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        last = time.perf_counter()
    return out, last


def main():
    path = sys.argv[1]
    keys = sys.argv[2].split(",") if len(sys.argv) > 2 else ["j", "k", "]", "[", "G", "g", "\t"]
    rounds = int(os.environ.get("ROUNDS", "15"))
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        other = os.environ.get("OTHER")
        os.execv(BIN, [BIN, other, path] if other else [BIN, path])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    t0 = time.perf_counter()
    buf = b""
    answered = False
    while b"NORMAL" not in buf:
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            sys.exit("no first frame")
        buf += os.read(fd, 65536)
        # Answer the width probe (ESC [ 6 n) as a terminal that draws ① narrow does.
        if not answered and b"\x1b[6n" in buf:
            os.write(fd, b"\x1b[1;2R")
            answered = True
    first = time.perf_counter() - t0
    read_until_quiet(fd, 0.05)
    print(f"first frame: {first*1000:.1f} ms")
    lock_path = os.environ.get("LOCK")
    lock = None
    if lock_path:
        import sqlite3
        lock = sqlite3.connect(lock_path, isolation_level=None, timeout=30)
        lock.execute("BEGIN EXCLUSIVE")
        os.write(fd, os.environ.get("PRE", "\tm").encode())
        out, _ = read_until_quiet(fd, 0.2)
        if b"Saving" not in out:
            sys.exit("the save did not start")
    for key in keys:
        times = []
        for _ in range(rounds):
            sent = time.perf_counter()
            os.write(fd, key.encode())
            _, last = read_until_quiet(fd)
            times.append(last - sent)
        label = {"\t": "Tab"}.get(key, key)
        print(f"{label!r:>10}: median {statistics.median(times)*1000:6.1f} ms  worst {max(times)*1000:6.1f} ms")
    if lock is not None:
        held = time.perf_counter()
        lock.execute("COMMIT")
        lock.close()
        out = b""
        while b"Saved" not in out and time.perf_counter() - held < 30:
            chunk, _ = read_until_quiet(fd, 0.1)
            out += chunk
        print("save finished after the lock was released" if b"Saved" in out else "the save never finished")
    query = os.environ.get("QUERY")
    if query:
        # Each character of the query: time to its echo, and to the frame whose hit count
        # changed (the results). Needs pyte to read the screen: pip install pyte.
        import pyte
        screen = pyte.Screen(120, 40)
        stream = pyte.ByteStream(screen)
        count_re = re.compile(r"(\d[\d of]* hits?|No match)")

        def count():
            for y in range(6):
                line = screen.buffer[y]
                row = "".join(line[x].data for x in range(screen.columns))
                m = count_re.search(row)
                if m:
                    return m.group(1)
            return None

        os.write(fd, b"/")
        stream.feed(read_until_quiet(fd)[0])
        echo, results = [], []
        for ch in query:
            before = count()
            sent = time.perf_counter()
            os.write(fd, ch.encode())
            t_echo, t_last = None, sent
            while True:
                r, _, _ = select.select([fd], [], [], 2)
                if not r:
                    break
                stream.feed(os.read(fd, 65536))
                t_last = time.perf_counter()
                t_echo = t_echo or t_last
                if count() != before:
                    break
            echo.append((t_echo or t_last) - sent)
            results.append(t_last - sent)
            stream.feed(read_until_quiet(fd)[0])
        print(f"search {query!r}: echo median {statistics.median(echo)*1000:.1f} ms, "
              f"results median {statistics.median(results)*1000:.1f} ms, worst {max(results)*1000:.1f} ms")
        os.write(fd, b"\x1b")
        read_until_quiet(fd)
    # Esc first: a popup (the notes list, say) would take q as typing.
    os.write(fd, b"\x1b")
    time.sleep(0.1)
    os.write(fd, b"q")
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
