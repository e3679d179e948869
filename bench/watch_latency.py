#!/usr/bin/env python3
"""End-to-end latency of `gazette watch` on a generated site, through the real file watcher.

usage: bench/watch_latency.py GAZETTE_BINARY SITE_DIR [EDITS]

Starts `gazette watch` on SITE_DIR (made by `cargo run --release --example gen_corpus`),
edits notices (a sentence added at the end of the text, or one tag replaced), and times
how long each edit takes to reach the output file. Prints medians and 95th percentiles of
the time from saving the file to the page on disk, and of that time less the watcher's
debounce window (50 ms quiet + 30 ms to gather a burst), which is the rebuild itself.
"""
import os, re, statistics, subprocess, sys, tempfile, time

WINDOW_MS = 80.0


def pct(values, q):
    values = sorted(values)
    return values[round((len(values) - 1) * q)]


def wait_for(path, needle, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with open(path, encoding="utf-8") as f:
                if needle in f.read():
                    return time.monotonic()
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    raise SystemExit(f"timed out waiting for {needle!r} in {path}")


def main():
    binary, site = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    out = tempfile.mkdtemp(prefix="gazette-watch-")
    out = os.path.join(out, "public")
    proc = subprocess.Popen([binary, "watch", "--root", site, "--output", out], stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if line.startswith("Watching"):
            break
    notices = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md")
    )
    body, tags = [], []
    try:
        for i in range(edits):
            path = notices[(i * 7919) % len(notices)]
            text = open(path, encoding="utf-8").read()
            title = re.search(r'^title = "(.*)"$', text, re.M).group(1)
            if i % 2 == 0:
                marker = f"Latency probe {i}."
                text = text + f"\n{marker}\n"
                # The notice's own page, found before the edit so the search is not timed.
                section = os.path.basename(os.path.dirname(path))
                page = next(
                    p
                    for p in (os.path.join(out, section, d, "index.html") for d in os.listdir(os.path.join(out, section)))
                    if os.path.isfile(p) and f"<h1>{title}</h1>" in open(p, encoding="utf-8").read()
                )
            else:
                marker = f"probe-tag-{i}"
                text = text.replace('tags = ["', f'tags = ["{marker}", "', 1)
                page = os.path.join(out, "tags", marker, "index.html")
            started = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            done = wait_for(page, marker if i % 2 == 0 else title)
            (body if i % 2 == 0 else tags).append((done - started) * 1000)
            time.sleep(0.2)
    finally:
        proc.terminate()
    for name, values in (("body edit → notice page", body), ("tag change → new tag page", tags)):
        print(
            f"{name:<28} n={len(values):<4} save→disk median {statistics.median(values):6.0f} ms, p95 {pct(values, 0.95):6.0f} ms;"
            f" less the {WINDOW_MS:.0f} ms window: median {statistics.median(values) - WINDOW_MS:6.0f} ms, p95 {pct(values, 0.95) - WINDOW_MS:6.0f} ms"
        )


if __name__ == "__main__":
    main()
