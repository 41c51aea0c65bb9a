#!/usr/bin/env python3
"""Whole-process timing: `senryaku search Q --json --file F` against `fzf --filter Q < F`.

Runs alternate (senryaku, fzf, senryaku, fzf, ...) so that machine noise hits both alike,
and reports the median wall time and the peak RSS of each. Usage:

    python3 benches/vs_fzf.py FILE QUERY [QUERY ...] [--runs N]
"""
import os, statistics, subprocess, sys, time

def run(argv, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t
    if stdin_path:
        stdin.close()
    return dt, ru.ru_maxrss / 1024.0  # ms later, MB

def main():
    args = sys.argv[1:]
    runs = 30
    if "--runs" in args:
        i = args.index("--runs"); runs = int(args[i + 1]); del args[i:i + 2]
    path, queries = args[0], args[1:]
    exe = os.environ.get("SENRYAKU", "target/release/senryaku")
    print(f"file {path} ({os.path.getsize(path)/1e6:.2f} MB), {runs} alternating runs each")
    print(f"{'query':<14} {'senryaku ms':>12} {'fzf ms':>9} {'ratio':>6} {'senryaku MB':>12} {'fzf MB':>8}")
    for q in queries:
        s, f, sm, fm = [], [], 0.0, 0.0
        for _ in range(runs):
            dt, rss = run([exe, "search", q, "--json", "--file", path]); s.append(dt); sm = max(sm, rss)
            dt, rss = run(["fzf", "--filter", q], path); f.append(dt); fm = max(fm, rss)
        ms, mf = statistics.median(s) * 1e3, statistics.median(f) * 1e3
        print(f"{q:<14} {ms:>12.1f} {mf:>9.1f} {ms/mf:>6.2f} {sm:>12.1f} {fm:>8.1f}")

main()
